"""Validated models → an :class:`Assessment`. Pure: no I/O, no printing, same input → same output.

For each indicator of the set, in the set's order:

1. no evidence entry → ``no_data``;
2. validly declared not applicable → ``not_applicable``;
3. a value the rule can judge → ``met`` / ``unmet`` from the value; a declared status that
   disagrees is kept and flagged as a conflict (the value wins);
4. otherwise a declared status: ``unmet`` as declared; ``met`` only with a document behind it,
   else ``no_data``;
5. nothing usable → ``no_data``.

Actions are attached to the indicators they name. Two dates are kept apart: the assessment
date is the evidence file's ``as_of`` (what the facts describe) and is never replaced; deadlines
are judged on the date the caller gives (``--as-of``, else today, read once by the CLI). An action
not done whose deadline is before that date is overdue; the deadline day itself is on time.

Counting: an indicator validly declared not applicable leaves the count. ``applicable`` is the
set's total less those; the unit passes when every applicable indicator is met. Every output
shows ``met/applicable`` and, when there are any, how many do not apply.

This module is the only place that judges overdue actions, status conflicts and applicability;
the warnings ``validate`` prints about them are derived from an :class:`Assessment`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, NamedTuple

from ntm_check import counting
from ntm_check.diagnostics import Msg
from ntm_check.i18n import format_date
from ntm_check.model.criteria import CriteriaSet, Criterion, Indicator, Verification
from ntm_check.model.evidence import Action, Evidence, IndicatorEvidence
from ntm_check.rules import RULES, Context, Judgement
from ntm_check.rules.applicability import is_not_applicable
from ntm_check.validate import CheckedEvidence

Status = Literal["met", "unmet", "no_data", "not_applicable"]
STATUSES: tuple[Status, ...] = ("met", "unmet", "no_data", "not_applicable")
#: where a status comes from: the judged value, or the declared status's basis
Basis = Literal["value", "document", "notice", "inferred", "none"]


class ActionState(NamedTuple):
    """An action and whether it is overdue on the date deadlines are judged on."""

    action: Action
    overdue: bool


class IndicatorResult(NamedTuple):
    """One indicator's outcome. Immutable; a named tuple because a run makes ~40 per file and
    a frozen dataclass's ``__init__`` (one ``object.__setattr__`` per field) cost ~5 % of a
    700-file validation."""

    criterion: Criterion
    indicator: Indicator
    status: Status
    basis: Basis
    evidence: IndicatorEvidence | None
    value: object | None
    judgement: Judgement | None
    #: the declared status when it disagrees with the value-based status
    conflict: str | None
    #: why the status is what it is, when not obvious (a label key of ``i18n``)
    reason_key: str | None
    actions: tuple[ActionState, ...]

    @property
    def verification(self) -> Verification:
        return self.indicator.source.verification


@dataclass(frozen=True)
class Summary:
    #: indicators in the set
    total: int
    met: int
    unmet: int
    no_data: int
    not_applicable: int
    unverified: int
    conflicts: int
    overdue_actions: int

    @property
    def applicable(self) -> int:
        """Indicators that apply to the unit: the denominator of every ``met/…`` shown."""
        return counting.applicable(self.total, self.not_applicable)

    @property
    def passed(self) -> bool:
        return counting.passed(self.met, self.total, self.not_applicable)


@dataclass(frozen=True)
class Assessment:
    criteria_set: CriteriaSet
    evidence: Evidence
    #: the date deadlines were judged on (``--as-of``, else the day of the run)
    judged_on: dt.date
    results: tuple[IndicatorResult, ...]
    actions: tuple[ActionState, ...]
    summary: Summary

    @property
    def as_of(self) -> dt.date:
        """The assessment date: the evidence file's ``as_of``."""
        return self.evidence.as_of

    @property
    def age_days(self) -> int:
        """How old the assessment is on the date deadlines are judged on."""
        return (self.judged_on - self.evidence.as_of).days


