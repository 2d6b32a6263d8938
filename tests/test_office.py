"""The office round trip: the workbook ``export`` writes, read by openpyxl; ``import`` back to
evidence that judges the same; broken and hostile workbooks; the Word report read by
python-docx; both rendered by LibreOffice where it is installed."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT, Cli
from tests.office_render import has_component

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")

AS_OF = "2024-11-01"
TABLE = "Bảng tự đánh giá"


def export(cli: Cli, unit: str, out: Path, *args: str) -> Any:
    result = cli("export", unit, "-o", str(out), "--as-of", AS_OF, *args)
    assert result.code == 0, result.err
    return openpyxl.load_workbook(out)


def rows_of(ws: Any) -> dict[str, int]:
    """Row of each indicator id in the self-assessment table."""
    return {
        str(ws.cell(row=r, column=3).value): r
        for r in range(5, ws.max_row + 1)
        if ws.cell(row=r, column=3).data_type == "s" and ws.cell(row=r, column=3).value
    }


def test_the_workbook_of_the_shipped_unit(cli: Cli, tmp_path: Path) -> None:
    book = export(cli, "tan-yen", tmp_path / "tan-yen.xlsx")
    assert book.sheetnames == [TABLE, "Thông tin", "Nhiệm vụ", "Văn bản", "Nguồn", "_ntm-check"]
    assert book["_ntm-check"].sheet_state == "hidden"  # what export wrote in output-only cells
    ws = book[TABLE]
    assert (
        ws.cell(row=4, column=1).value == "STT" and ws.cell(row=4, column=3).value == "Mã chỉ tiêu"
    )
    assert ws.freeze_panes == "D5" and ws.auto_filter.ref.startswith("A4:")
    rows = rows_of(ws)
    assert len(rows) == 38
    bus = rows["2.3"]
    assert ws.cell(row=bus, column=9).value == "chưa đạt"  # declared, in the list's words
    assert ws.cell(row=bus, column=1).fill.fgColor.rgb.endswith("FDE2E1")  # marked not met
    assert ws.cell(row=rows["1.1"], column=9).fill.fgColor.rgb in ("00000000", None)
    assert isinstance(ws.cell(row=bus, column=1).value, int)  # numbers are numbers
    totals = [c.value for c in ws["A"] if isinstance(c.value, str) and "29/38" in c.value]
    assert totals == ["Tổng cộng: 29/38 chỉ tiêu đạt"]
    lists = [v.formula1 for v in ws.data_validations.dataValidation]
    assert '"đạt,chưa đạt,chưa có số liệu,không áp dụng"' in lists
    unit = {r[3].value: r[1].value for r in book["Thông tin"].iter_rows(min_row=2)}
    assert unit["code"] == "216" and book["Thông tin"]["B2"].data_type == "s"
    assert isinstance(unit["as_of"], dt.datetime) and unit["as_of"].date() == dt.date(2024, 4, 5)
    actions = book["Nhiệm vụ"]
    assert [c.value for c in actions[1]][:3] == ["STT", "Nhiệm vụ", "Nhiệm vụ (tiếng Anh)"]
    overdue = [r[0].value for r in actions.iter_rows(min_row=2) if r[11].value == "QUÁ HẠN"]
    assert overdue == [8, 9, 10]  # numbered as every report numbers them
    assert isinstance(actions["G3"].value, dt.datetime)  # a deadline is a date
    import hashlib

    digest = hashlib.sha256((ROOT / "districts" / "tan-yen.yaml").read_bytes()).hexdigest()
    assert digest in [r[1].value for r in book["Nguồn"].iter_rows(min_row=2)]


def test_a_blank_form_of_a_set_for_a_new_unit(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "blank.xlsx"
    result = cli("export", "--template", "huyen-ntm-nang-cao-2021-2025", "-o", str(out))
    assert result.code == 0, result.err
    book = openpyxl.load_workbook(out)
    ws = book[TABLE]
    rows = rows_of(ws)
    assert len(rows) == 38 and all(ws.cell(row=r, column=9).value is None for r in rows.values())
    unit = {r[3].value: r[1].value for r in book["Thông tin"].iter_rows(min_row=2)}
    assert unit["criteria_set"] == "huyen-ntm-nang-cao-2021-2025" and unit["id"] is None


def test_text_that_looks_like_a_formula_is_written_as_text(cli: Cli, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "criteria", tmp_path / "criteria")
    (tmp_path / "districts").mkdir()
    text = (FIXTURES / "districts" / "mixed.yaml").read_text(encoding="utf-8")
    hostile = ['=HYPERLINK("http://evil","x")', "+1+2", "-3", "@SUM(A1)", "\tcmd"]
    text = text.replace("name: {vi: Huyện Hỗn Hợp, en: Mixed district}",
                        f"name: {{vi: '{hostile[0]}', en: '{hostile[1]}'}}")  # fmt: skip
    text = text.replace('"1.1": {status: met}', f'"1.1": {{status: met, note: "{hostile[2]}"}}')
    text = text.replace('"1.10": {value: 7.25}', f'"1.10": {{value: 7.25, note: "{hostile[3]}"}}')
    (tmp_path / "districts" / "mixed.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "x.xlsx"
    result = cli("export", str(tmp_path / "districts" / "mixed.yaml"), "-o", str(out),
                 "--criteria", str(tmp_path / "criteria"), "--as-of", AS_OF)  # fmt: skip
    assert result.code == 0, result.err
    book = openpyxl.load_workbook(out)
    cells = [c for ws in book for row in ws.iter_rows() for c in row]
    found = {c.value: c.data_type for c in cells if c.value in hostile[:4]}
    assert found == dict.fromkeys(hostile[:4], "s")  # text, never a formula
    assert not [c for c in cells if c.data_type == "f"]


# -- the round trip --------------------------------------------------------------------------


def _judged(cli: Cli, path: Path, criteria: Path) -> dict[str, Any]:
    doc = json.loads(
        cli(str(path), "--criteria", str(criteria), "--as-of", AS_OF, "-f", "json").out
    )
    keep = ("id", "status", "basis", "current", "reason", "note", "documents", "conflict")
    return {
        "summary": doc["summary"],
        "indicators": [{k: i[k] for k in keep} for i in doc["indicators"]],
        "actions": doc["actions"],
        "unit": doc["unit"],
    }


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()]
            for ws in book if ws.title != "Nguồn"}  # fmt: skip


VALID = [
    (ROOT / "districts" / "tan-yen.yaml", ROOT / "criteria"),
    *[(p, FIXTURES / "criteria") for p in sorted((FIXTURES / "districts").glob("*.yaml"))],
    # a province's overlay: the required cell names its document, output only (issue 23)
    (FIXTURES / "overlay" / "districts" / "mixed-thu.yaml", FIXTURES / "overlay" / "criteria"),
]


@pytest.mark.parametrize(("evidence", "criteria"), VALID, ids=lambda p: p.stem)
def test_export_then_import_judges_the_same(
    cli: Cli, tmp_path: Path, evidence: Path, criteria: Path
) -> None:
    book = tmp_path / "book.xlsx"
    result = cli("export", str(evidence), "-o", str(book), "--criteria", str(criteria),
                 "--as-of", AS_OF)  # fmt: skip
    assert result.code == 0, result.err
    (tmp_path / "districts").mkdir()
    back = tmp_path / "districts" / evidence.name
    imported = cli("import", str(book), "-o", str(back), "--criteria", str(criteria))
    assert imported.code == 0, imported.err
    assert _judged(cli, back, criteria) == _judged(cli, evidence, criteria)
    again = tmp_path / "again.xlsx"
    result = cli("export", str(back), "-o", str(again), "--criteria", str(criteria),
                 "--as-of", AS_OF)  # fmt: skip
    assert result.code == 0, result.err
    assert _cells(again) == _cells(book)  # re-exporting gives the same cells


def test_what_people_do_to_a_workbook_by_hand_is_read(cli: Cli, tmp_path: Path) -> None:
    # rows re-sorted, blank rows, a date typed as text, a decimal comma, status words in
    # another case: the same evidence comes back
    book_path = tmp_path / "book.xlsx"
    export(cli, "tests/fixtures/districts/mixed.yaml", book_path, "--criteria",
           str(FIXTURES / "criteria"))  # fmt: skip
    book = openpyxl.load_workbook(book_path)
    ws = book[TABLE]
    rows = rows_of(ws)
    ws.cell(row=rows["1.2"], column=6).value = "84,5"  # decimal comma, as text
    ws.cell(row=rows["1.1"], column=9).value = "  ĐẠT "
    ws.move_range(f"A{rows['1.1']}:R{rows['1.1']}", rows=30)  # re-sorted, leaving a blank row
    unit = book["Thông tin"]
    for row in unit.iter_rows(min_row=2):
        if row[3].value == "as_of":
            row[1].value = "30/6/2024"  # typed as text
    book.save(book_path)
    (tmp_path / "districts").mkdir()
    back = tmp_path / "districts" / "mixed.yaml"
    result = cli(
        "import", str(book_path), "-o", str(back), "--criteria", str(FIXTURES / "criteria")
    )
    assert result.code == 0, result.err
    original = FIXTURES / "districts" / "mixed.yaml"
    assert _judged(cli, back, FIXTURES / "criteria") == _judged(
        cli, original, FIXTURES / "criteria"
    )


def _book_and_target(cli: Cli, tmp_path: Path, existing: str) -> tuple[Path, Path]:
    """The shipped unit's workbook, and a unit file that already holds ``existing``."""
    book = tmp_path / "book.xlsx"
    export(cli, "tan-yen", book)
    target = tmp_path / "districts" / "tan-yen.yaml"
    target.parent.mkdir()
    target.write_text(existing, encoding="utf-8")
    return book, target


