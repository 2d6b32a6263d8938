"""The indicator sheet of a criteria set's workbook read into the set's criteria: its heading row
(the fixed columns in either language, a column per region and per group), then one row per
indicator: its id, texts, department and sources here, its rule in
:mod:`ntm_check.load.set_workbook_rules`, the rows grouped into criteria in
:mod:`ntm_check.load.set_workbook_criteria`. Every problem is located at its cell; see
:mod:`ntm_check.load.set_workbook`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ntm_check.load.set_workbook_cells import SheetReader, by_name, id_as_number, names_of
from ntm_check.load.set_workbook_criteria import Criteria
from ntm_check.load.set_workbook_rules import RuleCells, add_province_values
from ntm_check.load.workbook_cells import Cells
from ntm_check.load.workbook_sheets import listed, missing_columns, one_line
from ntm_check.load.workbook_values import cell_text, key_of
from ntm_check.set_workbook_layout import (
    COLUMNS,
    GROUP_PREFIX,
    HEADER_ROW,
    OUTPUT_COLUMNS,
    REGION_PREFIX,
    VERIFICATION_CHOICES,
)

if TYPE_CHECKING:
    from ntm_check.load.set_workbook_lists import ProvinceValue

#: the indicator sheet's columns an indicator cannot be read without
REQUIRED_COLUMNS = (
    "criterion",
    "id",
    "name",
    "requirement",
    "kind",
    "department",
    "refs",
    "verification",
)
_PREFIXES = {"regions": REGION_PREFIX, "groups": GROUP_PREFIX}
_ID = re.compile(r"^[0-9]+\.[0-9]+$")
#: the heading rows looked through for the one naming the columns
_HEADING_ROWS = 20


@dataclass
class Row:
    """One indicator row read: its criterion's cells, the indicator, where each value is."""

    number: int | None
    criterion: dict[str, object]
    indicator: dict[str, Any]
    #: the indicator's cells, by key path inside the indicator
    cells: Cells = field(default_factory=dict)
    at: dict[str, str] = field(default_factory=dict)
    row: int = 0


@dataclass(frozen=True)
class Extra:
    """A column of a region's (``by_region``) or a group's (``by_group``) own values."""

    field: str
    key: str
    col: int


#: the heading row, each fixed column's place, the region and group columns
Header = tuple[int, dict[str, int], list[Extra]]