def assess(cset: CriteriaSet, checked: CheckedEvidence, judged_on: dt.date) -> Assessment:
    """Evaluate every indicator of ``cset`` on ``checked`` evidence; deadlines on ``judged_on``.

    ``judged_on`` must not be before the evidence's ``as_of`` (callers refuse that first: see
    :func:`judgement_date_problem`).
    """
    ev = checked.evidence
    ctx = Context(region=ev.region, province=ev.province.code, group=ev.group)
    states = tuple(ActionState(a, _overdue(a, judged_on)) for a in ev.actions)
    by_indicator: dict[str, list[ActionState]] = {}
    for state in states:
        for ind_id in state.action.indicators:
            by_indicator.setdefault(ind_id, []).append(state)
    results = tuple(
        _judge(criterion, indicator, ev, checked, ctx, tuple(by_indicator.get(indicator.id, ())))
        for criterion, indicator in cset.indicator_pairs
    )
    counts = dict.fromkeys(STATUSES, 0)
    for r in results:
        counts[r.status] += 1
    summary = Summary(
        total=len(results),
        met=counts["met"],
        unmet=counts["unmet"],
        no_data=counts["no_data"],
        not_applicable=counts["not_applicable"],
        unverified=cset.unverified_count(),
        conflicts=sum(1 for r in results if r.conflict),
        overdue_actions=sum(1 for s in states if s.overdue),
    )
    return Assessment(cset, ev, judged_on, results, states, summary)


def _judge(
    criterion: Criterion,
    indicator: Indicator,
    ev: Evidence,
    checked: CheckedEvidence,
    ctx: Context,
    mine: tuple[ActionState, ...],
) -> IndicatorResult:
    """One indicator's status (the rules in the module docstring, in that order)."""
    item = ev.indicators.get(indicator.id)
    value = checked.values.get(indicator.id)
    status: Status
    basis: Basis
    reason: str | None
    judgement: Judgement | None = None
    conflict: str | None = None
    if item is None:
        status, basis, reason = "no_data", "none", "no_evidence"
    elif is_not_applicable(indicator.applies_when, item):
        status, basis, reason = "not_applicable", item.basis or "document", None
    elif indicator.id in checked.values:
        judgement = RULES[indicator.rule.kind].evaluate(indicator.rule, value, ctx)
        status, basis, reason = ("met" if judgement.met else "unmet"), "value", None
        conflict = item.status if item.status and item.status != status else None
    else:
        status, basis, reason = _as_stated(item)
    return IndicatorResult(
        criterion, indicator, status, basis, item, value, judgement, conflict, reason, mine
    )


def _as_stated(item: IndicatorEvidence) -> tuple[Status, Basis, str | None]:
    """An indicator without a value: its status as the evidence states it (met only with a
    document), its basis, and the reason when it is not known."""
    if item.status == "unmet":
        return "unmet", item.basis or "document", None
    if item.status == "met" and not item.documents:
        return "no_data", item.basis or "none", "no_document"
    if item.status == "met":
        return "met", item.basis or "document", None
    return "no_data", "none", "no_value"


def judgement_date_problem(evidence: Evidence, judged_on: dt.date) -> Msg | None:
    """Why deadlines cannot be judged on ``judged_on`` for this evidence, or ``None``."""
    if judged_on < evidence.as_of:
        when, assessed = judged_on.isoformat(), evidence.as_of.isoformat()
        when_vi, assessed_vi = format_date(judged_on, "vi"), format_date(evidence.as_of, "vi")
        return Msg(
            f"không thể xét hạn tại ngày {when_vi}, trước thời điểm đánh giá {assessed_vi} của "
            "tệp này; cho --as-of từ ngày đó trở đi",
            f"deadlines cannot be judged on {when}, before the assessment date {assessed} of "
            "this file; give --as-of on or after it",
        )
    return None


def _overdue(action: Action, when: dt.date) -> bool:
    """Not done and its deadline passed before ``when`` (the deadline day itself is on time)."""
    return not action.done and action.due is not None and action.due < when
