"""What every rule kind provides, and the values rules exchange with the engine."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter

from ntm_check.diagnostics import Msg
from ntm_check.i18n import Lang, format_number

P = TypeVar("P", bound=BaseModel)
V = TypeVar("V")


@dataclass(frozen=True)
class Context:
    """Facts about the assessed unit that a rule may depend on."""

    region: str | None = None
    province: str | None = None
    group: str | None = None


#: which of a rule's values applies to a unit, in the order they are looked for
Applied = Literal["province", "group", "region", "set"]


def applied(
    ctx: Context,
    *,
    by_province: Mapping[str, object] | None = None,
    by_group: Mapping[str, object] | None = None,
    by_region: Mapping[str, object] | None = None,
) -> Applied:
    """Which value of a rule applies to the unit: its province's own, its group's, its
    region's, else the set's (the one order every rule kind and every report follows)."""
    if ctx.province is not None and ctx.province in (by_province or {}):
        return "province"
    if ctx.group is not None and ctx.group in (by_group or {}):
        return "group"
    if ctx.region is not None and ctx.region in (by_region or {}):
        return "region"
    return "set"


@dataclass(frozen=True)
class Judgement:
    """A rule's verdict on one value.

    ``gap`` is how far the value is from the requirement, in ``gap_unit``, positive when
    something is still missing (e.g. 12.5 percentage points); ``None`` when not computable.
    """

    met: bool
    gap: float | None = None
    gap_unit: str = ""


class Rule(ABC, Generic[P, V]):
    """A rule kind: its parameters (from the criteria set) and its value (from evidence)."""

    kind: ClassVar[str]
    #: the pydantic type of an evidence value; ``None`` when the kind takes no value
    value_type: ClassVar[Any]

    def __init__(self) -> None:
        self._adapter: TypeAdapter[Any] | None = None

    def _config(self) -> ConfigDict | None:
        is_model = isinstance(self.value_type, type) and issubclass(self.value_type, BaseModel)
        return None if is_model else ConfigDict(strict=True, allow_inf_nan=False)

    def parse_value(self, raw: object) -> V:
        """Validate an evidence value; raises pydantic.ValidationError."""
        if self._adapter is None:
            self._adapter = TypeAdapter(self.value_type, config=self._config())
        value: V = self._adapter.validate_python(raw)
        return value

    def check_value(self, params: P, value: V) -> Msg | None:
        """A message when the value is well-typed but outside its domain (e.g. 120 %)."""
        return None

    def takes_value(self) -> bool:
        return self.value_type is not None

    def unit(self, params: P) -> str | None:
        """The unit evidence values are given in, when the kind has one."""
        return None

    @abstractmethod
    def evaluate(self, params: P, value: V, ctx: Context) -> Judgement:
        """Judge a validated value against the parameters."""

    @abstractmethod
    def requirement(self, params: P, ctx: Context, lang: Lang) -> str:
        """The required level in a few words, e.g. ``≥ 90 %``."""

    def show(self, params: P, value: V, lang: Lang) -> str:
        """The value in a few words."""
        return format_number(value, lang) if isinstance(value, (int, float)) else str(value)
