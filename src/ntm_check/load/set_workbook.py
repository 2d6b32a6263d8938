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

from ntm_check.load.resolve import id_of
from ntm_check.load.set_workbook_rows import IndicatorRows, SheetReader
from ntm_check.load.workbook import check_sheet_sizes, find_sheets, load_books
from ntm_check.load.workbook_cells import Cells
from ntm_check.load.workbook_read import CellProblem, Problems, _bilingual, _key, _text
from ntm_check.load.workbook_safety import checked
from ntm_check.set_workbook_layout import (
    HEADINGS,
    LIST_COLUMNS,
    LIST_OUTPUT,
    LIST_REQUIRED,
    REQUIRED_SHEETS,
    SET_FIELDS,
    SHEETS,
    UNIT_CHOICES,
    VERIFICATION_CHOICES,
)

__all__ = ("SetRead", "read_set_workbook", "to_set_yaml")


@dataclass(frozen=True)
class SetRead:
    """What a set's workbook holds: the set's data (``None`` when it cannot be read), its
    problems, and the cell each value came from (by its key path in the data)."""

    data: dict[str, Any] | None
    problems: list[CellProblem]
    cells: Cells = field(default_factory=dict)


def read_set_workbook(path: Path, display: str | None = None) -> SetRead:
    """The set a workbook holds, its problems, and where each value came from."""
    problems = Problems(display or str(path))
    if not checked(path, problems):  # before openpyxl reads a byte of it
        return SetRead(None, problems.found)
    books = load_books(path, problems)
    if books is None:
        return SetRead(None, problems.found)
    formulas, values = books
    found = find_sheets(values, problems, SHEETS, REQUIRED_SHEETS)
    check_sheet_sizes(values, found, problems)
    if problems.found:
        return SetRead(None, problems.found)
    reader = SetReader(formulas, values, problems, found)
    data = reader.read()
    return SetRead(data, problems.found, reader.cells)


