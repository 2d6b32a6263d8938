"""A province's view: one row per unit, totals per criteria set, and the open work by owner.

Built from a :class:`~ntm_check.run.results.RunResult` (every unit judged on the one path, from
the cache when unchanged), so every number is the one ``check`` shows for that unit. Units of
different criteria sets sit side by side; their indicators are only ever added up within one
set. Nothing here reads files, prints or reads the clock.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal, TypeVar

from ntm_check.load.resolve import in_force_key
from ntm_check.load.snapshots import is_snapshot_file, unit_file_id
from ntm_check.run.results import (
    FileResult,
    Gap,
    NowUnit,
    OpenAction,
    RunResult,
    UnitRef,
    UnitSummary,
    Words,
)

T = TypeVar("T")

SortKey = Literal["met", "overdue", "age", "name"]
SORT_KEYS: tuple[SortKey, ...] = ("met", "overdue", "age", "name")
VerdictFilter = Literal["pass", "fail", "invalid"]
VERDICTS: tuple[VerdictFilter, ...] = ("pass", "fail", "invalid")


@dataclass(frozen=True)
class Row:
    """One unit: its summary, or the errors that keep it from having one."""

    path: str
    unit_id: str | None
    summary: UnitSummary | None
    errors: int

    @property
    def verdict(self) -> VerdictFilter:
        if self.summary is None:
            return "invalid"
        return "pass" if self.summary.verdict.passed else "fail"


@dataclass(frozen=True)
class SetTotal:
    """Totals within one criteria set: units, units passing, indicators met of applicable."""

    set_id: str
    set_title: Words
    kind: str
    units: int
    passed: int
    met: int
    applicable: int
    overdue_actions: int
    #: the set's indicators not verified against the official text, of ``total``
    unverified: int
    total: int


@dataclass(frozen=True)
class Work:
    """What one body must act on across the province: gaps or overdue actions, by unit."""

    owner: str
    owner_name: Words
    gaps: tuple[tuple[UnitSummary, Gap], ...]
    actions: tuple[tuple[UnitSummary, OpenAction], ...]

    @property
    def overdue(self) -> int:
        return sum(1 for _, a in self.actions if a.overdue)


@dataclass(frozen=True)
class AreaRow:
    """A unit of ``status`` and the communes of the 1/7/2025 map its results now concern."""

    row: Row
    now: tuple[NowUnit, ...]


@dataclass(frozen=True)
class AreaGroup:
    """The units whose area lies in one province of the 1/7/2025 map (``None``: unknown)."""

    province: UnitRef | None
    rows: tuple[AreaRow, ...]


@dataclass(frozen=True)
class Status:
    rows: tuple[Row, ...]
    totals: tuple[SetTotal, ...]
    invalid: int
    #: open gaps by the department responsible for the indicator
    by_department: tuple[Work, ...]
    #: open actions by the body that leads them (chủ trì)
    by_owner: tuple[Work, ...]
    judged_on: str | None
    #: the units grouped by the province their area is in since 1/7/2025, with the communes
    #: their results now concern (``--by area``; needs the registry: see ``run.units.by_area``)
    areas: tuple[AreaGroup, ...] = ()


def build(
    run: RunResult,
    *,
    sort: SortKey = "name",
    province: str | None = None,
    set_id: str | None = None,
    verdict: VerdictFilter | None = None,
    judged_on: dt.date | None = None,
) -> Status:
    """The status of every evidence file of ``run``, filtered and sorted as asked;
    ``judged_on``: the date the run judged deadlines on (said even when no unit is valid)."""
    rows = [_row(f) for f in current_files(run, judged_on.isoformat() if judged_on else None)]
    rows = [r for r in rows if _keep(r, province, set_id, verdict)]
    rows.sort(key=_SORTS[sort])
    summaries = [r.summary for r in rows if r.summary is not None]
    return Status(
        tuple(rows),
        _totals(summaries),
        sum(1 for r in rows if r.summary is None),
        _by_department(summaries),
        _by_owner(summaries),
        judged_on.isoformat() if judged_on else _one_judging_date(summaries),
    )


def _one_judging_date(summaries: list[UnitSummary]) -> str | None:
    """The date every unit was judged on, when they agree."""
    judged = {s.judged_on for s in summaries}
    return judged.pop() if len(judged) == 1 else None


def current_files(run: RunResult, judged_on: str | None) -> list[FileResult]:
    """One evidence file per unit: of a folder of dated assessments, the newest in force on the
    judging date (one dated after it is not yet; when every one is, the newest, with its
    error). The others are the unit's history (``history``)."""
    newest: dict[str, FileResult] = {}
    out: list[FileResult] = []
    for f in run.files:
        if f.kind not in ("evidence", "unknown"):
            continue
        if not is_snapshot_file(f.path):
            out.append(f)
            continue
        folder = str(PurePath(f.path).parent)
        if folder not in newest or in_force_key(f.path, judged_on) > in_force_key(
            newest[folder].path, judged_on
        ):
            newest[folder] = f
    return out + list(newest.values())