def test_import_never_replaces_a_file_unless_asked_and_shows_the_change(
    cli: Cli, tmp_path: Path
) -> None:
    book, target = _book_and_target(cli, tmp_path, "# mine\n")
    refused = cli("import", str(book), "-o", str(target), "--criteria", str(ROOT / "criteria"),
                  "--lang", "en")  # fmt: skip
    assert refused.code == 2 and "add --force" in refused.err
    assert "-# mine" in refused.out and "+id: tan-yen" in refused.out  # the change, shown
    assert target.read_text(encoding="utf-8") == "# mine\n"
    forced = cli("import", str(book), "-o", str(target), "--criteria", str(ROOT / "criteria"),
                 "--force")  # fmt: skip
    assert forced.code == 0 and target.read_text(encoding="utf-8").startswith("# Imported")


def test_import_into_an_existing_file_says_what_changes_field_by_field(
    cli: Cli, tmp_path: Path
) -> None:
    # An unedited workbook changes nothing: said, exit 0, the file (its comments) untouched. An
    # edit is shown as the fields it changes, not as a diff of 800 lines of layout.
    shipped = (ROOT / "districts" / "tan-yen.yaml").read_text(encoding="utf-8")
    book, target = _book_and_target(cli, tmp_path, shipped)
    args = ["-o", str(target), "--criteria", str(ROOT / "criteria"), "--lang", "en"]
    same = cli("import", str(book), *args)
    assert same.code == 0 and "nothing changes; not written" in same.err
    assert "[warning]" not in same.err  # no lines of a file that is not written
    assert target.read_text(encoding="utf-8") == shipped
    edited = openpyxl.load_workbook(book)
    ws = edited[TABLE]
    ws.cell(row=rows_of(ws)["2.3"], column=9).value = "đạt"
    edited.save(book)
    changed = cli("import", str(book), *args)
    assert changed.code == 2 and "add --force" in changed.err
    assert changed.out.splitlines() == ["~ indicators.2.3.status: 'unmet' → 'met'"]
    assert "1 field(s) change (above)" in changed.err and "comments (#)" in changed.err
    assert target.read_text(encoding="utf-8") == shipped


