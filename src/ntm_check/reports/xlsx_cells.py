"""The cells both workbooks ntm-check writes share (a unit's self-assessment,
:mod:`ntm_check.reports.xlsx`, and a criteria set's, :mod:`ntm_check.reports.set_xlsx`): one
cell written safely (text always text, never a formula; a control character shown; a text
longer than a cell holds refused), the styles of the cells a person fills in and of those
ntm-check fills, a heading cell, a list to choose from, a row's height, the print setup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from ntm_check.i18n import format_number
from ntm_check.reports import RenderRefused, xml_safe
from ntm_check.text import Text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

GREY = PatternFill("solid", fgColor="E7E9EE")
#: the cells ntm-check fills: italic, slate, on a cool grey (never read back)
OUT_FILL = PatternFill("solid", fgColor="EEF1F5")
OUT_FONT = Font(italic=True, color="3B4A63")
OUT_HEAD = PatternFill("solid", fgColor="C9D1DE")
#: the headings of the cells a person fills in
IN_HEAD = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="B0B4BC")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
#: what a spreadsheet takes for the start of a formula
FORMULA_LEADS = ("=", "+", "-", "@", "\t")


def put(ws: Worksheet, row: int, col: int, value: object, **style: Any) -> None:
    """Write one cell; text is always text (never a formula), numbers and dates as such; a
    control character is shown as ``\\xNN``; a text longer than a cell holds is refused."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = fits(ws, cell.coordinate, xml_safe(value))
    cell.value = value  # type: ignore[assignment]  # the values written are cell values
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        cell.data_type = "s"  # openpyxl would take "=…" for a formula
    if isinstance(value, dt.date):
        cell.number_format = "DD/MM/YYYY"
    for key, setting in style.items():
        setattr(cell, key, setting)


#: the most characters an Excel cell holds
MAX_CELL = 32_767


def fits(ws: Worksheet, where: str, text: str) -> str:
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


def print_setup(ws: Worksheet, title_rows: str, wide: int = 1) -> None:
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


def lines_needed(values: Iterable[object], widths: Iterable[int]) -> int:
    """How many lines the tallest wrapped cell of a row needs, at most 12."""
    cells = zip(values, widths, strict=True)
    lines = [
        sum(-(-len(part) // max(w - 2, 1)) or 1 for part in str(v).split("\n"))
        for v, w in cells
        if v is not None
    ]
    return min(max([1, *lines]), 12)


def choices(ws: Worksheet, words: Iterable[str]) -> DataValidation:
    """A list of ``words`` to choose from, for the cells then added to it."""
    rule = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True)
    ws.add_data_validation(rule)
    return rule


def heading_cell(ws: Worksheet, row: int, col: int, text: str, output: bool) -> None:
    """A column's heading: bold, boxed, wrapped; italic on grey over a column ntm-check
    fills (``output``), on yellow over one a person fills in."""
    put(
        ws,
        row,
        col,
        text,
        font=Font(bold=True, italic=output),
        fill=OUT_HEAD if output else IN_HEAD,
        border=BOX,
        alignment=Alignment(wrap_text=True, vertical="center"),
    )
