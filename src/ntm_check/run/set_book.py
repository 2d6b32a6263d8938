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
    #: a blank workbook's groups (``nhom-1`` … ``nhom-N``), each with its column
    groups: int = 0
    #: a blank workbook's kind of unit (``commune`` or ``district``), when chosen
    unit: str | None = None

    def group_names(self) -> dict[str, tuple[str, str]]:
        """A blank workbook's groups: id → name, (Vietnamese, English)."""
        return {f"nhom-{i}": (f"Nhóm {i}", f"Group {i}") for i in range(1, self.groups + 1)}