# -- broken and hostile workbooks ------------------------------------------------------------


def _book(cli: Cli, tmp_path: Path) -> Path:
    path = tmp_path / "good.xlsx"
    export(cli, "tan-yen", path)
    return path


def _edit(path: Path, change: Any, name: str = "bad.xlsx") -> Path:
    book = openpyxl.load_workbook(path)
    change(book)
    out = path.parent / name
    book.save(out)
    return out


def _zip_with(path: Path, extra: dict[str, bytes], name: str) -> Path:
    out = path.parent / name
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        for member, data in extra.items():
            target.writestr(member, data)
    return out


def _cell(book: Any, sheet: str, key: str) -> Any:
    ws = book[sheet]
    return ws.cell(row=rows_of(ws)[key], column=1)


def _unit_row(book: Any, field: str) -> Any:
    return next(r for r in book["Thông tin"].iter_rows(min_row=2) if r[3].value == field)


def _copy_document_row(book: Any) -> None:
    """A document row copied below the last one, its wording changed (its number and date
    kept): the copy must not silently win."""
    ws = book["Văn bản"]
    last = max(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=2).value)
    for col in range(1, ws.max_column + 1):
        ws.cell(row=last + 1, column=col).value = ws.cell(row=last, column=col).value
    ws.cell(row=last + 1, column=4).value = "Trích yếu đã sửa"


