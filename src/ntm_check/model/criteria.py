"""A criteria set (bộ tiêu chí): criteria, their indicators, rules, and where each comes from.

A set is data. It declares the kind of unit it assesses (district today, communes for the
2026–2030 sets), its legal basis, the regions its thresholds may depend on and the
departments responsible for its indicators.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr

from ntm_check.fields import Date, IndicatorId, LocalText, NonEmpty, Slug, Strict, Text
from ntm_check.rules import RuleParams

UnitKind = Literal["district", "commune"]
#: How far an indicator's text and threshold were checked against the official text:
#: ``verified`` against the decision itself; ``notice`` named in an official notice but its
#: wording and threshold not seen; ``draft`` our best reconstruction, not yet checked.
Verification = Literal["verified", "notice", "draft"]


class LegalDocument(Strict):
    number: NonEmpty
    date: Date | None = None
    #: who issued it (e.g. ``UBND tỉnh Bắc Giang``); required of an overlay's legal basis
    issuer: NonEmpty | None = None
    title: Text
    note: Text | None = None


class Source(Strict):
    """A document that criteria text was taken from."""

    title: Text
    date: Date | None = None
    issuer: NonEmpty | None = None
    url: NonEmpty | None = None
    note: Text | None = None


class Provenance(Strict):
    """Where an indicator's text and threshold come from, and how well that was checked."""

    refs: Annotated[list[Slug], Field(min_length=1)]
    verification: Verification
    note: Text | None = None


class Indicator(Strict):
    id: IndicatorId
    name: Text
    requirement: Text
    rule: RuleParams
    department: Slug
    applies_when: Text | None = None
    source: Provenance


class Criterion(Strict):
    number: Annotated[int, Field(ge=1)]
    name: Text
    departments: list[Slug] = []
    indicators: Annotated[list[Indicator], Field(min_length=1)]


@dataclass(frozen=True)
class Origin:
    """Which set file an indicator of a resolved set comes from, and that set's documents."""

    set_id: str
    #: the numbers of that set's own legal basis (e.g. ``("45/2024/QĐ-UBND",)``)
    documents: tuple[str, ...]
    #: whether an overlay changed it (``False``: the whole set at the bottom of the chain)
    regulated: bool


@dataclass(frozen=True)
class Removed:
    """An indicator of the base that an overlay removed, and why: a unit still citing it is
    told so, not offered the nearest indicator left."""

    #: the overlay that removed it
    set_id: str
    #: the numbers of that overlay's own legal basis
    documents: tuple[str, ...]
    reason: LocalText


class CriteriaSet(Strict):
    id: Slug
    title: Text
    unit: UnitKind
    period: NonEmpty
    legal_basis: Annotated[list[LegalDocument], Field(min_length=1)]
    indicator_count: Annotated[int, Field(ge=1)]
    regions: dict[Slug, Text] = {}
    #: groups of units whose thresholds differ (the 2026–2030 commune set's three groups);
    #: a unit names its own in its evidence file (``group``)
    groups: dict[Slug, Text] = {}
    departments: dict[Slug, Text]
    sources: dict[Slug, Source]
    criteria: Annotated[list[Criterion], Field(min_length=1)]
    #: for a set resolved from an overlay: the set it extends, and each indicator's origin
    _extends: str | None = PrivateAttr(default=None)
    _origins: dict[str, Origin] = PrivateAttr(default_factory=dict)
    _own_basis: tuple[str, ...] = PrivateAttr(default=())
    _removed: dict[str, Removed] = PrivateAttr(default_factory=dict)

    @property
    def extends(self) -> str | None:
        """The id of the set this one extends (``None``: a set written whole)."""
        return self._extends

    def origin(self, indicator_id: str) -> Origin | None:
        """Where indicator ``indicator_id`` comes from, for a set resolved from an overlay."""
        return self._origins.get(indicator_id)

    @property
    def own_basis(self) -> tuple[str, ...]:
        """For a set resolved from an overlay: the numbers of the overlay's own legal basis
        (the province's regulation, e.g. ``("45/2024/QĐ-UBND",)``); ``()`` for a set written
        whole, whose ``legal_basis`` is all its own."""
        return self._own_basis

    def removal(self, indicator_id: str) -> Removed | None:
        """For a set resolved from an overlay: why indicator ``indicator_id`` of a set below
        it is not in this set (``None``: it was never removed)."""
        return self._removed.get(indicator_id)

    @property
    def removals(self) -> Mapping[str, Removed]:
        """Every indicator removed on the way to this set, by id (empty for a set written
        whole)."""
        return MappingProxyType(self._removed)

    def resolved_from(
        self,
        base: str,
        origins: dict[str, Origin],
        own_basis: tuple[str, ...] = (),
        removed: dict[str, Removed] | None = None,
    ) -> CriteriaSet:
        """This set, recorded as resolved from ``base`` with each indicator's origin, the
        overlay's own legal basis and the indicators removed on the way (by id)."""
        self._extends = base
        self._origins = dict(origins)
        self._own_basis = own_basis
        self._removed = dict(removed or {})
        return self

    def indicators(self) -> list[tuple[Criterion, Indicator]]:
        return list(self.indicator_pairs)

    @cached_property
    def indicator_pairs(self) -> tuple[tuple[Criterion, Indicator], ...]:
        """Every indicator with its criterion, in the set's order (computed once per set)."""
        return tuple((c, i) for c in self.criteria for i in c.indicators)

    @cached_property
    def by_id(self) -> dict[str, Indicator]:
        """Indicators by id (the first, when a broken set lists an id twice)."""
        found: dict[str, Indicator] = {}
        for _, ind in self.indicators():
            found.setdefault(ind.id, ind)
        return found

    def indicator(self, indicator_id: str) -> Indicator | None:
        return self.by_id.get(indicator_id)

    @cached_property
    def unverified_total(self) -> int:
        """Indicators whose text and threshold were not verified against the official text."""
        return sum(1 for _, i in self.indicator_pairs if i.source.verification != "verified")

    def unverified_count(self) -> int:
        return self.unverified_total
