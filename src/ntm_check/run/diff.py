"""What changed between two assessments of one unit, in the terms of the criteria.

Both assessments come from the one assessment path (judged on the same date), so a status here
is the status ``check`` shows. An indicator *regresses* when it was met and no longer is
(unmet, or no data); a value moves *closer to* or *further from* the requirement when its
distance to the threshold shrinks or grows. Actions are matched by id: added, removed,
completed, and *slipped* when their deadline moved later. Nothing here reads files or prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ntm_check.engine import ActionState, Assessment, IndicatorResult

Change = Literal["newly_met", "regressed", "changed", "value"]
Direction = Literal["closer", "further", "same"]
FailOn = Literal["regression", "worse", "never"]
ActionChangeKind = Literal["added", "removed", "completed", "slipped", "reopened"]
FAIL_ON: tuple[FailOn, ...] = ("regression", "worse", "never")


@dataclass(frozen=True)
class IndicatorChange:
    old: IndicatorResult
    new: IndicatorResult
    change: Change
    #: for a value that moved: towards the requirement or away from it
    direction: Direction | None


@dataclass(frozen=True)
class ActionChange:
    action_id: str
    change: ActionChangeKind
    old: ActionState | None
    new: ActionState | None


@dataclass(frozen=True)
class Diff:
    old: Assessment
    new: Assessment
    indicators: tuple[IndicatorChange, ...]
    actions: tuple[ActionChange, ...]
    documents_added: tuple[str, ...]

    @property
    def regressed(self) -> tuple[IndicatorChange, ...]:
        return tuple(c for c in self.indicators if c.change == "regressed")

    def fails(self, fail_on: FailOn) -> bool:
        """Whether the change should fail a CI job, by the rule chosen."""
        if fail_on == "never":
            return False
        if fail_on == "regression":
            return bool(self.regressed)
        further = any(c.direction == "further" for c in self.indicators)
        slipped = any(a.change in ("slipped", "reopened") for a in self.actions)
        return bool(self.regressed) or further or slipped


def compare(old: Assessment, new: Assessment) -> Diff:
    """The changes from ``old`` to ``new`` (two assessments of the same unit)."""
    before = {r.indicator.id: r for r in old.results}
    changes = []
    for r in new.results:
        was = before.get(r.indicator.id)
        if was is None:
            continue
        found = _indicator(was, r)
        if found is not None:
            changes.append(found)
    old_docs = set(old.evidence.documents)
    added = tuple(d for d in new.evidence.documents if d not in old_docs)
    return Diff(old, new, tuple(changes), _actions(old, new), added)


def _indicator(was: IndicatorResult, now: IndicatorResult) -> IndicatorChange | None:
    if was.status == "met" and now.status in ("unmet", "no_data"):
        return IndicatorChange(was, now, "regressed", _direction(was, now))
    if was.status != "met" and now.status == "met":
        return IndicatorChange(was, now, "newly_met", _direction(was, now))
    if was.status != now.status:
        return IndicatorChange(was, now, "changed", _direction(was, now))
    if was.value != now.value:
        return IndicatorChange(was, now, "value", _direction(was, now))
    return None


def _direction(was: IndicatorResult, now: IndicatorResult) -> Direction | None:
    """Closer to or further from the requirement, where both values were judged."""
    if was.judgement is None or now.judgement is None or was.value == now.value:
        return None
    before, after = was.judgement.gap or 0.0, now.judgement.gap or 0.0
    if after < before:
        return "closer"
    return "further" if after > before else "same"


def _actions(old: Assessment, new: Assessment) -> tuple[ActionChange, ...]:
    before = {s.action.id: s for s in old.actions}
    after = {s.action.id: s for s in new.actions}
    out: list[ActionChange] = []
    for action_id, now in after.items():
        was = before.get(action_id)
        kind = _action_change(was, now)
        if kind is not None:
            out.append(ActionChange(action_id, kind, was, now))
    out += [ActionChange(a, "removed", s, None) for a, s in before.items() if a not in after]
    return tuple(out)


def _action_change(was: ActionState | None, now: ActionState) -> ActionChangeKind | None:
    """How an action of the newer file changed since the older one; ``None``: it did not."""
    if was is None:
        return "added"
    if now.action.done and not was.action.done:
        return "completed"
    if was.action.done and not now.action.done:
        return "reopened"
    return "slipped" if _later(was, now) else None


def _later(was: ActionState, now: ActionState) -> bool:
    old_due, new_due = was.action.due, now.action.due
    return old_due is not None and (new_due is None or new_due > old_due)
