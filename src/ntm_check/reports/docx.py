"""``ntm-check report --format docx``: the gap report as an administrative document (báo cáo)
laid out as Decree 30/2020/NĐ-CP lays out such documents.

The two-column header (the issuing body and the document's number on the left; the national
motto on the right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc"), the
place and date line ("Bắc Giang, ngày 05 tháng 4 năm 2024"), the title, the body in Times New
Roman 13 pt: the set it is judged against (for a province's overlay, what it extends and by
which document), the verdict, a table of progress by criterion, a table of the indicators the
province regulates (the value that applied, whose document it is), a table of the gaps with their
departments, a table of the tasks by lead owner with deadlines (overdue marked), then the
recipients ("Nơi nhận") and the signature block. What the tool cannot know (the issuing body,
the number, the signer, the recipients) comes from a small YAML file (``--letterhead``) or
stays as a visible blank to fill in.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import docx  # the office extra: this module is imported by ``report --format docx`` only
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ntm_check import __version__
from ntm_check.i18n import Lang, format_date, in_lang, label
from ntm_check.inputs import REORGANISED
from ntm_check.reports import xml_safe
from ntm_check.reports.view import (
    area_today,
    dates,
    deadline,
    department,
    met_count,
    owner,
    regulated_results,
    required,
    set_origin,
    status_text,
    unit_note,
    unverified_note,
    verdict,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    from ntm_check.engine import Assessment
    from ntm_check.inputs import InputFile
    from ntm_check.run.units import UnitsView

FONT = "Times New Roman"
BLANK = "……………"


@dataclass(frozen=True)
class Letterhead:
    """What only the issuing office knows; blanks stay visible when not given."""

    #: the issuing body, one line each: ["UBND TỈNH BẮC GIANG", "VĂN PHÒNG ĐIỀU PHỐI NTM"]
    issuer: tuple[str, ...] = ()
    number: str | None = None
    place: str | None = None
    signer_title: tuple[str, ...] = ()
    signer: str | None = None
    recipients: tuple[str, ...] = field(default_factory=tuple)


def decree_date(day: dt.date, place: str, lang: Lang = "vi") -> str:
    """``Bắc Giang, ngày 05 tháng 4 năm 2024``: days below 10 and months 1 and 2 with a zero
    (Decree 30/2020/NĐ-CP); in English ``Bắc Giang, 5 April 2024``."""
    if lang == "en":
        return f"{place}, {day.day} {_MONTHS[day.month - 1]} {day.year}"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def _style(document: Document) -> None:
    """Times New Roman 13 pt on A4, the decree's margins (top and bottom 20 mm, left 30 mm,
    right 15 mm); page numbers from page 2, centred at the top."""
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    fonts = normal.element.rPr.rFonts
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(1.5)
        section.header_distance = Cm(1)
        section.different_first_page_header_footer = True  # no number on the first page
        _page_number(section.header.paragraphs[0])


def _page_number(paragraph: Paragraph) -> None:
    """A PAGE field, centred, 13 pt."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "26")
    props.append(size)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _lines(cell: _Cell, lines: list[tuple[str, bool]], *, size: float = 13) -> None:
    """Lines centred in a new cell (its first, empty paragraph holds the first)."""
    for i, (text, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(xml_safe(text))
        run.bold = bold
        run.font.size = Pt(size)


def _rule(cell: _Cell, width: float, cell_width: float) -> None:
    """A solid line ``width`` cm long, centred in a cell ``cell_width`` cm wide, under what the
    cell holds: the bottom border of an empty paragraph one point high, its indents narrowing
    it to that length."""
    paragraph = cell.add_paragraph()
    layout = paragraph.paragraph_format
    inside = cell_width - 2 * _PADDING  # a cell's text stands inside its margins
    layout.left_indent = layout.right_indent = Cm(max(inside - width, 0) / 2)
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = Pt(1)
    layout.space_before = layout.space_after = Pt(0)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def place_of(assessment: Assessment, head: Letterhead, area: UnitsView | None, lang: Lang) -> str:
    """Where the document is issued: the letterhead's place; else the unit's province while it
    exists (the assessment made, or judged, before 1/7/2025); else the province its area has
    been in since, when the registry knows it; else a blank for the office to fill in (Bắc
    Giang, say, was merged into Bắc Ninh and no office writes from it any more)."""
    ev = assessment.evidence
    if head.place:
        return head.place
    if ev.as_of >= REORGANISED or assessment.judged_on < REORGANISED:
        return ev.province.name.get(lang)
    if area is not None and area.now_province is not None:
        return area.now_province.short
    return BLANK


def render(
    assessment: Assessment,
    head: Letterhead,
    inputs: tuple[InputFile, ...],
    lang: Lang,
    area: UnitsView | None = None,
) -> bytes:
    """The report as a .docx file; ``area``: the units covering the unit's area on the day it
    is judged, when the map has changed since (it names the place of issue)."""
    document = docx.Document()
    _style(document)
    ev = assessment.evidence
    props = document.core_properties  # not python-docx's template's author and 2013 date
    props.author = props.last_modified_by = "ntm-check"
    # a document property holds 255 characters; the body gives the name whole
    title = xml_safe(label("docx.title", lang, unit=ev.name.get(lang)))
    props.title = title if len(title) <= 255 else f"{title[:254]}…"
    when = dt.datetime.combine(assessment.judged_on, dt.time())
    props.created = props.modified = when
    props.revision = 1
    props.comments = _made_by(inputs)  # where it came from: not printed on every page
    props.keywords = "ntm-check"
    _header(
        document,
        head,
        decree_date(assessment.judged_on, place_of(assessment, head, area, lang), lang),
        lang,
    )
    _title(document, ev.name.get(lang), lang)
    _opening(document, assessment, area, lang)
    _progress(document, assessment, lang)
    _regulated(document, assessment, lang)
    _gaps(document, assessment, lang)
    _tasks(document, assessment, lang)
    _closing(document, head, lang)
    _provenance(document, inputs, lang)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


#: a table cell's margin on each side (cm; Word's and LibreOffice's default, 0.08 inch)
_PADDING = 0.19
#: the widths of the header's columns (cm): the issuing body, the national motto
_HEAD = (6.0, 10.5)
#: the length (cm) of the motto's line at 13 pt bold Times New Roman, which its rule matches
_MOTTO = {"vi": 5.9, "en": 7.3}


def _header(document: Document, head: Letterhead, dated: str, lang: Lang) -> None:
    """The two-column header of Decree 30: the issuing body, a short rule and the number on the
    left; the state's name (12 pt bold), the motto (13 pt bold) with a rule as long as it, and
    the place-and-date line (13 pt italic) on the right, the date on the line of the number."""
    top = document.add_table(rows=2, cols=2)
    top.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(top, _HEAD)
    issuer = [(line, i > 0) for i, line in enumerate(head.issuer)] or [(BLANK, True)]
    _lines(top.cell(0, 0), issuer, size=12.5)
    _rule(top.cell(0, 0), 2.5, _HEAD[0])
    _lines(top.cell(0, 1), [(label("docx.state", lang), True), (label("docx.motto", lang), True)])
    top.cell(0, 1).paragraphs[0].runs[0].font.size = Pt(12)
    _rule(top.cell(0, 1), _MOTTO[lang], _HEAD[1])
    number = f"{label('docx.number', lang)}: {head.number or BLANK}"
    _lines(top.cell(1, 0), [(number, False)])
    _lines(top.cell(1, 1), [(dated, False)])
    top.cell(1, 1).paragraphs[0].runs[0].italic = True
    for cell in (top.cell(1, 0), top.cell(1, 1)):
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)


