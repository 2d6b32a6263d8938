"""``ntm-check status [PATH]...``: every unit of a province, a row each, with totals and the
open work by department or lead owner."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ntm_check.app.outcome import (
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    Note,
    Outcome,
    Said,
    Stop,
    outcome_of,
)
from ntm_check.app.validate import assess_many
from ntm_check.app.workspace import DISTRICTS_OPTION, Workspace, folders_here
from ntm_check.text import Lang, Text

if TYPE_CHECKING:
    from ntm_check.diagnostics import Diagnostic
    from ntm_check.load.registry import Registry
    from ntm_check.run.results import RunResult
    from ntm_check.run.status import SortKey, Status, VerdictFilter

By = Literal["unit", "department", "owner", "area"]
BY: tuple[By, ...] = ("unit", "department", "owner", "area")


@dataclass(frozen=True)
class StatusRequest:
    paths: tuple[Path, ...] = ()
    by: By = "unit"
    sort: SortKey = "name"
    province: str | None = None
    set_id: str | None = None
    verdict: VerdictFilter | None = None
    #: the chosen format is JSON: a refusal still prints a document (empty)
    json_output: bool = False


@dataclass(frozen=True)
class StatusResult:
    """A province's status and the view asked for."""

    status: Status
    by: By = "unit"


def run(request: StatusRequest, ws: Workspace) -> Outcome[StatusResult]:
    """Every unit judged; exit 0 when every unit shown passes, 1 when one does not (or a file
    cannot be judged), 2 when a filter matches nothing or a path given is not there."""

    def body(said: Said) -> Outcome[StatusResult]:
        from ntm_check.run.status import build  # noqa: PLC0415

        if request.by == "area":  # a missing registry is said before every file is judged
            require_registry(ws)
        targets = list(request.paths) or folders_here([ws.districts], DISTRICTS_OPTION)
        run = assess_many(ws, targets, keep_summaries=True)
        found = build(
            run,
            sort=request.sort,
            province=request.province,
            set_id=request.set_id,
            verdict=request.verdict,
            judged_on=ws.judged_on,
        )
        said.all(_problems(run, found))
        if any(p.level.value == "error" for p in run.arguments):
            raise Stop(EXIT_INVALID)
        if request.province or request.set_id or request.verdict:
            _refuse_no_match(found, request, said, ws.lang)
        if request.by == "area":
            found = _with_areas(found, require_registry(ws))
        passing = all(r.verdict == "pass" for r in found.rows) and not run.arguments
        return Outcome(
            EXIT_OK if passing else EXIT_FINDINGS,
            StatusResult(found, request.by),
            keep=(run, found),
        )

    return outcome_of(body)


def require_registry(ws: Workspace) -> Registry:
    """The registry of administrative units, or :class:`Stop` (2) naming the extra."""
    from ntm_check.load.registry import RegistryUnavailable, open_registry  # noqa: PLC0415

    if ws.registry is not None:
        return ws.registry
    try:
        return open_registry()  # not installed: its own words say which extra brings it
    except RegistryUnavailable as exc:
        raise Stop(EXIT_INVALID, Text.parse(str(exc))) from None


def _with_areas(found: Status, registry: Registry) -> Status:
    """``status --by area``: the units grouped by their area on the map of 1/7/2025."""
    from ntm_check.run.units import by_area  # noqa: PLC0415

    return dataclasses.replace(found, areas=by_area(found, registry))


def _problems(run: RunResult, found: Status) -> list[Note]:
    """The errors of the files status cannot judge, and how many warnings the units shown
    have."""
    said: list[Note] = list(_unjudged_errors(run, found))
    shown = {r.path for r in found.rows}
    warnings = sum(f.warnings for f in run.files if f.path in shown)
    if warnings:
        said.append(
            Text(
                f"{warnings} cảnh báo (ntm-check validate liệt kê từng cảnh báo)",
                f"{warnings} warning(s) (ntm-check validate lists each)",
            )
        )
    return said


def _unjudged_errors(run: RunResult, found: Status) -> list[Diagnostic]:
    """The errors of the files status cannot judge; a unit's earlier dated files aside: they
    are its history."""
    from ntm_check.load.snapshots import is_snapshot_file  # noqa: PLC0415
    from ntm_check.run.status import current_files  # noqa: PLC0415

    current = {f.path for f in current_files(run, found.judged_on)}
    history = {f.path for f in run.files if is_snapshot_file(f.path)} - current
    return [p for p in run.diagnostics if p.level.value == "error" and p.path not in history]


def _refuse_no_match(found: Status, request: StatusRequest, said: Said, lang: Lang) -> None:
    """:class:`Stop` (2) when the filters match no unit (a broken file, listed under every
    filter, is no match unless --verdict invalid asked for it); the JSON format still gets an
    empty document. ``--verdict invalid`` alone matching nothing is good news: exit 0."""
    if any(r.summary is not None for r in found.rows):
        return
    if request.verdict == "invalid" and (found.rows or not (request.province or request.set_id)):
        if not found.rows:
            said.text("không có đơn vị nào có hồ sơ lỗi", "no unit has invalid evidence")
        return
    fallback = None
    if request.json_output:  # a program reading standard output still gets a document
        from ntm_check.reports.status import StatusOptions, json_document  # noqa: PLC0415

        empty = dataclasses.replace(found, rows=(), invalid=0)
        fallback = "".join(json_document(empty, StatusOptions(lang=lang)))
    raise Stop(
        EXIT_INVALID,
        Text(
            "không có đơn vị nào khớp --province/--set/--verdict (kiểm tra lại mã)",
            "no unit matches --province/--set/--verdict (check the code)",
        ),
        fallback=fallback,
    )
