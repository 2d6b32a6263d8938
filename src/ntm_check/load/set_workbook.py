"""``ntm-check criteria import FILE.xlsx``: a criteria set's workbook (as ``criteria export`` or
``criteria template`` writes it, then typed in by hand) read back into the data of a set file.

The workbook is hostile input like any other: it passes the safety checks of
:mod:`ntm_check.load.workbook_safety` before openpyxl reads a byte of it, and is loaded as
:mod:`ntm_check.load.workbook` loads a self-assessment workbook (formulas never evaluated).
What a person changes by hand is expected, as there: headings in either language, rows
re-sorted, blank rows, dates typed as text (``05/4/2024``), decimal commas (``84,5``), words
chosen from the lists with any case or spacing, departments by name. Every problem is located
at its cell (``set.xlsx:Chỉ tiêu!F12``), all of them at once.

The data is returned in the shape of a whole set (``criteria: [...]``), each value with the cell
it came from; an overlay's workbook (its set sheet names the set it ``extends``) also gives the
removals of its own sheet. Whether the data is a valid set is for the set validation to say
(the application maps its problems back to these cells).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm_check.load.set_workbook_indicators import IndicatorRows
from ntm_check.load.set_workbook_lists import SetSheets
from ntm_check.load.workbook import imported_yaml, open_workbook
from ntm_check.load.workbook_cells import Cells
from ntm_check.load.workbook_values import CellProblem, Problems
from ntm_check.set_workbook_layout import REQUIRED_SHEETS, SHEETS

__all__ = ("SetRead", "read_set_workbook", "to_set_yaml")


@dataclass(frozen=True)
class SetRead:
    """What a set's workbook holds: the set's data (``None`` when it cannot be read), its
    problems, and the cell each value came from (by its key path in the data)."""

    data: dict[str, Any] | None
    problems: list[CellProblem]
    cells: Cells = field(default_factory=dict)
    #: the set a row is of, as its ``Của bộ`` cell says, and that cell; by key path
    owners: dict[tuple[object, ...], tuple[str, str]] = field(default_factory=dict)


def read_set_workbook(path: Path, display: str | None = None) -> SetRead:
    """The set a workbook holds, its problems, and where each value came from."""
    problems = Problems(display or str(path))
    opened = open_workbook(path, problems, SHEETS, REQUIRED_SHEETS)
    if opened is None:
        return SetRead(None, problems.found)
    sheets = SetSheets(*opened[:2], problems, opened[2])
    data = _read(sheets)
    sheets.say_untranslated()
    return SetRead(data, problems.found, sheets.cells, sheets.owners)


def _read(sheets: SetSheets) -> dict[str, Any]:
    """Every sheet, in the order a set file writes its fields."""
    data = sheets.set_fields()
    data["legal_basis"] = sheets.legal_basis()
    for key in ("regions", "groups", "departments"):
        data[key] = sheets.names(key)
    data["sources"] = sheets.sources()
    rows = IndicatorRows(sheets, sheets.found["indicators"], data)
    data["criteria"] = rows.read(sheets.provinces())
    if data.get("indicator_count") is None:
        data["indicator_count"] = sum(len(c["indicators"]) for c in data["criteria"])
    removals = sheets.removals(data["sources"])
    if removals:
        data["remove"] = removals
    return data


_ORDER = (
    "id",
    "extends",
    "title",
    "unit",
    "period",
    "legal_basis",
    "indicator_count",
    "regions",
    "groups",
    "departments",
    "sources",
    "criteria",
    "indicators",
    "remove",
)


def to_set_yaml(data: dict[str, Any], source: str) -> str:
    """A set's data as the YAML file ``validate`` reads (empty fields left out)."""
    return imported_yaml(data, _ORDER, source, empty=({}, []))
