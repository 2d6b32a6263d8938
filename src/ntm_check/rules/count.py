"""Rule kind ``count``: at least N things (models, works, facilities). Counts are whole, ≥ 0.

The number may differ per group of units (``by_group``, keyed by the set's ``groups``; the
unit names its group in its evidence file): a unit of a listed group needs its group's number,
any other unit the set's ``at_least``.

Criteria set::

    rule:
      kind: count
      at_least: 1
      noun: {vi: mô hình, en: models}
      by_group: {nhom-1: 2}

Passing evidence::

    "8.9": {value: 1}

Failing evidence (a unit of ``group: nhom-1``, which needs 2)::

    "8.9": {value: 1}
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ntm_check.fields import Slug, Strict, Text
from ntm_check.i18n import Lang, format_number
from ntm_check.rules.base import Applied, Context, Judgement, Rule, applied

#: Counts above this are refused as typos (a district has nowhere near a billion of anything).
MAX_COUNT = 1_000_000_000


class CountParams(Strict):
    kind: Literal["count"]
    at_least: Annotated[int, Field(ge=0)]
    noun: Text
    #: the number required of each group of units (the set's ``groups``), where it differs
    by_group: dict[Slug, Annotated[int, Field(ge=0)]] = {}

    def applied(self, ctx: Context) -> Applied:
        """Which of the rule's values applies to the unit (its group's, else the set's)."""
        return applied(ctx, by_group=self.by_group)

    def need_for(self, ctx: Context) -> int:
        """The number required of the unit: its group's own, else the set's."""
        if self.applied(ctx) == "group" and ctx.group is not None:
            return self.by_group[ctx.group]
        return self.at_least


class Count(Rule[CountParams, int]):
    kind = "count"
    value_type = Annotated[int, Field(ge=0, le=MAX_COUNT)]

    def evaluate(self, params: CountParams, value: int, ctx: Context) -> Judgement:
        need = params.need_for(ctx)
        return Judgement(value >= need, float(max(need - value, 0)), "")

    def requirement(self, params: CountParams, ctx: Context, lang: Lang) -> str:
        return f"≥ {format_number(params.need_for(ctx), lang)} {params.noun.get(lang)}"

    def show(self, params: CountParams, value: int, lang: Lang) -> str:
        return f"{format_number(value, lang)} {params.noun.get(lang)}"


RULE = Count()
