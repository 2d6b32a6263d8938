"""``ntm-check check UNIT``: one unit judged, every indicator met or not."""

from __future__ import annotations

from dataclasses import dataclass

from ntm_check.app.outcome import Outcome, Said, outcome_of
from ntm_check.app.unit import Judged, judge_unit
from ntm_check.app.workspace import Workspace


@dataclass(frozen=True)
class CheckRequest:
    unit: str
    #: the chosen format is JSON: a file without a verdict still prints a document
    json_output: bool = False


def run(request: CheckRequest, ws: Workspace) -> Outcome[Judged]:
    """Judge the unit; exit 0 when every indicator is met, 1 when some is not, 2 without a
    verdict."""

    def body(said: Said) -> Outcome[Judged]:
        found = judge_unit(request.unit, ws, said, json_output=request.json_output)
        return Outcome(found.code, found, inputs=found.paths)

    return outcome_of(body)
