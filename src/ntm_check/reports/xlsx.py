"""``ntm-check export``: a unit's self-assessment table (bảng tự đánh giá) as an Excel workbook
that prints, and that office staff can fill in without help.

Sheets (their names in the run's language; ``import`` reads either):

* **Bảng tự đánh giá / Self-assessment**: one row per indicator, grouped by criterion with a
  subtotal row per criterion and the overall line (29/38), under a title naming the unit and,
  for a province's overlay, the set with what it extends and by which document: STT, criterion,
  indicator id and name, required level (for an indicator the overlay regulates, the value that
  applied and whose document it is), current value (a number where the rule takes one; a share
  as its two counts), unit, the status the unit declares (the cell a person fills in, with a
  list to choose from), its basis, its documents (by number and date), the status ntm-check
  judges, the responsible department (by name), related actions (``nhiệm vụ 2 — hạn
  31/12/2024``), reason, note. The cells ntm-check fills are italic on grey, locked (the sheet
  is protected without a password; the cells to fill stay editable) and never read back; what
  export wrote in them is kept in a hidden sheet so that ``import`` can warn, at the cell, when
  one was changed. Frozen header, filters, widths that fit Vietnamese text; rows judged not met
  are filled red.
* **Thông tin / Unit**: the unit's fields under Vietnamese labels (English with ``--lang en``);
  the field names ``import`` reads are in a hidden column.
* **Nhiệm vụ / Actions** (numbered, departments by name, overdue ones marked as of the date
  deadlines are judged on), **Văn bản / Documents** (by number and date), and **Nguồn /
  Sources** (each input file's SHA-256, the tool's version). The ids ``import`` needs are in
  hidden columns.

Every sheet prints on A4 landscape, at most two pages wide, with its heading rows repeated.
Numbers are numbers and dates are dates. A text that starts with ``=``, ``+``, ``-``, ``@`` or
a tab is written as text, never as a formula (spreadsheet formula injection).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import openpyxl  # the office extra: this module is imported by ``ntm-check export`` only
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ntm_check import __version__
from ntm_check.i18n import Lang, format_date, format_number, in_lang, label
from ntm_check.reports import RenderRefused, xml_safe
from ntm_check.reports.view import (
    action_numbers,
    cite,
    department,
    required,
    set_named,
    status_text,
)
from ntm_check.text import Text
from ntm_check.vocabulary import STATUS
from ntm_check.workbook_layout import (
    ACTION_COLUMNS,
    ACTION_OUTPUT,
    BASIS_WORDS,
    COLUMNS,
    DOCUMENT_COLUMNS,
    HEADER_ROW,
    HEADINGS,
    HIDDEN,
    KIND_SHOWN,
    OTHER_LANGUAGE,
    OUTPUT_COLUMNS,
    OUTPUT_NOTE,
    SHEETS,
    STATUS_WORDS,
    UNIT_FIELDS,
    UNIT_LABELS,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ntm_check.engine import Assessment, IndicatorResult
    from ntm_check.inputs import InputFile
    from ntm_check.model.criteria import CriteriaSet, Criterion, Indicator
    from ntm_check.model.evidence import IndicatorEvidence

_RED = PatternFill("solid", fgColor="FDE2E1")
_GREY = PatternFill("solid", fgColor="E7E9EE")
#: the cells ntm-check fills: italic, slate, on a cool grey (never read back)
_OUT_FILL = PatternFill("solid", fgColor="EEF1F5")
_OUT_FONT = Font(italic=True, color="3B4A63")
_OUT_HEAD = PatternFill("solid", fgColor="C9D1DE")
#: the headings of the cells a person fills in
_IN_HEAD = PatternFill("solid", fgColor="FFF2CC")
_OPEN = Protection(locked=False)
_THIN = Side(style="thin", color="B0B4BC")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_FORMULA_LEADS = ("=", "+", "-", "@", "\t")
#: the widths of the other sheets' columns, by field (characters)
_WIDTHS = {"no": 6, "task": 48, "task_en": 30, "indicators": 14, "owner": 24, "support": 24,
           "due": 12, "due_text": 20, "due_text_en": 16, "done": 9, "source": 24, "overdue": 11,
           "number": 16, "date": 12, "issuer": 30, "title": 56, "title_en": 36, "url": 24,
           "id": 20, "owner_id": 14, "support_id": 14, "source_id": 14}  # fmt: skip


def _put(ws: Worksheet, row: int, col: int, value: object, **style: Any) -> None:
    """Write one cell; text is always text (never a formula), numbers and dates as such; a
    control character is shown as ``\\xNN``; a text longer than a cell holds is refused."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = _fits(ws, cell.coordinate, xml_safe(value))
    cell.value = value  # type: ignore[assignment]  # the values written are cell values
    if isinstance(value, str) and value.startswith(_FORMULA_LEADS):
        cell.data_type = "s"  # openpyxl would take "=…" for a formula
    if isinstance(value, dt.date):
        cell.number_format = "DD/MM/YYYY"
    for key, setting in style.items():
        setattr(cell, key, setting)