class IndicatorRows:
    """Reads the indicator sheet into the set's criteria."""

    def __init__(self, reader: SheetReader, sheet: str, data: Mapping[str, Any]) -> None:
        self.r = reader
        self.sheet = sheet
        self.data = data
        self.departments = by_name(data.get("departments", {}))

    def read(self, provinces: list[ProvinceValue]) -> list[Any]:
        found = self._header()
        if found is None:
            return []
        start, cols, extra = found
        rows: list[Row] = []
        seen: dict[str, str] = {}
        for row in range(start + 1, self.r.values[self.sheet].max_row + 1):
            parsed = self._row(row, cols, extra, seen)
            if parsed is not None:
                rows.append(parsed)
        if not rows:
            self.r.problems.error(
                self.sheet,
                f"A{start + 1}",
                "xlsx-empty",
                "chưa có chỉ tiêu nào: ghi mỗi chỉ tiêu một dòng",
                "no indicator yet: write one row per indicator",
            )
        add_province_values(self.r, rows, provinces)
        return Criteria(self.r, self.sheet, self.department).assemble(rows)

    # -- the heading row -------------------------------------------------------------------

    def _header(self) -> Header | None:
        """The heading row, each fixed column's place, the region and group columns."""
        ws = self.r.values[self.sheet]
        names = {key_of(w): k for k, (vi, en, _) in COLUMNS.items() for w in (k, vi, en)}
        for row in range(1, min(ws.max_row, _HEADING_ROWS) + 1):
            heads = {
                c: key_of(ws.cell(row=row, column=c).value) for c in range(1, ws.max_column + 1)
            }
            cols = {names[h]: c for c, h in heads.items() if h in names}
            if "id" in cols:
                for key, col in cols.items():
                    self.r.heading(self.sheet, key, ws.cell(row=row, column=col).value)
                extra = self._extras(row, heads, set(cols.values()))
                return self._complete(row, cols, extra)
        missing = ", ".join(repr(COLUMNS[k][0]) for k in REQUIRED_COLUMNS)
        self.r.problems.error(
            self.sheet,
            f"A{HEADER_ROW}",
            "xlsx-missing-column",
            f"không tìm thấy dòng tiêu đề (cột {missing})",
            "no heading row found (an 'Indicator id' column)",
        )
        return None

    def _complete(self, row: int, cols: dict[str, int], extra: list[Extra]) -> Header | None:
        missing = [k for k in REQUIRED_COLUMNS if k not in cols]
        if missing:
            named = ((COLUMNS[k][0], COLUMNS[k][1]) for k in missing)
            missing_columns(self.r.problems, self.sheet, f"{row}:{row}", named)
            return None
        return row, cols, extra

    def _extras(self, row: int, heads: dict[int, str], fixed: set[int]) -> list[Extra]:
        """The ``Vùng: …`` and ``Nhóm: …`` columns; one naming no region (group) of the set is
        an error at its heading."""
        out = []
        kinds = (("regions", "by_region", REGION_PREFIX), ("groups", "by_group", GROUP_PREFIX))
        for col, head in heads.items():
            prefix, _, name = head.partition(":")
            for key, by, words in kinds:
                if col in fixed or prefix.strip() not in {key_of(w) for w in words}:
                    continue
                known = by_name(self.data.get(key, {}))
                if name.strip() in known:
                    out.append(Extra(by, known[name.strip()], col))
                else:
                    self._unknown_extra(row, col, key)
        return out

    def _unknown_extra(self, row: int, col: int, key: str) -> None:
        """A region (group) column naming none: its heading as written, and the names the set
        has, as such a heading is written."""
        head = one_line(cell_text(self.r.values[self.sheet].cell(row=row, column=col).value))
        prefix, _, name = head.partition(":")
        english = key_of(prefix) == key_of(_PREFIXES[key][1])
        names = [names_of(n) for n in self.data.get(key, {}).values()]
        shown = (n[-1] if english else n[0] for n in names if n)
        there = listed((f"{prefix.strip()}: {n}" for n in shown), "; ")
        vi, en = self.r.sheet_words(key)
        what = {"regions": ("vùng", "region"), "groups": ("nhóm", "group")}[key]
        self.r.problems.error(
            self.sheet,
            self.r.where(self.sheet, row, col),
            "xlsx-unknown-column",
            f"cột {head!r}: không có {what[0]} {name.strip()!r} ở trang {vi!r} "
            f"(các cột có thể: {there})",
            f"column {head!r}: no {what[1]} {name.strip()!r} on the {en!r} sheet "
            f"(the columns it may have: {there})",
        )

    # -- a row -----------------------------------------------------------------------------

    def _row(
        self, row: int, cols: dict[str, int], extra: list[Extra], seen: dict[str, str]
    ) -> Row | None:
        sheet = self.sheet

        def get(key: str) -> object:
            return self.r.cell(sheet, row, cols[key]) if key in cols else None

        at = {k: self.r.where(sheet, row, c) for k, c in cols.items()}
        extras = {e: self.r.cell(sheet, row, e.col) for e in extra}
        if _blank(get, cols, extras):
            return None
        number = self.r.whole(get("criterion"), sheet, at["criterion"])
        self.r.required(number, sheet, at["criterion"], "criterion")
        ind_id = self._id(get("id"), at["id"], seen, number)
        out = _new_row(number, {"id": ind_id}, get, cols, at, row)
        self._texts(out, get, at)
        RuleCells(self.r, sheet, out, get, at).read(extras)
        self._source(out, get, at)
        return out

    def _id(self, raw: object, at: str, seen: dict[str, str], number: int | None) -> str | None:
        """The indicator's id: as text, ``2.3``, once in the sheet, under its criterion."""
        text = cell_text(raw) or ""
        problem = _id_form(raw) or _id_place(text, seen, number)
        if problem is not None:
            self.r.problems.error(self.sheet, at, *problem)
            return None
        seen[text] = at
        return text

    def _texts(self, out: Row, get: Callable[[str], object], at: dict[str, str]) -> None:
        ind = out.indicator
        for key in ("name", "requirement", "applies_when"):
            ind[key] = self.r.texts(get(key), get(f"{key}_en"), self.sheet, key, at)
            if key != "applies_when":
                self.r.required(ind[key], self.sheet, at[key], key)
            if key in at:
                out.cells[(key,)] = (self.sheet, at[key])
        ind["department"] = self.department(get("department"), at["department"])
        out.cells[("department",)] = (self.sheet, at["department"])
        out.cells[()] = (self.sheet, at["id"])
        out.cells[("id",)] = (self.sheet, at["id"])

    def department(self, name: object, at: str) -> str | None:
        """A department's id from its name (either language) or id; an unknown one is an
        error listing the names there are."""
        text = cell_text(name)
        if text is None:
            self.r.required(None, self.sheet, at, "department")
            return None
        if key_of(text) in self.departments:
            return str(self.departments[key_of(text)])
        named = [names_of(n)[:1] for n in self.data.get("departments", {}).values()]
        there = listed((n[0] for n in named if n), "; ")
        vi, en = self.r.sheet_words("departments")
        self.r.problems.error(
            self.sheet,
            at,
            "xlsx-department",
            f"không có cơ quan {text!r} ở trang {vi!r} (có: {there})",
            f"no department {text!r} on the {en!r} sheet ({there})",
        )
        return None

    def _source(self, out: Row, get: Callable[[str], object], at: dict[str, str]) -> None:
        sheet = self.sheet
        refs = self.r.refs(get("refs"), sheet, at["refs"], self.data.get("sources", {}))
        self.r.required(
            refs if cell_text(get("refs")) is None else ["given"], sheet, at["refs"], "refs"
        )
        verification = self.r.word(
            get("verification"),
            sheet,
            at["verification"],
            VERIFICATION_CHOICES,
            "xlsx-verification",
        )
        self.r.required(cell_text(get("verification")), sheet, at["verification"], "verification")
        source: dict[str, Any] = {"refs": refs, "verification": verification}
        note = self.r.texts(get("source_note"), get("source_note_en"), sheet, "source_note", at)
        if note is not None:
            source["note"] = note
        out.indicator["source"] = source
        for key, col in (
            ("refs", "refs"),
            ("verification", "verification"),
            ("note", "source_note"),
        ):
            if col in at:
                out.cells[("source", key)] = (sheet, at[col])
        out.cells[("source",)] = (sheet, at["refs"])


