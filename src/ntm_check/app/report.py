"""``ntm-check report UNIT``: the gap report, in markdown or as a Word document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_check.app.outcome import EXIT_INVALID, WROTE, Outcome, Said, Stop, outcome_of
from ntm_check.app.unit import Judged, area_today, judge_unit
from ntm_check.app.workspace import Workspace

if TYPE_CHECKING:
    from ntm_check.model.letterhead import LetterheadFile


@dataclass(frozen=True)
class ReportRequest:
    unit: str
    #: the office's letterhead file (Word only)
    letterhead: Path | None = None


@dataclass(frozen=True)
class Reported:
    """A unit judged, with what a report adds: the letterhead of the Word document."""

    judged: Judged
    letterhead: LetterheadFile | None = None


def run(request: ReportRequest, ws: Workspace) -> Outcome[Reported]:
    """Judge the unit for its report; exit codes as ``check``."""

    def body(said: Said) -> Outcome[Reported]:
        head = _letterhead(request.letterhead, said) if request.letterhead else None
        found = judge_unit(request.unit, ws, said)
        area = area_today(found.assessment, ws)
        judged = Judged(found.assessment, found.inputs, found.diagnostics, area)
        return Outcome(found.code, Reported(judged, head), inputs=found.paths, wrote=WROTE)

    return outcome_of(body)


def _letterhead(path: Path, said: Said) -> LetterheadFile:
    """The letterhead file, or :class:`Stop` (2) after its located problems."""
    from ntm_check.letterhead import read_letterhead  # noqa: PLC0415

    head, problems = read_letterhead(path)
    said.all(problems)
    if head is None:
        raise Stop(EXIT_INVALID)
    return head