def _words(key: str, lang: Lang) -> str:
    return in_lang(SHEETS[key], lang)


#: the most characters an Excel cell holds
MAX_CELL = 32_767


def _fits(ws: Worksheet, where: str, text: str) -> str:
    """``text``, or :class:`RenderRefused` when an Excel cell cannot hold it (Excel would cut
    it silently, and an import would then write the cut text back)."""
    if len(text) <= MAX_CELL:
        return text
    shown = f"{text[:40]}…"
    raise RenderRefused(
        Text(
            f"{ws.title}!{where}: văn bản dài {format_number(len(text), 'vi')} ký tự "
            f"({shown!r}); ô Excel chứa tối đa {format_number(MAX_CELL, 'vi')}: hãy rút gọn "
            "trong tệp hồ sơ",
            f"{ws.title}!{where}: a text of {format_number(len(text), 'en')} characters "
            f"({shown!r}); an Excel cell holds at most {format_number(MAX_CELL, 'en')}: shorten "
            "it in the evidence file",
        )
    )


def workbook(assessment: Assessment, inputs: Sequence[InputFile], lang: Lang) -> bytes:
    """The unit's workbook (see the module docstring)."""
    book = openpyxl.Workbook()
    table = book.active
    assert table is not None
    table.title = _words("table", lang)
    written = _table(table, assessment.criteria_set, assessment, lang)
    _unit_sheet(book.create_sheet(_words("unit", lang)), assessment, lang)
    _actions(book.create_sheet(_words("actions", lang)), assessment, lang)
    _documents(book.create_sheet(_words("documents", lang)), assessment, lang)
    _sources(book.create_sheet(_words("sources", lang)), inputs, lang)
    _written(book.create_sheet(_words("written", lang)), written)
    return _saved(book)


def template(cset: CriteriaSet, lang: Lang) -> bytes:
    """An empty self-assessment form of a set, for a new unit."""
    book = openpyxl.Workbook()
    table = book.active
    assert table is not None
    table.title = _words("table", lang)
    written = _table(table, cset, None, lang)
    _unit_sheet(book.create_sheet(_words("unit", lang)), None, lang, cset)
    _actions(book.create_sheet(_words("actions", lang)), None, lang)
    _documents(book.create_sheet(_words("documents", lang)), None, lang)
    _written(book.create_sheet(_words("written", lang)), written)
    return _saved(book)