BROKEN: dict[str, tuple[Any, str, str]] = {
    # name: (how to break the good workbook, code, where)
    "macro-suffix": (lambda p: p.rename(p.with_suffix(".xlsm")), "xlsx-macros", ""),
    "vba-part": (lambda p: _zip_with(p, {"xl/vbaProject.bin": b"\0" * 64}, "vba.xlsx"),
                 "xlsx-macros", ""),
    "external-link": (lambda p: _zip_with(p, {"xl/externalLinks/externalLink1.xml": b"<x/>"},
                                          "link.xlsx"), "xlsx-external-links", ""),
    "zip-bomb": (lambda p: _zip_with(p, {"xl/media/zeros.bin": b"\0" * (60 * 1024 * 1024)},
                                     "bomb.xlsx"), "xlsx-too-large", ""),
    "not-a-workbook": (lambda p: (p.parent / "text.xlsx").write_text("hello") and
                       p.parent / "text.xlsx", "xlsx-unreadable", ""),
    "a-directory": (lambda p: (p.parent / "dir.xlsx").mkdir() or p.parent / "dir.xlsx",
                    "xlsx-unreadable", ""),
    "no-table-sheet": (lambda p: _edit(p, lambda b: b.remove(b[TABLE])),
                       "xlsx-missing-sheet", ""),
    "no-unit-sheet": (lambda p: _edit(p, lambda b: b.remove(b["Thông tin"])),
                      "xlsx-missing-sheet", ""),
    "no-id-column": (lambda p: _edit(p, lambda b: setattr(b[TABLE]["C4"], "value", "Mã")),
                     "xlsx-missing-column", f"{TABLE}"),
    "id-as-number": (lambda p: _edit(p, lambda b: setattr(_cell(b, TABLE, "1.1").offset(0, 2),
                                                          "value", 1.1)),
                     "xlsx-id-as-number", f"{TABLE}!C"),
    "duplicate-id": (lambda p: _edit(p, lambda b: setattr(_cell(b, TABLE, "1.2").offset(0, 2),
                                                          "value", "1.1")),
                     "xlsx-duplicate-indicator", f"{TABLE}!C"),
    "emptied-id": (lambda p: _edit(p, lambda b: setattr(_cell(b, TABLE, "1.1").offset(0, 2),
                                                        "value", None)),
                   "xlsx-missing-id", f"{TABLE}!C"),
    "copied-document": (lambda p: _edit(p, _copy_document_row), "xlsx-duplicate-document",
                        "Văn bản!A"),
    "status-word": (lambda p: _edit(p, lambda b: setattr(_cell(b, TABLE, "1.1").offset(0, 8),
                                                         "value", "gần đạt")),
                    "xlsx-status", f"{TABLE}!I"),
    "basis-word": (lambda p: _edit(p, lambda b: setattr(_cell(b, TABLE, "1.1").offset(0, 9),
                                                        "value", "nghe nói")),
                   "xlsx-basis", f"{TABLE}!J"),
    "formula-no-value": (lambda p: _edit(p, lambda b: setattr(_cell(b, TABLE, "1.1").offset(0, 8),
                                                              "value", "=IF(1,\"đạt\")")),
                         "xlsx-formula", f"{TABLE}!I"),
    "bad-date": (lambda p: _edit(p, lambda b: setattr(_unit_row(b, "as_of")[1], "value",
                                                      "31/02/2024")), "xlsx-date", "Thông tin!B"),
    "no-unit-id": (lambda p: _edit(p, lambda b: setattr(_unit_row(b, "id")[1], "value", None)),
                   "xlsx-missing", "Thông tin!B"),
    "document-without-date": (lambda p: _edit(p, lambda b: setattr(b["Văn bản"]["B2"], "value",
                                                                   None)), "xlsx-missing",
                              "Văn bản!B2"),
    "unknown-indicator": (lambda p: _edit(p, lambda b: setattr(_cell(b, TABLE, "1.1").offset(0, 2),
                                                               "value", "1.99")),
                          "unknown-indicator", f"{TABLE}!C"),
    "done-word": (lambda p: _edit(p, lambda b: setattr(b["Nhiệm vụ"]["J2"], "value", "có lẽ")),
                  "xlsx-done", "Nhiệm vụ!J2"),
    "no-actions-sheet": (lambda p: _edit(p, lambda b: b.remove(b["Nhiệm vụ"])),
                         "xlsx-missing-sheet", ""),
    "renamed-due-heading": (lambda p: _edit(p, lambda b: setattr(b["Nhiệm vụ"]["G1"], "value",
                                                                 "Thời hạn xong")),
                            "xlsx-missing-column", "Nhiệm vụ!1:1"),
    "no-status-column": (lambda p: _edit(p, lambda b: setattr(b[TABLE]["I4"], "value", "?")),
                         "xlsx-missing-column", TABLE),
    "stray-far-cell": (lambda p: _edit(p, lambda b: setattr(b["Văn bản"]["CZ30000"], "value",
                                                            "x")), "xlsx-too-large", "Văn bản"),
    "formula-error-value": (lambda p: _zip_formula_error(p), "xlsx-formula", f"{TABLE}!F"),  # noqa: PLW0108 - defined below
}  # fmt: skip