def _widths(table: Table, widths: tuple[float, ...]) -> None:
    """Each column's width (cm), sized to what it holds."""
    table.autofit = False
    for index, width in enumerate(widths):
        table.columns[index].width = Cm(width)
        for cell in table.columns[index].cells:
            cell.width = Cm(width)


def _title(document: Document, unit: str, lang: Lang) -> None:
    """The kind of document and its summary, 14 pt bold, centred; the unit named in the run of
    the sentence (``của huyện Tân Yên``)."""
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(12)
    named = unit[:1].lower() + unit[1:] if lang == "vi" else unit
    for text in (label("docx.kind", lang) + "\n", label("docx.title", lang, unit=named)):
        run = title.add_run(xml_safe(text))
        run.bold = True
        run.font.size = Pt(14)


def _body(document: Document, text: str = "", *, bold: bool = False, italic: bool = False) -> None:
    """A paragraph of the body: justified, its first line indented 1 cm."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_after = Pt(6)
    run = paragraph.add_run(xml_safe(text))
    run.bold, run.italic = bold, italic


#: the most characters a document property holds (python-docx refuses more)
_PROPERTY = 255


def _made_by(inputs: tuple[InputFile, ...]) -> str:
    """The tool and each input file with its SHA-256, as many whole as a document property
    holds (the unit's file first), then ``…``: the body names them all, hashes shortened."""
    text = f"ntm-check {__version__}:"
    for n, f in enumerate(inputs):
        entry = f"{';' if n else ''} {f.path.as_posix()} SHA-256 {f.sha256}"
        if len(text) + len(entry) > _PROPERTY - 2:  # room left for " …"
            return f"{text} …"
        text += entry
    return text


def _provenance(document: Document, inputs: tuple[InputFile, ...], lang: Lang) -> None:
    """The tool and the files the report was made from, once, after the signature (10 pt)."""
    hashes = "; ".join(f"{f.path.name} ({f.sha256[:12]})" for f in inputs)
    made = in_lang((f"Lập bằng ntm-check {__version__} từ: {hashes}",
                    f"Made with ntm-check {__version__} from: {hashes}"), lang)  # fmt: skip
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(18)
    run = paragraph.add_run(xml_safe(made))
    run.italic = True
    run.font.size = Pt(10)


def _opening(
    document: Document, assessment: Assessment, area: UnitsView | None, lang: Lang
) -> None:
    """What the report is based on, its dates, the unit's note, the units that cover its area
    now, and the verdict, with the warning when the criteria are not verified."""
    ev, cset = assessment.evidence, assessment.criteria_set
    said = set_origin(cset, lang)  # a province's overlay: what it extends, by which document
    named = f"{cset.title.get(lang)} ({said})" if said else cset.title.get(lang)
    _body(document, label("docx.basis", lang, set=named, as_of=format_date(ev.as_of, lang)))
    for line in dates(assessment, lang)[1:]:  # the first, the assessment date, is in the basis
        _body(document, line)
    said = unit_note(assessment, lang)
    if said:
        _body(document, said)
    today = area_today(assessment, area, lang)
    if today is not None:  # the units that cover the area now, as the markdown report says
        text, source = today
        _body(document, label("report.area", lang), bold=True)
        _body(document, text)
        _body(document, source, italic=True)
    _body(document, verdict(assessment, lang), bold=True)
    note = unverified_note(assessment, lang)
    if note:  # a draft criterion is never presented as official
        _body(document, f"⚠ {note}", italic=True)


def _table(
    document: Document, headings: list[str], rows: list[list[str]], widths: tuple[float, ...]
) -> None:
    """A table in 12 pt, its columns sized to what they hold (cm)."""
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = xml_safe(text)
        cell.paragraphs[0].runs[0].bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = xml_safe(text)
    _widths(table, widths)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(12)


def _progress(document: Document, assessment: Assessment, lang: Lang) -> None:
    _body(document, label("report.progress", lang), bold=True)
    rows = []
    for criterion in assessment.criteria_set.criteria:
        mine = [r for r in assessment.results if r.criterion.number == criterion.number]
        rows.append([str(criterion.number), criterion.name.get(lang), met_count(mine, lang)])
    headings = [label("col.id", lang), label("criterion", lang), label("met", lang)]
    _table(document, headings, rows, (1.5, 11.5, 3.5))


def _regulated(document: Document, assessment: Assessment, lang: Lang) -> None:
    """The indicators a province's overlay changed, met or not, with the level that applied
    and whose document it is (nothing for a set written whole)."""
    found = regulated_results(assessment)
    if not found:
        return
    _body(document, label("report.regulated", lang), bold=True)
    rows = [
        [r.indicator.id, r.indicator.name.get(lang), required(r, assessment, lang),
         status_text(r, lang)]
        for r in found
    ]  # fmt: skip
    headings = [label(k, lang) for k in ("col.id", "col.indicator", "col.required", "col.status")]
    _table(document, headings, rows, (1.5, 6.5, 5.5, 3.0))


def _gaps(document: Document, assessment: Assessment, lang: Lang) -> None:
    gaps = [r for r in assessment.results if r.status in ("unmet", "no_data")]
    _body(document, f"{label('report.gaps', lang)} ({len(gaps)})", bold=True)
    rows = [
        [r.indicator.id, r.indicator.name.get(lang), status_text(r, lang),
         department(assessment, r.indicator.department, lang)]
        for r in gaps
    ]  # fmt: skip
    headings = [label(k, lang) for k in ("col.id", "col.indicator", "col.status", "col.owner")]
    _table(document, headings, rows, (1.5, 8.0, 2.8, 4.2))


def _tasks(document: Document, assessment: Assessment, lang: Lang) -> None:
    _body(document, label("report.by_owner", lang), bold=True)
    rows = [
        [str(n), s.action.task.get(lang), owner(assessment, s.action.owner, lang),
         deadline(s, lang)]
        for n, s in enumerate(assessment.actions, start=1)
        if not s.action.done
    ]  # fmt: skip
    headings = [
        "STT",
        label("site.what", lang),
        label("status.owner", lang),
        label("site.due", lang),
    ]
    _table(document, headings, rows, (1.2, 8.3, 3.5, 3.5))


def _closing(document: Document, head: Letterhead, lang: Lang) -> None:
    """The recipients ("Nơi nhận:" 12 pt bold italic, the list 11 pt) on the left, the
    signature block (14 pt bold) on the right."""
    document.add_paragraph()
    bottom = document.add_table(rows=1, cols=2)
    _widths(bottom, (7.5, 9.0))
    listed = [(f"- {r};", False) for r in head.recipients] or [(f"- {BLANK};", False)]
    listed.append((f"- {label('docx.archive', lang)}.", False))
    _lines(bottom.cell(0, 0), [(f"{label('docx.recipients', lang)}:", True), *listed], size=11)
    first = bottom.cell(0, 0).paragraphs[0].runs[0]
    first.italic, first.font.size = True, Pt(12)
    for paragraph in bottom.cell(0, 0).paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    title = [(line, True) for line in head.signer_title] or [(BLANK, True)]
    _lines(bottom.cell(0, 1), [*title, ("", False), ("", False), ("", False),
                               (head.signer or BLANK, True)], size=14)  # fmt: skip