def _saved(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _heading(key: str, lang: Lang) -> str:
    vi, en, _ = COLUMNS[key]
    return en if lang == "en" else vi


def _table(
    ws: Worksheet, cset: CriteriaSet, assessment: Assessment | None, lang: Lang
) -> list[tuple[str, str, object]]:
    """The self-assessment sheet: titles, a band and rows per criterion, the overall line; what
    it wrote in the cells only ntm-check fills, as (indicator, column, value)."""
    last = get_column_letter(len(COLUMNS))
    _titles(ws, cset, assessment, lang, last)
    rows = _TableRows(ws, cset, assessment, lang)
    met_all = applicable_all = 0
    for criterion in cset.criteria:
        met, applicable = rows.criterion(criterion)
        met_all += met
        applicable_all += applicable
    if assessment is not None:
        total = label("xlsx.total", lang, met=met_all, applicable=applicable_all)
        _band(ws, rows.row, total, len(COLUMNS), Font(bold=True, size=12))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(rows.row - 1, HEADER_ROW)}"
    _print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}", wide=2)
    _protect(ws)
    return rows.written


def _print_setup(ws: Worksheet, title_rows: str, wide: int = 1) -> None:
    """Printed (or rendered to PDF): landscape A4 with narrow margins, the columns fitted to at
    most ``wide`` pages across, the heading rows repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if ws.sheet_properties.pageSetUpPr is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = wide
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_title_rows = title_rows
    ws.print_options.gridLines = False


def _protect(ws: Worksheet) -> None:
    """Lock the sheet without a password: the cells a person fills in were unlocked when
    written; filters, sorting and widths stay free."""
    guard = ws.protection
    guard.sheet = True
    guard.autoFilter = guard.sort = False
    guard.formatColumns = guard.formatRows = guard.formatCells = False


class _TableRows:
    """Writes the table's rows below the header, criterion by criterion, numbering them."""

    def __init__(
        self, ws: Worksheet, cset: CriteriaSet, assessment: Assessment | None, lang: Lang
    ) -> None:
        self.ws = ws
        self.assessment = assessment
        self.lang = lang
        self.results = {r.indicator.id: r for r in assessment.results} if assessment else {}
        self.names = {key: text.get(lang) for key, text in cset.departments.items()}
        self.lists = _Lists(ws)
        self.row = HEADER_ROW + 1
        self.number = 0
        self.written: list[tuple[str, str, object]] = []

    def criterion(self, criterion: Criterion) -> tuple[int, int]:
        """A criterion's band (with its subtotal) and its indicators' rows: (met, applicable)."""
        first = self.row
        self.row += 1
        met = applicable = 0
        for indicator in criterion.indicators:
            result = self.indicator(indicator, criterion.number)
            if result is not None and result.status != "not_applicable":
                applicable += 1
                met += result.status == "met"
        subtotal = f"{criterion.number}. {criterion.name.get(self.lang)}"
        if self.assessment is not None:
            subtotal += f" — {label('xlsx.met_of', self.lang, met=met, applicable=applicable)}"
        _band(self.ws, first, subtotal, len(COLUMNS), Font(bold=True))
        return met, applicable

    def indicator(self, indicator: Indicator, criterion: int) -> IndicatorResult | None:
        """An indicator's row; its result, if judged."""
        self.number += 1
        result = self.results.get(indicator.id)
        values = _row(
            indicator, result, self.assessment, self.lang, self.number, criterion, self.names
        )
        unmet = result is not None and result.status in ("unmet", "no_data")
        _indicator_row(self.ws, self.row, values, unmet)
        self.lists.mark(self.ws, self.row, getattr(indicator.rule, "levels", None))
        self.written += [(indicator.id, key, values[key]) for key in OUTPUT_COLUMNS]
        self.row += 1
        return result


