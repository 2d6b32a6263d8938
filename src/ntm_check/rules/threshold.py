"""Rule kind ``threshold``: a number at least (≥) or at most (≤) a limit, with a unit.

The limit may differ per socio-economic region (``by_region``), per group of units
(``by_group``, keyed by the set's ``groups``; the unit names its group in its evidence file)
and a province may set its own (``by_province``, keyed by province code); the province wins
over the group, the group over the region, the region over the national value. Percentages
must lie in 0–100. The boundary value itself passes.

Criteria set::

    rule:
      kind: threshold
      at_least: 95
      unit: "%"
      by_region: {trung-du-mien-nui-phia-bac: 90}
      by_group: {nhom-3: 80}
      by_province: {"24": 92}

Passing evidence (a district in province 24, where the limit is 92)::

    "8.1": {value: 92, unit: "%"}

Failing evidence (3 percentage points short)::

    "8.1": {value: 89}

Passing evidence of a unit of ``group: nhom-3`` outside province 24 (the limit is 80)::

    "8.1": {value: 80}
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, model_validator

from ntm_check.diagnostics import Msg
from ntm_check.fields import Code, NonEmpty, Slug, Strict, bilingual
from ntm_check.i18n import Lang, format_number
from ntm_check.rules.base import Applied, Context, Judgement, Rule, applied


class ThresholdParams(Strict):
    # exactly one limit, as the validator below says, for editors reading the JSON Schema
    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["at_least"]}, {"required": ["at_most"]}]}
    )

    kind: Literal["threshold"]
    at_least: float | None = None
    at_most: float | None = None
    unit: NonEmpty
    by_region: dict[Slug, float] = {}
    by_group: dict[Slug, float] = {}
    by_province: dict[Code, float] = {}
    minimum: float | None = None
    maximum: float | None = None

    @model_validator(mode="after")
    def _one_limit(self) -> ThresholdParams:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError(
                bilingual(
                    "ghi đúng một trong hai: at_least hoặc at_most",
                    "give exactly one of at_least or at_most",
                )
            )
        low, high = self.domain()
        for limit in (
            self.limit_for(Context()),
            *self.by_region.values(),
            *self.by_group.values(),
            *self.by_province.values(),
        ):
            if (low is not None and limit < low) or (high is not None and limit > high):
                raise ValueError(
                    bilingual(
                        f"ngưỡng {format_number(limit, 'vi')} nằm ngoài miền giá trị của đơn vị",
                        f"limit {format_number(limit, 'en')} lies outside the unit's domain",
                    )
                )
        return self

    def domain(self) -> tuple[float | None, float | None]:
        if self.unit == "%":
            return (
                0.0 if self.minimum is None else self.minimum,
                100.0 if self.maximum is None else self.maximum,
            )
        return self.minimum, self.maximum

    def applied(self, ctx: Context) -> Applied:
        """Which of the rule's values applies to the unit (province, group, region, set)."""
        return applied(
            ctx, by_province=self.by_province, by_group=self.by_group, by_region=self.by_region
        )

    def limit_for(self, ctx: Context) -> float:
        found = self.applied(ctx)
        if found == "province" and ctx.province is not None:
            return self.by_province[ctx.province]
        if found == "group" and ctx.group is not None:
            return self.by_group[ctx.group]
        if found == "region" and ctx.region is not None:
            return self.by_region[ctx.region]
        limit = self.at_least if self.at_least is not None else self.at_most
        assert limit is not None  # guaranteed by _one_limit
        return limit


class Threshold(Rule[ThresholdParams, float]):
    kind = "threshold"
    value_type = float

    def unit(self, params: ThresholdParams) -> str | None:
        return params.unit

    def check_value(self, params: ThresholdParams, value: float) -> Msg | None:
        low, high = params.domain()
        vi, en = format_number(value, "vi"), format_number(value, "en")
        if low is not None and value < low:
            return Msg(
                f"{vi} {params.unit} nhỏ hơn giá trị nhỏ nhất có thể ({format_number(low, 'vi')})",
                f"{en} {params.unit} is below the smallest possible value "
                f"{format_number(low, 'en')}",
            )
        if high is not None and value > high:
            return Msg(
                f"{vi} {params.unit} lớn hơn giá trị lớn nhất có thể ({format_number(high, 'vi')})",
                f"{en} {params.unit} is above the largest possible value "
                f"{format_number(high, 'en')}",
            )
        return None

    def evaluate(self, params: ThresholdParams, value: float, ctx: Context) -> Judgement:
        limit = params.limit_for(ctx)
        if params.at_least is not None:
            return Judgement(value >= limit, max(limit - value, 0.0), params.unit)
        return Judgement(value <= limit, max(value - limit, 0.0), params.unit)

    def requirement(self, params: ThresholdParams, ctx: Context, lang: Lang) -> str:
        sign = "≥" if params.at_least is not None else "≤"
        return f"{sign} {format_number(params.limit_for(ctx), lang)}{_sep(params.unit)}"

    def show(self, params: ThresholdParams, value: float, lang: Lang) -> str:
        return f"{format_number(value, lang)}{_sep(params.unit)}"


def _sep(unit: str) -> str:
    return unit if unit == "%" else f" {unit}"


RULE = Threshold()
