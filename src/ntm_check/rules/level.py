"""Rule kind ``level``: a class on an ordered scale, at least as good as a given class.

``levels`` lists the classes best first. "Loại IV trở lên" on the bus-station scale
(QCVN 45:2012/BGTVT: loại 1 largest … loại 6) therefore means loại 1, 2, 3 or 4.

Criteria set::

    rule:
      kind: level
      levels: ["loại 1", "loại 2", "loại 3", "loại 4", "loại 5", "loại 6"]
      at_least: "loại 4"

Passing evidence::

    "2.3": {value: "loại 4"}

Failing evidence (one class short)::

    "2.3": {value: "loại 5"}
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import StringConstraints, model_validator

from ntm_check.diagnostics import Msg
from ntm_check.fields import Strict, bilingual
from ntm_check.i18n import Lang
from ntm_check.rules.base import Context, Judgement, Rule

_Level = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class LevelParams(Strict):
    kind: Literal["level"]
    levels: Annotated[list[_Level], "best first"]
    at_least: _Level

    @model_validator(mode="after")
    def _known(self) -> LevelParams:
        if len(self.levels) < 2:
            raise ValueError(
                bilingual("thang mức cần ít nhất hai mức", "a scale needs at least two levels")
            )
        if len(set(self.levels)) != len(self.levels):
            raise ValueError(bilingual("các mức không được trùng nhau", "levels must be distinct"))
        if self.at_least not in self.levels:
            raise ValueError(
                bilingual(
                    f"at_least {self.at_least!r} không thuộc danh sách levels",
                    f"at_least {self.at_least!r} is not one of levels",
                )
            )
        return self


class Level(Rule[LevelParams, str]):
    kind = "level"
    value_type = str

    def check_value(self, params: LevelParams, value: str) -> Msg | None:
        if value not in params.levels:
            levels = ", ".join(params.levels)
            return Msg(
                f"{value!r} không thuộc các mức: {levels}",
                f"{value!r} is not one of the levels: {levels}",
            )
        return None

    def evaluate(self, params: LevelParams, value: str, ctx: Context) -> Judgement:
        rank = params.levels.index(value)
        need = params.levels.index(params.at_least)
        return Judgement(rank <= need, float(max(rank - need, 0)), "level")

    def requirement(self, params: LevelParams, ctx: Context, lang: Lang) -> str:
        if params.at_least == params.levels[0]:
            return params.at_least
        return f"{params.at_least} {'trở lên' if lang == 'vi' else 'or better'}"


RULE = Level()