def _titles(
    ws: Worksheet, cset: CriteriaSet, assessment: Assessment | None, lang: Lang, last: str
) -> None:
    _put(
        ws, 1, 1, label("xlsx.title", lang, set=cset.title.get(lang)), font=Font(bold=True, size=13)
    )
    ws.merge_cells(f"A1:{last}1")
    if assessment is not None:
        ev = assessment.evidence
        line = label(
            "xlsx.subtitle", lang, unit=ev.name.get(lang), as_of=format_date(ev.as_of, lang)
        )
        if cset.extends:  # a province's overlay: what it extends, by which document
            line += f" · {label('set', lang)}: {set_named(cset, lang)}"
        _put(ws, 2, 1, line)
        ws.merge_cells(f"A2:{last}2")
    _put(ws, 3, 1, in_lang(OUTPUT_NOTE, lang), font=_OUT_FONT)
    ws.merge_cells(f"A3:{last}3")
    for index, key in enumerate(COLUMNS, start=1):
        output = key in OUTPUT_COLUMNS
        _put(ws, HEADER_ROW, index, _heading(key, lang), font=Font(bold=True, italic=output),
             fill=_OUT_HEAD if output else _IN_HEAD, border=_BOX,
             alignment=Alignment(wrap_text=True, vertical="center"))  # fmt: skip
        column = ws.column_dimensions[get_column_letter(index)]
        column.width = COLUMNS[key][2]
        column.hidden = key in OTHER_LANGUAGE[lang]  # kept for the round trip, not printed
    ws.row_dimensions[HEADER_ROW].height = 45
    ws.freeze_panes = f"D{HEADER_ROW + 1}"


