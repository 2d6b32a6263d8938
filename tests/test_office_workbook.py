"""The workbook as office staff meet it (issue 22): it prints legibly on A4, reads as an office
document (names, numbered actions, documents by number and date, Vietnamese labels), marks
and protects the cells only ntm-check fills, and ``import`` speaks in cells."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, Cli
from tests.office_render import has_component, page_texts, to_pdf

openpyxl = pytest.importorskip("openpyxl")

TABLE = "Bảng tự đánh giá"
SHIPPED = ROOT / "districts" / "tan-yen.yaml"
CRITERIA = ROOT / "criteria"


def _export(cli: Cli, out: Path, *args: str) -> Any:
    result = cli("export", "tan-yen", "-o", str(out), "--as-of", "2024-11-01", *args)
    assert result.code == 0, result.err
    return openpyxl.load_workbook(out)


def _rows(ws: Any) -> dict[str, int]:
    return {str(ws.cell(r, 3).value): r for r in range(5, ws.max_row + 1)
            if isinstance(ws.cell(r, 3).value, str)}  # fmt: skip


def _column(ws: Any, heading: str) -> int:
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(4, c).value == heading)


def _ids() -> set[str]:
    """The internal ids of the shipped unit: its set's departments, its actions, documents."""
    evidence = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    cset = yaml.safe_load((CRITERIA / "huyen-ntm-nang-cao-2021-2025.yaml").read_text("utf-8"))
    return {*cset["departments"], *(a["id"] for a in evidence["actions"]),
            *evidence["documents"]}  # fmt: skip


def test_the_main_sheet_shows_names_numbers_and_citations_never_ids(
    cli: Cli, tmp_path: Path
) -> None:
    ws = _export(cli, tmp_path / "b.xlsx")[TABLE]
    ids = _ids()
    visible = [
        str(ws.cell(r, c).value)
        for r in range(1, ws.max_row + 1)
        for c in range(1, ws.max_column + 1)
        if ws.cell(r, c).value is not None
        and not ws.column_dimensions[ws.cell(4, c).column_letter].hidden
    ]
    leaks = [(i, v) for v in visible for i in ids if i in v.replace("nhiệm vụ", "")]
    assert not leaks, leaks[:5]
    bus = _rows(ws)["2.3"]
    assert ws.cell(bus, _column(ws, "Cơ quan phụ trách")).value == "Sở Giao thông vận tải"
    actions = ws.cell(bus, _column(ws, "Nhiệm vụ liên quan, hạn")).value
    assert actions.startswith("nhiệm vụ 2 — hạn 31/12/2024; nhiệm vụ 3 — hạn 31/12/2024")
    cited = ws.cell(_rows(ws)["1.1"], _column(ws, "Văn bản")).value
    assert cited == "văn bản ngày 05/4/2024 của Văn phòng UBND tỉnh Bắc Giang"


def test_the_other_sheets_read_as_an_office_document(cli: Cli, tmp_path: Path) -> None:
    book = _export(cli, tmp_path / "b.xlsx")
    unit = book["Thông tin"]
    labels = {row[3].value: (row[0].value, row[1].value) for row in unit.iter_rows(min_row=2)}
    assert labels["name_en"][0] == "Tên đơn vị (tiếng Anh)"
    assert labels["unit"] == ("Cấp", "huyện") and labels["as_of"][0] == "Thời điểm đánh giá"
    assert unit.column_dimensions["D"].hidden  # the field names import reads
    actions = book["Nhiệm vụ"]
    heads = [c.value for c in actions[1]]
    second = {h: c.value for h, c in zip(heads, actions[3], strict=True)}
    assert second["STT"] == 2 and second["Cơ quan chủ trì"] == "UBND huyện Tân Yên"
    assert second["Văn bản giao"] == "văn bản ngày 05/4/2024 của Văn phòng UBND tỉnh Bắc Giang"
    hidden = [h for h in heads if actions.column_dimensions[_letter(heads, h)].hidden]
    assert hidden == ["Mã (ntm-check)", "Mã cơ quan chủ trì", "Mã cơ quan phối hợp",
                      "Mã văn bản giao"]  # fmt: skip
    supported = [r for r in actions.iter_rows(min_row=2, values_only=True) if r[14]]
    assert supported and all("so-" not in str(r[5]) for r in supported)
    english = _export(cli, tmp_path / "en.xlsx", "--lang", "en", "--force")
    en_unit = {r[3].value: (r[0].value, r[1].value) for r in english["Unit"].iter_rows(min_row=2)}
    assert en_unit["unit"] == ("Kind of unit", "district")