def _zip_formula_error(path: Path) -> Path:
    """A cell whose saved value is a formula error (#DIV/0!), as Excel saves it."""
    book = openpyxl.load_workbook(path)
    cell = _cell(book, TABLE, "1.2").offset(0, 5)
    cell.value = "#DIV/0!"
    cell.data_type = "e"
    out = path.parent / "div0.xlsx"
    book.save(out)
    return out


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_workbook_is_refused_with_a_located_message(
    cli: Cli, tmp_path: Path, name: str
) -> None:
    how, code, where = BROKEN[name]
    bad = how(_book(cli, tmp_path))
    bad = bad if isinstance(bad, Path) else tmp_path / "good.xlsm"
    target = tmp_path / "districts" / "tan-yen.yaml"
    target.parent.mkdir(exist_ok=True)
    result = cli("import", str(bad), "-o", str(target), "--criteria", str(ROOT / "criteria"),
                 "--lang", "en")  # fmt: skip
    assert result.code == 2, (name, result.err)
    assert f"({code})" in result.err, (name, result.err)
    line = next(line for line in result.err.splitlines() if f"({code})" in line)
    assert where in line and ": [error] " in line, (name, line)
    assert "Traceback" not in result.err and not target.exists()


def test_there_are_at_least_fifteen_broken_workbooks() -> None:
    assert len(BROKEN) >= 15


def test_a_percentage_typed_as_excel_stores_it_and_numbers_written_the_vietnamese_way(
    cli: Cli, tmp_path: Path
) -> None:
    criteria = FIXTURES / "criteria"
    path = tmp_path / "mixed.xlsx"
    book = export(cli, "tests/fixtures/districts/mixed.yaml", path, "--criteria", str(criteria))
    ws = book[TABLE]
    cell = ws.cell(row=rows_of(ws)["1.2"], column=6)
    cell.value, cell.number_format = 0.845, "0.0%"  # what Excel stores for 84,5%
    ws.cell(row=rows_of(ws)["2.1"], column=6).value = "1.000"  # one thousand, Vietnamese style
    book.save(path)
    (tmp_path / "districts").mkdir()
    back = tmp_path / "districts" / "mixed.yaml"
    assert cli("import", str(path), "-o", str(back), "--criteria", str(criteria)).code == 0
    text = back.read_text(encoding="utf-8")
    assert "value: 84.5" in text and "value: 1000" in text


def test_import_refuses_a_folder_the_workbook_itself_and_a_criteria_set(
    cli: Cli, tmp_path: Path
) -> None:
    book = _book(cli, tmp_path)
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    cset = tmp_path / "criteria" / "huyen-ntm-nang-cao-2021-2025.yaml"
    before = cset.read_bytes()
    for target, said in ((tmp_path, "is a directory"), (book, "a Word or Excel file's name"),
                         (cset, "is a criteria set")):  # fmt: skip
        result = cli("import", str(book), "-o", str(target), "--force", "--lang", "en")
        assert result.code == 2 and said in result.err, target
        assert "Traceback" not in result.err and len(result.out) < 200
    assert cset.read_bytes() == before


# -- the Word report -------------------------------------------------------------------------


def _texts(document: Any) -> list[str]:
    """The body's paragraphs, and the header's (the place-and-date line is in its table)."""
    header = [p.text for cell in document.tables[0]._cells for p in cell.paragraphs]
    return header + [p.text for p in document.paragraphs]