def _lines_needed(values: Iterable[object], widths: Iterable[int]) -> int:
    """How many lines the tallest wrapped cell of a row needs, at most 12."""
    cells = zip(values, widths, strict=True)
    lines = [
        sum(-(-len(part) // max(w - 2, 1)) or 1 for part in str(v).split("\n"))
        for v, w in cells
        if v is not None
    ]
    return min(max([1, *lines]), 12)


def _indicator_row(ws: Worksheet, row: int, values: dict[str, object], unmet: bool) -> None:
    # a height for the wrapped text: LibreOffice does not fit rows to it, so text would
    # overlap the next row
    lines = _lines_needed(values.values(), (w for _, _, w in COLUMNS.values()))
    ws.row_dimensions[row].height = 15 * lines
    for index, (key, value) in enumerate(values.items(), start=1):
        output = key in OUTPUT_COLUMNS
        style: dict[str, Any] = {"font": _OUT_FONT, "fill": _OUT_FILL} if output else {}
        if not output:
            style["protection"] = _OPEN
        if unmet:
            style["fill"] = _RED
        _put(ws, row, index, value, border=_BOX, alignment=_WRAP, **style)


def _band(ws: Worksheet, row: int, text: str, width: int, font: Font) -> None:
    """A row across the table: a criterion with its subtotal, or the overall line."""
    _put(ws, row, 1, text, font=font, fill=_GREY)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


class _Lists:
    """The choices offered in the cells a person fills in: status, basis, a level's scale."""

    def __init__(self, ws: Worksheet) -> None:
        columns = list(COLUMNS)
        self.status_col = columns.index("status") + 1
        self.basis_col = columns.index("basis") + 1
        self.value_col = columns.index("value") + 1
        self.status = _choices(ws, STATUS_WORDS)
        self.basis = _choices(ws, BASIS_WORDS)

    def mark(self, ws: Worksheet, row: int, levels: Sequence[str] | None) -> None:
        self.status.add(ws.cell(row=row, column=self.status_col))
        self.basis.add(ws.cell(row=row, column=self.basis_col))
        if levels:
            _choices(ws, levels).add(ws.cell(row=row, column=self.value_col))


def _choices(ws: Worksheet, words: Iterable[str]) -> DataValidation:
    rule = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True)
    ws.add_data_validation(rule)
    return rule


def _row(
    indicator: Indicator,
    result: IndicatorResult | None,
    assessment: Assessment | None,
    lang: Lang,
    number: int,
    criterion: int,
    names: dict[str, str],
) -> dict[str, object]:
    """An indicator's cells, by column (in the order of ``COLUMNS``)."""
    item = result.evidence if result is not None else None
    value, total = _counts(item, result)
    declared = _declared(item, assessment, lang)
    return {
        "no": number,
        "criterion": criterion,
        "id": indicator.id,
        "name": indicator.name.get(lang),
        "required": _required(indicator, result, assessment, lang),
        "value": value,
        "total": total,
        "unit": declared["unit"],
        "status": declared["status"],
        "basis": declared["basis"],
        "documents": declared["documents"],
        "judged": status_text(result, lang) if result is not None else None,
        "department": _department(indicator, assessment, lang, names),
        "actions": _action_list(result, assessment, lang) or None,
        **_remarks(item),
    }


def _counts(
    item: IndicatorEvidence | None, result: IndicatorResult | None
) -> tuple[object, object]:
    """The value cells: as declared, or for a per-commune share the counts it is judged by."""
    value, total = _value(item.value if item is not None else None)
    counted = getattr(result.value, "communes", None) if result is not None else None
    if counted is not None and result is not None:
        value, total = getattr(result.value, "met", None), getattr(result.value, "total", None)
    return value, total


#: a basis by its word in the list (the inverse of ``BASIS_WORDS``)
_BASIS_KEYS = {v: k for k, v in BASIS_WORDS.items()}


def _declared(
    item: IndicatorEvidence | None, assessment: Assessment | None, lang: Lang
) -> dict[str, object]:
    """What the unit declares: the unit of its value, its status, basis and documents (as
    offices cite them: ``409/QĐ-UBND ngày 04/3/2024``)."""
    if item is None or assessment is None:
        return {"unit": None, "status": None, "basis": None, "documents": None}
    status = None
    if not item.applicable:
        status = "không áp dụng"
    elif item.status is not None:
        status = STATUS[item.status].vi
    return {
        "unit": item.unit,
        "status": status,
        "basis": _BASIS_KEYS.get(item.basis or ""),
        "documents": "; ".join(cite(assessment, d, lang) for d in item.documents),
    }


def _required(
    indicator: Indicator, result: IndicatorResult | None, assessment: Assessment | None, lang: Lang
) -> str:
    """The level required: for the unit when judged, else as the set words it."""
    if result and assessment:
        return required(result, assessment, lang)
    return indicator.requirement.get(lang)


def _department(
    indicator: Indicator, assessment: Assessment | None, lang: Lang, names: dict[str, str]
) -> str:
    """The responsible department's name (the set's own name for it on a blank form)."""
    if assessment is not None:
        return department(assessment, indicator.department, lang)
    return names.get(indicator.department, indicator.department)


def _action_list(result: IndicatorResult | None, assessment: Assessment | None, lang: Lang) -> str:
    """``nhiệm vụ 2 — hạn 31/12/2024; nhiệm vụ 13 — hạn trong quá trình thực hiện``: the
    related actions by their number on the actions sheet, with their deadlines."""
    if result is None or assessment is None:
        return ""
    numbers = action_numbers(assessment)
    parts = []
    for state in result.actions:
        a = state.action
        when = format_date(a.due, lang) if a.due else (a.due_text.get(lang) if a.due_text else "")
        said = label("action_no", lang, n=numbers[a.id])
        parts.append(f"{said} — {label('due', lang)} {when}" if when else said)
    return "; ".join(parts)


def _remarks(item: IndicatorEvidence | None) -> dict[str, str | None]:
    """The reason and the note, each in Vietnamese and in English."""
    if item is None:
        return {"reason": None, "reason_en": None, "note": None, "note_en": None}
    return {
        "reason": _vi(item.reason),
        "reason_en": _en(item.reason),
        "note": _vi(item.note),
        "note_en": _en(item.note),
    }


def _vi(text: Any) -> str | None:
    return None if text is None else str(text.vi)


def _en(text: Any) -> str | None:
    return None if text is None or text.en is None else str(text.en)


def _value(raw: object) -> tuple[object, object]:
    """A value as cells: a number or a text; a share as its two counts."""
    if isinstance(raw, dict):
        communes = raw.get("communes")
        if isinstance(communes, dict):  # a per-commune share: its counts (see the README)
            met = sum(1 for status in communes.values() if str(status) in ("met", "đạt", "Đạt"))
            return met, len(communes)
        return raw.get("met"), raw.get("total")
    return raw, None


def _key_values(ws: Worksheet, rows: Iterable[tuple[str, object, str | None, str]], lang: Lang,
                key_width: int = 26) -> None:  # fmt: skip
    """A sheet of fields: label, value, what it means, and (hidden) the field's key."""
    for col, word in enumerate(("xlsx.field", "xlsx.value", "xlsx.meaning"), start=1):
        _put(ws, 1, col, label(word, lang), font=Font(bold=True), fill=_GREY, border=_BOX)
    _put(ws, 1, 4, "key", font=Font(bold=True), fill=_GREY)
    for row, (shown, value, meaning, key) in enumerate(rows, start=2):
        _put(ws, row, 1, shown, border=_BOX, alignment=_WRAP)
        _put(ws, row, 2, value, border=_BOX, alignment=_WRAP)
        _put(ws, row, 3, meaning, border=_BOX, alignment=_WRAP, font=_OUT_FONT)
        _put(ws, row, 4, key)
        ws.row_dimensions[row].height = 15 * _lines_needed((shown, value, meaning), (26, 60, 48))
    ws.column_dimensions["A"].width = key_width
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 48
    ws.column_dimensions["D"].hidden = True
    _print_setup(ws, "1:1")


def _unit_rows(fields: Iterable[tuple[str, object]], lang: Lang) -> list[Any]:
    """The unit's fields as rows of :func:`_key_values`."""
    return [
        (in_lang(UNIT_LABELS[key], lang), value, in_lang(UNIT_FIELDS[key], lang), key)
        for key, value in fields
    ]


def _unit_sheet(
    ws: Worksheet, assessment: Assessment | None, lang: Lang, cset: CriteriaSet | None = None
) -> None:
    if assessment is None:
        assert cset is not None
        fields: list[tuple[str, object]] = [
            ("id", None), ("name", None), ("name_en", None),
            ("unit", in_lang(KIND_SHOWN[cset.unit], lang)), ("code", None), ("province", None),
            ("province_code", None), ("region", None), ("group", None),
            ("criteria_set", cset.id), ("as_of", None), ("note", None), ("note_en", None),
        ]  # fmt: skip
    else:
        ev, cset = assessment.evidence, assessment.criteria_set
        kind = in_lang(KIND_SHOWN[ev.unit], lang) if ev.unit else None
        fields = [
            ("id", ev.id), ("name", ev.name.vi), ("name_en", ev.name.en), ("unit", kind),
            ("code", ev.code), ("province", ev.province.name.vi),
            ("province_en", ev.province.name.en), ("province_code", ev.province.code),
            ("region", ev.region), ("group", ev.group), ("criteria_set", ev.criteria_set),
            ("as_of", ev.as_of), ("note", _vi(ev.note)), ("note_en", _en(ev.note)),
        ]  # fmt: skip
    if not cset.groups and dict(fields)["group"] is None:  # a set without groups: no such row
        fields.remove(("group", None))
    _key_values(ws, _unit_rows(fields, lang), lang)
    kinds = _choices(ws, (in_lang(words, lang) for words in KIND_SHOWN.values()))
    keys = [k for k, _ in fields]
    kinds.add(ws.cell(row=1 + keys.index("unit") + 1, column=2))
    if cset.groups:
        _choices(ws, cset.groups).add(ws.cell(row=1 + keys.index("group") + 1, column=2))


def _grid(ws: Worksheet, keys: Sequence[str], rows: Iterable[Sequence[object]], lang: Lang,
          output: Sequence[str] = ()) -> None:  # fmt: skip
    """A sheet of rows under one heading row: the ids in hidden columns, the columns only
    ntm-check fills in their style."""
    _grid_headings(ws, keys, lang, output)
    widths = [0 if key in HIDDEN else _WIDTHS[key] for key in keys]
    for r, values in enumerate(rows, start=2):
        shown = [v if w else None for v, w in zip(values, widths, strict=True)]
        ws.row_dimensions[r].height = 15 * _lines_needed(shown, [max(w, 3) for w in widths])
        for c, (key, value) in enumerate(zip(keys, values, strict=True), start=1):
            style = {"font": _OUT_FONT, "fill": _OUT_FILL} if key in output else {}
            _put(ws, r, c, value, border=_BOX, alignment=_WRAP, **style)
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(keys))}1"
    _print_setup(ws, "1:1", wide=2)


