"""Rule kinds, one module each; this registry maps a kind's name to its implementation.

Each module's docstring is the user documentation of its kind, with a passing and a failing
example. To add a kind: write the module, then add it to ``RULES`` and ``RuleParams``.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from ntm_check.rules import attested, count, level, share, threshold
from ntm_check.rules.base import Context, Judgement, Rule

RULES: dict[str, Rule[Any, Any]] = {
    module.RULE.kind: module.RULE for module in (attested, threshold, level, count, share)
}

#: The parameters of any rule kind, told apart by ``kind``.
RuleParams = Annotated[
    attested.AttestedParams
    | threshold.ThresholdParams
    | level.LevelParams
    | count.CountParams
    | share.ShareParams,
    Field(discriminator="kind"),
]

__all__ = ("RULES", "Context", "Judgement", "Rule", "RuleParams")
