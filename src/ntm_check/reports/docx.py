"""``ntm-check report --format docx``: the gap report as an administrative document (báo cáo)
laid out as Decree 30/2020/NĐ-CP lays out such documents.

The two-column header (the issuing body and the document's number on the left; the national
motto on the right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc"), the
place and date line ("Bắc Giang, ngày 05 tháng 4 năm 2024"), the title, the body in Times New
Roman 13 pt: the verdict, a table of progress by criterion, a table of the gaps with their
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
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ntm_check import __version__
from ntm_check.i18n import Lang, format_date, label
from ntm_check.inputs import REORGANISED
from ntm_check.reports.view import (
    area_today,
    dates,
    deadline,
    department,
    met_count,
    owner,
    status_text,
    unit_note,
    unverified_note,
    verdict,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell

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
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    fonts = normal.element.rPr.rFonts
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)


def _lines(cell: _Cell, lines: list[tuple[str, bool]], *, size: int = 13) -> None:
    cell.paragraphs[0].text = ""
    for i, (text, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)


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
    props.title = label("docx.title", lang, unit=ev.name.get(lang))
    when = dt.datetime.combine(assessment.judged_on, dt.time())
    props.created = props.modified = when
    props.revision = 1
    place = place_of(assessment, head, area, lang)
    top = document.add_table(rows=1, cols=2)
    top.alignment = WD_TABLE_ALIGNMENT.CENTER
    issuer = [(line, i > 0) for i, line in enumerate(head.issuer)] or [(BLANK, True)]
    rule = ("―――――――", False)  # the short line under the issuer and under the motto
    number = f"{label('docx.number', lang)}: {head.number or BLANK}"
    _lines(top.cell(0, 0), [*issuer, rule, (number, False)], size=12)
    motto = [(label("docx.state", lang), True), (label("docx.motto", lang), True)]
    _lines(top.cell(0, 1), [*motto, rule], size=12)
    top.autofit = False
    for index, width in ((0, Cm(6)), (1, Cm(10))):  # the motto on one line
        top.columns[index].width = width
        top.cell(0, index).width = width
    dated = document.add_paragraph()
    dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    dated.add_run(decree_date(assessment.judged_on, place, lang)).italic = True
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(label("docx.kind", lang) + "\n").bold = True
    title.add_run(label("docx.title", lang, unit=ev.name.get(lang))).bold = True
    _opening(document, assessment, area, lang)
    _progress(document, assessment, lang)
    _gaps(document, assessment, lang)
    _tasks(document, assessment, lang)
    _closing(document, head, lang)
    footer = document.sections[0].footer.paragraphs[0]
    hashes = "; ".join(f"{f.path.name} {f.sha256[:12]}" for f in inputs)
    footer.text = f"ntm-check {__version__} · {hashes}"
    footer.runs[0].font.size = Pt(8)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _opening(
    document: Document, assessment: Assessment, area: UnitsView | None, lang: Lang
) -> None:
    """What the report is based on, its dates, the unit's note, the units that cover its area
    now, and the verdict, with the warning when the criteria are not verified."""
    ev = assessment.evidence
    document.add_paragraph(label("docx.basis", lang, set=assessment.criteria_set.title.get(lang),
                                 as_of=format_date(ev.as_of, lang)))  # fmt: skip
    for line in dates(assessment, lang)[1:]:  # the first, the assessment date, is in the basis
        document.add_paragraph(line)
    said = unit_note(assessment, lang)
    if said:
        document.add_paragraph(said)
    today = area_today(assessment, area, lang)
    if today is not None:  # the units that cover the area now, as the markdown report says
        text, source = today
        document.add_paragraph().add_run(label("report.area", lang)).bold = True
        document.add_paragraph(text)
        document.add_paragraph().add_run(source).italic = True
    document.add_paragraph().add_run(verdict(assessment, lang)).bold = True
    note = unverified_note(assessment, lang)
    if note:  # a draft criterion is never presented as official
        document.add_paragraph().add_run(f"⚠ {note}").italic = True


def _table(document: Document, headings: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(12)


def _progress(document: Document, assessment: Assessment, lang: Lang) -> None:
    document.add_paragraph().add_run(label("report.progress", lang)).bold = True
    rows = []
    for criterion in assessment.criteria_set.criteria:
        mine = [r for r in assessment.results if r.criterion.number == criterion.number]
        rows.append([str(criterion.number), criterion.name.get(lang), met_count(mine, lang)])
    _table(document, [label("col.id", lang), label("criterion", lang), label("met", lang)], rows)


def _gaps(document: Document, assessment: Assessment, lang: Lang) -> None:
    gaps = [r for r in assessment.results if r.status in ("unmet", "no_data")]
    heading = f"{label('report.gaps', lang)} ({len(gaps)})"
    document.add_paragraph().add_run(heading).bold = True
    rows = [
        [r.indicator.id, r.indicator.name.get(lang), status_text(r, lang),
         department(assessment, r.indicator.department, lang)]
        for r in gaps
    ]  # fmt: skip
    headings = [label(k, lang) for k in ("col.id", "col.indicator", "col.status", "col.owner")]
    _table(document, headings, rows)


def _tasks(document: Document, assessment: Assessment, lang: Lang) -> None:
    document.add_paragraph().add_run(label("report.by_owner", lang)).bold = True
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
    _table(document, headings, rows)


def _closing(document: Document, head: Letterhead, lang: Lang) -> None:
    document.add_paragraph()
    bottom = document.add_table(rows=1, cols=2)
    left = [(f"{label('docx.recipients', lang)}:", True)]
    left += [(f"- {r};", False) for r in head.recipients] or [(f"- {BLANK};", False)]
    left.append((f"- {label('docx.archive', lang)}.", False))
    _lines(bottom.cell(0, 0), left, size=11)
    for paragraph in bottom.cell(0, 0).paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    title = [(line, True) for line in head.signer_title] or [(BLANK, True)]
    _lines(bottom.cell(0, 1), [*title, ("", False), ("", False), ("", False),
                               (head.signer or BLANK, True)])  # fmt: skip
