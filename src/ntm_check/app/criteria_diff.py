"""``ntm-check criteria diff A B``: what changed from set A to set B, indicator by indicator.

A and B are set ids or paths to set files: two versions of a set (the 2022 text and the one
amended in 2024, or a file taken from an earlier git revision), or an overlay and its base.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntm_check.app.criteria_show import load_set
from ntm_check.app.outcome import EXIT_OK, Outcome, Said, outcome_of
from ntm_check.app.workspace import Workspace

if TYPE_CHECKING:
    from ntm_check.run.criteria_sets import SetDiff


@dataclass(frozen=True)
class SetDiffRequest:
    old: str
    new: str


def run(request: SetDiffRequest, ws: Workspace) -> Outcome[SetDiff]:
    """Compare the two sets; exit 2 when either is missing or has errors (0 otherwise, changed
    or not: a list of changes is not a finding)."""

    def body(said: Said) -> Outcome[SetDiff]:
        from ntm_check.run.criteria_sets import set_diff  # noqa: PLC0415

        old, old_path = load_set(request.old, ws, said)
        new, new_path = load_set(request.new, ws, said)
        return Outcome(EXIT_OK, set_diff(old, new), inputs=(old_path, new_path))

    return outcome_of(body)