def test_the_word_report_in_the_administrative_layout(cli: Cli, tmp_path: Path) -> None:
    head = tmp_path / "letterhead.yaml"
    head.write_text(
        "issuer: [UBND TỈNH BẮC GIANG, VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI]\n"
        "number: 123/BC-VPĐP\nplace: Bắc Giang\nsigner_title: [KT. CHÁNH VĂN PHÒNG]\n"
        "signer: Nguyễn Văn A\nrecipients: [UBND tỉnh, UBND huyện Tân Yên]\n",
        encoding="utf-8",
    )
    out = tmp_path / "tan-yen.docx"
    result = cli("report", "tan-yen", "--format", "docx", "-o", str(out), "--as-of", "05/4/2024",
                 "--letterhead", str(head))  # fmt: skip
    assert result.code == 1, result.err  # 29/38: not met, as the markdown report's exit
    document = docx.Document(str(out))
    header = document.tables[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert "Độc lập - Tự do - Hạnh phúc" in header.cell(0, 1).text
    assert "UBND TỈNH BẮC GIANG" in header.cell(0, 0).text
    assert "Số: 123/BC-VPĐP" in header.cell(1, 0).text  # the number, on the date's line
    texts = _texts(document)
    assert "Bắc Giang, ngày 05 tháng 4 năm 2024" in texts
    assert any(t.startswith("BÁO CÁO") for t in texts)
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 13
    assert document.core_properties.author == "ntm-check"
    assert document.core_properties.created.date() == dt.date(2024, 4, 5)
    gaps = document.tables[2]
    assert [r.cells[0].text for r in gaps.rows[1:]] == [
        "2.3",
        "5.4",
        "7.1",
        "7.3",
        "7.4",
        "8.1",
        "8.2",
        "8.9",
        "9.3",
    ]
    closing = document.tables[-1]
    assert (
        "Nơi nhận:" in closing.cell(0, 0).text and "UBND huyện Tân Yên" in closing.cell(0, 0).text
    )
    assert "Nguyễn Văn A" in closing.cell(0, 1).text
    blank = tmp_path / "blank.docx"
    assert cli("report", "tan-yen", "-f", "docx", "-o", str(blank)).code == 1
    plain = docx.Document(str(blank))
    assert "Số: ……………" in plain.tables[0].cell(1, 0).text  # a visible blank to fill in


@pytest.mark.parametrize(
    ("as_of", "registry", "place"),
    [
        ("01/12/2024", True, "Bắc Giang"),  # the unit's province, while it exists
        ("26/11/2026", True, "Bắc Ninh"),  # Bắc Giang was merged into Bắc Ninh on 1/7/2025
        ("26/11/2026", False, "……………"),  # unknown without the registry: a blank to fill in
    ],
)
def test_the_word_report_is_issued_from_a_place_that_exists_on_its_date(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_of: str, registry: bool,
    place: str,
) -> None:  # fmt: skip
    import ntm_check.load.registry as module

    if not registry:

        def missing() -> module.Registry:
            raise module.RegistryUnavailable("not installed")

        monkeypatch.setattr(module, "open_registry", missing)
    out = tmp_path / "tan-yen.docx"
    assert cli("report", "tan-yen", "-f", "docx", "-o", str(out), "--as-of", as_of).code == 1
    day, month, year = (int(part) for part in as_of.split("/"))
    texts = _texts(docx.Document(str(out)))
    from ntm_check.reports.docx import decree_date

    assert decree_date(dt.date(year, month, day), place) in texts
    head = tmp_path / "letterhead.yaml"  # the office's own place comes first, always
    head.write_text("place: Bắc Ninh\n", encoding="utf-8")
    assert cli("report", "tan-yen", "-f", "docx", "-o", str(out), "--as-of", "01/12/2024",
               "--letterhead", str(head), "--force").code == 1  # fmt: skip
    texts = _texts(docx.Document(str(out)))
    assert "Bắc Ninh, ngày 01 tháng 12 năm 2024" in texts


def test_the_word_report_says_what_the_markdown_report_says_of_the_area_today(
    cli: Cli, tmp_path: Path
) -> None:
    # judged after 1/7/2025, both reports name the units that cover Tân Yên's area now, in the
    # same words; in English the Word report is an English document (title, date line)
    pytest.importorskip("vietnamadminunits")
    for lang, kind, dated in (("vi", "BÁO CÁO", "Bắc Ninh, ngày 26 tháng 11 năm 2026"),
                              ("en", "REPORT", "Bắc Ninh, 26 November 2026")):  # fmt: skip
        out = tmp_path / f"tan-yen.{lang}.docx"
        args = ["--as-of", "26/11/2026", "--lang", lang]
        assert cli("report", "tan-yen", "-f", "docx", "-o", str(out), *args).code == 1
        markdown = cli("report", "tan-yen", *args).out
        texts = _texts(docx.Document(str(out)))
        heading = markdown.split("\n## ", 2)[1].split("\n")[0]  # the area section's heading
        at = texts.index(heading)
        assert f"\n\n{texts[at + 1]}\n\n_{texts[at + 2]}_\n" in markdown  # text, source
        assert "07336" in texts[at + 1] or "Tân Yên" in texts[at + 1]
        assert any(t.startswith(f"{kind}\n") for t in texts) and dated in texts
        document = docx.Document(str(out))
        header, closing = document.tables[0], document.tables[-1]
        state, recipients = (("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nơi nhận:") if lang == "vi"
                             else ("SOCIALIST REPUBLIC OF VIETNAM", "Recipients:"))  # fmt: skip
        assert state in header.cell(0, 1).text and recipients in closing.cell(0, 0).text


def test_the_word_report_says_what_the_markdown_report_says_of_dates_and_drafts(
    cli: Cli, tmp_path: Path
) -> None:
    # the judging date with the assessment's age, the count of indicators not verified
    # against the official text: the same words in both formats, never a draft shown as official
    out = tmp_path / "tan-yen.docx"
    assert cli("report", "tan-yen", "-f", "docx", "-o", str(out), "--as-of", "01/12/2024").code == 1
    markdown = cli("report", "tan-yen", "--as-of", "01/12/2024").out
    texts = _texts(docx.Document(str(out)))
    judged = [t for t in texts if t.startswith("Hạn được xét tại ngày: 01/12/2024")]
    warned = [t for t in texts if t.startswith("⚠ 38/38 chỉ tiêu chưa được đối chiếu")]
    assert len(judged) == 1 and f"- {judged[0]}\n" in markdown
    assert len(warned) == 1 and f"> {warned[0]}\n" in markdown
    # and the note the evidence gives of the unit (Tân Yên's: the district tier is gone)
    noted = [t for t in texts if t.startswith("Ghi chú: Từ 01/7/2025 không còn cấp huyện")]
    assert len(noted) == 1 and f"- {noted[0]}\n" in markdown


def test_docx_needs_an_output_file(cli: Cli) -> None:
    result = cli("report", "tan-yen", "-f", "docx", "--lang", "en")
    assert result.code == 2 and "--format docx needs -o FILE.docx" in result.err


def test_export_to_standard_output_is_refused_in_its_own_terms(cli: Cli) -> None:
    """export has one format and no --format: its refusal names what it writes, not an option
    the command does not have."""
    said = {
        "en": "export writes an Excel workbook: give -o a .xlsx file name",
        "vi": "export ghi bảng tính Excel: chọn tên tệp .xlsx với -o",
    }
    for lang, words in said.items():
        result = cli("export", "tan-yen", "-o", "-", "--lang", lang)
        assert result.code == 2 and words in result.err, result.err
        assert "--format" not in result.err and result.out == ""


# -- LibreOffice, and what the core does not import ------------------------------------------


@pytest.mark.skipif(
    not (has_component("writer") and has_component("calc")),
    reason="LibreOffice Writer and Calc are not both installed",
)
def test_libreoffice_renders_both_files(cli: Cli, tmp_path: Path) -> None:
    export(cli, "tan-yen", tmp_path / "book.xlsx")
    assert cli("report", "tan-yen", "-f", "docx", "-o", str(tmp_path / "report.docx")).code == 1
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(tmp_path / "book.xlsx"),
         str(tmp_path / "report.docx")],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for name in ("book.pdf", "report.pdf"):
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 5000, name


