"""Rule kind ``share``: the share of the unit's communes (or other parts) meeting a standard.

The evidence gives how many meet it and how many there are; the share is computed exactly
(no rounding), so 19 of 19 is 100 % and 9 of 10 is exactly 90 %.

Criteria set::

    rule:
      kind: share
      at_least: 100
      of: {vi: xã đạt chuẩn NTM nâng cao, en: communes meeting the advanced standard}

Passing evidence::

    "0.1": {value: {met: 19, total: 19}}

Failing evidence (one commune short)::

    "0.1": {value: {met: 18, total: 19}}
"""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Literal

from pydantic import Field, model_validator

from ntm_check.fields import Strict, Text, bilingual
from ntm_check.i18n import Lang, format_number
from ntm_check.rules.base import Context, Judgement, Rule
from ntm_check.rules.count import MAX_COUNT


class ShareParams(Strict):
    kind: Literal["share"]
    at_least: Annotated[float, Field(ge=0, le=100)]
    of: Text


class ShareValue(Strict):
    met: Annotated[int, Field(ge=0, le=MAX_COUNT)]
    total: Annotated[int, Field(ge=1, le=MAX_COUNT)]

    @model_validator(mode="after")
    def _met_within_total(self) -> ShareValue:
        if self.met > self.total:
            raise ValueError(
                bilingual(
                    f"số đạt ({self.met}) lớn hơn tổng số ({self.total})",
                    f"met ({self.met}) is more than total ({self.total})",
                )
            )
        return self

    @property
    def percent(self) -> Fraction:
        return Fraction(self.met * 100, self.total)


class Share(Rule[ShareParams, ShareValue]):
    kind = "share"
    value_type = ShareValue

    def evaluate(self, params: ShareParams, value: ShareValue, ctx: Context) -> Judgement:
        need = Fraction(str(params.at_least))
        missing = need - value.percent
        return Judgement(value.percent >= need, float(missing) if missing > 0 else 0.0, "%")

    def requirement(self, params: ShareParams, ctx: Context, lang: Lang) -> str:
        share = f"{format_number(params.at_least, lang)}%"
        if params.at_least < 100:
            share = f"≥ {share}"
        return f"{share} {'số' if lang == 'vi' else 'of'} {params.of.get(lang)}"

    def show(self, params: ShareParams, value: ShareValue, lang: Lang) -> str:
        pct = format_number(round(float(value.percent), 1), lang)
        return f"{value.met}/{value.total} ({pct}%)"


RULE = Share()
