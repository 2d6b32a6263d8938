"""``ntm-check import``: a self-assessment workbook (as ``export`` writes it, then filled in by
hand) read back into evidence data.

The workbook is hostile input like any other file:

* it is checked before openpyxl reads it (:mod:`ntm_check.load.workbook_safety`: a regular
  file of bounded size; no macros, external links, zip bombs, document types or entities;
  rows and cell texts within Excel's limits);
* formulas are never evaluated: a formula cell's value is the one Excel last saved, and a
  formula with no saved value is an error;
* every problem is located as ``file.xlsx:Sheet!C12``, all of them at once.

What a person changes by hand is expected: rows re-sorted, blank rows, merged title cells,
columns moved (headings are matched in either language), dates typed as text (``05/4/2024``),
decimal commas (``84,5``), status words with any case or spacing (``Đạt``, ``chưa  đạt``);
the sheets are read in :mod:`ntm_check.load.workbook_read`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm_check.i18n import format_number
from ntm_check.load.workbook_cells import Cells, data_changes
from ntm_check.load.workbook_read import Known, Reader
from ntm_check.load.workbook_safety import MAX_COLUMNS, MAX_ROWS, checked
from ntm_check.load.workbook_values import CellProblem, Problems, key_of
from ntm_check.text import visible_controls
from ntm_check.workbook_layout import SHEETS, UNIT_LABELS

__all__ = ("CellProblem", "Known", "Read", "data_changes", "read_workbook", "to_yaml")


@dataclass(frozen=True)
class Read:
    """What a workbook holds: its evidence data (``None`` when it cannot be read), its problems,
    and the cell each value came from."""

    data: dict[str, Any] | None
    problems: list[CellProblem]
    cells: Cells = field(default_factory=dict)


def read_workbook(
    path: Path,
    display: str | None = None,
    known: Known | Callable[[str | None], Known] | None = None,
) -> Read:
    """The evidence data a workbook holds, its problems, and where each value came from.

    ``known``: what the set tells (its indicator ids: any other is an error at its cell; its
    departments' names, read as their ids), or how to tell it from the set id the workbook
    names (asked once the workbook has passed its safety checks and is loaded).
    """
    problems = Problems(display or str(path))
    opened = open_workbook(path, problems, SHEETS, _REQUIRED)
    if opened is None:
        return Read(None, problems.found)
    formulas, values, found = opened
    if callable(known):  # what the set the workbook names tells, read from the loaded book
        known = known(_set_named(values, found["unit"]))
    reader = Reader(formulas, values, problems, known or Known())
    if "written" in found:
        reader.written = _written(values[found["written"]])
    data = reader.unit(found["unit"])
    data["documents"] = reader.documents(found["documents"])
    data["indicators"] = reader.indicators(found["table"])
    data["actions"] = reader.actions(found["actions"])
    return Read(data, problems.found, reader.cells)


def _written(ws: Any) -> dict[tuple[str, str], object]:
    """The hidden sheet of what export wrote in the cells only ntm-check fills."""
    return {
        (str(row[0]), str(row[1])): row[2]
        for row in ws.iter_rows(min_row=1, max_col=3, values_only=True)
        if row[0] is not None and row[1] is not None
    }


def open_workbook(
    path: Path, problems: Problems, sheets: dict[str, tuple[str, str]], required: tuple[str, ...]
) -> tuple[Any, Any, dict[str, str]] | None:
    """A workbook that passed the safety checks, loaded (with its formulas, and with its saved
    values), and its sheets by key; ``None`` when any of that is a problem (said in
    ``problems``)."""
    if not checked(path, problems):  # before openpyxl reads a byte of it
        return None
    books = load_books(path, problems)
    if books is None:
        return None
    formulas, values = books
    found = find_sheets(values, problems, sheets, required)
    check_sheet_sizes(values, found, problems)
    if problems.found:
        return None
    return formulas, values, found


def load_books(path: Path, problems: Problems) -> tuple[Any, Any] | None:
    """The workbook twice: with its formulas, and with the values Excel last saved."""
    import openpyxl  # noqa: PLC0415 - the office extra, for this command only

    try:
        formulas = openpyxl.load_workbook(path, data_only=False)
        values = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error on a broken file
        problems.error(None, None, "xlsx-unreadable", f"không đọc được tệp Excel: {exc}",
                       f"cannot read the workbook: {exc}")  # fmt: skip
        return None
    return formulas, values


#: the sheets ``export`` always writes
_REQUIRED = ("table", "unit", "actions", "documents")


def find_sheets(
    values: Any, problems: Problems, sheets: dict[str, tuple[str, str]], required: tuple[str, ...]
) -> dict[str, str]:
    """Each sheet's name by its key in ``sheets`` (named in either language); a sheet of
    ``required`` is an error when missing."""
    named = {key_of(name): name for name in values.sheetnames}
    found: dict[str, str] = {}
    for key, names in sheets.items():
        name = next((named[key_of(n)] for n in names if key_of(n) in named), None)
        if name is not None:
            found[key] = name
    for key in required:
        if key not in found:
            vi, en = sheets[key]
            problems.error(None, None, "xlsx-missing-sheet", f"thiếu trang tính {vi!r}",
                           f"no sheet {en!r} (or {vi!r})")  # fmt: skip
    return found


def check_sheet_sizes(values: Any, found: dict[str, str], problems: Problems) -> None:
    """A sheet that reaches beyond :data:`MAX_ROWS` or :data:`MAX_COLUMNS` is an error."""
    for name in found.values():
        ws = values[name]
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
            problems.error(
                name, None, "xlsx-too-large",
                f"trang tính dùng tới ô {ws.dimensions.split(':')[-1]}; giới hạn "
                f"{format_number(MAX_ROWS, 'vi')} "
                f"dòng, {MAX_COLUMNS} cột (hãy xóa ô lạc ở xa)",
                f"the sheet reaches cell {ws.dimensions.split(':')[-1]}; the limits are "
                f"{format_number(MAX_ROWS, 'en')} rows and {MAX_COLUMNS} columns (delete the "
                "stray cell)",
            )  # fmt: skip


_ORDER = ("id", "name", "unit", "code", "province", "region", "group", "criteria_set", "as_of",
          "note", "documents", "indicators", "actions")  # fmt: skip


def to_yaml(data: dict[str, Any], source: str) -> str:
    """Evidence data as the YAML file ``validate`` reads (empty fields left out)."""
    return imported_yaml(data, _ORDER, source, empty=([],))


def imported_yaml(
    data: dict[str, Any], order: tuple[str, ...], source: str, empty: tuple[object, ...]
) -> str:
    """The YAML file an import writes: the fields of ``order``, in that order, each value
    ``None`` or in ``empty`` left out; a first line naming the workbook ``source`` (its name on
    one line, its control characters shown: a name cannot add a line to the file)."""
    import yaml  # noqa: PLC0415

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v is not None and v not in empty}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    ordered = {key: data[key] for key in order if key in data}
    body = yaml.safe_dump(clean(ordered), allow_unicode=True, sort_keys=False, width=100)
    name = visible_controls(" ".join(source.splitlines()))
    return f"# Imported by ntm-check from {name}; edit the workbook or this file, not both.\n{body}"


def _set_named(values: Any, sheet: str) -> str | None:
    """The criteria set id the loaded workbook's unit sheet names (``None``: not told)."""
    for row in values[sheet].iter_rows(min_row=2, max_row=50, values_only=True):
        if _is_set_row(row):
            return str(row[1]).strip()
    return None


def _is_set_row(row: tuple[object, ...]) -> bool:
    """Whether a row of the unit sheet is the criteria set's (named in the hidden column D, or
    in column A by its field name or label)."""
    names = ("criteria_set", *(w.casefold() for w in UNIT_LABELS["criteria_set"]))
    keys = [str(v).strip().casefold() for v in (row[3:4] or (None,)) + row[:1] if v is not None]
    return len(row) > 1 and isinstance(row[1], str) and any(k in names for k in keys)
