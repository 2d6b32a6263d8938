"""What a run produces: one frozen result per file read, and the run's result.

Every command reads these: ``check`` and ``report`` render the assessment of their one evidence
file, ``validate`` renders the diagnostics of every file. They are the same values whichever
command asked, so the commands cannot disagree about a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from ntm_check import counting
from ntm_check.diagnostics import Diagnostic, Level
from ntm_check.text import Text

if TYPE_CHECKING:  # the engine (and its models) is not imported on a run served by the cache
    from ntm_check.engine import Assessment

#: ``criteria``: a criteria set; ``evidence``: a unit's evidence file; ``unknown``: unreadable or
#: not a mapping; ``other``: a YAML file that is neither kind (skipped, e.g. a tool's config)
FileKind = Literal["criteria", "evidence", "unknown", "other"]


#: the code of the error for a file judged on a date before its own ``as_of``
AFTER_JUDGING_DATE = "as-of-before-assessment"


def count(diagnostics: Iterable[Diagnostic], level: Level) -> int:
    return sum(1 for d in diagnostics if d.level is level)


@dataclass(frozen=True)
class Verdict:
    """The counts of an assessment, small enough to cache and to send between processes.

    The same numbers as :class:`ntm_check.engine.Summary`, from which it is made.
    """

    total: int
    met: int
    unmet: int
    no_data: int
    not_applicable: int
    overdue_actions: int
    #: indicators whose text and threshold are not verified against the official text
    unverified: int

    @property
    def applicable(self) -> int:
        return counting.applicable(self.total, self.not_applicable)

    @property
    def passed(self) -> bool:
        return counting.passed(self.met, self.total, self.not_applicable)

    def as_json(self) -> dict[str, object]:
        return {
            "total": self.total,
            "applicable": self.applicable,
            "met": self.met,
            "unmet": self.unmet,
            "no_data": self.no_data,
            "not_applicable": self.not_applicable,
            "passed": self.passed,
            "unverified_indicators": self.unverified,
            "overdue_actions": self.overdue_actions,
        }


#: a name in both languages (the one bilingual text type)
Words = Text
"""A text in Vietnamese and English, as the unit's files give it."""


# The three records below are NamedTuples, not frozen dataclasses: a province's summaries hold
# some 20,000 of them, and a run served by the cache builds them all; a tuple is built in a
# third of the time (a frozen dataclass sets each field through object.__setattr__).


class CriterionCount(NamedTuple):
    """One criterion of one unit: indicators met, applicable and not applicable."""

    number: int
    name: Words
    met: int
    applicable: int
    not_applicable: int


class Gap(NamedTuple):
    """An indicator not met (or without data) and the department responsible for it."""

    indicator: str
    criterion: int
    status: str
    department: str
    department_name: Words


class OpenAction(NamedTuple):
    """An action not done yet, and whether it is overdue on the date deadlines are judged on."""

    number: int
    id: str
    owner: str
    owner_name: Words
    support: tuple[str, ...]
    due: str | None
    overdue: bool
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class SetFacts:
    """What a unit's summary takes from its criteria set: names, and where each indicator
    belongs. Cached once per set (by the set file's SHA-256), not in every unit's entry: a
    province's 700 entries repeated them 700 times, and decoding them was most of a cached
    ``ntm-check status``."""

    set_id: str
    title: Words
    #: the kind of unit the set assesses (``district``, ``commune``…)
    kind: str
    #: every criterion, in the set's order: number and name
    criteria: tuple[tuple[int, Words], ...]
    #: every indicator, in the set's order: id, criterion number, department responsible
    indicators: tuple[tuple[str, int, str], ...]
    departments: dict[str, Words]

    @cached_property
    def ids(self) -> tuple[str, ...]:
        """The indicators' ids, in the set's order."""
        return tuple(i for i, _, _ in self.indicators)

    @cached_property
    def spans(self) -> tuple[tuple[int, Words, int, int], ...]:
        """Each criterion with where its indicators lie among :attr:`indicators` (a set lists
        them criterion by criterion): number, name, start, end."""
        out, start = [], 0
        for number, name in self.criteria:
            end = start
            while end < len(self.indicators) and self.indicators[end][1] == number:
                end += 1
            out.append((number, name, start, end))
            start = end
        return tuple(out)

    def department_name(self, body: str) -> Words:
        """A department's name by its id; a body the set does not list is named by itself."""
        return self.departments.get(body, Text(body, body))

    def to_json(self) -> list[Any]:
        return [self.set_id, self.title, self.kind, self.criteria, self.indicators,
                self.departments]  # fmt: skip

    @classmethod
    def from_json(cls, data: list[Any]) -> SetFacts:
        """The facts a cache entry holds; raises (ValueError, TypeError) on another shape."""
        set_id, title, kind, criteria, indicators, departments = data
        facts = cls(
            str(set_id),
            Text(*title),
            str(kind),
            tuple((int(n), Text(*name)) for n, name in criteria),
            tuple((str(i), int(c), str(d)) for i, c, d in indicators),
            {str(k): Text(*v) for k, v in departments.items()},
        )
        if not facts.spans or facts.spans[-1][3] != len(facts.indicators):
            raise ValueError("indicators outside the criteria, or out of their order")
        return facts