def _letter(heads: list[Any], heading: str) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(heads.index(heading) + 1))


def test_every_sheet_is_set_up_to_print_on_a4(cli: Cli, tmp_path: Path) -> None:
    book = _export(cli, tmp_path / "b.xlsx")
    for ws in book:
        if ws.sheet_state == "hidden":
            continue
        setup = ws.page_setup
        assert setup.orientation == "landscape" and int(setup.paperSize) == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and 1 <= setup.fitToWidth <= 2
        assert setup.fitToHeight == 0 and ws.print_title_rows, ws.title
        heights = [ws.row_dimensions[r].height for r in range(2, ws.max_row + 1)]
        assert all(h for h in heights if h is not None)


def test_output_only_cells_are_marked_and_locked_input_cells_stay_open(
    cli: Cli, tmp_path: Path
) -> None:
    ws = _export(cli, tmp_path / "b.xlsx")[TABLE]
    assert ws.protection.sheet and not ws.protection.password  # protected, no password
    assert not ws.protection.autoFilter  # filtering stays allowed
    assert "do ntm-check ghi" in ws["A3"].value  # the note in the header
    row = _rows(ws)["1.1"]
    for heading in ("Kết quả (ntm-check)", "Cơ quan phụ trách", "Chỉ tiêu", "Yêu cầu"):
        cell = ws.cell(row, _column(ws, heading))
        assert cell.protection.locked and cell.font.italic, heading
    for heading in ("Giá trị hiện tại", "Tự đánh giá", "Căn cứ", "Văn bản", "Ghi chú"):
        cell = ws.cell(row, _column(ws, heading))
        assert not cell.protection.locked and not cell.font.italic, heading


def _import(cli: Cli, book: Path, target: Path, *args: str) -> Any:
    return cli("import", str(book), "-o", str(target), "--criteria", str(CRITERIA), *args)


