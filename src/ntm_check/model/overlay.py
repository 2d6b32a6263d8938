"""An overlay: a set that ``extends`` another and changes only what a province's own document
regulates (its models, apart from the criteria set's, so that a run over sets written whole
never builds them: each costs pydantic a schema)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ntm_check.fields import Date, IndicatorId, NonEmpty, Slug, Strict, Text
from ntm_check.model.criteria import Indicator, LegalDocument, Provenance, Source


class OverlayBasis(LegalDocument):
    """The legal basis of an overlay: a province's own document, with its number, date and
    issuer (a province's values without the regulation that fixes them are not law)."""

    date: Date
    issuer: NonEmpty


class Removal(Strict):
    """An overlay's explicit removal of one of its base's indicators, and why."""

    id: IndicatorId
    reason: Text
    source: Provenance


class Overlay(Strict):
    """A set that ``extends`` another and changes only what its own document regulates.

    Each indicator it lists replaces the base's indicator of that id whole (rule, threshold,
    ``by_province`` values, wording, department, source); every other indicator is the
    base's, unchanged. An indicator leaves the set only through ``remove``, with a reason.
    """

    id: Slug
    extends: Slug
    title: Text
    period: NonEmpty | None = None
    legal_basis: Annotated[list[OverlayBasis], Field(min_length=1)]
    #: checked against the resolved set when given
    indicator_count: Annotated[int, Field(ge=1)] | None = None
    regions: dict[Slug, Text] = {}
    groups: dict[Slug, Text] = {}
    departments: dict[Slug, Text] = {}
    sources: dict[Slug, Source] = {}
    indicators: list[Indicator] = []
    remove: list[Removal] = []