def tally(facts: SetFacts, codes: str) -> tuple[tuple[CriterionCount, ...], tuple[Gap, ...]]:
    """Each criterion's counts and the open gaps, from every indicator's status (``codes``:
    see :func:`status_codes`): the one way both are made, from an assessment or the cache.

    Counted with ``str.count`` over each criterion's run of indicators, not indicator by
    indicator: a cached ``status`` of a province makes 700 of these."""
    criteria = tuple(_count(n, name, codes[a:b]) for n, name, a, b in facts.spans)
    named = facts.department_name
    gaps = tuple(
        Gap(indicator, number, _CODE_STATUS[code], department, named(department))
        for (indicator, number, department), code in zip(facts.indicators, codes, strict=True)
        if code in "un"  # unmet or no data: a gap for the department responsible
    )
    return criteria, gaps


def _count(number: int, name: Words, codes: str) -> CriterionCount:
    not_applicable = codes.count("x")
    return CriterionCount(number, name, codes.count("m"), len(codes) - not_applicable,
                          not_applicable)  # fmt: skip


def status_codes(statuses: Iterable[str]) -> str:
    """Indicators' statuses as one letter each (met ``m``, unmet ``u``, no data ``n``, not
    applicable ``x``), in the set's order: how a cache entry keeps them."""
    return "".join(map(_STATUS_CODE.__getitem__, statuses))


_STATUS_CODE = {"met": "m", "unmet": "u", "no_data": "n", "not_applicable": "x"}
_CODE_STATUS = {code: status for status, code in _STATUS_CODE.items()}


@dataclass(frozen=True)
class UnitSummary:
    """What the province-wide commands need of one unit's assessment, small enough to cache.

    Made from an :class:`ntm_check.engine.Assessment` by ``run.assess.summary_of``; the same
    facts ``check`` shows, never judged a second way.
    """

    unit_id: str
    name: Words
    kind: str
    set_id: str
    set_title: Words
    province_code: str | None
    province_name: Words
    as_of: str
    judged_on: str
    verdict: Verdict
    criteria: tuple[CriterionCount, ...]
    gaps: tuple[Gap, ...]
    actions: tuple[OpenAction, ...]
    #: every indicator's status in the set's order, a letter each (see :func:`status_codes`;
    #: :attr:`statuses` spells them out): a province's summaries held 84,000 pairs otherwise
    codes: str = ""
    #: the actions done, with their deadlines (for ``history``: on time or late)
    done: tuple[tuple[str, str | None], ...] = ()
    #: the unit's official code, as the file gives it (``status --by area``)
    code: str | None = None
    #: the facts of the unit's set, shared by all its units (what the codes are of)
    facts: SetFacts | None = field(default=None, compare=False, repr=False)

    @property
    def statuses(self) -> tuple[tuple[str, str], ...]:
        """Every indicator's id and status, in the set's order (for ``history``)."""
        if self.facts is None:
            return ()
        return tuple(zip(self.facts.ids, map(_CODE_STATUS.__getitem__, self.codes), strict=True))

    @property
    def age_days(self) -> int:
        return (dt.date.fromisoformat(self.judged_on) - dt.date.fromisoformat(self.as_of)).days

    @property
    def weakest(self) -> CriterionCount | None:
        """The criterion with the smallest share met (most gaps, then lowest number, on ties)."""
        open_ = [c for c in self.criteria if c.applicable and c.met < c.applicable]
        if not open_:
            return None
        return min(open_, key=lambda c: (c.met / c.applicable, c.met - c.applicable, c.number))

    def to_json(self) -> list[Any]:
        """The summary as a cache entry keeps it: positional arrays (they decode and rebuild
        about twice as fast as objects), without what its set's :class:`SetFacts` give (names,
        each criterion's counts, the gaps: :func:`tally` makes them again from the statuses).
        ``ntm-check status`` served by the cache spends most of its time reading these."""
        return [
            self.unit_id,
            self.name,
            self.province_code,
            self.province_name,
            self.as_of,
            self.judged_on,
            astuple(self.verdict),
            self.codes,
            [
                [a.number, a.id, a.owner, a.support, a.due, a.overdue, a.indicators]
                for a in self.actions
            ],
            self.done,
            self.code,
        ]

    @classmethod
    def from_json(cls, data: list[Any], facts: SetFacts) -> UnitSummary:
        """The summary a cache entry holds, with its set's facts; raises (ValueError,
        TypeError, KeyError) on another shape."""
        (unit_id, name, province_code, province, as_of, judged_on, verdict, codes, actions,
         done, code) = data  # fmt: skip
        if len(codes) != len(facts.indicators) or codes.strip("munx"):
            raise ValueError("not the statuses of this set's indicators")
        criteria, gaps = tally(facts, codes)
        named = facts.department_name
        return cls(
            unit_id,
            Text(*name),
            facts.kind,
            facts.set_id,
            facts.title,
            province_code,
            Text(*province),
            as_of,
            judged_on,
            Verdict(*verdict),
            criteria,
            gaps,
            tuple(
                OpenAction(n, i, o, named(o), (*sup,), due, late, (*ind,))
                for n, i, o, sup, due, late, ind in actions
            ),
            codes,
            tuple(map(tuple, done)),
            code,
            facts,
        )


