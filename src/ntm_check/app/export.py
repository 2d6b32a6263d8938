"""``ntm-check export UNIT -o FILE.xlsx``: a unit's self-assessment table as a workbook; with
``--template SET``, the blank table of a set for a new unit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_check.app.outcome import EXIT_INVALID, EXIT_OK, WROTE, Outcome, Said, Stop, outcome_of
from ntm_check.app.unit import Judged, judge_unit
from ntm_check.app.workspace import Workspace
from ntm_check.text import Text

if TYPE_CHECKING:
    from ntm_check.model.criteria import CriteriaSet


@dataclass(frozen=True)
class ExportRequest:
    unit: str | None = None
    #: a set's blank table instead of a unit's
    template: str | None = None


@dataclass(frozen=True)
class Exported:
    """What the workbook shows: a unit judged, or a set's blank table."""

    judged: Judged | None = None
    template: CriteriaSet | None = None


def run(request: ExportRequest, ws: Workspace) -> Outcome[Exported]:
    """Judge the unit (or read the set); exit 0, or 2 when it cannot be (the writer refuses,
    before, a workbook that exists without ``--force``: people type into them)."""

    def body(said: Said) -> Outcome[Exported]:
        if (request.unit is None) == (request.template is None):
            raise Stop(
                EXIT_INVALID,
                Text("hãy ghi một đơn vị, hoặc --template", "name one unit, or --template"),
            )
        if request.template is not None:
            cset, path = _template(request.template, ws, said)
            return Outcome(EXIT_OK, Exported(template=cset), inputs=path, wrote=WROTE)
        found = judge_unit(request.unit or "", ws, said)
        return Outcome(EXIT_OK, Exported(judged=found), inputs=found.paths, wrote=WROTE)

    return outcome_of(body)


def _template(set_id: str, ws: Workspace, said: Said) -> tuple[CriteriaSet, tuple[Path, ...]]:
    """The set a blank table is made of, found as ``check`` finds it (``--districts``,
    ``--criteria``)."""
    loaded = ws.sets().get(set_id)
    said.all(loaded.diagnostics)
    if loaded.cset is None:
        raise Stop(
            EXIT_INVALID, Text(f"không có bộ tiêu chí {set_id!r}", f"no criteria set {set_id!r}")
        )
    return loaded.cset, (loaded.path,) if loaded.path else ()