def test_a_changed_output_cell_is_a_warning_at_that_cell(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    book = _export(cli, path)
    ws = book[TABLE]
    row = _rows(ws)["2.3"]
    judged, dept = _column(ws, "Kết quả (ntm-check)"), _column(ws, "Cơ quan phụ trách")
    ws.cell(row, judged).value = "Đạt"
    ws.cell(row, dept).value = "Sở Xây dựng"
    book.save(path)
    target = tmp_path / "districts" / "tan-yen.yaml"
    target.parent.mkdir()
    target.write_bytes(SHIPPED.read_bytes())
    result = _import(cli, path, target)
    assert result.code == 0 and "không có thay đổi nào" in result.err
    for col in (judged, dept):
        at = f"{path}:{TABLE}!{ws.cell(row, col).coordinate}: [warning]"
        assert any(line.startswith(at) and "(xlsx-output-changed)" in line
                   for line in result.err.splitlines()), result.err  # fmt: skip


def _new_document(book: Any, number: str) -> None:
    docs = book["Văn bản"]
    row = docs.max_row + 1
    for col, value in enumerate((number, "20/10/2024", "Sở Giao thông vận tải",
                                 "Báo cáo thẩm định bến xe khách"), start=1):  # fmt: skip
        docs.cell(row, col).value = value


def test_a_document_is_cited_by_its_number_and_added_as_a_new_row(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    book = _export(cli, path)
    ws = book[TABLE]
    row = _rows(ws)["2.3"]
    _new_document(book, "45/BC-SGTVT")
    ws.cell(row, _column(ws, "Văn bản")).value = "45/BC-SGTVT"
    book.save(path)
    (tmp_path / "districts").mkdir()
    target = tmp_path / "districts" / "tan-yen.yaml"
    result = _import(cli, path, target)
    assert result.code == 0, result.err
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["indicators"]["2.3"]["documents"] == ["45-bc-sgtvt"]
    assert data["documents"]["45-bc-sgtvt"]["number"] == "45/BC-SGTVT"
    ws.cell(row, _column(ws, "Văn bản")).value = "46/BC-SGTVT"  # listed nowhere
    book.save(path)
    refused = _import(cli, path, target, "--force", "--lang", "en")
    where = f"{path}:{TABLE}!{ws.cell(row, _column(ws, 'Văn bản')).coordinate}: [error]"
    assert refused.code == 2 and where in refused.err and "46/BC-SGTVT" in refused.err


def test_a_problem_of_the_data_read_is_located_at_its_cell_never_at_a_yaml_line(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "b.xlsx"
    book = _export(cli, path)
    ws = book[TABLE]
    cell = ws.cell(_rows(ws)["1.1"], _column(ws, "Giá trị hiện tại"))
    cell.value = 12  # a value for an indicator decided by appraisal
    book.save(path)
    (tmp_path / "districts").mkdir()
    result = _import(cli, path, tmp_path / "districts" / "tan-yen.yaml", "--lang", "en")
    assert result.code == 2, result.err
    assert f"{path}:{TABLE}!{cell.coordinate}: [error]" in result.err
    assert not re.search(r"\.yaml:\d+:\d+", result.err)  # no line of a file never written


def test_an_id_typed_as_a_name_is_told_how_to_write_it(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "mau.xlsx"
    result = cli("export", "--template", "huyen-ntm-nang-cao-2021-2025", "-o", str(path))
    assert result.code == 0, result.err
    book = openpyxl.load_workbook(path)
    row = next(r for r in book["Thông tin"].iter_rows(min_row=2) if r[3].value == "id")
    row[1].value = "Lục Ngạn"
    book.save(path)
    (tmp_path / "districts").mkdir()
    done = _import(cli, path, tmp_path / "districts" / "luc-ngan.yaml", "--lang", "en")
    assert done.code == 2 and f"{path}:Thông tin!{row[1].coordinate}: [error]" in done.err
    assert "write 'luc-ngan'" in done.err and "LATIN" not in done.err


def test_changes_are_said_as_an_office_writes_them(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    book = _export(cli, path)
    actions = book["Nhiệm vụ"]
    eighth = next(r for r in actions.iter_rows(min_row=2) if r[0].value == 8)
    eighth[9].value = "có"  # done
    eighth[6].value = "15/11/2024"  # a new deadline, typed as text
    book.save(path)
    target = tmp_path / "districts" / "tan-yen.yaml"
    target.parent.mkdir()
    target.write_bytes(SHIPPED.read_bytes())
    result = _import(cli, path, target)
    assert result.code == 2, result.err
    assert result.out.splitlines() == [
        "~ nhiệm vụ 8.due: 30/9/2024 → 15/11/2024",
        "+ nhiệm vụ 8.done: đã xong",
    ]


@pytest.mark.skipif(not has_component("calc"), reason="LibreOffice Calc is not installed")
def test_the_workbook_prints_legibly(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    _export(cli, path)
    pages = page_texts(to_pdf(path, tmp_path))
    assert len(pages) >= 6
    small = [(n, size) for n, (size, _) in enumerate(pages, start=1) if size < 8]
    assert not small, small  # no text under 8 pt on any page