@dataclass(frozen=True)
class FileResult:
    """One file: its kind, its problems and, for valid evidence when asked, its assessment."""

    path: str
    kind: FileKind
    diagnostics: tuple[Diagnostic, ...]
    #: the unit id an evidence file claims (``id``), or the id of a criteria set
    unit_id: str | None = None
    #: the criteria set an evidence file names
    set_id: str | None = None
    #: SHA-256 of the bytes read
    sha256: str | None = None
    assessment: Assessment | None = None
    #: what the province-wide commands need of the assessment, when asked for (``status``)
    summary: UnitSummary | None = None
    #: the assessment's counts, for every valid evidence file (cached with its diagnostics)
    verdict: Verdict | None = None
    #: read because an evidence file named it, not because it was among the paths given
    implicit: bool = False
    #: files made from the assessment where it was judged (see ``AssessOptions.pages``)
    pages: tuple[tuple[str, str], ...] = ()
    #: the unit's official code, as an evidence file gives it
    code: str | None = None
    #: a version whose content could not be read (see :func:`unread`)
    unread: bool = False

    @property
    def errors(self) -> int:
        return count(self.diagnostics, Level.ERROR)

    @property
    def warnings(self) -> int:
        return count(self.diagnostics, Level.WARNING)


def unread(name: str, problem: Diagnostic) -> FileResult:
    """A version of a unit whose content could not be read (a corrupt or missing git object, a
    file the opener refuses): in a history, a point without a verdict that says why; never
    judged, never cached."""
    return FileResult(name, "unknown", (problem,), unread=True)


@dataclass(frozen=True)
class RunResult:
    """Every file of a run, in a stable order: the paths given first, then the sets they named."""

    files: tuple[FileResult, ...]
    #: problems with the arguments themselves (a path that does not exist, an empty directory)
    arguments: tuple[Diagnostic, ...] = ()
    #: files answered from the cache
    cached: int = 0
    #: processes that checked files (this one included)
    workers: int = 1

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return (*self.arguments, *(d for f in self.files for d in f.diagnostics))

    @property
    def errors(self) -> int:
        return count(self.diagnostics, Level.ERROR)

    @property
    def warnings(self) -> int:
        return count(self.diagnostics, Level.WARNING)

    @property
    def skipped(self) -> tuple[FileResult, ...]:
        """YAML files that are neither criteria sets nor evidence (see ``FileKind``)."""
        return tuple(f for f in self.files if f.kind == "other")

    def evidence(self) -> tuple[FileResult, ...]:
        return tuple(f for f in self.files if f.kind == "evidence")


@dataclass(frozen=True)
class UnitRef:
    """An administrative unit as the reports show it: plain text copied from the registry, so
    that nothing which renders it reads the registry (``units``, ``status --by area``)."""

    code: str
    #: the full name: ``Huyện Tân Yên``
    name: str
    #: the name without its kind: ``Tân Yên``
    short: str
    #: the kind, in Vietnamese and lower case (``huyện``), and in English (``district``)
    kind: str
    kind_en: str
    #: ``province``, ``district`` or ``commune``
    level: str
    #: ``legacy``: the map before 1/7/2025; ``2025``: the map from that day
    era: str


@dataclass(frozen=True)
class NowUnit:
    """A commune of the new map covering (part of) a legacy unit's area."""

    unit: UnitRef
    #: every legacy commune it was made from lies in the unit asked about
    wholly_inside: bool