def _blank(get: Callable[[str], object], cols: dict[str, int], extras: dict[Extra, object]) -> bool:
    """Whether a row is empty but for the columns ntm-check fills (a row to pass over)."""
    read = [k for k in cols if k not in OUTPUT_COLUMNS]
    return all(cell_text(get(k)) is None for k in read) and all(v is None for v in extras.values())


def _new_row(
    number: int | None,
    indicator: dict[str, Any],
    get: Callable[[str], object],
    cols: dict[str, int],
    at: dict[str, str],
    row: int,
) -> Row:
    """A row read so far: its criterion's cells, the indicator's id."""
    criterion = {k: get(k) for k in cols if k.startswith("criterion")}
    return Row(number, criterion, indicator, at=at, row=row)


def _id_form(raw: object) -> tuple[str, str, str] | None:
    """The problem of an id cell that holds no id: empty, a number, or not ``2.3``."""
    if raw is None:
        return (
            "xlsx-missing-id",
            "ô trống: dòng có dữ liệu nhưng không có mã chỉ tiêu",
            "the cell is empty: the row has data but no indicator id",
        )
    if isinstance(raw, (int, float)):
        return id_as_number(raw)
    text = cell_text(raw)
    if not _ID.match(text or ""):
        return (
            "xlsx-id",
            f"{text!r} không phải mã chỉ tiêu (số tiêu chí, dấu chấm, số thứ tự: 2.3)",
            f"{text!r} is not an indicator id (2.3)",
        )
    return None


def _id_place(text: str, seen: dict[str, str], number: int | None) -> tuple[str, str, str] | None:
    """The problem of an id in the wrong place: a repeat, or under another criterion."""
    if text in seen:
        return (
            "xlsx-duplicate-indicator",
            f"chỉ tiêu {text} đã có ở ô {seen[text]}",
            f"indicator {text} is also in cell {seen[text]}",
        )
    if number is not None and text.split(".", maxsplit=1)[0] != str(number):
        return (
            "xlsx-wrong-criterion",
            f"chỉ tiêu {text} nằm dưới tiêu chí {number}: mã phải bắt đầu bằng {number}.",
            f"indicator {text} is under criterion {number}: its id must start with {number}.",
        )
    return None
