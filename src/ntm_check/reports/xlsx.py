"""``ntm-check export``: a unit's self-assessment table (bảng tự đánh giá) as an Excel workbook.

Sheets (their names in the run's language; ``import`` reads either):

* **Bảng tự đánh giá / Self-assessment**: one row per indicator, grouped by criterion with a
  subtotal row per criterion and the overall line (29/38): STT, criterion, indicator id and
  name, required level, current value (a number where the rule takes one; a share as its two
  counts), unit, the status the unit declares (the cell a person fills in, with a list to
  choose from), its basis and documents, the status ntm-check judges, the responsible
  department, related actions and deadlines, reason, note. Frozen header, filters, widths
  that fit Vietnamese text; rows judged not met are filled red.
* **Thông tin / Unit**: the unit's id, names, kind, codes, province, region, set, assessment
  date, note.
* **Nhiệm vụ / Actions** (overdue ones marked, as of the date deadlines are judged on),
  **Văn bản / Documents**, and **Nguồn / Sources** (each input file's SHA-256, the tool's
  version).

Numbers are numbers and dates are dates. A text that starts with ``=``, ``+``, ``-``, ``@`` or
a tab is written as text, never as a formula (spreadsheet formula injection).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import openpyxl  # the office extra: this module is imported by ``ntm-check export`` only
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ntm_check import __version__
from ntm_check.i18n import Lang, format_date, label
from ntm_check.reports.view import department, required, status_text
from ntm_check.workbook_layout import (
    ACTION_COLUMNS,
    BASIS_WORDS,
    COLUMNS,
    DOCUMENT_COLUMNS,
    HEADER_ROW,
    HEADINGS,
    SHEETS,
    STATUS_WORDS,
    UNIT_FIELDS,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ntm_check.engine import Assessment, IndicatorResult
    from ntm_check.inputs import InputFile
    from ntm_check.model.criteria import CriteriaSet, Criterion, Indicator
    from ntm_check.model.evidence import IndicatorEvidence

_RED = PatternFill("solid", fgColor="FDE2E1")
_GREY = PatternFill("solid", fgColor="E7E9EE")
_THIN = Side(style="thin", color="B0B4BC")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FORMULA_LEADS = ("=", "+", "-", "@", "\t")


def _put(ws: Worksheet, row: int, col: int, value: object, **style: Any) -> None:
    """Write one cell; text is always text (never a formula), numbers and dates as such."""
    cell = ws.cell(row=row, column=col)
    cell.value = value  # type: ignore[assignment]  # the values written are cell values
    if isinstance(value, str) and value.startswith(_FORMULA_LEADS):
        cell.data_type = "s"  # openpyxl would take "=…" for a formula
    if isinstance(value, dt.date):
        cell.number_format = "DD/MM/YYYY"
    for key, setting in style.items():
        setattr(cell, key, setting)


def _words(key: str, lang: Lang) -> str:
    vi, en = SHEETS[key]
    return en if lang == "en" else vi


def workbook(assessment: Assessment, inputs: Sequence[InputFile], lang: Lang) -> bytes:
    """The unit's workbook (see the module docstring)."""
    book = openpyxl.Workbook()
    table = book.active
    assert table is not None
    table.title = _words("table", lang)
    _table(table, assessment.criteria_set, assessment, lang)
    _unit_sheet(book.create_sheet(_words("unit", lang)), assessment, lang)
    _actions(book.create_sheet(_words("actions", lang)), assessment, lang)
    _documents(book.create_sheet(_words("documents", lang)), assessment, lang)
    _sources(book.create_sheet(_words("sources", lang)), inputs, lang)
    return _saved(book)


def template(cset: CriteriaSet, lang: Lang) -> bytes:
    """An empty self-assessment form of a set, for a new unit."""
    book = openpyxl.Workbook()
    table = book.active
    assert table is not None
    table.title = _words("table", lang)
    _table(table, cset, None, lang)
    _unit_sheet(book.create_sheet(_words("unit", lang)), None, lang, cset)
    _actions(book.create_sheet(_words("actions", lang)), None, lang)
    _documents(book.create_sheet(_words("documents", lang)), None, lang)
    return _saved(book)


