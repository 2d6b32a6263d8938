"""How indicators are counted: the one definition every result type and output uses.

An indicator validly declared not applicable leaves the count: the denominator of every
``met/…`` shown is the set's indicators less those, and a unit meets the standard when every
applicable indicator is met.
"""

from __future__ import annotations


def applicable(total: int, not_applicable: int) -> int:
    """Indicators that apply to the unit."""
    return total - not_applicable


def passed(met: int, total: int, not_applicable: int) -> bool:
    """Whether the unit meets the standard: every applicable indicator met."""
    return met == applicable(total, not_applicable)