def test_the_main_job_imports_no_office_library() -> None:
    code = (
        "import sys; from ntm_check.cli import main\n"
        "sys.argv = ['ntm-check', 'tan-yen', '--as-of', '2024-04-05']\n"
        "try: main()\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in ('openpyxl', 'docx', 'jinja2') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=False)  # fmt: skip
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stderr


def test_level_choices_nfc_text_and_the_missing_extra(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import unicodedata

    path = tmp_path / "mixed.xlsx"
    book = export(cli, "tests/fixtures/districts/mixed.yaml", path, "--criteria",
                  str(FIXTURES / "criteria"))  # fmt: skip
    ws = book[TABLE]
    level_row = rows_of(ws)["1.3"]
    lists = {str(v.formula1): str(v.sqref) for v in ws.data_validations.dataValidation}
    scale = next(f for f in lists if "loại" in f)
    assert f"F{level_row}" in lists[scale]  # the set's classes offered in the value cell
    nfd = unicodedata.normalize("NFD", "Ghi chú có dấu")
    ws.cell(row=rows_of(ws)["1.1"], column=17).value = nfd
    book.save(path)
    (tmp_path / "districts").mkdir()
    back = tmp_path / "districts" / "mixed.yaml"
    done = cli("import", str(path), "-o", str(back), "--criteria", str(FIXTURES / "criteria"))
    assert done.code == 0, done.err
    text = back.read_text(encoding="utf-8")
    assert "Ghi chú có dấu" in text and nfd not in text  # NFC both ways
    import ntm_check.reports

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    monkeypatch.delitem(sys.modules, "ntm_check.reports.xlsx", raising=False)
    monkeypatch.delattr(ntm_check.reports, "xlsx", raising=False)
    missing = cli("export", "tan-yen", "-o", str(tmp_path / "x.xlsx"), "--lang", "en")
    assert missing.code == 2 and "pip install '.[office]'" in missing.err


def test_export_never_replaces_a_workbook_without_force_and_letterheads_are_strict(
    cli: Cli, tmp_path: Path
) -> None:
    book = _book(cli, tmp_path)
    again = cli("export", "tan-yen", "-o", str(book), "--lang", "en")
    assert again.code == 2 and "add --force" in again.err
    assert cli("export", "tan-yen", "-o", str(book), "--force").code == 0
    folder = cli("export", "tan-yen", "-o", str(tmp_path), "--lang", "en")
    assert folder.code == 2 and "is a directory" in folder.err and "--force" not in folder.err
    head = tmp_path / "head.yaml"
    head.write_text("number: 010\nrecipients: 2024\n", encoding="utf-8")
    out = tmp_path / "r.docx"
    result = cli("report", "tan-yen", "-f", "docx", "-o", str(out), "--letterhead", str(head),
                 "--lang", "en")  # fmt: skip
    # a strict model, every problem at its line and column, as in every other input
    assert result.code == 2, result.err
    assert f"{head}:1:9: [error] expected text, got 010" in result.err
    assert f"{head}:2:13: [error]" in result.err  # one line may be text, not a number
    head.write_text("numbr: '45/BC'\n", encoding="utf-8")
    typo = cli("report", "tan-yen", "-f", "docx", "-o", str(out), "--letterhead", str(head),
               "--lang", "en")  # fmt: skip
    assert typo.code == 2 and f"{head}:1:1: [error]" in typo.err and "number" in typo.err
    assert not out.exists()
    missing = cli("report", "tan-yen", "-f", "docx", "-o", str(out), "--letterhead",
                  str(tmp_path / "none.yaml"), "--lang", "en")  # fmt: skip
    assert missing.code == 2 and "(file-not-found)" in missing.err
    assert "expected a mapping" not in missing.err


def test_a_per_commune_share_exports_the_counts_it_is_judged_by(cli: Cli, tmp_path: Path) -> None:
    case = ROOT / "tests" / "cases" / "registry" / "commune-missing.yaml"
    pytest.importorskip("vietnamadminunits")
    book = tmp_path / "c.xlsx"
    result = cli("export", str(case), "-o", str(book), "--criteria", str(FIXTURES / "criteria"),
                 "--as-of", AS_OF)  # fmt: skip
    assert result.code in (0, 1), result.err
    ws = openpyxl.load_workbook(book)[TABLE]
    row = rows_of(ws)["2.2"]
    assert (ws.cell(row=row, column=6).value, ws.cell(row=row, column=7).value) == (16, 19)


def test_an_unreadable_workbook_is_said_in_vietnamese_without_the_systems_words(
    cli: Cli, tmp_path: Path
) -> None:
    # the system's and zipfile's English ("[Errno 21] Is a directory", "File is not a zip
    # file") stayed inside the Vietnamese message
    (tmp_path / "dir.xlsx").mkdir()
    (tmp_path / "text.xlsx").write_text("hello", encoding="utf-8")
    for name, said in (("dir.xlsx", "là thư mục, không phải tệp"),
                       ("text.xlsx", "không đọc được dạng nén của nó")):  # fmt: skip
        result = cli("import", str(tmp_path / name), "-o", str(tmp_path / "x.yaml"),
                     "--lang", "vi")  # fmt: skip
        assert result.code == 2 and said in result.err
        assert "Errno" not in result.err and "zip file" not in result.err
