"""The sheets of a self-assessment workbook read into evidence data, every problem located at
its cell (``Sheet!C12``); the safety checks before any sheet is read are in
:mod:`ntm_check.load.workbook`.

What a person changes by hand is expected: rows re-sorted, blank rows, merged title cells,
columns moved (headings are matched in either language), dates typed as text (``05/4/2024``),
decimal commas (``84,5``), status words with any case or spacing (``Đạt``, ``chưa  đạt``),
departments by name, documents by their number (``45/BC-SGTVT``) or as export cites them, a
document or an action added as a new row without an id (one is made from its number or date,
or its place in the list). A cell only ntm-check fills that was changed is a warning at that
cell: it is not read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ntm_check.ids import id_of
from ntm_check.load.workbook_cells import Cells, Citations
from ntm_check.load.workbook_sheets import (
    ON_ROW_ONE,
    how_to_write_id,
    labelled_fields,
    missing_columns,
    row_one_columns,
)
from ntm_check.load.workbook_values import (
    Problems,
    bilingual,
    cell_text,
    code_of,
    key_of,
    number_of,
)
from ntm_check.workbook_layout import (
    ACTION_COLUMNS,
    BASIS_WORDS,
    COLUMNS,
    DOCUMENT_COLUMNS,
    HEADINGS,
    KIND_WORDS,
    OUTPUT_COLUMNS,
    STATUS_WORDS,
    UNIT_LABELS,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

_DATE_TEXT = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


@dataclass(frozen=True)
class Known:
    """What the criteria set tells about a workbook's cells, when the set is known."""

    #: the indicator ids of the set: any other id is an error at its cell
    indicators: frozenset[str] | None = None
    #: each department's id by its name (either language, case folded)
    departments: Mapping[str, str] = field(default_factory=dict)


