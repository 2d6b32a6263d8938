"""What a criteria set's workbook shows (``criteria export``, ``criteria template``): a set,
resolved when it is an overlay, with the base it extends and the removals its own file lists;
or nothing, for a blank workbook."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ntm_check.model.criteria import CriteriaSet
    from ntm_check.model.overlay import Removal


@dataclass(frozen=True)
class SetBook:
    """A set for its workbook; ``cset`` ``None``: a blank workbook for a new set."""

    cset: CriteriaSet | None = None
    #: the set an overlay extends (resolved), for what is its own and what the base's
    base: CriteriaSet | None = None
    #: the indicators an overlay removes, each with its reason
    removals: tuple[Removal, ...] = ()