def _saved(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _heading(key: str, lang: Lang) -> str:
    vi, en, _ = COLUMNS[key]
    return en if lang == "en" else vi


def _table(ws: Worksheet, cset: CriteriaSet, assessment: Assessment | None, lang: Lang) -> None:
    """The self-assessment sheet: titles, a band and rows per criterion, the overall line."""
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
    _print_setup(ws)


def _print_setup(ws: Worksheet) -> None:
    """Printed (or rendered to PDF): landscape A4, the columns fitted to the page's width, the
    header repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if ws.sheet_properties.pageSetUpPr is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


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
        _put(ws, 2, 1, line)
        ws.merge_cells(f"A2:{last}2")
    for index, key in enumerate(COLUMNS, start=1):
        _put(ws, HEADER_ROW, index, _heading(key, lang), font=Font(bold=True), fill=_GREY,
             alignment=Alignment(wrap_text=True, vertical="center"), border=_BOX)  # fmt: skip
        ws.column_dimensions[get_column_letter(index)].width = COLUMNS[key][2]
    ws.freeze_panes = f"D{HEADER_ROW + 1}"


def _indicator_row(ws: Worksheet, row: int, values: dict[str, object], unmet: bool) -> None:
    # a height for the wrapped text: not every reader fits rows to it (LibreOffice does not)
    cells = zip(values.values(), (w for _, _, w in COLUMNS.values()), strict=True)
    lines = max((-(-len(str(v)) // max(w - 2, 1)) for v, w in cells if v is not None), default=1)
    ws.row_dimensions[row].height = 15 * min(max(lines, 1), 8)
    for index, value in enumerate(values.values(), start=1):
        _put(
            ws, row, index, value, border=_BOX, alignment=Alignment(wrap_text=True, vertical="top")
        )
        if unmet:
            ws.cell(row=row, column=index).fill = _RED


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
    declared = _declared(item)
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
        "actions": _action_list(result, assessment) or None,
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


def _declared(item: IndicatorEvidence | None) -> dict[str, object]:
    """What the unit declares: the unit of its value, its status, basis and documents."""
    if item is None:
        return {"unit": None, "status": None, "basis": None, "documents": None}
    status = None
    if not item.applicable:
        status = "không áp dụng"
    elif item.status is not None:
        status = {"met": "đạt", "unmet": "chưa đạt"}[item.status]
    return {
        "unit": item.unit,
        "status": status,
        "basis": _BASIS_KEYS.get(item.basis or ""),
        "documents": ", ".join(item.documents),
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


def _action_list(result: IndicatorResult | None, assessment: Assessment | None) -> str:
    """``id (dd/mm/yyyy); id``: the related actions, with their deadlines."""
    if result is None or assessment is None:
        return ""
    return "; ".join(
        f"{s.action.id} ({s.action.due.strftime('%d/%m/%Y')})" if s.action.due else s.action.id
        for s in result.actions
    )


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


def _key_values(ws: Worksheet, rows: Iterable[tuple[str, object]], lang: Lang) -> None:
    _put(ws, 1, 1, label("xlsx.field", lang), font=Font(bold=True), fill=_GREY)
    _put(ws, 1, 2, label("xlsx.value", lang), font=Font(bold=True), fill=_GREY)
    _put(ws, 1, 3, label("xlsx.meaning", lang), font=Font(bold=True), fill=_GREY)
    for row, (key, value) in enumerate(rows, start=2):
        _put(ws, row, 1, key)
        _put(ws, row, 2, value)
        meaning = UNIT_FIELDS.get(key)
        if meaning is not None:
            _put(ws, row, 3, meaning[1] if lang == "en" else meaning[0])
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 48


def _unit_sheet(
    ws: Worksheet, assessment: Assessment | None, lang: Lang, cset: CriteriaSet | None = None
) -> None:
    if assessment is None:
        assert cset is not None
        blank: list[tuple[str, object]] = [
            ("id", None), ("name", None), ("name_en", None), ("unit", cset.unit), ("code", None),
            ("province", None), ("province_code", None), ("region", None),
            ("criteria_set", cset.id), ("as_of", None), ("note", None), ("note_en", None),
        ]  # fmt: skip
        _key_values(ws, blank, lang)
        return
    ev = assessment.evidence
    _key_values(
        ws,
        [
            ("id", ev.id), ("name", ev.name.vi), ("name_en", ev.name.en), ("unit", ev.unit),
            ("code", ev.code), ("province", ev.province.name.vi),
            ("province_en", ev.province.name.en), ("province_code", ev.province.code),
            ("region", ev.region), ("criteria_set", ev.criteria_set), ("as_of", ev.as_of),
            ("note", _vi(ev.note)), ("note_en", _en(ev.note)),
        ],
        lang,
    )  # fmt: skip


def _grid(ws: Worksheet, keys: Sequence[str], rows: Iterable[Sequence[object]], lang: Lang) -> None:
    headings = [HEADINGS[k][1] if lang == "en" else HEADINGS[k][0] for k in keys]
    for col, heading in enumerate(headings, start=1):
        _put(ws, 1, col, heading, font=Font(bold=True), fill=_GREY, border=_BOX)
        ws.column_dimensions[get_column_letter(col)].width = 14 if col > 1 else 22
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            _put(ws, r, c, value, border=_BOX, alignment=Alignment(wrap_text=True))
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headings))}1"


def _actions(ws: Worksheet, assessment: Assessment | None, lang: Lang) -> None:
    rows = []
    for s in assessment.actions if assessment else ():
        a = s.action
        rows.append(
            (a.id, a.task.vi, a.task.en, ", ".join(a.indicators), a.owner, ", ".join(a.support),
             a.due, _vi(a.due_text), _en(a.due_text), "có" if a.done else "không", a.source,
             label("overdue", lang) if s.overdue else None)
        )  # fmt: skip
    _grid(ws, ACTION_COLUMNS, rows, lang)
    for r, s in enumerate(assessment.actions if assessment else (), start=2):
        if s.overdue:
            for c in range(1, len(ACTION_COLUMNS) + 1):
                ws.cell(row=r, column=c).fill = _RED
    done = DataValidation(type="list", formula1='"có,không"', allow_blank=True)
    ws.add_data_validation(done)
    done.add(f"J2:J{max(len(rows) + 1, 200)}")


def _documents(ws: Worksheet, assessment: Assessment | None, lang: Lang) -> None:
    docs = assessment.evidence.documents.items() if assessment else ()
    rows = [(key, d.number, d.date, d.issuer, d.title.vi, d.title.en, d.url) for key, d in docs]
    _grid(ws, DOCUMENT_COLUMNS, rows, lang)


def _sources(ws: Worksheet, inputs: Sequence[InputFile], lang: Lang) -> None:
    rows: list[tuple[str, object]] = [("ntm-check", __version__)]
    rows += [(f.path.as_posix(), f.sha256) for f in inputs]
    _key_values(ws, rows, lang)
