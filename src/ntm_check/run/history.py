"""A unit's assessments through time: met count per date, when each indicator changed, and
whether actions were done on time.

Built from the unit's snapshots (see :mod:`ntm_check.load.snapshots`), each judged on the one
path, in date order. Several commits may describe the same assessment date (a fix to the
file): the last committed of them stands for that date. A snapshot that could not be judged
stays in the history as a point without a verdict (dated by the as_of its text states), and the
history goes on; so does one whose content could not be read (dated by its commit or its file's
name), with why. A version assessed after the date it is judged on (``--as-of`` before its
``as_of``) is not yet part of the history on that date: it is left out, and counted. Nothing
here reads files or prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_check.load.snapshots import Snapshot, stated_as_of
from ntm_check.run.results import AFTER_JUDGING_DATE, FileResult, UnitSummary
from ntm_check.text import Text


@dataclass(frozen=True)
class Point:
    """One assessment date: the snapshot that stands for it and what it says."""

    date: str
    source: str
    commit: str | None
    summary: UnitSummary | None
    errors: int
    #: why the version could not be read (its content, not its evidence: a corrupt git
    #: object, a file the opener refuses); ``None`` for a version read
    unreadable: Text | None = None


@dataclass(frozen=True)
class Transition:
    indicator: str
    date: str
    before: str
    after: str


@dataclass(frozen=True)
class ActionOutcome:
    action: str
    due: str | None
    #: ``on_time``, ``late`` (done after its deadline), ``overdue`` (open, deadline passed),
    #: ``open``
    outcome: str
    #: the assessment date on which it was first seen done
    done_on: str | None


@dataclass(frozen=True)
class History:
    unit_id: str | None
    #: the unit's name (vi, en), from its newest valid assessment
    name: tuple[str, str] | None
    points: tuple[Point, ...]
    transitions: tuple[Transition, ...]
    actions: tuple[ActionOutcome, ...]
    #: assessment dates after the date deadlines are judged on (``--as-of`` earlier than they
    #: are): not yet part of the history on that date, left out
    later: int = 0

    def first_met(self) -> dict[str, str]:
        """The date each indicator first became met (among those met at some point)."""
        found: dict[str, str] = {}
        for point in self.points:
            if point.summary is None:
                continue
            for ind, status in point.summary.statuses:
                if status == "met":
                    found.setdefault(ind, point.date)
        return found


def build(judged: list[tuple[Snapshot, FileResult]], judged_on: str | None = None) -> History:
    """The history of one unit from its judged snapshots, oldest first; versions dated after
    ``judged_on`` (``yyyy-mm-dd``) are left out, whether they could be judged or not."""
    by_date: dict[str, tuple[tuple[str, int], Point]] = {}
    later: set[str] = set()  # the dates left out (several commits of one date: one)
    place = ""  # where a version that states no date goes: after the one committed before it
    for order, (snapshot, result) in enumerate(judged):  # in the order they were made
        summary = result.summary
        stated = summary.as_of if summary is not None else stated_as_of(snapshot)
        if _is_later(snapshot, result, stated, judged_on):
            later.add(stated or snapshot.name)
            continue
        place = stated or place
        # the versions of one assessment date (a fix, or a broken commit and its repair): the
        # last of them stands for it; a version stating no date is a point of its own
        key = stated or f"?\0{snapshot.name}"
        by_date.pop(key, None)
        by_date[key] = ((place, order), _point(snapshot, result, stated))
    points = tuple(point for _, point in sorted(by_date.values(), key=lambda item: item[0]))
    newest = _newest_summary(points)
    unit, name = (newest.unit_id, newest.name) if newest else (None, None)
    return History(unit, name, points, _transitions(points), _actions(points), len(later))


def _point(snapshot: Snapshot, result: FileResult, stated: str | None) -> Point:
    """The point of one version: dated by the as_of it states, else by the day it was made;
    with why it could not be read, when it could not."""
    why = result.diagnostics[0].text if result.unread and result.diagnostics else None
    return Point(stated or snapshot.date, snapshot.name, snapshot.commit, result.summary,
                 result.errors, why)  # fmt: skip


def _is_later(
    snapshot: Snapshot, result: FileResult, stated: str | None, judged_on: str | None
) -> bool:
    """A version dated after the judging date (a version stating no date: the day it was
    made), or refused for it: not yet part of the history."""
    if any(d.code == AFTER_JUDGING_DATE for d in result.diagnostics):
        return True
    return judged_on is not None and (stated or snapshot.date) > judged_on


def _newest_summary(points: tuple[Point, ...]) -> UnitSummary | None:
    """The summary of the newest version that has one."""
    return next((p.summary for p in reversed(points) if p.summary is not None), None)


def _transitions(points: tuple[Point, ...]) -> tuple[Transition, ...]:
    out: list[Transition] = []
    before: dict[str, str] = {}
    for point in points:
        if point.summary is None:
            continue
        for ind, status in point.summary.statuses:
            was = before.get(ind)
            if was is not None and was != status:
                out.append(Transition(ind, point.date, was, status))
            before[ind] = status
    return tuple(out)


def _actions(points: tuple[Point, ...]) -> tuple[ActionOutcome, ...]:
    """Each action done, on time or late, by the first version that says so; then the actions
    the newest version leaves open, overdue or not."""
    done_on = _done_on(points)
    out = [
        ActionOutcome(a, due, "on_time" if due is None or date <= due else "late", date)
        for a, (date, due) in done_on.items()
    ]
    last = _newest_summary(points)
    if last is not None:
        out += [
            ActionOutcome(a.id, a.due, "overdue" if a.overdue else "open", None)
            for a in last.actions
            if a.id not in done_on
        ]
    return tuple(sorted(out, key=lambda o: (o.outcome, o.action)))


def _done_on(points: tuple[Point, ...]) -> dict[str, tuple[str, str | None]]:
    """Each action done: the date of the first version saying so, and its deadline."""
    done_on: dict[str, tuple[str, str | None]] = {}
    for point in points:
        if point.summary is None:
            continue
        for action, due in point.summary.done:
            done_on.setdefault(action, (point.date, due))
    return done_on
