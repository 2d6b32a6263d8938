"""The sheets of a criteria set's workbook other than its indicators, read into the set's data:
the set sheet (its id, title, kind of unit, period, number of indicators, the set it extends)
and the list sheets (legal basis, sources, regions, groups, departments, province values,
removals), each row's values with their cells. See :mod:`ntm_check.load.set_workbook`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ntm_check.ids import id_of
from ntm_check.load.set_workbook_cells import SheetReader
from ntm_check.load.workbook_sheets import (
    ON_ROW_ONE,
    Words,
    how_to_write_id,
    labelled_fields,
    missing_columns,
    row_one_columns,
)
from ntm_check.load.workbook_values import Problems, cell_text, code_of, key_of
from ntm_check.set_workbook_layout import (
    HEADINGS,
    LIST_COLUMNS,
    LIST_OUTPUT,
    LIST_REQUIRED,
    SET_FIELDS,
    UNIT_CHOICES,
    VERIFICATION_CHOICES,
)

#: what a names sheet lists, (Vietnamese, English)
_WHAT = {"regions": ("vùng", "region"), "groups": ("nhóm", "group"),
         "departments": ("cơ quan", "department")}  # fmt: skip
#: a list sheet's row: its values by heading, and their cells (``_row``: the row's first)
ListRow = tuple[dict[str, object], dict[str, str]]


@dataclass(frozen=True)
class ProvinceValue:
    """A row of the province sheet: a province's own value of an indicator, and its cells."""

    indicator: str
    code: str
    value: int | float
    sheet: str
    at: dict[str, str]


