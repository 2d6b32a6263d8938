"""The Word report in the layout of Decree 30/2020/NĐ-CP, Appendix I (issue 22), read back with
python-docx and rendered by LibreOffice Writer."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Cli
from tests.office_render import has_component, page_texts, to_pdf

docx = pytest.importorskip("docx")

LETTERHEAD = ROOT / "docs" / "letterhead.example.yaml"
STATE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DATED = "Bắc Giang, ngày 05 tháng 4 năm 2024"


def _report(cli: Cli, out: Path) -> Any:
    result = cli("report", "tan-yen", "-f", "docx", "-o", str(out), "--as-of", "05/4/2024",
                 "--letterhead", str(LETTERHEAD))  # fmt: skip
    assert result.code == 1, result.err
    return docx.Document(str(out))


def _size(run: Any, paragraph: Any) -> float:
    size = run.font.size or paragraph.style.font.size or Pt13
    return float(size.pt)


Pt13 = docx.shared.Pt(13)


def _border(paragraph: Any) -> bool:
    return paragraph._p.find(docx.oxml.ns.qn("w:pPr") + "/" + docx.oxml.ns.qn("w:pBdr")) is not None


def test_the_header_is_the_decrees_two_column_table(cli: Cli, tmp_path: Path) -> None:
    document = _report(cli, tmp_path / "r.docx")
    header = document.tables[0]
    assert len(header.rows) == 2 and len(header.columns) == 2
    right = header.cell(0, 1).paragraphs
    state, motto, rule = right[0], right[1], right[2]
    assert state.text == STATE and state.runs[0].bold and 12 <= _size(state.runs[0], state) <= 13
    assert motto.text == MOTTO and motto.runs[0].bold and 13 <= _size(motto.runs[0], motto) <= 14
    assert rule.text == "" and _border(rule)  # the rule under the motto
    inside = header.cell(0, 1).width.cm - 2 * 0.19
    length = inside - rule.paragraph_format.left_indent.cm - rule.paragraph_format.right_indent.cm
    assert 5.5 <= length <= 6.3  # as long as the motto's line (5.9 cm at 13 pt bold)
    dated = header.cell(1, 1).paragraphs[0]  # on the line of the number
    assert dated.text == DATED and dated.runs[0].italic and _size(dated.runs[0], dated) == 13
    assert header.cell(1, 0).text.startswith("Số: ")
    assert header.cell(0, 0).paragraphs[0].text == "UBND TỈNH BẮC GIANG"


def test_the_page_the_body_and_the_closing_follow_appendix_i(cli: Cli, tmp_path: Path) -> None:
    document = _report(cli, tmp_path / "r.docx")
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    margins = [round(m.cm, 1) for m in (section.top_margin, section.bottom_margin,
                                        section.left_margin, section.right_margin)]  # fmt: skip
    assert 2 <= margins[0] <= 2.5 and 2 <= margins[1] <= 2.5
    assert 3 <= margins[2] <= 3.5 and 1.5 <= margins[3] <= 2
    assert section.different_first_page_header_footer  # numbered from page 2
    assert 'w:instr="PAGE"' in section.header._element.xml
    assert section.header.paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert not "".join(p.text for p in section.footer.paragraphs).strip()  # no provenance there
    texts = [p.text for p in document.paragraphs]
    assert any("của huyện Tân Yên" in t for t in texts) and not any("của Huyện" in t for t in texts)
    basis = next(p for p in document.paragraphs if p.text.startswith("Căn cứ"))
    assert basis.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY
    assert basis.paragraph_format.first_line_indent.cm >= 1
    closing = document.tables[-1].cell(0, 0).paragraphs
    received = closing[0].runs[0]
    assert closing[0].text == "Nơi nhận:" and received.bold and received.italic
    assert received.font.size.pt == 12 and all(p.runs[0].font.size.pt == 11 for p in closing[1:])
    for table in document.tables[1:4]:
        widths = {round(c.width.cm, 1) for c in table.rows[0].cells}
        assert len(widths) > 1  # columns sized to what they hold
    digest = hashlib.sha256((ROOT / "districts" / "tan-yen.yaml").read_bytes()).hexdigest()
    assert digest in document.core_properties.comments
    assert texts[-1].startswith("Lập bằng ntm-check") and "tan-yen.yaml" in texts[-1]
    runs = [(r, p) for p in _paragraphs(document) for r in p.runs if r.text.strip()]
    assert min(_size(r, p) for r, p in runs) >= 10


def _paragraphs(document: Any) -> list[Any]:
    cells = [p for t in document.tables for c in t._cells for p in c.paragraphs]
    return [*document.paragraphs, *cells]


@pytest.mark.skipif(not has_component("writer"), reason="LibreOffice Writer is not installed")
def test_the_word_report_renders_legibly_with_its_header_on_page_one(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "r.docx"
    _report(cli, path)
    pages = page_texts(to_pdf(path, tmp_path))
    assert len(pages) >= 2
    small = [(n, size) for n, (size, _) in enumerate(pages, start=1) if size < 10]
    assert not small, small  # no text under 10 pt on any page
    first = pages[0][1].replace(" ", "")
    for line in (STATE, MOTTO, DATED):
        assert line.replace(" ", "") in first, line
    assert not pages[0][1].startswith("1") and pages[1][1].startswith("2")  # numbered from 2
