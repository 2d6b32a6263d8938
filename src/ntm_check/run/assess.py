"""The one way a file is judged, whatever the command: read → check → assess → diagnose.

:func:`assess_evidence` takes a read file, the run's criteria-set store and the date deadlines
are judged on, and returns the file's located diagnostics and, when the file is valid evidence,
its :class:`~ntm_check.engine.Assessment`. ``check``, ``report`` and ``validate`` all come here,
so they report the same problems and the same verdicts for the same file and date. The
warnings about judgements (overdue actions, status conflicts) are read off the assessment,
never computed a second time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Protocol

from ntm_check.diagnostics import Diagnostic, Msg, error, has_errors, sorted_diagnostics, warning
from ntm_check.i18n import format_date
from ntm_check.load.discover import is_other_yaml
from ntm_check.load.files import read_text
from ntm_check.load.snapshots import is_snapshot_file, unit_file_id
from ntm_check.run.results import (
    AFTER_JUDGING_DATE,
    FileResult,
    OpenAction,
    SetFacts,
    UnitSummary,
    Verdict,
    status_codes,
    tally,
)
from ntm_check.run.sets import SetStore, set_facts
from ntm_check.vocabulary import STATUS

if TYPE_CHECKING:  # the parser (PyYAML) is not imported on a run served by the cache
    from ntm_check.engine import Assessment
    from ntm_check.load.registry import Registry
    from ntm_check.load.sources import Document

#: the code of the warning for an action past its deadline on the judging date
OVERDUE_ACTION = "overdue-action"


class PageMaker(Protocol):
    """Makes files ``(path, text)`` from an assessment (see ``AssessOptions.pages``)."""

    def __call__(self, assessment: Assessment) -> tuple[tuple[str, str], ...]:
        """The files made from one unit's assessment."""

    def fingerprint(self, unit_id: str | None) -> str:
        """All else a unit's files depend on besides its file (its history, the languages…):
        part of the result cache's key, so a cached page is never stale."""


@dataclass(frozen=True)
class AssessOptions:
    """What a run judges files with; the CLI builds it once."""

    #: the date deadlines are judged on (``--as-of``, else the day of the run)
    judged_on: dt.date
    #: keep each valid evidence file's assessment in its result (``check``, ``report``)
    keep_assessments: bool = False
    #: keep each valid evidence file's summary (``status``); otherwise only its verdict's counts
    keep_summaries: bool = False
    #: the official registry of units, when installed: codes and names are checked against it
    registry: Registry | None = None
    #: files made from each valid assessment where it is judged (the site's unit pages: made
    #: in the worker, so the assessment need not travel between processes); cached with it
    pages: PageMaker | None = None


def assess_evidence(
    doc: Document, store: SetStore, judged_on: dt.date, registry: Registry | None = None
) -> tuple[list[Diagnostic], Assessment | None]:
    """Every problem of one evidence document, and its assessment when it has no error."""
    if has_errors(doc.diagnostics):
        return sorted_diagnostics(doc.diagnostics), None
    from ntm_check.validate import check_evidence, check_evidence_structure  # noqa: PLC0415

    data = doc.data if isinstance(doc.data, dict) else {}
    set_id = data.get("criteria_set")
    if not isinstance(set_id, str):
        return sorted_diagnostics(check_evidence_structure(doc)[1]), None
    loaded = store.get(set_id)
    if loaded.cset is None:
        problems = check_evidence_structure(doc)[1]
        problems.append(_set_problem(doc, set_id, store))
        return sorted_diagnostics(problems), None
    checked, problems = check_evidence(doc, loaded.cset)
    if checked is None:
        return sorted_diagnostics(problems), None
    from ntm_check.official_units import check_codes, resolve_parts  # noqa: PLC0415

    level = checked.evidence.unit or loaded.cset.unit
    problems += check_codes(doc, checked.evidence, level, registry)
    if not has_errors(problems):
        checked, counted = resolve_parts(doc, checked, level, registry)
        problems += counted
    if has_errors(problems):  # a unit the registry does not know as named gets no verdict
        return sorted_diagnostics(problems), None
    from ntm_check.engine import assess, judgement_date_problem  # noqa: PLC0415

    refused = judgement_date_problem(checked.evidence, judged_on)
    if refused:
        problems.append(error(doc.path, doc.position(("as_of",)), AFTER_JUDGING_DATE, refused))
        return sorted_diagnostics(problems), None
    assessment = assess(loaded.cset, checked, judged_on)
    return sorted_diagnostics(problems + judgement_warnings(assessment, doc)), assessment


