"""Rule kind ``share``: the share of the unit's communes (or other parts) meeting a standard.

The evidence gives how many meet it and how many there are; the share is computed exactly
(no rounding), so 19 of 19 is 100 % and 9 of 10 is exactly 90 %.

The share may differ per group of units (``by_group``, keyed by the set's ``groups``, each in
0–100; the unit names its group in its evidence file): a unit of a listed group needs its
group's share, any other unit the set's ``at_least``.

Criteria set::

    rule:
      kind: share
      at_least: 100
      of: {vi: xã đạt chuẩn NTM nâng cao, en: communes meeting the advanced standard}
      by_group: {nhom-3: 90}

Passing evidence::

    "0.1": {value: {met: 19, total: 19}}

Failing evidence (one commune short)::

    "0.1": {value: {met: 18, total: 19}}

Passing evidence of a unit of ``group: nhom-3`` (90 % needed)::

    "0.1": {value: {met: 9, total: 10}}

Per commune, by official code, instead of the two counts::

    "0.1":
      value:
        communes: {"07306": met, "07309": đạt, "07315": chưa đạt}

The share is then counted from the list. When the registry of administrative units is
installed and the evidence gives the district's ``code``, the denominator is the registry's list
of the district's communes on the assessment date: a commune missing from the list counts as
no data (a warning names it), never left out, and a code that is not one of the district's
communes is an error. Without the registry the denominator is the communes listed, and a
warning says so.
"""

from __future__ import annotations

import unicodedata
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints, model_validator

from ntm_check.fields import Slug, Strict, Text, bilingual
from ntm_check.i18n import Lang, format_number
from ntm_check.rules.base import Applied, Context, Judgement, Rule, applied
from ntm_check.rules.count import MAX_COUNT
from ntm_check.vocabulary import status_written


class ShareParams(Strict):
    kind: Literal["share"]
    at_least: Annotated[float, Field(ge=0, le=100)]
    of: Text
    #: the share required of each group of units (the set's ``groups``), where it differs
    by_group: dict[Slug, Annotated[float, Field(ge=0, le=100)]] = {}

    def applied(self, ctx: Context) -> Applied:
        """Which of the rule's values applies to the unit (its group's, else the set's)."""
        return applied(ctx, by_group=self.by_group)

    def need_for(self, ctx: Context) -> float:
        """The share (percent) required of the unit: its group's own, else the set's."""
        if self.applied(ctx) == "group" and ctx.group is not None:
            return self.by_group[ctx.group]
        return self.at_least


#: a commune's result, as users write it
PartStatus = Literal["met", "unmet", "no_data"]
CommuneCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{5}$")]


def _part_word(value: object) -> object:
    found = status_written(value, ("met", "unmet", "no_data"))
    if found is value and isinstance(value, str):  # refused as typed, less case and spaces
        return unicodedata.normalize("NFC", value).strip().casefold()
    return found


class ShareValue(Strict):
    met: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = None
    total: Annotated[int, Field(ge=1, le=MAX_COUNT)] | None = None
    #: each commune's result, by official code (instead of ``met`` and ``total``)
    communes: dict[CommuneCode, Annotated[PartStatus, BeforeValidator(_part_word)]] | None = None

    @model_validator(mode="before")
    @classmethod
    def _counted_from_communes(cls, data: object) -> object:
        if not isinstance(data, dict) or "communes" not in data:
            return data
        if "met" in data or "total" in data:
            raise ValueError(
                bilingual(
                    "ghi hoặc met và total, hoặc communes (kết quả từng xã), không ghi cả hai",
                    "give either met and total, or communes (each commune's result), not both",
                )
            )
        parts = data["communes"]
        if parts == {}:
            raise ValueError(bilingual("communes không liệt kê xã nào", "communes lists none"))
        if not isinstance(parts, dict):
            return data  # the field's own validation says what is wrong
        met = sum(1 for v in parts.values() if _part_word(v) == "met")
        return {**data, "met": met, "total": len(parts)}

    @model_validator(mode="after")
    def _met_within_total(self) -> ShareValue:
        if self.met is None or self.total is None:
            raise ValueError(
                bilingual(
                    "thiếu met và total (hoặc communes)",
                    "met and total (or communes) are required",
                )
            )
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
        # both are set once validated (see _met_within_total)
        return Fraction((self.met or 0) * 100, self.total or 1)


class Share(Rule[ShareParams, ShareValue]):
    kind = "share"
    value_type = ShareValue

    def evaluate(self, params: ShareParams, value: ShareValue, ctx: Context) -> Judgement:
        need = Fraction(str(params.need_for(ctx)))
        missing = need - value.percent
        return Judgement(value.percent >= need, float(missing) if missing > 0 else 0.0, "%")

    def requirement(self, params: ShareParams, ctx: Context, lang: Lang) -> str:
        need = params.need_for(ctx)
        share = f"{format_number(need, lang)}%"
        if need < 100:
            share = f"≥ {share}"
        return f"{share} {'số' if lang == 'vi' else 'of'} {params.of.get(lang)}"

    def show(self, params: ShareParams, value: ShareValue, lang: Lang) -> str:
        pct = format_number(round(float(value.percent), 1), lang)
        return f"{value.met}/{value.total} ({pct}%)"


RULE = Share()
