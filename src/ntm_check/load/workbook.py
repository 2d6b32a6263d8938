"""``ntm-check import``: a self-assessment workbook (as ``export`` writes it, then filled in by
hand) read back into evidence data.

The workbook is hostile input like any other file:

* macros (``.xlsm``, a ``vbaProject.bin``) and external links are refused, and so is a file
  whose uncompressed size is out of proportion (a zip bomb: over :data:`MAX_UNPACKED` bytes in
  all, or one part over :data:`MAX_RATIO` times its packed size);
* formulas are never evaluated: a formula cell's value is the one Excel last saved, and a
  formula with no saved value is an error;
* every problem is located as ``file.xlsx:Sheet!C12``, all of them at once.

What a person changes by hand is expected: rows re-sorted, blank rows, merged title cells,
columns moved (headings are matched in either language), dates typed as text (``05/4/2024``),
decimal commas (``84,5``), status words with any case or spacing (``Đạt``, ``chưa  đạt``).
"""

from __future__ import annotations

import datetime as dt
import errno
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_check.diagnostics import Lang, Level, Msg
from ntm_check.workbook_layout import (
    ACTION_COLUMNS,
    BASIS_WORDS,
    COLUMNS,
    DOCUMENT_COLUMNS,
    HEADINGS,
    SHEETS,
    STATUS_WORDS,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: the most a workbook may unpack to, in all (bytes)
MAX_UNPACKED = 50 * 1024 * 1024
#: the most one part may unpack to, as a multiple of its packed size
MAX_RATIO = 200
#: the most rows and columns a sheet may use (a province's units, or a set's indicators,
#: are far fewer; a stray cell at XFD1048576 would otherwise cost gigabytes)
MAX_ROWS = 20_000
MAX_COLUMNS = 100
_DATE_TEXT = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_DECIMAL = re.compile(r"^\s*-?\d+(?:[.,]\d+)?\s*$")
#: 1.000 or 1.234,5: dots between thousands, a comma before decimals (as Vietnamese write)
_THOUSANDS = re.compile(r"^\s*-?\d{1,3}(?:\.\d{3})+(?:,\d+)?\s*$")


@dataclass(frozen=True)
class CellProblem:
    """A problem of a workbook, located at a sheet and a cell (``Sheet!C12``)."""

    path: str
    sheet: str | None
    cell: str | None
    level: Level
    code: str
    text: Msg

    def format(self, lang: Lang) -> str:
        where = self.path
        if self.sheet is not None:
            where += f":{self.sheet}" + (f"!{self.cell}" if self.cell else "")
        return f"{where}: [{self.level.value}] {self.text.get(lang)} ({self.code})"


class _Problems:
    def __init__(self, path: str) -> None:
        self.path = path
        self.found: list[CellProblem] = []

    def error(self, sheet: str | None, cell: str | None, code: str, vi: str, en: str) -> None:
        self.found.append(CellProblem(self.path, sheet, cell, Level.ERROR, code, Msg(vi, en)))


def _text(value: object) -> str | None:
    """A cell's text, NFC, trimmed; ``None`` for an empty cell."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text or None


def _key(value: object) -> str:
    return " ".join((_text(value) or "").casefold().split())


def read_workbook(
    path: Path, display: str | None = None, known: frozenset[str] | None = None
) -> tuple[dict[str, Any] | None, list[CellProblem]]:
    """The evidence data a workbook holds, and its problems (``None`` when it cannot be read).

    ``known``: the indicator ids of the set, when known: any other id is an error at its cell.
    """
    shown = display or str(path)
    problems = _Problems(shown)
    if not _safe(path, problems):
        return None, problems.found
    books = _load(path, problems)
    if books is None:
        return None, problems.found
    formulas, values = books
    found = _sheets(values, problems)
    _check_sheet_sizes(values, found, problems)
    if problems.found:
        return None, problems.found
    reader = _Reader(formulas, values, problems, known)
    data = reader.unit(found["unit"])
    data["documents"] = reader.documents(found["documents"])
    data["indicators"] = reader.indicators(found["table"])
    data["actions"] = reader.actions(found["actions"])
    return data, problems.found


def _load(path: Path, problems: _Problems) -> tuple[Any, Any] | None:
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


def _sheets(values: Any, problems: _Problems) -> dict[str, str]:
    """Each sheet's name by its key in ``SHEETS`` (named in either language); a sheet that
    ``export`` always writes is an error when missing."""
    sheets = {_key(name): name for name in values.sheetnames}
    found: dict[str, str] = {}
    for key, names in SHEETS.items():
        name = next((sheets[_key(n)] for n in names if _key(n) in sheets), None)
        if name is not None:
            found[key] = name
    for key in ("table", "unit", "actions", "documents"):  # export always writes them
        if key not in found:
            vi, en = SHEETS[key]
            problems.error(None, None, "xlsx-missing-sheet", f"thiếu trang tính {vi!r}",
                           f"no sheet {en!r} (or {vi!r})")  # fmt: skip
    return found


def _check_sheet_sizes(values: Any, found: dict[str, str], problems: _Problems) -> None:
    """A sheet that reaches beyond :data:`MAX_ROWS` or :data:`MAX_COLUMNS` is an error."""
    for name in found.values():
        ws = values[name]
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
            problems.error(
                name, None, "xlsx-too-large",
                f"trang tính dùng tới ô {ws.dimensions.split(':')[-1]}; giới hạn {MAX_ROWS:,} "
                f"dòng, {MAX_COLUMNS} cột (hãy xóa ô lạc ở xa)",
                f"the sheet reaches cell {ws.dimensions.split(':')[-1]}; the limits are "
                f"{MAX_ROWS:,} rows and {MAX_COLUMNS} columns (delete the stray cell)",
            )  # fmt: skip


#: why a file could not be read, in Vietnamese (the system says it in English)
_READ_FAILURES = {
    errno.ENOENT: "không có tệp này",
    errno.EISDIR: "là thư mục, không phải tệp",
    errno.EACCES: "không có quyền đọc",
    errno.EPERM: "không có quyền đọc",
}


def _safe(path: Path, problems: _Problems) -> bool:
    """Refuse macros, external links and zip bombs before any XML is parsed."""
    if path.suffix.lower() in (".xlsm", ".xltm", ".xlam"):
        problems.error(None, None, "xlsx-macros", "tệp có macro (.xlsm) không được nhận",
                       "a macro-enabled workbook (.xlsm) is refused")  # fmt: skip
        return False
    infos = _parts(path, problems)
    if infos is None:
        return False
    _check_parts(infos, problems)
    _check_unpacked(infos, problems)
    return not problems.found


def _parts(path: Path, problems: _Problems) -> list[zipfile.ZipInfo] | None:
    """The parts of the workbook's zip archive; ``None`` when it cannot be read as one."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.infolist()
    except zipfile.BadZipFile:
        problems.error(None, None, "xlsx-unreadable",
                       "không phải tệp Excel (.xlsx): không đọc được dạng nén của nó",
                       "not an Excel workbook (.xlsx): it is not a zip archive")  # fmt: skip
        return None
    except OSError as exc:
        why = _READ_FAILURES.get(exc.errno or 0, "không đọc được")
        problems.error(None, None, "xlsx-unreadable", f"không đọc được tệp Excel: {why}",
                       f"cannot read the workbook: {exc.strerror or exc}")  # fmt: skip
        return None


def _check_parts(infos: list[zipfile.ZipInfo], problems: _Problems) -> None:
    """Macros (a ``vbaProject.bin``) and external links are errors."""
    names = [i.filename for i in infos]
    if any(n.endswith("vbaProject.bin") for n in names):
        problems.error(None, None, "xlsx-macros", "tệp có macro (vbaProject.bin)",
                       "the workbook holds macros (vbaProject.bin)")  # fmt: skip
    if any(n.startswith("xl/externalLinks/") for n in names):
        problems.error(None, None, "xlsx-external-links",
                       "tệp có liên kết ra tệp khác (external links)",
                       "the workbook links to other files (external links)")  # fmt: skip


def _check_unpacked(infos: list[zipfile.ZipInfo], problems: _Problems) -> None:
    """A zip bomb is an error: over :data:`MAX_UNPACKED` bytes in all, or a part compressed
    more than :data:`MAX_RATIO` times."""
    unpacked = sum(i.file_size for i in infos)
    ratio = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
    if unpacked > MAX_UNPACKED or ratio > MAX_RATIO:
        problems.error(
            None, None, "xlsx-too-large",
            f"tệp giải nén ra {unpacked:,} byte (tỷ lệ nén {ratio:.0f}); giới hạn "
            f"{MAX_UNPACKED:,} byte, tỷ lệ {MAX_RATIO}",
            f"the workbook unpacks to {unpacked:,} bytes (ratio {ratio:.0f}); the limits are "
            f"{MAX_UNPACKED:,} bytes and a ratio of {MAX_RATIO}",
        )  # fmt: skip


class _Reader:
    """Reads the sheets; every problem goes to ``problems``, located at its cell."""

    def __init__(
        self, formulas: Any, values: Any, problems: _Problems, known: frozenset[str] | None
    ) -> None:
        self.formulas = formulas
        self.values = values
        self.problems = problems
        self.known = known

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
            self.problems.error(
                sheet, at, "xlsx-formula",
                f"ô có công thức ({formula.value}) nhưng chưa có giá trị đã lưu: hãy mở và lưu "
                "lại bằng Excel, hoặc ghi giá trị",
                f"the cell holds a formula ({formula.value}) with no saved value: open and save "
                "it in Excel, or type the value",
            )  # fmt: skip
        if isinstance(value, str) and value.startswith("#") and value.endswith(("!", "?", "A")):
            said = (f"ô có lỗi công thức ({value})", f"the cell holds an error ({value})")
            self.problems.error(sheet, shown.coordinate, "xlsx-formula", *said)
        return value

    def where(self, sheet: str, row: int, col: int) -> str:
        return str(self.values[sheet].cell(row=row, column=col).coordinate)

    # -- the unit -------------------------------------------------------------------------

    def unit(self, sheet: str) -> dict[str, Any]:
        ws: Worksheet = self.values[sheet]
        fields: dict[str, object] = {}
        rows: dict[str, int] = {}
        for row in range(2, ws.max_row + 1):
            key = _text(self.cell(sheet, row, 1))
            if key:
                fields[key] = self.cell(sheet, row, 2)
                rows[key] = row
        data: dict[str, Any] = {}
        for key in ("id", "criteria_set"):
            text = _text(fields.get(key))
            if text is None:
                self.problems.error(sheet, f"B{rows.get(key, ws.max_row + 1)}", "xlsx-missing",
                                    f"thiếu {key}", f"{key} is missing")  # fmt: skip
            data[key] = text
        data["name"] = _bilingual(fields.get("name"), fields.get("name_en"))
        for key in ("unit", "code", "region"):
            if _text(fields.get(key)) is not None:
                data[key] = _code(fields.get(key)) if key == "code" else _text(fields.get(key))
        province = {"name": _bilingual(fields.get("province"), fields.get("province_en"))}
        if _text(fields.get("province_code")) is not None:
            province["code"] = _code(fields.get("province_code"))
        data["province"] = province
        data["as_of"] = self.date(fields.get("as_of"), sheet, f"B{rows.get('as_of', 0)}")
        note = _bilingual(fields.get("note"), fields.get("note_en"))
        if note is not None:
            data["note"] = note
        return data

    def date(self, value: object, sheet: str, at: str) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = _text(value)
        if text is None:
            return None
        match = _DATE_TEXT.match(text)
        try:
            if match:
                day, month, year = (int(g) for g in match.groups())
                return dt.date(year, month, day)
            return dt.date.fromisoformat(text)
        except ValueError:
            self.problems.error(sheet, at, "xlsx-date",
                                f"{text!r} không phải ngày (dd/mm/yyyy)",
                                f"{text!r} is not a date (dd/mm/yyyy)")  # fmt: skip
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
                continue
            item = self._indicator(sheet, row, columns)
            if item:
                out[ind] = item
        return out

    def _has_table_columns(self, sheet: str, columns: dict[str, int]) -> bool:
        """Whether the table has the columns an indicator is read from (an error if not)."""
        missing = [k for k in ("id", "value", "status", "basis") if k not in columns]
        if missing:
            listed = ", ".join(f"{COLUMNS[k][0]!r}" for k in missing)
            listed_en = ", ".join(f"{COLUMNS[k][1]!r}" for k in missing)
            self.problems.error(
                sheet, None, "xlsx-missing-column",
                f"không tìm thấy cột {listed}", f"no column {listed_en} (or {listed})",
            )  # fmt: skip
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
            self.problems.error(sheet, at, "xlsx-id-as-number",
                                f"mã chỉ tiêu ghi dạng số ({raw}): ghi dạng chữ, ví dụ '1.10'",
                                f"the indicator id is a number ({raw}): write it as text, "
                                "e.g. '1.10'")  # fmt: skip
            return None
        ind = _text(raw) or ""
        if ind in seen:
            self.problems.error(sheet, at, "xlsx-duplicate-indicator",
                                f"chỉ tiêu {ind} đã có ở ô {seen[ind]}",
                                f"indicator {ind} is also in cell {seen[ind]}")  # fmt: skip
            return None
        seen[ind] = at
        if self.known is not None and ind not in self.known:
            self.problems.error(sheet, at, "unknown-indicator",
                                f"chỉ tiêu {ind!r} không có trong bộ tiêu chí",
                                f"indicator {ind!r} is not in the criteria set")  # fmt: skip
            return None
        return ind

    def _headings(self, sheet: str) -> dict[str, int]:
        """Column of each heading (either language), found in the first 20 rows."""
        ws: Worksheet = self.values[sheet]
        names = {_key(vi): key for key, (vi, _, _) in COLUMNS.items()}
        names |= {_key(en): key for key, (_, en, _) in COLUMNS.items()}
        for row in range(1, min(ws.max_row, 20) + 1):
            found = {
                names[_key(ws.cell(row=row, column=col).value)]: col
                for col in range(1, ws.max_column + 1)
                if _key(ws.cell(row=row, column=col).value) in names
            }
            if "id" in found:
                return {**found, "_row": row}
        return {}

    def _indicator(self, sheet: str, row: int, columns: dict[str, int]) -> dict[str, Any]:
        def get(key: str) -> object:
            return self.cell(sheet, row, columns[key]) if key in columns else None

        item: dict[str, Any] = _value(get("value"), get("total"))
        if _text(get("unit")):  # the cell read twice, as it always was (a problem said twice)
            item["unit"] = _text(get("unit"))
        at = {key: self.where(sheet, row, col) for key, col in columns.items()}
        status = self._word(sheet, at.get("status"), get("status"), STATUS_WORDS, "xlsx-status")
        item.update(_status_fields(status))
        basis = self._word(sheet, at.get("basis"), get("basis"), BASIS_WORDS, "xlsx-basis")
        _put_given(item, "basis", basis)
        _put_given(item, "documents", _ids(get("documents")))
        for key in ("reason", "note"):
            _put_given(item, key, _bilingual(get(key), get(f"{key}_en")))
        return item

    def _word(
        self, sheet: str, at: str | None, value: object, words: dict[str, Any], code: str
    ) -> Any:
        """What a word chosen from a list means; an unknown word is an error."""
        word = _key(value)
        if not word:
            return None
        if word not in words:
            listed = ", ".join(words)
            self.problems.error(sheet, at, code, f"{word!r} không phải một trong: {listed}",
                                f"{word!r} is not one of: {listed}")  # fmt: skip
            return None
        return words[word]

    # -- actions and documents -------------------------------------------------------------

    def _done(self, value: object, sheet: str, at: str) -> bool:
        word = _key(value) if not isinstance(value, bool) else str(value).lower()
        if word in DONE_WORDS:
            return DONE_WORDS[word]
        self.problems.error(sheet, at, "xlsx-done",
                            f"{word!r}: ghi 'có' (đã xong) hoặc 'không' (chưa xong)",
                            f"{word!r}: write 'có' (done) or 'không' (not done)")  # fmt: skip
        return False

    def _rows(
        self, sheet: str, headings: tuple[str, ...], required: tuple[str, ...]
    ) -> tuple[dict[str, int], list[tuple[int, dict[str, object]]]]:
        """Each filled row's cells by heading, and each heading's column."""
        cols = self._columns(sheet, headings)
        if not self._has_columns(sheet, cols, required):
            return cols, []
        return cols, self._filled(sheet, headings, cols)

    def _columns(self, sheet: str, headings: tuple[str, ...]) -> dict[str, int]:
        """Each heading's column, as found on row 1."""
        ws: Worksheet = self.values[sheet]
        names = {_key(k): k for k in headings}  # a heading in either language, or the field
        names |= {_key(v): k for k, pair in HEADINGS.items() for v in pair if k in headings}
        return {
            names[_key(ws.cell(row=1, column=c).value)]: c
            for c in range(1, ws.max_column + 1)
            if _key(ws.cell(row=1, column=c).value) in names
        }

    def _has_columns(self, sheet: str, cols: dict[str, int], required: tuple[str, ...]) -> bool:
        """Whether every required heading has its column (an error if not)."""
        missing = [h for h in required if h not in cols]
        if missing:
            vi = ", ".join(repr(HEADINGS[h][0]) for h in missing)
            en = ", ".join(repr(HEADINGS[h][1]) for h in missing)
            self.problems.error(sheet, "1:1", "xlsx-missing-column",
                                f"thiếu cột: {vi} (tiêu đề ở dòng 1)",
                                f"missing column(s): {en} (headings on row 1)")  # fmt: skip
        return not missing

    def _filled(
        self, sheet: str, headings: tuple[str, ...], cols: dict[str, int]
    ) -> list[tuple[int, dict[str, object]]]:
        """The rows below the headings with something in them, each one's cells by heading."""
        ws: Worksheet = self.values[sheet]
        rows = []
        for row in range(2, ws.max_row + 1):
            values = {h: self.cell(sheet, row, cols[h]) for h in headings if h in cols}
            if any(_text(v) is not None for v in values.values()):
                rows.append((row, values))
        return rows

    def documents(self, sheet: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        cols, rows = self._rows(sheet, DOCUMENT_COLUMNS, ("id", "date", "issuer", "title"))
        for row, v in rows:
            key = _text(v.get("id"))
            if key is None:
                at = self.where(sheet, row, cols["id"])
                said = ("thiếu mã văn bản (id)", "the document's id is missing")
                self.problems.error(sheet, at, "xlsx-missing", *said)
                continue
            doc: dict[str, Any] = {}
            if _text(v.get("number")):
                doc["number"] = _text(v.get("number"))
            doc["date"] = self.date(v.get("date"), sheet, self.where(sheet, row, cols["date"]))
            doc["issuer"] = _text(v.get("issuer"))
            doc["title"] = _bilingual(v.get("title"), v.get("title_en"))
            if _text(v.get("url")):
                doc["url"] = _text(v.get("url"))
            out[key] = doc
        return out

    def actions(self, sheet: str) -> list[Any]:
        cols, rows = self._rows(sheet, ACTION_COLUMNS, ("id", "task", "owner", "due", "done"))
        return [self._action(sheet, row, cols, v) for row, v in rows]

    def _action(
        self, sheet: str, row: int, cols: dict[str, int], v: dict[str, object]
    ) -> dict[str, Any]:
        """One row of the actions sheet as an action (its empty fields left out)."""
        task = _bilingual(v.get("task"), v.get("task_en"))
        action: dict[str, Any] = {"id": _text(v.get("id")), "task": task}
        _put_given(action, "indicators", _ids(v.get("indicators")))
        action["owner"] = _text(v.get("owner"))
        support = [s.strip() for s in (_text(v.get("support")) or "").split(",") if s.strip()]
        _put_given(action, "support", support)
        _put_given(
            action, "due", self.date(v.get("due"), sheet, self.where(sheet, row, cols["due"]))
        )
        _put_given(action, "due_text", _bilingual(v.get("due_text"), v.get("due_text_en")))
        if self._done(v.get("done"), sheet, self.where(sheet, row, cols["done"])):
            action["done"] = True
        _put_given(action, "source", _text(v.get("source")))
        return action


def _put_given(data: dict[str, Any], key: str, value: object) -> None:
    """Set a field unless it is empty (``None``, an empty text or list): empty fields are left
    out of the data."""
    if value:
        data[key] = value


def _ids(value: object) -> list[str]:
    """The ids a cell lists, separated by commas, semicolons or spaces."""
    return [i for i in re.split(r"[,;\s]+", _text(value) or "") if i]


def _status_fields(status: object) -> dict[str, Any]:
    """The fields of a declared status: ``applicable: false`` for "n/a", else the status."""
    if status == "n/a":
        return {"applicable": False}
    return {"status": status} if status else {}


DONE_WORDS = {
    **dict.fromkeys(("có", "x", "✓", "✔", "xong", "đã xong", "hoàn thành", "đã hoàn thành",
                     "yes", "done", "true", "1"), True),
    **dict.fromkeys(("không", "chưa", "chưa xong", "chưa hoàn thành", "no", "false", "0", ""),
                    False),
}  # fmt: skip


def _value(value: object, total: object) -> dict[str, Any]:
    """The value cells: one number or text; a share as its two counts."""
    number, out_of = _number(value), _number(total)
    if out_of is not None:
        return {"value": {"met": number, "total": out_of}}
    return {"value": number} if number is not None else {}


def _bilingual(vi: object, en: object) -> Any:
    """``{vi, en}``, or the Vietnamese text alone; ``None`` when there is none."""
    text_vi, text_en = _text(vi), _text(en)
    if text_vi is None:
        return None
    return {"vi": text_vi, "en": text_en} if text_en else text_vi


def _code(value: object) -> str | None:
    """An official code as text, its leading zeros kept (a number typed as 7336 stays 7336)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _text(value)


def _number(value: object) -> object:
    """A number as it is; a text that is a number (a decimal comma too) as that number."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    text = _text(value)
    return None if text is None else _parsed(text)


def _parsed(text: str) -> object:
    """A text that is a number (dots between thousands, a decimal comma) as that number: a whole
    number written without a separator as an int; any other text as it is."""
    if _THOUSANDS.match(text):
        text = text.replace(".", "")
    if not _DECIMAL.match(text):
        return text
    number = float(text.replace(",", "."))
    whole = number.is_integer() and "," not in text and "." not in text
    return int(number) if whole else number


_ORDER = ("id", "name", "unit", "code", "province", "region", "criteria_set", "as_of", "note",
          "documents", "indicators", "actions")  # fmt: skip


def to_yaml(data: dict[str, Any], source: str) -> str:
    """Evidence data as the YAML file ``validate`` reads (empty fields left out)."""
    import yaml  # noqa: PLC0415

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v is not None and v != []}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    ordered = {key: data[key] for key in _ORDER if key in data}
    body = yaml.safe_dump(clean(ordered), allow_unicode=True, sort_keys=False, width=100)
    return (
        f"# Imported by ntm-check from {source}; edit the workbook or this file, not both.\n{body}"
    )


def data_changes(old: object, new: object, at: str = "") -> list[str]:
    """What differs between two files' data, field by field: ``~ path: old → new``,
    ``+ path: new``, ``- path: old`` (what ``import`` would change in an existing file, said in
    its fields rather than as a diff of lines that a rewrite reformats throughout)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return _dict_changes(old, new, at)
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [c for i, (a, b) in enumerate(zip(old, new, strict=True))
                for c in data_changes(a, b, f"{at}[{i + 1}]")]  # fmt: skip
    return [] if old == new else [f"~ {at}: {_shown(old)} → {_shown(new)}"]


def _dict_changes(old: dict[Any, Any], new: dict[Any, Any], at: str) -> list[str]:
    """:func:`data_changes` of two mappings: the fields removed, added and changed, in the old
    one's order, then the new one's."""
    out: list[str] = []
    for key in [*old, *(k for k in new if k not in old)]:
        where = f"{at}.{key}" if at else str(key)
        if key not in new:
            out.append(f"- {where}: {_shown(old[key])}")
        elif key not in old:
            out.append(f"+ {where}: {_shown(new[key])}")
        else:
            out += data_changes(old[key], new[key], where)
    return out


def _shown(value: object) -> str:
    """A value in a line of :func:`data_changes`: short, on one line."""
    text = value.isoformat() if isinstance(value, dt.date) else repr(value)
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:79] + "…"


def criteria_set_named(workbook: Path) -> str | None:
    """The criteria set id a workbook's unit sheet names (``None`` when it cannot be told;
    the workbook's own problems are reported, located, when it is read)."""
    try:
        import openpyxl  # noqa: PLC0415 - the office extra, for import only

        book = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
    except Exception:
        return None
    try:
        for name in SHEETS["unit"]:
            if name in book.sheetnames:
                for row in book[name].iter_rows(min_row=2, max_row=50, values_only=True):
                    if row and row[0] == "criteria_set" and isinstance(row[1], str):
                        return row[1].strip()
    finally:
        book.close()
    return None