def assess_file(
    name: str, store: SetStore, options: AssessOptions, *, found: bool = False
) -> FileResult:
    """Read and judge one evidence file (the path every command takes for a unit's file).

    ``found``: the file was found by walking a folder rather than named; another tool's YAML
    found that way outside ``criteria/`` and ``districts/`` is skipped (see ``discover``).
    """
    text, problems, digest = read_text(Path(name), name)
    if text is None:
        return FileResult(name, "unknown", tuple(problems), sha256=digest)
    return assess_text(name, text, digest, store, options, found=found)


def assess_text(
    name: str,
    text: str,
    digest: str | None,
    store: SetStore,
    options: AssessOptions,
    *,
    found: bool = False,
    named_as: str | None = None,
) -> FileResult:
    """Judge one evidence text: a file's, or a snapshot's from git (``name`` says where).

    ``named_as``: the unit id the file's name stands for (``districts/<id>.yaml`` or
    ``districts/<id>/<date>.yaml``); the file's stem when not given.
    """
    from ntm_check.load.sources import load_text  # noqa: PLC0415 - not on a cached run

    doc = load_text(text, name)
    if not has_errors(doc.diagnostics) and is_other_yaml(doc.data, name if found else None):
        return FileResult(name, "other", (), sha256=digest)
    diagnostics, assessment = assess_evidence(doc, store, options.judged_on, options.registry)
    expected = named_as if named_as is not None else unit_file_id(name)
    named = _file_name(doc, expected) + _file_date(doc)
    if has_errors(named):  # a file misnamed for its date has no verdict, whatever the command
        assessment = None
    data = doc.data if isinstance(doc.data, dict) else None
    diagnostics = sorted_diagnostics(diagnostics + named)
    return _evidence_result(name, data, tuple(diagnostics), digest, assessment, store, options)


def _evidence_result(
    name: str,
    data: dict[str, Any] | None,
    diagnostics: tuple[Diagnostic, ...],
    digest: str | None,
    assessment: Assessment | None,
    store: SetStore,
    options: AssessOptions,
) -> FileResult:
    """An evidence text's result: what the run keeps of its assessment, and the fields of its
    mapping (``data``; ``None``: not a mapping, an ``unknown`` file)."""
    return FileResult(
        name,
        "evidence" if data is not None else "unknown",
        diagnostics,
        unit_id=_text_field(data, "id"),
        set_id=_text_field(data, "criteria_set"),
        sha256=digest,
        assessment=assessment if options.keep_assessments else None,
        summary=_summary(assessment, store) if options.keep_summaries else None,
        verdict=verdict_of(assessment) if assessment is not None else None,
        pages=options.pages(assessment) if assessment and options.pages else (),
        code=_text_field(data, "code"),
    )


def _text_field(data: dict[str, Any] | None, key: str) -> str | None:
    """A text field of the file's mapping; ``None`` when absent or not text."""
    value = data.get(key) if data else None
    return value if isinstance(value, str) else None


def _summary(assessment: Assessment | None, store: SetStore) -> UnitSummary | None:
    if assessment is None:
        return None
    return summary_of(assessment, store.facts(assessment.criteria_set.id))


def verdict_of(assessment: Assessment) -> Verdict:
    s = assessment.summary
    return Verdict(
        s.total, s.met, s.unmet, s.no_data, s.not_applicable, s.overdue_actions, s.unverified
    )


def summary_of(assessment: Assessment, facts: SetFacts | None = None) -> UnitSummary:
    """The facts of an assessment that the province-wide commands show (see UnitSummary);
    ``facts``: its set's, as the run's store keeps them (made here when not given)."""
    ev = assessment.evidence
    facts = facts or set_facts(assessment.criteria_set)
    # the results follow the set's indicators, as the facts do (tally checks the lengths)
    codes = status_codes(r.status for r in assessment.results)
    criteria, gaps = tally(facts, codes)
    named = facts.department_name
    actions = tuple(
        OpenAction(
            n,
            a.action.id,
            a.action.owner,
            named(a.action.owner),
            tuple(a.action.support),
            a.action.due.isoformat() if a.action.due else None,
            a.overdue,
            tuple(a.action.indicators),
        )
        for n, a in enumerate(assessment.actions, start=1)
        if not a.action.done
    )
    return UnitSummary(
        ev.id,
        ev.name.text,
        facts.kind,
        facts.set_id,
        facts.title,
        ev.province.code,
        ev.province.name.text,
        ev.as_of.isoformat(),
        assessment.judged_on.isoformat(),
        verdict_of(assessment),
        criteria,
        gaps,
        actions,
        codes,
        tuple(
            (a.action.id, a.action.due.isoformat() if a.action.due else None)
            for a in assessment.actions
            if a.action.done
        ),
        ev.code,
        facts,
    )