class SetSheets(SheetReader):
    """Reads the set sheet and the list sheets; problems go to ``problems``, at their cells."""

    def __init__(self, formulas: Any, values: Any, problems: Problems, found: dict[str, str]):
        super().__init__(formulas, values, problems, found)
        #: the set each row is of, as its ``Của bộ`` cell says, and that cell; by key path
        self.owners: dict[tuple[object, ...], tuple[str, str]] = {}

    # -- the set sheet ---------------------------------------------------------------------

    def set_fields(self) -> dict[str, Any]:
        sheet = self.found["set"]
        labels = {key: label for key, (label, _) in SET_FIELDS.items()}
        fields, rows = labelled_fields(
            self.values[sheet], lambda row, col: self.cell(sheet, row, col), labels
        )
        at = {key: f"B{rows.get(key, self.values[sheet].max_row + 1)}" for key in SET_FIELDS}
        for key, row in rows.items():
            self.heading(sheet, key, self.values[sheet].cell(row=row, column=1).value)
        for key in SET_FIELDS:
            self.cells[(key.removesuffix("_en"),)] = (sheet, at[key])
        data: dict[str, Any] = {"id": self._slug(fields.get("id"), sheet, at["id"], "set_id")}
        extends = cell_text(fields.get("extends"))
        if extends is not None:
            data["extends"] = self._slug(extends, sheet, at["extends"], "extends")
        given = {k: v for k, v in at.items() if k in rows}
        title = fields.get("title"), fields.get("title_en")
        data["title"] = self.texts(*title, sheet, "title", given)
        self.required(data["title"], sheet, at["title"], "title")
        data["unit"] = self._unit(fields.get("unit"), sheet, at["unit"])
        data["period"] = cell_text(fields.get("period"))
        self.required(data["period"], sheet, at["period"], "period")
        count = self.whole(fields.get("indicator_count"), sheet, at["indicator_count"])
        data["indicator_count"] = count
        return {k: v for k, v in data.items() if v is not None}

    def _unit(self, value: object, sheet: str, at: str) -> str | None:
        words = {key_of(w): k for k, pair in UNIT_CHOICES.items() for w in (k, *pair)}
        word = key_of(value)
        if not word:
            self.required(None, sheet, at, "unit")
            return None
        if word not in words:
            choices = ", ".join(w for pair in UNIT_CHOICES.values() for w in pair)
            self.problems.error(
                sheet,
                at,
                "xlsx-unit",
                f"{word!r} không phải một trong: {choices}",
                f"{word!r} is not one of: {choices}",
            )
            return None
        return words[word]

    def _slug(self, value: object, sheet: str, at: str, what: str) -> str | None:
        """An id: missing, or not written as one (``Xã NTM 2026``), is an error at its cell
        that says how to write it (``xa-ntm-2026``)."""
        text = cell_text(value)
        if text is None:
            self.required(None, sheet, at, what)
            return None
        if id_of(text) != text or len(text) > 80:
            how = how_to_write_id(text)
            self.problems.error(
                sheet,
                at,
                "xlsx-id",
                f"{text!r} không phải một mã: {how[0]}",
                f"{text!r} is not an id: {how[1]}",
            )
        return text

    # -- the list sheets -------------------------------------------------------------------

    def rows(self, key: str) -> list[ListRow]:
        """Each filled row of list sheet ``key``: its cells by heading, and their places; a
        required cell left empty is an error there."""
        sheet = self.found.get(key)
        cols = None if sheet is None else self._columns(key, sheet)
        if sheet is None or cols is None:
            return []
        out = []
        for row in range(2, self.values[sheet].max_row + 1):
            values = {h: self.cell(sheet, row, c) for h, c in cols.items()}
            if any(cell_text(v) is not None for v in values.values()):
                out.append(self._filled(key, sheet, row, cols, values))
        return out

    def _columns(self, key: str, sheet: str) -> dict[str, int] | None:
        """The columns of list sheet ``key``, by heading; ``None`` (an error) when one the
        sheet cannot do without is missing."""
        headings = tuple(h for h in LIST_COLUMNS[key] if h not in LIST_OUTPUT)
        cols = row_one_columns(self.values[sheet], headings, HEADINGS)
        for h, col in cols.items():
            self.heading(sheet, h, self.values[sheet].cell(row=1, column=col).value)
        missing = [h for h in LIST_REQUIRED[key] if h not in cols]
        if missing:
            missing_columns(self.problems, sheet, "1:1", (HEADINGS[h] for h in missing), ON_ROW_ONE)
            return None
        return cols

    def _filled(
        self, key: str, sheet: str, row: int, cols: dict[str, int], values: dict[str, object]
    ) -> ListRow:
        at = {h: self.where(sheet, row, c) for h, c in cols.items()}
        at["_row"] = f"A{row}"
        for h in LIST_REQUIRED[key]:
            self.required(cell_text(values[h]), sheet, at[h], h, HEADINGS[h])
        return values, at

    def _none_listed(self, key: str, what: Words) -> None:
        self.problems.error(
            self.found[key],
            "A2",
            "xlsx-empty",
            f"trang trống: ghi ít nhất một {what[0]}",
            f"the sheet is empty: give at least one {what[1]}",
        )

    def _place(self, path: tuple[object, ...], sheet: str, at: dict[str, str]) -> None:
        """Where a list row's values came from: the row, and each of its fields."""
        self.cells[path] = (sheet, at["_row"])
        for key, cell in at.items():
            if not key.startswith("_"):  # a text's problem is said at its Vietnamese cell
                self.cells.setdefault((*path, key.removesuffix("_en")), (sheet, cell))

    def _owner(self, path: tuple[object, ...], sheet: str, row: int) -> None:
        """The set a row is of, as its ``Của bộ`` cell says (a column ntm-check fills, read
        only to tell an overlay's own rows from its base's)."""
        col = row_one_columns(self.values[sheet], ("of_set",), HEADINGS).get("of_set")
        if col is None:
            return
        owner = cell_text(self.values[sheet].cell(row=row, column=col).value)
        if owner is not None:
            self.owners[path] = (owner, self.where(sheet, row, col))

    def legal_basis(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        sheet = self.found.get("legal_basis", "")
        for v, at in self.rows("legal_basis"):
            doc = {
                "number": cell_text(v.get("number")),
                "date": self.date(v.get("date"), sheet, at.get("date", at["_row"])),
                "issuer": cell_text(v.get("issuer")),
                "title": self.texts(v.get("title"), v.get("title_en"), sheet, "title", at),
                "note": self.texts(v.get("note"), v.get("note_en"), sheet, "note", at),
            }
            self._place(("legal_basis", len(out)), sheet, at)
            self._owner(("legal_basis", len(out)), sheet, int(at["_row"][1:]))
            out.append({k: x for k, x in doc.items() if x is not None})
        if not out and "legal_basis" in self.found:
            self._none_listed("legal_basis", ("văn bản", "document"))
        return out

    def _new_id(self, key: str, sheet: str, v: dict[str, object], at: dict[str, str]) -> str | None:
        """A list row's id, unless it is empty (said already), not one, or taken already (a
        repeat is an error at its cell that names the cell of the first)."""
        if cell_text(v.get("id")) is None:
            return None
        ident = self._slug(v.get("id"), sheet, at["id"], "id")
        first = self.cells.get((key, ident, "id"))
        if ident is None or first is None:
            return ident
        self.problems.error(
            sheet,
            at["id"],
            "xlsx-duplicate-id",
            f"mã {ident!r} đã có ở ô {first[1]}",
            f"id {ident!r} is also in cell {first[1]}",
        )
        return None

    def names(self, key: str) -> dict[str, Any]:
        """Regions, groups or departments: id → name."""
        out: dict[str, Any] = {}
        sheet = self.found.get(key, "")
        taken: dict[str, tuple[str, str]] = {}
        for v, at in self.rows(key):
            ident = self._new_id(key, sheet, v, at)
            if ident is not None:
                self._name_free(key, v, at, taken)
                out[ident] = self.texts(v.get("name"), v.get("name_en"), sheet, "name", at)
                self._place((key, ident), sheet, at)
                self.cells[(key, ident)] = (sheet, at["id"])
        if not out and key == "departments" and key in self.found:
            self._none_listed(key, ("cơ quan", "department"))
        return out

    def _name_free(
        self, key: str, v: dict[str, object], at: dict[str, str], taken: dict[str, tuple[str, str]]
    ) -> None:
        """A region's (group's, department's) id or name another row has (as its name or id)
        would make one column (one department cell) mean two: an error at its cell, naming the
        cell of the other."""
        words = [(h, cell_text(v.get(h))) for h in ("id", "name", "name_en") if h in at]
        for h, word in words:
            first = taken.get(key_of(word)) if word else None
            if first is not None and first[1] != at["_row"]:
                self.problems.error(
                    self.found[key],
                    at[h],
                    "xlsx-duplicate-name",
                    f"{word!r} đã có ở ô {first[0]}: mỗi {_WHAT[key][0]} một tên riêng",
                    f"{word!r} is also in cell {first[0]}: each {_WHAT[key][1]} has a name of "
                    "its own",
                )
                return
        for h, word in words:
            if word:
                taken.setdefault(key_of(word), (at[h], at["_row"]))

    def sources(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        sheet = self.found["sources"]
        for v, at in self.rows("sources"):
            ident = self._new_id("sources", sheet, v, at)
            if ident is None:
                continue
            source = {
                "title": self.texts(v.get("title"), v.get("title_en"), sheet, "title", at),
                "date": self.date(v.get("date"), sheet, at.get("date", at["_row"])),
                "issuer": cell_text(v.get("issuer")),
                "url": cell_text(v.get("url")),
                "note": self.texts(v.get("note"), v.get("note_en"), sheet, "note", at),
            }
            out[ident] = {k: x for k, x in source.items() if x is not None}
            self._place(("sources", ident), sheet, at)
        if not out:
            self._none_listed("sources", ("nguồn", "source"))
        return out

    def provinces(self) -> list[ProvinceValue]:
        """The province sheet's values, each with its cells."""
        out: list[ProvinceValue] = []
        sheet = self.found.get("provinces", "")
        for v, at in self.rows("provinces"):
            code = code_of(v.get("province"))
            if code is not None and not self._is_code(code, sheet, at["province"]):
                continue
            value = self.number(v.get("value"), sheet, at["value"])
            ind = self.indicator_id(v.get("indicator"), sheet, at["indicator"])
            if ind is not None and code is not None and value is not None:
                out.append(ProvinceValue(ind, code, value, sheet, at))
        return out

    def _is_code(self, code: str, sheet: str, at: str) -> bool:
        """Whether a province's code is one (digits: ``24``, or a number typed as 24.0); if not,
        an error at its cell."""
        if not code.isdigit():
            self.problems.error(
                sheet,
                at,
                "xlsx-code",
                f"mã tỉnh {code!r} chỉ gồm chữ số, ví dụ 24",
                f"a province code is digits only, e.g. 24; not {code!r}",
            )
        return code.isdigit()

    def removals(self, sources: dict[str, Any]) -> list[dict[str, Any]]:
        """An overlay's removals: each indicator's id, the reason, the source that says so."""
        out: list[dict[str, Any]] = []
        sheet = self.found.get("removals", "")
        for v, at in self.rows("removals"):
            source = {
                "refs": self.refs(v.get("refs"), sheet, at["refs"], sources),
                "verification": self.word(
                    v.get("verification"),
                    sheet,
                    at["verification"],
                    VERIFICATION_CHOICES,
                    "xlsx-verification",
                ),
                "note": self.texts(v.get("note"), v.get("note_en"), sheet, "note", at),
            }
            gone = {
                "id": self.indicator_id(v.get("id"), sheet, at["id"]),
                "reason": self.texts(v.get("reason"), v.get("reason_en"), sheet, "reason", at),
                "source": {k: x for k, x in source.items() if x},
            }
            self._place(("remove", len(out)), sheet, at)
            self.cells[("remove", len(out), "source")] = (sheet, at["refs"])
            out.append(gone)
        return out
