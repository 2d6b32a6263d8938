"""Every output of a unit judged by an overlay says which set judged it, what that set extends
and by which document; and, for each indicator the overlay changed, which value applied and
whose document it is. An indicator the overlay did not change names no document of the
province, and a unit judged by a set written whole is reported as before (issue 23)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest

from ntm_check import __version__
from tests.conftest import FIXTURES, Cli

OVERLAY = FIXTURES / "overlay"
SETS = OVERLAY / "criteria"
THU = OVERLAY / "districts" / "mixed-thu.yaml"  # thu-mini-set: 1.2 regulated, 1.10 not
WHOLE = OVERLAY / "districts" / "mixed.yaml"  # mini-set, written whole
AS_OF = ("--as-of", "2024-07-01", "--criteria", str(SETS))
DOC = "9/2024/QĐ-UBND"
REGULATED = f"≥ 84% (mức riêng của tỉnh, theo {DOC})"
SET_VI = f"mở rộng mini-set, theo {DOC}"


def _out(cli: Cli, *args: str) -> str:
    result = cli(*args, *AS_OF)
    assert result.code == 1, result.err  # the unit has gaps
    return result.out


def _row(text: str, ind_id: str) -> list[str]:
    """The markdown table rows of one indicator."""
    return [ln for ln in text.splitlines() if ln.startswith(f"| {ind_id} |")]


def _section(text: str, heading: str) -> str:
    """A markdown section, from its heading to the next one of its level."""
    found = re.search(rf"^## {re.escape(heading)}.*?(?=^## |\Z)", text, re.M | re.S)
    assert found is not None, heading
    return found.group(0)


def test_the_markdown_report_names_the_set_and_the_provinces_values(cli: Cli) -> None:
    text = _out(cli, "report", str(THU))
    title = "Bộ tiêu chí thử nghiệm áp dụng tại tỉnh Thử"
    assert f"- Bộ tiêu chí: {title} (`thu-mini-set`, {SET_VI})\n" in text
    regulated = _section(text, "Chỉ tiêu áp dụng theo quy định của tỉnh")
    assert _row(regulated, "1.2") == [f"| 1.2 | Tỷ lệ hộ dùng nước sạch | {REGULATED} | Đạt |"]
    assert not _row(regulated, "1.10")  # the base's own indicator is not listed
    gap = _section(text, "Các chỉ tiêu chưa đạt")
    assert "### 1.10 Tỷ lệ chất thải rắn\n\n- Kết quả: **Chưa đạt**\n- Yêu cầu: ≤ 5%\n" in gap
    assert gap.count(DOC) == 0  # no gap is the province's
    english = _out(cli, "report", str(THU), "--lang", "en")
    assert f"(`thu-mini-set`, extends mini-set, per {DOC})" in english
    assert "## Indicators as the province regulates them" in english
    assert f"≥ 84% (the province's own value, per {DOC})" in english


def test_a_unit_judged_by_a_set_written_whole_has_no_overlay_words(cli: Cli) -> None:
    report = _out(cli, "report", str(WHOLE))
    assert "- Bộ tiêu chí: Bộ tiêu chí thử nghiệm (`mini-set`)\n" in report
    assert "mở rộng" not in report and "quy định của tỉnh" not in report
    short = _out(cli, "check", str(WHOLE), "-f", "markdown")
    assert "Bộ tiêu chí" not in short
    assert "(mini-set)\n" in _out(cli, "check", str(WHOLE))


def test_the_short_markdown_and_the_table_name_the_set(cli: Cli) -> None:
    short = _out(cli, "check", str(THU), "-f", "markdown")
    assert f"- Bộ tiêu chí: thu-mini-set ({SET_VI})\n" in short
    assert _row(short, "1.10")[0].split(" | ")[3] == "≤ 5%"
    table = _out(cli, "check", str(THU), "--no-color")
    assert f"Bộ tiêu chí: Bộ tiêu chí thử nghiệm áp dụng tại tỉnh Thử (thu-mini-set, {SET_VI})" in (
        " ".join(table.split())
    )


def test_the_word_report_names_the_set_and_the_provinces_values(cli: Cli, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "r.docx"
    _out(cli, "report", str(THU), "-f", "docx", "-o", str(out))
    document = docx.Document(str(out))
    basis = next(p.text for p in document.paragraphs if p.text.startswith("Căn cứ"))
    assert basis.startswith(f"Căn cứ Bộ tiêu chí thử nghiệm áp dụng tại tỉnh Thử ({SET_VI});")
    tables = {_cells(t)[0]: _cells(t) for t in document.tables[1:-1]}
    regulated = tables[("Mã", "Chỉ tiêu", "Yêu cầu", "Kết quả")]
    assert regulated[1:] == [("1.2", "Tỷ lệ hộ dùng nước sạch", REGULATED, "Đạt")]
    gaps = tables[("Mã", "Chỉ tiêu", "Kết quả", "Cơ quan phụ trách")]
    assert ("1.10", "Tỷ lệ chất thải rắn", "Chưa đạt", "Sở A") in gaps
    assert not any(DOC in cell for row in gaps for cell in row)
    # the document's properties hold as many input files as fit (two long paths did not)
    assert document.core_properties.comments.startswith(f"ntm-check {__version__}: {THU}")
    whole = tmp_path / "whole.docx"
    _out(cli, "report", str(WHOLE), "-f", "docx", "-o", str(whole))
    plain = docx.Document(str(whole))
    texts = [p.text for p in plain.paragraphs]
    assert "Căn cứ Bộ tiêu chí thử nghiệm; thời điểm đánh giá: 30/6/2024." in texts
    assert "Chỉ tiêu áp dụng theo quy định của tỉnh" not in texts


def _cells(table: Any) -> list[tuple[str, ...]]:
    return [tuple(c.text for c in row.cells) for row in table.rows]


def test_the_workbook_names_the_set_and_the_provinces_values(cli: Cli, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "thu.xlsx"
    result = cli("export", str(THU), "-o", str(out), *AS_OF)
    assert result.code == 0, result.err
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws["A2"].value.endswith(f" · Bộ tiêu chí: thu-mini-set ({SET_VI})")
    required = {ws.cell(row=r, column=3).value: ws.cell(row=r, column=5).value
                for r in range(5, ws.max_row + 1)}  # fmt: skip
    assert (required["1.2"], required["1.10"]) == (REGULATED, "≤ 5%")
    whole = tmp_path / "whole.xlsx"
    assert cli("export", str(WHOLE), "-o", str(whole), *AS_OF).code == 0
    assert "Bộ tiêu chí" not in openpyxl.load_workbook(whole).worksheets[0]["A2"].value


def test_the_site_names_the_set_and_the_provinces_values(cli: Cli, tmp_path: Path) -> None:
    pytest.importorskip("jinja2")
    out = tmp_path / "site"
    result = cli("site", str(OVERLAY / "districts"), "-o", str(out), *AS_OF, "--no-cache")
    assert result.code == 0, result.err
    page = (out / "units" / "mixed-thu.html").read_text(encoding="utf-8")
    assert f"(<code>thu-mini-set</code>, {SET_VI})</li>" in page
    assert f"<td>Tỷ lệ hộ dùng nước sạch</td><td>Đạt</td><td>{REGULATED}</td>" in page
    assert "<td>Tỷ lệ chất thải rắn</td><td>Chưa đạt</td><td>≤ 5%</td>" in page
    plain = (out / "units" / "mixed.html").read_text(encoding="utf-8")
    assert "(<code>mini-set</code>)</li>" in plain and "mở rộng" not in plain


def test_a_report_lists_every_set_file_its_verdicts_rest_on(cli: Cli) -> None:
    """The base set shapes an overlay's verdicts: a report that names only the overlay's file
    could not be reproduced from its own list of inputs."""
    footer = _out(cli, "report", str(THU)).split("SHA-256", 1)[1]
    listed = re.findall(r"`([^`]+\.yaml)`: `([0-9a-f]{64})`", footer)
    assert {Path(p).name for p, _ in listed} == {
        "mixed-thu.yaml",
        "thu-mini-set.yaml",
        "mini-set.yaml",
    }
    for path, digest in listed:
        assert hashlib.sha256(Path(path).read_bytes()).hexdigest() == digest, path


def test_the_provinces_own_value_is_never_called_the_sets(cli: Cli, tmp_path: Path) -> None:
    """Outside province 01 the overlay's own threshold applies: it is the province's
    regulation, not "the set's general value" (mức chung của bộ)."""
    unit = tmp_path / "mixed-thu.yaml"
    unit.write_text(
        THU.read_text(encoding="utf-8").replace(
            '{name: Thành phố Hà Nội, code: "01"}', '{name: Tỉnh Hà Giang, code: "02"}'
        ),
        "utf-8",
    )
    text = _out(cli, "report", str(unit))
    row = _row(_section(text, "Chỉ tiêu áp dụng theo quy định của tỉnh"), "1.2")
    assert row and f"(mức theo quy định của tỉnh, theo {DOC})" in row[0]
    assert "mức chung của bộ" not in text