def _file_name(doc: Document, expected: str | None) -> list[Diagnostic]:
    """A unit's file should be named after its id: ``ntm-check <id>`` finds it by that name."""
    unit_id = doc.data.get("id") if isinstance(doc.data, dict) else None
    if not isinstance(unit_id, str) or expected is None or unit_id == expected:
        return []
    return [
        warning(
            doc.path,
            doc.position(("id",)),
            "file-name-mismatch",
            Msg(
                f"đơn vị {unit_id!r} nên nằm trong tệp {unit_id}.yaml: `ntm-check {unit_id}` "
                f"tìm đơn vị theo tên tệp",
                f"unit {unit_id!r} should live in {unit_id}.yaml: `ntm-check {unit_id}` finds a "
                "unit by its file name",
            ),
        )
    ]


def _file_date(doc: Document) -> list[Diagnostic]:
    """A dated file of a unit's folder must be named by its ``as_of``: the newest name is taken
    for the latest assessment."""
    stem = PurePath(doc.path.split("@", 1)[0]).stem
    as_of = doc.data.get("as_of") if isinstance(doc.data, dict) else None
    if not is_snapshot_file(doc.path) or not isinstance(as_of, dt.date):
        return []
    if as_of.isoformat() == stem:
        return []
    return [
        error(
            doc.path,
            doc.position(("as_of",)),
            "file-date-mismatch",
            Msg(
                f"tệp {stem}.yaml ghi as_of {as_of.isoformat()}: tên tệp phải là ngày đánh giá "
                f"({as_of.isoformat()}.yaml), vì bản mới nhất được chọn theo tên",
                f"file {stem}.yaml says as_of {as_of.isoformat()}: a dated file is named by its "
                f"assessment date ({as_of.isoformat()}.yaml), as the latest is chosen by name",
            ),
        )
    ]


def judgement_warnings(assessment: Assessment, doc: Document) -> list[Diagnostic]:
    """The engine's judgements that a person should look at, located in the file."""
    out: list[Diagnostic] = []
    when = assessment.judged_on.isoformat()
    for ai, state in enumerate(assessment.actions):
        if state.overdue:
            action = state.action
            assert action.due is not None  # an overdue action has a deadline
            out.append(
                warning(
                    doc.path,
                    doc.position(("actions", ai, "due")),
                    OVERDUE_ACTION,
                    Msg(
                        f"nhiệm vụ {ai + 1} ({action.id}) hạn {format_date(action.due, 'vi')}, "
                        f"đến {format_date(assessment.judged_on, 'vi')} chưa xong",
                        f"action {ai + 1} ({action.id}) was due {action.due.isoformat()} and "
                        f"is not done as of {when}",
                    ),
                )
            )
    for result in assessment.results:
        if result.conflict:
            out.append(
                warning(
                    doc.path,
                    doc.position(("indicators", result.indicator.id, "status")),
                    "status-conflict",
                    Msg(
                        f"khai báo {STATUS[result.conflict].vi} nhưng số liệu cho kết quả "
                        f"{STATUS[result.status].vi}; lấy theo số liệu",
                        f"declared {result.conflict} but the value gives {result.status}; "
                        "the value wins",
                    ),
                )
            )
    return out


def _set_problem(doc: Document, set_id: str, store: SetStore) -> Diagnostic:
    """The one error an evidence file gets for a set that is missing or broken."""
    from ntm_check.locate import suggest  # noqa: PLC0415

    where = doc.position(("criteria_set",))
    loaded = store.get(set_id)
    if loaded.found:
        return error(
            doc.path,
            where,
            "invalid-criteria-set",
            Msg(
                f"bộ tiêu chí {set_id!r} ({loaded.path}) có lỗi; sửa bộ tiêu chí trước",
                f"criteria set {set_id!r} ({loaded.path}) has errors; fix them first",
            ),
        )
    dirs = store.criteria_dirs
    known = sorted({p.stem for d in dirs if d.is_dir() for p in d.glob("*.yaml")})
    hint = suggest(set_id, known)
    if not hint.en and known:
        hint = Msg(f"; hiện có: {', '.join(known)}", f"; available: {', '.join(known)}")
    looked = ", ".join(str(d) for d in dirs)
    said = Msg(
        f"không tìm thấy bộ tiêu chí {set_id!r} (đã tìm trong: {looked}); chỉ thư mục bằng "
        "--criteria DIR",
        f"criteria set {set_id!r} not found (looked in: {looked}); point to it with --criteria DIR",
    )
    return error(doc.path, where, "unknown-criteria-set", said + hint)