def _grid_headings(ws: Worksheet, keys: Sequence[str], lang: Lang, output: Sequence[str]) -> None:
    """The heading row of a grid, each column's width; the id columns hidden."""
    for col, key in enumerate(keys, start=1):
        _put(ws, 1, col, in_lang(HEADINGS[key], lang), font=Font(bold=True, italic=key in output),
             fill=_OUT_HEAD if key in output else _IN_HEAD, border=_BOX,
             alignment=Alignment(wrap_text=True, vertical="center"))  # fmt: skip
        column = ws.column_dimensions[get_column_letter(col)]
        column.width = _WIDTHS[key]
        column.hidden = key in HIDDEN


def _actions(ws: Worksheet, assessment: Assessment | None, lang: Lang) -> None:
    rows = []
    if assessment is not None:
        rows = [_action_row(n, s, assessment, lang) for n, s in enumerate(assessment.actions, 1)]
    _grid(ws, ACTION_COLUMNS, rows, lang, ACTION_OUTPUT)
    for r, s in enumerate(assessment.actions if assessment else (), start=2):
        if s.overdue:
            for c in range(1, len(ACTION_COLUMNS) + 1):
                ws.cell(row=r, column=c).fill = _RED
    done = DataValidation(type="list", formula1='"có,không"', allow_blank=True)
    ws.add_data_validation(done)
    done.add(f"J2:J{max(len(rows) + 1, 200)}")