class Reader:
    """Reads the sheets; every problem goes to ``problems``, located at its cell."""

    def __init__(self, formulas: Any, values: Any, problems: Problems, known: Known) -> None:
        self.formulas = formulas
        self.values = values
        self.problems = problems
        self.known = known.indicators
        self.departments = known.departments
        #: where each value read came from, by its key path in the data
        self.cells: Cells = {}
        self.citations = Citations({})
        #: what export wrote in the cells only ntm-check fills: (indicator, column) → value
        self.written: dict[tuple[str, str], object] = {}

    def cell(self, sheet: str, row: int, col: int) -> object:
        """A cell's value: the saved value of a formula, never the formula; a number shown as
        a percentage (95% is stored as 0.95) as the percentage it shows."""
        shown = self.values[sheet].cell(row=row, column=col)
        value = shown.value
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if number and "%" in str(shown.number_format):
            value = round(float(value) * 100, 10)
        formula = self.formulas[sheet].cell(row=row, column=col)
        if formula.data_type == "f" and value is None:
            at = formula.coordinate
            self.problems.refuse(
                sheet,
                at,
                "xlsx-formula",
                f"ô có công thức ({formula.value}) nhưng chưa có giá trị đã lưu: hãy mở và lưu "
                "lại bằng Excel, hoặc ghi giá trị",
                f"the cell holds a formula ({formula.value}) with no saved value: open and save "
                "it in Excel, or type the value",
            )
        if isinstance(value, str) and value.startswith("#") and value.endswith(("!", "?", "A")):
            said = (f"ô có lỗi công thức ({value})", f"the cell holds an error ({value})")
            self.problems.refuse(sheet, shown.coordinate, "xlsx-formula", *said)
        return value

    def where(self, sheet: str, row: int, col: int) -> str:
        return str(self.values[sheet].cell(row=row, column=col).coordinate)

    # -- the unit -------------------------------------------------------------------------

    def unit(self, sheet: str) -> dict[str, Any]:
        fields, rows = labelled_fields(
            self.values[sheet], lambda row, col: self.cell(sheet, row, col), UNIT_LABELS
        )
        for key, row in rows.items():
            self.cells[(key.removesuffix("_en"),)] = (sheet, f"B{row}")
        data: dict[str, Any] = {}
        for key in ("id", "criteria_set"):
            data[key] = self._unit_id(fields.get(key), sheet, key, rows)
        data["name"] = bilingual(fields.get("name"), fields.get("name_en"))
        kind = cell_text(fields.get("unit"))
        if kind is not None:
            data["unit"] = KIND_WORDS.get(key_of(kind), kind)
        for key in ("code", "region", "group"):
            if cell_text(fields.get(key)) is not None:
                data[key] = (
                    code_of(fields.get(key)) if key == "code" else cell_text(fields.get(key))
                )
        province = {"name": bilingual(fields.get("province"), fields.get("province_en"))}
        if cell_text(fields.get("province_code")) is not None:
            province["code"] = code_of(fields.get("province_code"))
        data["province"] = province
        data["as_of"] = self.date(fields.get("as_of"), sheet, f"B{rows.get('as_of', 0)}")
        _put_given(data, "note", bilingual(fields.get("note"), fields.get("note_en")))
        return data

    def _unit_id(self, value: object, sheet: str, key: str, rows: dict[str, int]) -> str | None:
        """The unit's id or its set's: missing, or not written as an id (``Lục Ngạn``), is an
        error at its cell that says how to write it (``luc-ngan``)."""
        text = cell_text(value)
        at = f"B{rows.get(key, self.values[sheet].max_row + 1)}"
        name = in_words(key)
        if text is None:
            self.problems.error(
                sheet, at, "xlsx-missing", f"thiếu {name[0]}", f"{name[1]} is missing"
            )
        elif id_of(text) != text:
            how = how_to_write_id(text)
            self.problems.error(
                sheet,
                at,
                "xlsx-id",
                f"{name[0]} {text!r} không phải một mã: {how[0]}",
                f"{name[1]} {text!r} is not an id: {how[1]}",
            )
        return text

    def date(self, value: object, sheet: str, at: str) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = cell_text(value)
        if text is None:
            return None
        match = _DATE_TEXT.match(text)
        try:
            if match:
                day, month, year = (int(g) for g in match.groups())
                return dt.date(year, month, day)
            return dt.date.fromisoformat(text)
        except ValueError:
            self.problems.error(
                sheet,
                at,
                "xlsx-date",
                f"{text!r} không phải ngày (dd/mm/yyyy)",
                f"{text!r} is not a date (dd/mm/yyyy)",
            )
            return None

    # -- the self-assessment table ---------------------------------------------------------

    def indicators(self, sheet: str) -> dict[str, Any]:
        ws: Worksheet = self.values[sheet]
        columns = self._headings(sheet)
        out: dict[str, Any] = {}
        if not self._has_table_columns(sheet, columns):
            return out
        start = columns.pop("_row") + 1
        seen: dict[str, str] = {}
        for row in range(start, ws.max_row + 1):
            ind = self._indicator_id(sheet, row, columns["id"], seen)
            if ind is None:
                self._refuse_unnamed(sheet, row, columns)
                continue
            self.cells[("indicators", ind)] = (sheet, self.where(sheet, row, columns["id"]))
            item = self._indicator(sheet, row, columns, ind)
            self._check_written(sheet, row, columns, ind)
            if item:
                out[ind] = item
        return out

    def _refuse_unnamed(self, sheet: str, row: int, columns: dict[str, int]) -> None:
        """A row with a value or a status but no indicator id (an emptied or merged id column)
        is an error at its id cell: its data would be dropped in silence."""
        if self.cell(sheet, row, columns["id"]) is not None:
            return  # an id that is an error: said already
        filled = [
            k
            for k in ("value", "status")
            if k in columns and self.cell(sheet, row, columns[k]) is not None
        ]
        if filled:
            self.problems.error(
                sheet,
                self.where(sheet, row, columns["id"]),
                "xlsx-missing-id",
                "dòng có số liệu nhưng không có mã chỉ tiêu (cột mã bị xóa hoặc gộp ô?)",
                "the row has data but no indicator id (was the id column emptied or merged?)",
            )

    def _check_written(self, sheet: str, row: int, columns: dict[str, int], ind: str) -> None:
        """A cell only ntm-check fills that differs from what export wrote: a warning there
        (the change is not read)."""
        for key in OUTPUT_COLUMNS:
            if key == "id" or key not in columns or (ind, key) not in self.written:
                continue
            value = self.values[sheet].cell(row=row, column=columns[key]).value
            if _same(value, self.written[(ind, key)]):
                continue
            vi, en, _ = COLUMNS[key]
            self.problems.warning(
                sheet,
                self.where(sheet, row, columns[key]),
                "xlsx-output-changed",
                f"ô của cột {vi!r} do ntm-check ghi: thay đổi ở đây không được đọc (sửa dữ "
                "liệu ở các cột được điền, hoặc trong bộ tiêu chí)",
                f"the column {en!r} is written by ntm-check: a change here is not read (change "
                "the data in the columns to fill in, or in the criteria set)",
            )

    def _has_table_columns(self, sheet: str, columns: dict[str, int]) -> bool:
        """Whether the table has the columns an indicator is read from (an error if not)."""
        missing = [k for k in ("id", "value", "status", "basis") if k not in columns]
        if missing:
            listed = ", ".join(f"{COLUMNS[k][0]!r}" for k in missing)
            listed_en = ", ".join(f"{COLUMNS[k][1]!r}" for k in missing)
            self.problems.error(
                sheet,
                None,
                "xlsx-missing-column",
                f"không tìm thấy cột {listed}",
                f"no column {listed_en} (or {listed})",
            )
        return not missing

    def _indicator_id(self, sheet: str, row: int, col: int, seen: dict[str, str]) -> str | None:
        """The indicator id of a row, if its row is to be read: ``None`` for a row with none (a
        blank row, a criterion's band or the total line) and for an id that is an error (a
        number, a repeat, or not of the set); ``seen`` keeps each id's cell."""
        raw = self.cell(sheet, row, col)
        if raw is None:
            return None
        at = self.where(sheet, row, col)
        if isinstance(raw, (int, float)):
            self.problems.error(
                sheet,
                at,
                "xlsx-id-as-number",
                f"mã chỉ tiêu ghi dạng số ({raw}): ghi dạng chữ, ví dụ '1.10'",
                f"the indicator id is a number ({raw}): write it as text, e.g. '1.10'",
            )
            return None
        ind = cell_text(raw) or ""
        if ind in seen:
            self.problems.error(
                sheet,
                at,
                "xlsx-duplicate-indicator",
                f"chỉ tiêu {ind} đã có ở ô {seen[ind]}",
                f"indicator {ind} is also in cell {seen[ind]}",
            )
            return None
        seen[ind] = at
        if self.known is not None and ind not in self.known:
            self.problems.error(
                sheet,
                at,
                "unknown-indicator",
                f"chỉ tiêu {ind!r} không có trong bộ tiêu chí",
                f"indicator {ind!r} is not in the criteria set",
            )
            return None
        return ind

    def _headings(self, sheet: str) -> dict[str, int]:
        """Column of each heading (either language), found in the first 20 rows."""
        ws: Worksheet = self.values[sheet]
        names = {key_of(vi): key for key, (vi, _, _) in COLUMNS.items()}
        names |= {key_of(en): key for key, (_, en, _) in COLUMNS.items()}
        for row in range(1, min(ws.max_row, 20) + 1):
            found = {
                names[key_of(ws.cell(row=row, column=col).value)]: col
                for col in range(1, ws.max_column + 1)
                if key_of(ws.cell(row=row, column=col).value) in names
            }
            if "id" in found:
                return {**found, "_row": row}
        return {}

    def _indicator(self, sheet: str, row: int, columns: dict[str, int], ind: str) -> dict[str, Any]:
        def get(key: str) -> object:
            return self.cell(sheet, row, columns[key]) if key in columns else None

        item: dict[str, Any] = _value(get("value"), get("total"))
        if cell_text(get("unit")):  # the cell read twice, as it always was (a problem said twice)
            item["unit"] = cell_text(get("unit"))
        at = {key: self.where(sheet, row, col) for key, col in columns.items()}
        for key, field_ in (*((k, k) for k in columns), ("status", "applicable")):
            self.cells[("indicators", ind, field_.removesuffix("_en"))] = (sheet, at[key])
        status = self._word(sheet, at.get("status"), get("status"), STATUS_WORDS, "xlsx-status")
        item.update(_status_fields(status))
        basis = self._word(sheet, at.get("basis"), get("basis"), BASIS_WORDS, "xlsx-basis")
        _put_given(item, "basis", basis)
        _put_given(item, "documents", self._documents(sheet, at.get("documents"), get("documents")))
        for key in ("reason", "note"):
            _put_given(item, key, bilingual(get(key), get(f"{key}_en")))
        return item

    def _documents(self, sheet: str, at: str | None, value: object) -> list[str]:
        """The documents a cell cites (by number, citation or id); one not on the documents
        sheet is an error at the cell."""
        ids, unknown = self.citations.ids(cell_text(value))
        for part in unknown:
            self.problems.error(
                sheet,
                at,
                "xlsx-unknown-document",
                f"không có văn bản {part!r} ở trang 'Văn bản': ghi số, ký hiệu của một văn bản "
                "ở đó, hoặc thêm văn bản ấy thành một dòng mới của trang",
                f"no document {part!r} on the documents sheet: write the number of one listed "
                "there, or add it as a new row of that sheet",
            )
        return ids

    def _word(
        self, sheet: str, at: str | None, value: object, words: dict[str, Any], code: str
    ) -> Any:
        """What a word chosen from a list means; an unknown word is an error."""
        word = key_of(value)
        if not word:
            return None
        if word not in words:
            listed = ", ".join(words)
            self.problems.error(
                sheet,
                at,
                code,
                f"{word!r} không phải một trong: {listed}",
                f"{word!r} is not one of: {listed}",
            )
            return None
        return words[word]

    # -- actions and documents -------------------------------------------------------------

    def _done(self, value: object, sheet: str, at: str) -> bool:
        word = key_of(value) if not isinstance(value, bool) else str(value).lower()
        if word in DONE_WORDS:
            return DONE_WORDS[word]
        self.problems.error(
            sheet,
            at,
            "xlsx-done",
            f"{word!r}: ghi 'có' (đã xong) hoặc 'không' (chưa xong)",
            f"{word!r}: write 'có' (done) or 'không' (not done)",
        )
        return False

    def _rows(
        self, sheet: str, headings: tuple[str, ...], required: tuple[str, ...]
    ) -> tuple[dict[str, int], list[tuple[int, dict[str, object]]]]:
        """Each filled row's cells by heading, and each heading's column."""
        cols = row_one_columns(self.values[sheet], headings, HEADINGS)
        if not self._has_columns(sheet, cols, required):
            return cols, []
        return cols, self._filled(sheet, headings, cols)

    def _has_columns(self, sheet: str, cols: dict[str, int], required: tuple[str, ...]) -> bool:
        """Whether every required heading has its column (an error if not)."""
        missing = [h for h in required if h not in cols]
        if missing:
            missing_columns(self.problems, sheet, "1:1", (HEADINGS[h] for h in missing), ON_ROW_ONE)
        return not missing

    def _filled(
        self, sheet: str, headings: tuple[str, ...], cols: dict[str, int]
    ) -> list[tuple[int, dict[str, object]]]:
        """The rows below the headings with something in them, each one's cells by heading."""
        ws: Worksheet = self.values[sheet]
        rows = []
        for row in range(2, ws.max_row + 1):
            values = {h: self.cell(sheet, row, cols[h]) for h in headings if h in cols}
            if any(cell_text(v) is not None for v in values.values()):
                rows.append((row, values))
        return rows

    def documents(self, sheet: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        cols, rows = self._rows(sheet, DOCUMENT_COLUMNS, ("date", "issuer", "title"))
        for row, v in rows:
            doc: dict[str, Any] = {}
            _put_given(doc, "number", cell_text(v.get("number")))
            at = {key: self.where(sheet, row, col) for key, col in cols.items()}
            doc["date"] = self.date(v.get("date"), sheet, at["date"])
            if v.get("date") is None:
                self.problems.error(
                    sheet,
                    at["date"],
                    "xlsx-missing",
                    "thiếu ngày ban hành của văn bản",
                    "the document's date is missing",
                )
            doc["issuer"] = cell_text(v.get("issuer"))
            doc["title"] = bilingual(v.get("title"), v.get("title_en"))
            _put_given(doc, "url", cell_text(v.get("url")))
            key = cell_text(v.get("id")) or _new_document_id(doc, out)
            if self._repeated(sheet, row, at, doc, key, out):
                continue
            out[key] = doc
            self.cells[("documents", key)] = (sheet, f"A{row}")
            for name, cell in at.items():
                self.cells[("documents", key, name.removesuffix("_en"))] = (sheet, cell)
        self.citations = Citations(out)
        return out

    def _repeated(
        self,
        sheet: str,
        row: int,
        at: dict[str, str],
        doc: dict[str, Any],
        key: str,
        out: dict[str, Any],
    ) -> bool:
        """A document row that repeats an earlier one (its id, or its number and date): an
        error at its cell, not a row that silently wins."""
        same = (
            key
            if key in out
            else next(
                (
                    k
                    for k, d in out.items()
                    if doc.get("number")
                    and d.get("number") == doc["number"]
                    and d.get("date") == doc.get("date")
                ),
                None,
            )
        )
        if same is None:
            return False
        first = self.cells[("documents", same)][1][1:]
        self.problems.error(
            sheet,
            at.get("number", f"A{row}"),
            "xlsx-duplicate-document",
            f"văn bản này trùng với dòng {first} ({same})",
            f"this document repeats row {first} ({same})",
        )
        return True

    def actions(self, sheet: str) -> list[Any]:
        cols, rows = self._rows(sheet, ACTION_COLUMNS, ("task", "owner", "due", "done"))
        out = []
        for index, (row, v) in enumerate(rows):
            at = {key: self.where(sheet, row, col) for key, col in cols.items()}
            self.cells[("actions", index)] = (sheet, f"A{row}")
            for key, cell in at.items():
                self.cells[("actions", index, key.removesuffix("_en").removesuffix("_id"))] = (
                    sheet,
                    cell,
                )
            out.append(self._action(sheet, at, v, index + 1))
        return out

    def _action(
        self, sheet: str, at: dict[str, str], v: dict[str, object], number: int
    ) -> dict[str, Any]:
        """One row of the actions sheet as an action (its empty fields left out): departments
        by name, the source document by number or citation; a new row's id from its number."""
        task = bilingual(v.get("task"), v.get("task_en"))
        key = cell_text(v.get("id")) or f"nhiem-vu-{number}"
        action: dict[str, Any] = {"id": key, "task": task}
        _put_given(action, "indicators", _ids(v.get("indicators")))
        action["owner"] = self._department(v.get("owner"), v.get("owner_id"))
        support = [self._department(s, None) for s in _names(v.get("support"), self.departments)]
        _put_given(action, "support", support or _ids(v.get("support_id")))
        _put_given(action, "due", self.date(v.get("due"), sheet, at["due"]))
        _put_given(action, "due_text", bilingual(v.get("due_text"), v.get("due_text_en")))
        if self._done(v.get("done"), sheet, at["done"]):
            action["done"] = True
        sources = self._documents(sheet, at.get("source"), v.get("source"))
        _put_given(action, "source", sources[0] if sources else None)
        return action

    def _department(self, shown: object, hidden: object) -> str | None:
        """A department's id from its name; other text (``UBND huyện Tân Yên``) as written;
        the hidden id when the set is not known."""
        text = cell_text(shown)
        if text is None:
            return cell_text(hidden)
        if not self.departments and cell_text(hidden):
            return cell_text(hidden)
        return self.departments.get(key_of(text), text)


def _names(value: object, departments: Mapping[str, str]) -> list[str]:
    """The departments a cell lists: separated by semicolons (a name may hold a comma); a
    part that is no department's name, by commas too (as older workbooks wrote ids)."""
    out: list[str] = []
    for part in re.split(r"\s*;\s*", cell_text(value) or ""):
        if key_of(part) in departments or "," not in part:
            out += [part] if part else []
        else:
            out += [p.strip() for p in part.split(",") if p.strip()]
    return out


def _new_document_id(doc: dict[str, Any], taken: Mapping[str, object]) -> str:
    """An id for a document added as a new row: from its number (``45/BC-SGTVT`` →
    ``45-bc-sgtvt``), else its date (``vb-2024-04-05``); made unique."""
    number = id_of(str(doc.get("number") or ""))
    date = doc.get("date")
    base = number or (f"vb-{date.isoformat()}" if isinstance(date, dt.date) else "vb")
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


def _same(value: object, written: object) -> bool:
    """Whether a cell still holds what export wrote (a number as a number, text trimmed)."""
    return str(number_of(value)) == str(number_of(written))


def in_words(key: str) -> tuple[str, str]:
    """A unit field's label, Vietnamese and English."""
    return UNIT_LABELS.get(key, (key, key))


def _put_given(data: dict[str, Any], key: str, value: object) -> None:
    """Set a field unless it is empty (``None``, an empty text or list): empty fields are left
    out of the data."""
    if value:
        data[key] = value


def _ids(value: object) -> list[str]:
    """The ids a cell lists, separated by commas, semicolons or spaces."""
    return [i for i in re.split(r"[,;\s]+", cell_text(value) or "") if i]


def _status_fields(status: object) -> dict[str, Any]:
    """The fields of a declared status: ``applicable: false`` for "n/a", else the status."""
    if status == "n/a":
        return {"applicable": False}
    return {"status": status} if status else {}


DONE_WORDS = {
    **dict.fromkeys(
        (
            "có",
            "x",
            "✓",
            "✔",
            "xong",
            "đã xong",
            "hoàn thành",
            "đã hoàn thành",
            "yes",
            "done",
            "true",
            "1",
        ),
        True,
    ),
    **dict.fromkeys(
        ("không", "chưa", "chưa xong", "chưa hoàn thành", "no", "false", "0", ""), False
    ),
}


def _value(value: object, total: object) -> dict[str, Any]:
    """The value cells: one number or text; a share as its two counts."""
    number, out_of = number_of(value), number_of(total)
    if out_of is not None:
        return {"value": {"met": number, "total": out_of}}
    return {"value": number} if number is not None else {}
