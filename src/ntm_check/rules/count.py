"""Rule kind ``count``: at least N things (models, works, facilities). Counts are whole, ≥ 0.

Criteria set::

    rule:
      kind: count
      at_least: 1
      noun: {vi: mô hình, en: models}

Passing evidence::

    "8.9": {value: 1}

Failing evidence::

    "8.9": {value: 0}
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ntm_check.fields import Slug, Strict, Text
from ntm_check.i18n import Lang
from ntm_check.rules.base import Context, Judgement, Rule

#: Counts above this are refused as typos (a district has nowhere near a billion of anything).
MAX_COUNT = 1_000_000_000


class CountParams(Strict):
    kind: Literal["count"]
    at_least: Annotated[int, Field(ge=0)]
    noun: Text
    #: the number required of each group of units (the set's ``groups``), where it differs
    by_group: dict[Slug, Annotated[int, Field(ge=0)]] = {}


class Count(Rule[CountParams, int]):
    kind = "count"
    value_type = Annotated[int, Field(ge=0, le=MAX_COUNT)]

    def evaluate(self, params: CountParams, value: int, ctx: Context) -> Judgement:
        return Judgement(value >= params.at_least, float(max(params.at_least - value, 0)), "")

    def requirement(self, params: CountParams, ctx: Context, lang: Lang) -> str:
        return f"≥ {params.at_least} {params.noun.get(lang)}"

    def show(self, params: CountParams, value: int, lang: Lang) -> str:
        return f"{value} {params.noun.get(lang)}"


RULE = Count()