def _action_row(n: int, state: Any, assessment: Assessment, lang: Lang) -> tuple[object, ...]:
    """One action as people read it (departments by name, the document cited), its ids last."""
    a = state.action
    source = cite(assessment, a.source, lang) if a.source else None
    return (
        n, a.task.vi, a.task.en, ", ".join(a.indicators), department(assessment, a.owner, lang),
        "; ".join(department(assessment, s, lang) for s in a.support), a.due, _vi(a.due_text),
        _en(a.due_text), "có" if a.done else "không", source,
        label("overdue", lang) if state.overdue else None,
        a.id, a.owner, ", ".join(a.support) or None, a.source,
    )  # fmt: skip


def _documents(ws: Worksheet, assessment: Assessment | None, lang: Lang) -> None:
    docs = assessment.evidence.documents.items() if assessment else ()
    rows = [(d.number, d.date, d.issuer, d.title.vi, d.title.en, d.url, key) for key, d in docs]
    _grid(ws, DOCUMENT_COLUMNS, rows, lang)


def _sources(ws: Worksheet, inputs: Sequence[InputFile], lang: Lang) -> None:
    rows: list[tuple[str, object, str | None, str]] = [("ntm-check", __version__, None, "tool")]
    rows += [(f.path.as_posix(), f.sha256, "SHA-256", "sha256") for f in inputs]
    _key_values(ws, rows, lang, key_width=36)


def _written(ws: Worksheet, written: Iterable[tuple[str, str, object]]) -> None:
    """The hidden sheet of what export wrote in the cells only ntm-check fills: (indicator,
    column, value), for ``import`` to tell a changed one."""
    for row, values in enumerate(written, start=1):
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, value)
    ws.sheet_state = "hidden"