def _row(f: FileResult) -> Row:
    # a file too broken to give its id is named by its file name, as users name units
    return Row(f.path, f.unit_id or unit_file_id(f.path) or f.path, f.summary, f.errors)


def _keep(
    row: Row, province: str | None, set_id: str | None, verdict: VerdictFilter | None
) -> bool:
    s = row.summary
    if verdict is not None and row.verdict != verdict:
        return False
    if s is None:  # a file that cannot be judged: its province and set cannot be known, so it
        return True  # stays under every --province and --set, never dropped unseen
    if province is not None and s.province_code != province:
        return False
    return set_id is None or s.set_id == set_id


def sort_name(text: str) -> str:
    """Vietnamese names in dictionary order, near enough: letters before their accented forms."""
    plain = unicodedata.normalize("NFD", text.casefold().replace("đ", "d~"))
    return "".join(ch for ch in plain if not unicodedata.combining(ch))


def _name_key(row: Row) -> tuple[str, str]:
    name = row.summary.name[0] if row.summary is not None else row.unit_id or row.path
    return (sort_name(name), row.path)


def _met_key(row: Row) -> tuple[float, tuple[str, str]]:
    s = row.summary
    share = s.verdict.met / s.verdict.applicable if s and s.verdict.applicable else -1.0
    return (share if s else -1.0, _name_key(row))  # invalid files first: they need work


def _overdue_key(row: Row) -> tuple[int, tuple[str, str]]:
    s = row.summary
    return (-(s.verdict.overdue_actions if s else 0), _name_key(row))


def _age_key(row: Row) -> tuple[int, tuple[str, str]]:
    s = row.summary
    return (-(s.age_days if s else 0), _name_key(row))


_SORTS = {"met": _met_key, "overdue": _overdue_key, "age": _age_key, "name": _name_key}


def _totals(summaries: list[UnitSummary]) -> tuple[SetTotal, ...]:
    """One total per criteria set: indicators of different sets are never added together."""
    by_set: dict[str, list[UnitSummary]] = {}
    for s in summaries:
        by_set.setdefault(s.set_id, []).append(s)
    return tuple(
        SetTotal(
            set_id,
            mine[0].set_title,
            mine[0].kind,
            len(mine),
            sum(1 for s in mine if s.verdict.passed),
            sum(s.verdict.met for s in mine),
            sum(s.verdict.applicable for s in mine),
            sum(s.verdict.overdue_actions for s in mine),
            max(s.verdict.unverified for s in mine),
            mine[0].verdict.total,
        )
        for set_id, mine in sorted(by_set.items())
    )


def _by_department(summaries: list[UnitSummary]) -> tuple[Work, ...]:
    """Open gaps grouped by the department responsible for the indicator."""
    groups = _grouped([(s, g, g.department, g.department_name) for s in summaries for g in s.gaps])
    return _ordered([Work(d, name, tuple(group), ()) for d, (name, group) in groups.items()])


def _by_owner(summaries: list[UnitSummary]) -> tuple[Work, ...]:
    """Open actions grouped by the body that leads them (chủ trì)."""
    groups = _grouped([(s, a, a.owner, a.owner_name) for s in summaries for a in s.actions])
    return _ordered([Work(o, name, (), tuple(group)) for o, (name, group) in groups.items()])


def _grouped(
    items: list[tuple[UnitSummary, T, str, Words]],
) -> dict[str, tuple[Words, list[tuple[UnitSummary, T]]]]:
    """Items by their body's code, in first-seen order, each body named as first seen."""
    groups: dict[str, tuple[Words, list[tuple[UnitSummary, T]]]] = {}
    for summary, item, code, name in items:
        groups.setdefault(code, (name, []))[1].append((summary, item))
    return groups


def _ordered(work: list[Work]) -> tuple[Work, ...]:
    """Bodies with the most overdue, then the most work, first; then by name."""
    work.sort(
        key=lambda w: (-w.overdue, -(len(w.gaps) + len(w.actions)), sort_name(w.owner_name[0]))
    )
    return tuple(work)
