"""Rule kind "not applicable when": an indicator that applies only under a condition.

Some indicators apply only in some units, e.g. a bus station "nếu có theo quy hoạch" (if the
plan includes one). The criteria set states the condition in ``applies_when``; an evidence
file may then declare ``applicable: false`` with a reason and at least one document, and the
indicator is reported *not applicable* (counted as satisfied, never hidden). Declaring an
indicator without such a condition not applicable is an error.

Criteria set::

    - id: "2.3"
      applies_when: {vi: nếu có theo quy hoạch, en: if the plan includes one}
      rule: {kind: attested}

Passing evidence (not applicable, documented)::

    "2.3":
      applicable: false
      reason: Quy hoạch vùng huyện không bố trí bến xe khách
      documents: [qh-vung-huyen]

Failing evidence (no document for the claim)::

    "2.3":
      applicable: false
      reason: không có bến xe
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ntm_check.diagnostics import Msg
from ntm_check.fields import LocalText


class _Declared(Protocol):
    @property
    def applicable(self) -> bool: ...
    @property
    def reason(self) -> LocalText | None: ...
    @property
    def documents(self) -> Sequence[str]: ...


def applicability_problem(applies_when: LocalText | None, evidence: _Declared) -> Msg | None:
    """Why a declared ``applicable: false`` is not acceptable, or ``None`` when it is."""
    if evidence.applicable:
        return None
    if applies_when is None:
        return Msg(
            "chỉ tiêu này không có điều kiện áp dụng (applies_when): luôn áp dụng",
            "this indicator has no applicability condition (applies_when); it always applies",
        )
    if evidence.reason is None:
        return Msg(
            "ghi lý do chỉ tiêu không áp dụng (reason)",
            "give the reason the indicator does not apply (reason)",
        )
    if not evidence.documents:
        return Msg(
            "ghi ít nhất một văn bản chứng minh chỉ tiêu không áp dụng (documents)",
            "give at least one document showing the indicator does not apply (documents)",
        )
    return None


def is_not_applicable(applies_when: LocalText | None, evidence: _Declared) -> bool:
    """True when the evidence validly declares the indicator not applicable."""
    return not evidence.applicable and applicability_problem(applies_when, evidence) is None
