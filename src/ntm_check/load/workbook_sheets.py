"""What every workbook ``import`` reads does with a sheet, the unit's and the criteria set's
alike: the fields of a sheet of labels and values, the columns named on row 1, a missing column
said, how an id that is not one is to be written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ntm_check.ids import id_of
from ntm_check.load.workbook_values import Problems, cell_text, key_of

#: a label in each language: (Vietnamese, English)
Words = tuple[str, str]


def labelled_fields(
    ws: Any, cell: Callable[[int, int], object], labels: Mapping[str, Words]
) -> tuple[dict[str, object], dict[str, int]]:
    """A sheet of fields, one a row: each field's value (column B, read by ``cell``) and row.
    The field is the one named in the hidden column D, else column A as a field's key or its
    label (either language)."""
    by_label = {key_of(w): k for k, pair in labels.items() for w in (k, *pair)}
    fields: dict[str, object] = {}
    rows: dict[str, int] = {}
    for row in range(2, ws.max_row + 1):
        hidden = cell_text(ws.cell(row=row, column=4).value)
        key = hidden if hidden in labels else by_label.get(key_of(cell(row, 1)))
        if key:
            fields[key] = cell(row, 2)
            rows[key] = row
    return fields, rows


def row_one_columns(ws: Any, headings: Iterable[str], words: Mapping[str, Words]) -> dict[str, int]:
    """Each heading's column, as found on row 1 (its key, or its words in either language)."""
    keys = tuple(headings)
    names = {key_of(k): k for k in keys}
    names |= {key_of(w): k for k in keys for w in words[k]}
    return {
        names[key_of(ws.cell(row=1, column=c).value)]: c
        for c in range(1, ws.max_column + 1)
        if key_of(ws.cell(row=1, column=c).value) in names
    }


def missing_columns(
    problems: Problems, sheet: str, at: str, missing: Iterable[Words], where: Words = ("", "")
) -> None:
    """The columns a sheet lacks, by their headings, as an error at ``at``."""
    named = list(missing)
    vi = ", ".join(repr(pair[0]) for pair in named)
    en = ", ".join(repr(pair[1]) for pair in named)
    problems.error(
        sheet,
        at,
        "xlsx-missing-column",
        f"thiếu cột: {vi}{where[0]}",
        f"missing column(s): {en}{where[1]}",
    )


#: said after the missing columns of a sheet whose headings are on row 1
ON_ROW_ONE: Words = (" (tiêu đề ở dòng 1)", " (headings on row 1)")


def how_to_write_id(text: str) -> Words:
    """How to write ``text`` as an id: ``hãy ghi 'luc-ngan'``, or which characters one uses."""
    normal = id_of(text)
    if normal:
        return f"hãy ghi {normal!r}", f"write {normal!r}"
    return "chỉ dùng chữ thường a-z, số và gạch ngang", "use a-z, 0-9 and hyphens only"


def one_line(text: object) -> str:
    """A workbook's text inside a message: its lines joined, so that a cell cannot add a line
    that reads as a diagnostic of its own."""
    return " ".join(str(text).splitlines())


def listed(names: Iterable[object], separator: str = ", ") -> str:
    """Names in a message (``a, b``), each on one line; ``—`` for none."""
    return separator.join(one_line(n) for n in names) or "—"