class SetReader(SheetReader):
    """Reads every sheet of a set's workbook; problems go to ``problems``, at their cells."""

    def __init__(self, formulas: Any, values: Any, problems: Problems, found: dict[str, str]):
        super().__init__(formulas, values, problems)
        self.found = found

    def read(self) -> dict[str, Any]:
        data = self.set_fields()
        data["legal_basis"] = self.legal_basis()
        for key in ("regions", "groups", "departments"):
            data[key] = self.names(key)
        data["sources"] = self.sources()
        rows = IndicatorRows(self, self.found["indicators"], data)
        data["criteria"] = rows.read(self.provinces())
        if data.get("indicator_count") is None:
            data["indicator_count"] = sum(len(c["indicators"]) for c in data["criteria"])
        removals = self.removals(data["sources"])
        if removals:
            data["remove"] = removals
        return data

    # -- the set sheet ---------------------------------------------------------------------

    def set_fields(self) -> dict[str, Any]:
        sheet = self.found["set"]
        fields, rows = self._fields(sheet)
        at = {key: f"B{rows.get(key, self.values[sheet].max_row + 1)}" for key in SET_FIELDS}
        for key in SET_FIELDS:
            self.cells[(key.removesuffix("_en"),)] = (sheet, at[key])
        data: dict[str, Any] = {"id": self._slug(fields.get("id"), sheet, at["id"], "set_id")}
        extends = _text(fields.get("extends"))
        if extends is not None:
            data["extends"] = self._slug(extends, sheet, at["extends"], "extends")
        data["title"] = _bilingual(fields.get("title"), fields.get("title_en"))
        self.required(data["title"], sheet, at["title"], "title")
        data["unit"] = self._unit(fields.get("unit"), sheet, at["unit"])
        data["period"] = _text(fields.get("period"))
        self.required(data["period"], sheet, at["period"], "period")
        data["indicator_count"] = self.whole(
            fields.get("indicator_count"), sheet, at["indicator_count"]
        )
        return {k: v for k, v in data.items() if v is not None}

    def _fields(self, sheet: str) -> tuple[dict[str, object], dict[str, int]]:
        """The set sheet's values and rows by field: the field named in the hidden column D,
        else column A as a field's key or label (either language)."""
        ws = self.values[sheet]
        labels = {_key(w): k for k, (pair, _) in SET_FIELDS.items() for w in (k, *pair)}
        fields: dict[str, object] = {}
        rows: dict[str, int] = {}
        for row in range(2, ws.max_row + 1):
            hidden = _text(ws.cell(row=row, column=4).value)
            key = hidden if hidden in SET_FIELDS else labels.get(_key(self.cell(sheet, row, 1)))
            if key:
                fields[key] = self.cell(sheet, row, 2)
                rows[key] = row
        return fields, rows

    def _unit(self, value: object, sheet: str, at: str) -> str | None:
        words = {_key(w): k for k, pair in UNIT_CHOICES.items() for w in (k, *pair)}
        word = _key(value)
        if not word:
            self.required(None, sheet, at, "unit")
            return None
        if word not in words:
            listed = ", ".join(w for pair in UNIT_CHOICES.values() for w in pair)
            self.problems.error(
                sheet,
                at,
                "xlsx-unit",
                f"{word!r} không phải một trong: {listed}",
                f"{word!r} is not one of: {listed}",
            )
            return None
        return words[word]

    def _slug(self, value: object, sheet: str, at: str, what: str) -> str | None:
        """An id: missing, or not written as one (``Xã NTM 2026``), is an error at its cell
        that says how to write it (``xa-ntm-2026``)."""
        text = _text(value)
        if text is None:
            self.required(None, sheet, at, what)
            return None
        if id_of(text) != text or len(text) > 80:
            normal = id_of(text)
            how = (
                (f"hãy ghi {normal!r}", f"write {normal!r}")
                if normal
                else ("chỉ dùng chữ thường a-z, số và gạch ngang", "use a-z, 0-9 and hyphens only")
            )
            self.problems.error(
                sheet,
                at,
                "xlsx-id",
                f"{text!r} không phải một mã: {how[0]}",
                f"{text!r} is not an id: {how[1]}",
            )
        return text

    # -- the list sheets -------------------------------------------------------------------

    def rows(self, key: str) -> list[tuple[dict[str, object], dict[str, str]]]:
        """Each filled row of list sheet ``key``: its cells by heading, and their places; a
        required cell left empty is an error there."""
        sheet = self.found.get(key)
        if sheet is None:
            return []
        headings = tuple(h for h in LIST_COLUMNS[key] if h not in LIST_OUTPUT)
        cols = self._columns(sheet, headings)
        missing = [h for h in LIST_REQUIRED[key] if h not in cols]
        if missing:
            vi = ", ".join(repr(HEADINGS[h][0]) for h in missing)
            en = ", ".join(repr(HEADINGS[h][1]) for h in missing)
            self.problems.error(
                sheet,
                "1:1",
                "xlsx-missing-column",
                f"thiếu cột: {vi} (tiêu đề ở dòng 1)",
                f"missing column(s): {en} (headings on row 1)",
            )
            return []
        out = []
        for row in range(2, self.values[sheet].max_row + 1):
            values = {h: self.cell(sheet, row, c) for h, c in cols.items()}
            if all(_text(v) is None for v in values.values()):
                continue
            at = {h: self.where(sheet, row, c) for h, c in cols.items()}
            at["_row"] = f"A{row}"
            for h in LIST_REQUIRED[key]:
                self.required(_text(values[h]), sheet, at[h], h)
            out.append((values, at))
        return out

    def _columns(self, sheet: str, headings: tuple[str, ...]) -> dict[str, int]:
        ws = self.values[sheet]
        names = {_key(k): k for k in headings}
        names |= {_key(v): k for k in headings for v in HEADINGS[k]}
        return {
            names[_key(ws.cell(row=1, column=c).value)]: c
            for c in range(1, ws.max_column + 1)
            if _key(ws.cell(row=1, column=c).value) in names
        }

    def _none_listed(self, key: str, what: tuple[str, str]) -> None:
        sheet = self.found[key]
        self.problems.error(
            sheet,
            "A2",
            "xlsx-empty",
            f"trang trống: ghi ít nhất một {what[0]}",
            f"the sheet is empty: give at least one {what[1]}",
        )

    def legal_basis(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for v, at in self.rows("legal_basis"):
            index = len(out)
            doc: dict[str, Any] = {"number": _text(v.get("number"))}
            date = self.date(v.get("date"), self.found["legal_basis"], at.get("date", at["_row"]))
            doc |= {
                "date": date,
                "issuer": _text(v.get("issuer")),
                "title": _bilingual(v.get("title"), v.get("title_en")),
                "note": _bilingual(v.get("note"), v.get("note_en")),
            }
            self._place(("legal_basis", index), self.found["legal_basis"], at)
            out.append({k: x for k, x in doc.items() if x is not None})
        if not out and "legal_basis" in self.found:
            self._none_listed("legal_basis", ("văn bản", "document"))
        return out

    def _place(self, path: tuple[object, ...], sheet: str, at: dict[str, str]) -> None:
        """Where a list row's values came from: the row, and each of its fields."""
        self.cells[path] = (sheet, at["_row"])
        for key, cell in at.items():
            if not key.startswith("_"):
                self.cells[(*path, key.removesuffix("_en"))] = (sheet, cell)

    def names(self, key: str) -> dict[str, Any]:
        """Regions, groups or departments: id → name."""
        out: dict[str, Any] = {}
        sheet = self.found.get(key, "")
        for v, at in self.rows(key):
            ident = self._slug(v.get("id"), sheet, at["id"], "id")
            if ident is None:
                continue
            if ident in out:
                self._twice(sheet, at["id"], ident, self.cells[(key, ident)][1])
                continue
            out[ident] = _bilingual(v.get("name"), v.get("name_en"))
            self._place((key, ident), sheet, at)
            self.cells[(key, ident)] = (sheet, at["id"])
        if not out and key == "departments" and key in self.found:
            self._none_listed(key, ("cơ quan", "department"))
        return out

    def _twice(self, sheet: str, at: str, ident: str, first: str) -> None:
        self.problems.error(
            sheet,
            at,
            "xlsx-duplicate-id",
            f"mã {ident!r} đã có ở ô {first}",
            f"id {ident!r} is also in cell {first}",
        )

    def sources(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        sheet = self.found["sources"]
        for v, at in self.rows("sources"):
            ident = self._slug(v.get("id"), sheet, at["id"], "id")
            if ident is None:
                continue
            if ident in out:
                self._twice(sheet, at["id"], ident, self.cells[("sources", ident)][1])
                continue
            source = {
                "title": _bilingual(v.get("title"), v.get("title_en")),
                "date": self.date(v.get("date"), sheet, at.get("date", at["_row"])),
                "issuer": _text(v.get("issuer")),
                "url": _text(v.get("url")),
                "note": _bilingual(v.get("note"), v.get("note_en")),
            }
            out[ident] = {k: x for k, x in source.items() if x is not None}
            self._place(("sources", ident), sheet, at)
        if not out:
            self._none_listed("sources", ("nguồn", "source"))
        return out

    def provinces(self) -> list[tuple[str, str, object, dict[str, str]]]:
        """The province values: (indicator, province code, value, places)."""
        out: list[tuple[str, str, object, dict[str, str]]] = []
        sheet = self.found.get("provinces", "")
        for v, at in self.rows("provinces"):
            raw = v.get("province")
            code = str(int(raw)) if isinstance(raw, (int, float)) else _text(raw)
            if code is not None and not code.isdigit():
                self.problems.error(
                    sheet,
                    at["province"],
                    "xlsx-code",
                    f"mã tỉnh {code!r} chỉ gồm chữ số, ví dụ 24",
                    f"a province code is digits only, e.g. 24; not {code!r}",
                )
                continue
            value = self.number(v.get("value"), sheet, at["value"])
            ind = _text(v.get("indicator"))
            if ind is not None and code is not None and value is not None:
                out.append((ind, code, value, {**at, "_sheet": sheet}))
        return out

    def removals(self, sources: dict[str, Any]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        sheet = self.found.get("removals", "")
        for v, at in self.rows("removals"):
            refs = self.refs(v.get("refs"), sheet, at["refs"], sources)
            word = self.word(
                v.get("verification"),
                sheet,
                at["verification"],
                VERIFICATION_CHOICES,
                "xlsx-verification",
            )
            source = {
                "refs": refs,
                "verification": word,
                "note": _bilingual(v.get("note"), v.get("note_en")),
            }
            gone = {
                "id": _text(v.get("id")),
                "reason": _bilingual(v.get("reason"), v.get("reason_en")),
                "source": {k: x for k, x in source.items() if x},
            }
            self._place(("remove", len(out)), sheet, at)
            self.cells[("remove", len(out), "source")] = (sheet, at["refs"])
            out.append(gone)
        return out


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
    import yaml  # noqa: PLC0415

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v is not None and v not in ({}, [])}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    ordered = {key: data[key] for key in _ORDER if key in data}
    body = yaml.safe_dump(clean(ordered), allow_unicode=True, sort_keys=False, width=100)
    return (
        f"# Imported by ntm-check from {source}; edit the workbook or this file, not both.\n{body}"
    )
