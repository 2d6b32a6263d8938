"""A criteria set in a workbook, both ways: ``criteria export`` → ``criteria import`` gives back a
set that judges every unit as the original does; every problem of a hand-typed workbook is said
at its cell, with exit 2; the blank ``criteria template`` says what is empty, and filled in by
hand becomes a valid set."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from ntm_check.model.criteria import CriteriaSet
from ntm_check.run.sets import SetStore
from ntm_check.set_workbook_layout import COLUMNS
from tests.conftest import FIXTURES, ROOT, Cli
from tests.office_render import has_component, to_pdf

TESTS = ROOT / "tests"


def _set_files() -> list[Path]:
    """Every valid set file shipped or under tests/ (the broken cases load as nothing)."""
    found = []
    for path in sorted([*(ROOT / "criteria").glob("*.yaml"), *TESTS.rglob("*.yaml")]):
        text = path.read_bytes().decode("utf-8", "replace")
        if "\ncriteria:" not in text and "\nextends:" not in text:
            continue
        if _load(path) is not None:
            found.append(path)
    return found


def _load(path: Path, folder: Path | None = None) -> CriteriaSet | None:
    store = SetStore(folder or path.parent)
    text = path.read_text(encoding="utf-8")
    import hashlib

    cset, problems = store.add_file(str(path), text, hashlib.sha256(text.encode()).hexdigest())
    return None if any(p.level.value == "error" for p in problems) else cset


def _units(set_id: str) -> list[Path]:
    """Every shipped and test unit judged on ``set_id``."""
    files = [*(ROOT / "districts").glob("*.yaml")]
    files += [f for folder in ("districts", "communes") for f in TESTS.rglob(f"{folder}/*.yaml")]
    named = f"criteria_set: {set_id}\n"
    return [f for f in files if named in f.read_bytes().decode("utf-8", "replace")]


def _verdicts(cli: Cli, unit: Path, criteria: Path) -> list[tuple[Any, ...]]:
    done = cli("check", str(unit), "--criteria", str(criteria), "--format", "json",
               "--as-of", "2026-07-01")  # fmt: skip
    data = json.loads(done.out) if done.out.strip() else {}
    keys = ("id", "status", "required", "gap", "department", "verification", "origin")
    found = [tuple(json.dumps(i.get(k), sort_keys=True) for k in keys) for i in
             data.get("indicators") or []]  # fmt: skip
    return [(done.code,), *found]


SETS = _set_files()


def test_the_round_trip_covers_the_shipped_set_and_every_test_set() -> None:
    names = {p.stem for p in SETS}
    assert {"huyen-ntm-nang-cao-2021-2025", "mini-set", "thu-mini-set", "nhom-thu"} <= names
    assert len(SETS) == 8  # a new test set is picked up here: keep this count honest


@pytest.mark.parametrize("path", SETS, ids=[str(p.relative_to(ROOT)) for p in SETS])
def test_export_then_import_gives_the_same_set_and_the_same_verdicts(
    path: Path, cli: Cli, tmp_path: Path
) -> None:
    original = _load(path)
    assert original is not None
    book = tmp_path / "set.xlsx"
    exported = cli("criteria", "export", str(path), "-o", str(book), "--criteria", str(path.parent))
    assert exported.code == 0, exported.err
    folder = tmp_path / "criteria"
    shutil.copytree(path.parent, folder)
    target = folder / path.name
    target.unlink()
    imported = cli("criteria", "import", str(book), "-o", str(target), "--criteria", str(folder))
    assert imported.code == 0, imported.err
    again = _load(target, folder)
    assert again is not None
    assert again.model_dump() == original.model_dump()
    assert again.extends == original.extends
    if original.extends is not None:  # an overlay stays an overlay: only what it changes
        assert "\ncriteria:" not in target.read_text(encoding="utf-8")
    units = _units(original.id)
    assert units
    for unit in units:
        assert _verdicts(cli, unit, folder) == _verdicts(cli, unit, path.parent), unit


# -- what the workbook holds ----------------------------------------------------------------


def _col(key: str) -> str:
    return get_column_letter(list(COLUMNS).index(key) + 1)


@pytest.fixture
def mini_book(cli: Cli, tmp_path: Path) -> Path:
    book = tmp_path / "set.xlsx"
    done = cli("criteria", "export", str(FIXTURES / "criteria" / "mini-set.yaml"), "-o", str(book))
    assert done.code == 0, done.err
    return book


def test_the_workbook_says_each_rule_in_an_officials_words(mini_book: Path) -> None:
    wb = openpyxl.load_workbook(mini_book)
    assert wb.sheetnames[:2] == ["Chỉ tiêu", "Bộ tiêu chí"]
    ws = wb["Chỉ tiêu"]
    rows = {ws[f"{_col('id')}{r}"].value: r for r in range(5, ws.max_row + 1)}
    rows.pop(None)  # the rows below, kept as text for ids typed later
    assert list(rows) == ["1.1", "1.2", "1.3", "1.10", "2.1", "2.2", "2.3"]

    def cell(ind: str, key: str) -> object:
        return ws[f"{_col(key)}{rows[ind]}"].value

    assert cell("1.1", "kind") == "Đạt/Không đạt theo thẩm định"
    assert (cell("1.2", "kind"), cell("1.2", "value"), cell("1.2", "unit")) == (
        "Giá trị ≥ …",
        90,
        "%",
    )
    assert cell("1.10", "kind") == "Giá trị ≤ …"
    assert (cell("2.1", "kind"), cell("2.1", "value"), cell("2.1", "of")) == (
        "Số lượng ≥ …",
        1,
        "mô hình",
    )
    assert (cell("2.2", "kind"), cell("2.2", "of_en")) == (
        "Tỷ lệ ≥ …%",
        "communes meeting the standard",
    )
    assert cell("1.3", "kind") == "Mức … trở lên"
    assert cell("1.3", "levels") == "loại 1; loại 2; loại 3; loại 4; loại 5; loại 6"
    assert cell("1.2", "department") == "Sở A"
    assert cell("1.3", "verification") == "dự thảo"
    assert cell("1.1", "verification") == "đã đối chiếu văn bản"
    assert cell("1.2", "origin") == "mini-set (1/QĐ-TEST)"
    headings = [c.value for c in ws[4]]
    assert headings[-2:] == ["Vùng: Vùng A", "Vùng: Vùng B"]
    assert ws.cell(row=rows["1.2"], column=len(headings)).value == 80
    assert [c.value for c in wb["Giá trị theo tỉnh"][2]] == ["1.2", "01", 85]
    assert wb["Bộ tiêu chí"]["B2"].value == "mini-set"
    assert ws.freeze_panes == "E5"  # criterion, its name, the id and the name stay in view
    # on paper: the columns an official reads, the rule in words and its origin last; the
    # English and technical columns are for typing in
    assert ws.print_area == f"'{ws.title}'!$A$1:${_col('origin')}${max(rows.values())}"
    assert ws.page_setup.fitToWidth == 2
    assert ws.page_setup.orientation == "landscape"


def test_every_choice_has_its_list(mini_book: Path) -> None:
    wb = openpyxl.load_workbook(mini_book)
    lists = {str(v.sqref).split(":")[0][:1]: v.formula1 for v in
             wb["Chỉ tiêu"].data_validations.dataValidation}  # fmt: skip
    assert "Giá trị ≥ …" in lists[_col("kind")] and "Mức … trở lên" in lists[_col("kind")]
    assert "dự thảo" in lists[_col("verification")]
    assert lists[_col("department")] == "'Cơ quan'!$B$2:$B$300"
    unit = wb["Bộ tiêu chí"].data_validations.dataValidation
    assert [v.formula1 for v in unit] == ['"huyện,xã"']
    assert wb["Chỉ tiêu bỏ"].data_validations.dataValidation


def test_a_text_that_looks_like_a_formula_is_written_as_text(cli: Cli, tmp_path: Path) -> None:
    book = tmp_path / "s.xlsx"
    path = FIXTURES / "set-workbook" / "criteria" / "nhom-thu.yaml"
    assert cli("criteria", "export", str(path), "-o", str(book)).code == 0
    cell = openpyxl.load_workbook(book)["Chỉ tiêu"][f"{_col('name')}5"]
    assert (cell.value, cell.data_type) == ("=cmd|' /C calc'!A0", "s")


@pytest.mark.skipif(not has_component("calc"), reason="LibreOffice Calc is not installed")
def test_libreoffice_opens_and_prints_the_workbook(mini_book: Path, tmp_path: Path) -> None:
    pdf = to_pdf(mini_book, tmp_path)
    assert pdf.stat().st_size > 1000


def test_an_existing_set_file_is_not_replaced_without_force(mini_book: Path, cli: Cli,
                                                           tmp_path: Path) -> None:  # fmt: skip
    target = tmp_path / "mini-set.yaml"
    target.write_text("# mine\n", encoding="utf-8")
    done = cli("criteria", "import", str(mini_book), "-o", str(target))
    assert done.code == 2 and "--force" in done.err
    assert target.read_text(encoding="utf-8") == "# mine\n"
    assert cli("criteria", "import", str(mini_book), "-o", str(target), "--force").code == 0


# -- a broken workbook: each problem at its cell ----------------------------------------------

Breaker = Callable[[Any], str]


def _cell(sheet: str, where: str, value: object) -> Breaker:
    def broken(wb: Any) -> str:
        wb[sheet][where] = value
        return f"{sheet}!{where}"

    return broken


def _extra_column(heading: str, value: object) -> Breaker:
    def broken(wb: Any) -> str:
        ws = wb["Chỉ tiêu"]
        col = get_column_letter(ws.max_column + 1)
        ws[f"{col}4"] = heading
        ws[f"{col}6"] = value
        return f"Chỉ tiêu!{col}4"

    return broken


def _formula(wb: Any) -> str:
    wb["Chỉ tiêu"][f"{_col('name')}5"] = "=cmd|' /C calc'!A0"  # a live formula, never run
    return f"Chỉ tiêu!{_col('name')}5"


def _bounds(wb: Any) -> str:
    wb["Chỉ tiêu"][f"{_col('maximum')}6"] = 50  # 90 % cannot be reached: said at the rule
    return f"Chỉ tiêu!{_col('kind')}6"


def _cells(sheet: str, where: str, values: dict[str, object]) -> Breaker:
    """Several cells changed; the problem expected at ``where``."""

    def broken(wb: Any) -> str:
        for cell, value in values.items():
            wb[sheet if "!" not in cell else cell.split("!")[0]][cell.split("!")[-1]] = value
        return f"{sheet}!{where}"

    return broken


def _province_for_a_count(wb: Any) -> str:
    for col, value in zip("ABC", ("2.1", "01", 3), strict=True):
        wb["Giá trị theo tỉnh"][f"{col}3"] = value
    return "Giá trị theo tỉnh!C3"


# rows: 5 1.1 attested · 6 1.2 threshold · 7 1.3 level · 8 1.10 · 9 2.1 count · 10 2.2 share
BROKEN: dict[str, tuple[Breaker, str]] = {
    "unknown-rule-kind-word": (_cell("Chỉ tiêu", f"{_col('kind')}5", "Theo cảm nhận"), "xlsx-kind"),
    "threshold-not-a-number": (_cell("Chỉ tiêu", f"{_col('value')}6", "chín mươi"), "xlsx-number"),
    "percentage-over-100": (_cell("Chỉ tiêu", f"{_col('value')}10", 120), "xlsx-percent"),
    "missing-id": (_cell("Chỉ tiêu", f"{_col('id')}5", None), "xlsx-missing-id"),
    "duplicate-id": (_cell("Chỉ tiêu", f"{_col('id')}6", "1.1"), "xlsx-duplicate-indicator"),
    "id-under-wrong-criterion": (_cell("Chỉ tiêu", f"{_col('id')}9", "1.4"),
                                 "xlsx-wrong-criterion"),
    "id-as-number": (_cell("Chỉ tiêu", f"{_col('id')}8", 1.1), "xlsx-id-as-number"),
    "unknown-department-name": (_cell("Chỉ tiêu", f"{_col('department')}5", "Sở Không Có"),
                                "xlsx-department"),
    "unknown-region-column": (_extra_column("Vùng: Vùng Z", 70), "xlsx-unknown-column"),
    "unknown-group-column": (_extra_column("Nhóm: nhom-9", 70), "xlsx-unknown-column"),
    "level-not-in-levels": (_cell("Chỉ tiêu", f"{_col('value')}7", "loại 9"), "xlsx-level"),
    "bad-date": (_cell("Căn cứ pháp lý", "B2", "31/02/2022"), "xlsx-date"),
    "empty-required-cell": (_cell("Chỉ tiêu", f"{_col('name')}5", None), "xlsx-empty"),
    "empty-verification": (_cell("Chỉ tiêu", f"{_col('verification')}6", None), "xlsx-empty"),
    "unknown-verification": (_cell("Chỉ tiêu", f"{_col('verification')}6", "chắc chắn"),
                             "xlsx-verification"),
    "unknown-source": (_cell("Chỉ tiêu", f"{_col('refs')}6", "khong-co"), "xlsx-unknown-source"),
    "hostile-formula": (_formula, "xlsx-formula"),
    "province-value-on-a-count": (_province_for_a_count, "xlsx-no-province-values"),
    "set-id-not-an-id": (_cell("Bộ tiêu chí", "B2", "Bộ Mới"), "xlsx-id"),
    # a department without a name: the others are still listed (no internal error)
    "department-without-a-name": (_cells("Chỉ tiêu", f"{_col('department')}5", {
        "Cơ quan!B2": None, f"{_col('department')}5": "Sở Không Có"}), "xlsx-department"),
    # 1.10 typed as a number is 1.1: another indicator's id, never taken for it
    "province-indicator-as-number": (_cell("Giá trị theo tỉnh", "A2", 1.2), "xlsx-id-as-number"),
    # 1.5 is no province's code (not province 1)
    "province-code-a-fraction": (_cell("Giá trị theo tỉnh", "B2", 1.5), "xlsx-code"),
    # found by the set validation, said at the cell its value came from
    "count-mismatch": (_cell("Bộ tiêu chí", "B7", 99), "count-mismatch"),
    "threshold-outside-its-bounds": (_bounds, "invalid-value"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_workbook_is_refused_at_the_cell(
    case: str, mini_book: Path, cli: Cli, tmp_path: Path
) -> None:
    breaker, code = BROKEN[case]
    wb = openpyxl.load_workbook(mini_book)
    where = breaker(wb)
    wb.save(mini_book)
    target = tmp_path / "out" / "mini-set.yaml"
    target.parent.mkdir()
    done = cli("criteria", "import", str(mini_book), "-o", str(target))
    assert done.code == 2, done.err
    assert not target.exists()
    assert "Traceback" not in done.err
    located = [line for line in done.err.splitlines() if line.startswith(f"{mini_book}:{where}:")]
    assert located, done.err
    assert any("[error]" in line and f"({code}" in line for line in located), done.err


def test_a_zip_bomb_is_refused_before_it_is_read(cli: Cli, tmp_path: Path) -> None:
    book = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (60 * 1024 * 1024))
    done = cli("criteria", "import", str(book), "-o", str(tmp_path / "x.yaml"))
    assert done.code == 2
    assert f"{book}: [error]" in done.err and "(xlsx-too-large)" in done.err


def test_every_problem_is_said_at_once(mini_book: Path, cli: Cli, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(mini_book)
    for breaker, _ in (BROKEN["threshold-not-a-number"], BROKEN["unknown-department-name"],
                       BROKEN["bad-date"]):  # fmt: skip
        breaker(wb)
    wb.save(mini_book)
    done = cli("criteria", "import", str(mini_book), "-o", str(tmp_path / "mini-set.yaml"))
    assert done.code == 2
    assert done.err.count("[error]") == 3, done.err


def test_a_refused_cell_is_said_once_and_never_as_empty(
    mini_book: Path, cli: Cli, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(mini_book)
    ws = wb["Chỉ tiêu"]
    refused = {f"{_col('value')}6": "=1/0", f"{_col('value')}10": "#DIV/0!",
               f"{_col('name')}5": '=HYPERLINK("http://x", "y")'}  # fmt: skip
    for where, value in refused.items():
        ws[where] = value
    wb.save(mini_book)
    done = cli("criteria", "import", str(mini_book), "-o", str(tmp_path / "mini-set.yaml"))
    assert done.code == 2
    for where in refused:
        said = [line for line in done.err.splitlines()
                if line.startswith(f"{mini_book}:Chỉ tiêu!{where}:")]  # fmt: skip
        assert len(said) == 1 and "(xlsx-formula)" in said[0], done.err


def test_a_field_is_named_as_the_workbook_heads_it(cli: Cli, tmp_path: Path) -> None:
    book = tmp_path / "set.xlsx"
    cli("criteria", "export", str(FIXTURES / "criteria" / "mini-set.yaml"), "-o", str(book),
        "--lang", "en")  # fmt: skip
    wb = openpyxl.load_workbook(book)
    wb["Criteria set"]["B2"] = None
    wb["Indicators"][f"{_col('value')}6"] = None
    wb.save(book)
    done = cli("criteria", "import", str(book), "-o", str(tmp_path / "mini-set.yaml"))
    assert done.code == 2
    assert f"{book}:Criteria set!B2: [error] ô trống: cần ghi 'Set id'" in done.err, done.err
    assert f"{book}:Indicators!{_col('value')}6: [error] ô trống: cần ghi 'Threshold'" in done.err


def test_a_vietnamese_heading_is_named_as_written_in_english_messages(
    mini_book: Path, cli: Cli, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(mini_book)
    wb["Chỉ tiêu"][f"{_col('value')}6"] = None
    wb.save(mini_book)
    done = cli("criteria", "import", str(mini_book), "-o", str(tmp_path / "mini-set.yaml"),
               "--lang", "en")  # fmt: skip
    assert done.code == 2
    assert "the cell is empty: 'Ngưỡng' is required (xlsx-empty)" in done.err, done.err


@pytest.fixture
def groups_book(cli: Cli, tmp_path: Path) -> Path:
    book = tmp_path / "nhom.xlsx"
    done = cli("criteria", "export", str(TESTS / "fixtures" / "set-workbook" / "criteria" /
               "nhom-thu.yaml"), "-o", str(book))  # fmt: skip
    assert done.code == 0, done.err
    return book


def test_an_unknown_group_column_is_echoed_as_written_with_the_names_there_are(
    groups_book: Path, cli: Cli, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(groups_book)
    ws = wb["Chỉ tiêu"]
    ws.cell(row=4, column=ws.max_column + 1, value="Nhóm: Nhóm 9")
    wb.save(groups_book)
    done = cli("criteria", "import", str(groups_book), "-o", str(tmp_path / "nhom-thu.yaml"))
    assert done.code == 2
    assert ("cột 'Nhóm: Nhóm 9': không có nhóm 'Nhóm 9' ở trang 'Nhóm' (các cột có thể: "
            "Nhóm: Nhóm 1; Nhóm: Nhóm 2) (xlsx-unknown-column)") in done.err, done.err  # fmt: skip


def test_two_groups_with_one_name_are_refused_at_the_name(
    groups_book: Path, cli: Cli, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(groups_book)
    wb["Nhóm"]["B3"] = "nhóm 1"  # 'Nhóm: Nhóm 1' would be the column of both
    wb.save(groups_book)
    done = cli("criteria", "import", str(groups_book), "-o", str(tmp_path / "nhom-thu.yaml"))
    assert done.code == 2
    said = f"{groups_book}:Nhóm!B3: [error] 'nhóm 1' đã có ở ô B2"
    assert said in done.err and "(xlsx-duplicate-name)" in done.err, done.err


def test_an_english_text_left_empty_is_said_never_silent(
    mini_book: Path, cli: Cli, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(mini_book)
    ws = wb["Chỉ tiêu"]
    assert ws[f"{_col('of')}10"].value and ws[f"{_col('of_en')}10"].value  # 2.2, a share
    ws[f"{_col('of_en')}10"] = None
    wb.save(mini_book)
    target = tmp_path / "out" / "mini-set.yaml"
    target.parent.mkdir()
    done = cli("criteria", "import", str(mini_book), "-o", str(target))
    assert done.code == 0, done.err
    said = f"{mini_book}:Chỉ tiêu!{_col('of_en')}10: [warning] chưa có tiếng Anh"
    assert said in done.err and "(xlsx-no-english)" in done.err, done.err


def test_a_name_with_a_line_break_cannot_add_a_line_to_the_messages(
    mini_book: Path, cli: Cli, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(mini_book)
    forged = f"{mini_book}:Chỉ tiêu!A1: [error] forged (xlsx-forged)"
    wb["Cơ quan"]["B2"] = f"Sở A\n{forged}"
    wb["Chỉ tiêu"][f"{_col('department')}5"] = "Sở Không Có"
    wb.save(mini_book)
    done = cli("criteria", "import", str(mini_book), "-o", str(tmp_path / "mini-set.yaml"))
    assert done.code == 2
    assert "(xlsx-department)" in done.err
    assert not [line for line in done.err.splitlines() if line.startswith(forged)], done.err


def test_a_workbook_named_with_a_line_break_cannot_add_a_line_to_the_set_file(
    mini_book: Path, cli: Cli, tmp_path: Path
) -> None:
    book = tmp_path / "bo\nid: khac.xlsx"
    shutil.copy(mini_book, book)
    target = tmp_path / "out" / "mini-set.yaml"
    target.parent.mkdir()
    done = cli("criteria", "import", str(book), "-o", str(target))
    assert done.code == 0, done.err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Imported by ntm-check from bo id: khac.xlsx;"), text[:200]
    assert text.splitlines()[1] == "id: mini-set"


def test_an_empty_cell_of_a_list_is_said_once_by_its_columns_heading(
    mini_book: Path, cli: Cli, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(mini_book)
    wb["Cơ quan"].append([None, "Sở Mới"])
    row = wb["Cơ quan"].max_row
    wb.save(mini_book)
    done = cli("criteria", "import", str(mini_book), "-o", str(tmp_path / "mini-set.yaml"))
    assert done.code == 2
    said = [line for line in done.err.splitlines()
            if line.startswith(f"{mini_book}:Cơ quan!") and "[error]" in line]  # fmt: skip
    assert said == [f"{mini_book}:Cơ quan!A{row}: [error] ô trống: cần ghi 'Mã' (xlsx-empty)"]


def test_a_repeated_source_id_names_the_cell_of_the_first(
    mini_book: Path, cli: Cli, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(mini_book)
    ws = wb["Nguồn"]
    ws.insert_cols(1)  # the ids now in column B
    ws.append([None, "test", "Nguồn lặp lại"])
    wb.save(mini_book)
    done = cli("criteria", "import", str(mini_book), "-o", str(tmp_path / "mini-set.yaml"))
    assert done.code == 2
    assert f"{mini_book}:Nguồn!B{ws.max_row}: [error] mã 'test' đã có ở ô B2" in done.err, done.err


# -- a new set from the blank template ---------------------------------------------------------


def test_the_blank_template_says_what_is_empty(cli: Cli, tmp_path: Path) -> None:
    book = tmp_path / "new.xlsx"
    assert cli("criteria", "template", "-o", str(book)).code == 0
    done = cli("criteria", "import", str(book), "-o", str(tmp_path / "new.yaml"))
    assert done.code == 2
    for where in ("Bộ tiêu chí!B2", "Bộ tiêu chí!B3", "Bộ tiêu chí!B5", "Bộ tiêu chí!B6",
                  "Căn cứ pháp lý!A2", "Cơ quan!A2", "Nguồn!A2", "Chỉ tiêu!A5"):  # fmt: skip
        assert f"{book}:{where}: [error]" in done.err, (where, done.err)
    assert "(xlsx-empty)" in done.err


def test_a_filled_template_becomes_a_valid_set(cli: Cli, tmp_path: Path) -> None:
    book = tmp_path / "new.xlsx"
    assert cli("criteria", "template", "-o", str(book)).code == 0
    wb = openpyxl.load_workbook(book)
    for row, value in zip(range(2, 8), ("xa-thu-moi", "Bộ thử", None, "xã", "2026–2030", 2),
                          strict=True):  # fmt: skip
        wb["Bộ tiêu chí"][f"B{row}"] = value
    wb["Căn cứ pháp lý"].append(["3/QĐ-TEST", "05/4/2026", "Cơ quan thử", "Quyết định thử"])
    wb["Nguồn"].append(["qd-3", "Quyết định 3/QĐ-TEST"])
    wb["Cơ quan"].append(["so-thu", "Sở Thử", "Test department"])
    wb["Nhóm"].append(["nhom-1", "Nhóm một"])
    wb["Nhóm"].append(["nhom-2", "Nhóm hai"])
    ws = wb["Chỉ tiêu"]
    first_extra = len(COLUMNS) + 1
    ws.cell(row=4, column=first_extra, value="Nhóm: Nhóm một")
    ws.cell(row=4, column=first_extra + 1, value="Group: nhom-2")
    typed: dict[int, dict[str, str | int]] = {
        5: {"criterion": 1, "criterion_name": "Tiêu chí thử", "id": "1.1", "name": "Quy hoạch",
            "requirement": "Đạt", "kind": "đạt/không đạt theo thẩm định",
            "department": "sở thử", "refs": "qd-3", "verification": "dự thảo"},
        6: {"criterion": 1, "id": "1.2", "name": "Tỷ lệ", "requirement": "≥ 84,5%",
            "kind": "Giá trị >= ...", "value": "84,5", "unit": "%", "department": "Test department",
            "refs": "Quyết định 3/QĐ-TEST", "verification": "theo thông báo"},
    }  # fmt: skip
    for row, cells in typed.items():
        for key, written in cells.items():
            ws[f"{_col(key)}{row}"] = written
    ws.cell(row=6, column=first_extra, value="80,5")
    ws.cell(row=6, column=first_extra + 1, value=82)
    wb.save(book)
    target = tmp_path / "criteria" / "xa-thu-moi.yaml"
    target.parent.mkdir()
    done = cli("criteria", "import", str(book), "-o", str(target))
    assert done.code == 0, done.err
    cset = _load(target)
    assert cset is not None
    assert (cset.unit, cset.indicator_count, list(cset.groups)) == (
        "commune",
        2,
        ["nhom-1", "nhom-2"],
    )
    rule: Any = cset.by_id["1.2"].rule
    assert (rule.kind, rule.at_least, rule.by_group) == (
        "threshold",
        84.5,
        {"nhom-1": 80.5, "nhom-2": 82},
    )
    assert (
        cset.legal_basis[0].date is not None
        and cset.legal_basis[0].date.isoformat() == "2026-04-05"
    )
    assert cset.by_id["1.2"].source.verification == "notice"
    assert cset.by_id["1.1"].department == "so-thu"


def test_a_template_with_groups_has_their_columns(cli: Cli, tmp_path: Path) -> None:
    book = tmp_path / "xa-thu.xlsx"
    done = cli("criteria", "template", "--groups", "3", "--unit", "xa", "-o", str(book))
    assert done.code == 0, done.err
    wb = openpyxl.load_workbook(book)
    assert list(wb["Nhóm"].values)[1:4] == [("nhom-1", "Nhóm 1", "Group 1"),
                                           ("nhom-2", "Nhóm 2", "Group 2"),
                                           ("nhom-3", "Nhóm 3", "Group 3")]  # fmt: skip
    assert wb["Bộ tiêu chí"]["B5"].value == "xã"
    ws = wb["Chỉ tiêu"]
    first = len(COLUMNS) + 1
    heads = [ws.cell(row=4, column=first + i).value for i in range(4)]
    assert heads == ["Nhóm: Nhóm 1", "Nhóm: Nhóm 2", "Nhóm: Nhóm 3", None]
    filled: tuple[tuple[int, str | int], ...] = (
        (2, "xa-thu"), (3, "Bộ thử"), (6, "2026–2030"), (7, 1))  # fmt: skip
    for row, value in filled:
        wb["Bộ tiêu chí"][f"B{row}"] = value  # the kind of unit (B5) left as the template has it
    wb["Căn cứ pháp lý"].append(["3/QĐ-TEST", "05/4/2026", "Cơ quan thử", "Quyết định thử"])
    wb["Nguồn"].append(["qd-3", "Quyết định 3/QĐ-TEST"])
    wb["Cơ quan"].append(["so-thu", "Sở Thử", "Test department"])
    cells: dict[str, str | int] = {
        "criterion": 1, "criterion_name": "Tiêu chí thử", "id": "1.1", "name": "Tỷ lệ",
        "requirement": "≥ 80%", "kind": "Giá trị >= ...", "value": 80, "unit": "%",
        "department": "Sở Thử", "refs": "qd-3", "verification": "dự thảo"}  # fmt: skip
    for key, written in cells.items():
        ws[f"{_col(key)}5"] = written
    for i, value in enumerate((70, 75, 80)):
        ws.cell(row=5, column=first + i, value=value)
    wb.save(book)
    target = tmp_path / "criteria" / "xa-thu.yaml"
    target.parent.mkdir()
    done = cli("criteria", "import", str(book), "-o", str(target))
    assert done.code == 0, done.err
    cset = _load(target)
    assert cset is not None and cset.unit == "commune"
    rule: Any = cset.by_id["1.1"].rule
    assert rule.by_group == {"nhom-1": 70, "nhom-2": 75, "nhom-3": 80}


def test_a_template_for_an_unknown_kind_of_unit_is_refused(cli: Cli, tmp_path: Path) -> None:
    done = cli("criteria", "template", "--unit", "tinh", "-o", str(tmp_path / "x.xlsx"))
    assert done.code == 2 and "--unit 'tinh'" in done.err, done.err
    assert not (tmp_path / "x.xlsx").exists()


# -- a province's overlay ----------------------------------------------------------------------


@pytest.fixture
def overlay_book(cli: Cli, tmp_path: Path) -> Path:
    book = tmp_path / "thu.xlsx"
    folder = FIXTURES / "overlay" / "criteria"
    done = cli("criteria", "export", "thu-mini-set", "-o", str(book), "--criteria", str(folder))
    assert done.code == 0, done.err
    return book


def test_an_overlays_rows_say_whose_they_are(overlay_book: Path) -> None:
    ws = openpyxl.load_workbook(overlay_book)["Chỉ tiêu"]
    origin = {ws[f"{_col('id')}{r}"].value: ws[f"{_col('origin')}{r}"].value for r in range(5, 11)}
    assert origin["1.2"] == "thu-mini-set (9/2024/QĐ-UBND)"
    assert origin["1.1"] == "mini-set (1/QĐ-TEST)"
    assert "2.3" not in origin
    removals = openpyxl.load_workbook(overlay_book)["Chỉ tiêu bỏ"]
    assert removals["A2"].value == "2.3"


def test_an_overlay_workbook_writes_only_what_differs(overlay_book: Path, cli: Cli,
                                                     tmp_path: Path) -> None:  # fmt: skip
    wb = openpyxl.load_workbook(overlay_book)
    ws = wb["Chỉ tiêu"]
    row = next(r for r in range(5, 11) if ws[f"{_col('id')}{r}"].value == "2.1")
    ws[f"{_col('value')}{row}"] = 2  # the province asks for two models
    wb.save(overlay_book)
    target = tmp_path / "thu-mini-set.yaml"
    folder = FIXTURES / "overlay" / "criteria"
    done = cli(
        "criteria", "import", str(overlay_book), "-o", str(target), "--criteria", str(folder)
    )
    assert done.code == 0, done.err
    import yaml

    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert [i["id"] for i in data["indicators"]] == ["1.2", "2.1"]
    assert data["indicators"][1]["rule"]["at_least"] == 2
    assert [d["number"] for d in data["legal_basis"]] == ["9/2024/QĐ-UBND"]
    assert [r["id"] for r in data["remove"]] == ["2.3"]


def test_an_overlay_cannot_remove_an_id_typed_as_a_number(overlay_book: Path, cli: Cli,
                                                          tmp_path: Path) -> None:  # fmt: skip
    wb = openpyxl.load_workbook(overlay_book)
    wb["Chỉ tiêu bỏ"]["A2"] = 2.3  # 2.30 would be read as 2.3: never an id as a number
    wb.save(overlay_book)
    folder = FIXTURES / "overlay" / "criteria"
    done = cli("criteria", "import", str(overlay_book), "-o", str(tmp_path / "t.yaml"),
               "--criteria", str(folder))  # fmt: skip
    assert done.code == 2
    assert f"{overlay_book}:Chỉ tiêu bỏ!A2: [error]" in done.err
    assert "(xlsx-id-as-number)" in done.err


def test_an_overlay_cannot_drop_an_indicator_in_silence(overlay_book: Path, cli: Cli,
                                                       tmp_path: Path) -> None:  # fmt: skip
    wb = openpyxl.load_workbook(overlay_book)
    ws = wb["Chỉ tiêu"]
    row = next(r for r in range(5, 11) if ws[f"{_col('id')}{r}"].value == "2.1")
    ws.delete_rows(row)
    wb.save(overlay_book)
    folder = FIXTURES / "overlay" / "criteria"
    done = cli("criteria", "import", str(overlay_book), "-o", str(tmp_path / "t.yaml"),
               "--criteria", str(folder))  # fmt: skip
    assert done.code == 2
    assert f"{overlay_book}:Chỉ tiêu: [error]" in done.err and "2.1" in done.err
    assert "(xlsx-missing-indicator)" in done.err


def _basis_row(wb: Any, number: str) -> int:
    ws = wb["Căn cứ pháp lý"]
    return next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value == number)


def test_a_national_document_deleted_is_said_and_kept(overlay_book: Path, cli: Cli,
                                                     tmp_path: Path) -> None:  # fmt: skip
    wb = openpyxl.load_workbook(overlay_book)
    wb["Căn cứ pháp lý"].delete_rows(_basis_row(wb, "1/QĐ-TEST"))
    wb.save(overlay_book)
    target = tmp_path / "thu-mini-set.yaml"
    done = cli("criteria", "import", str(overlay_book), "-o", str(target),
               "--criteria", str(FIXTURES / "overlay" / "criteria"))  # fmt: skip
    assert done.code == 0, done.err
    said = f"{overlay_book}:Căn cứ pháp lý: [warning] văn bản của bộ 'mini-set' không có"
    assert said in done.err and "1/QĐ-TEST" in done.err, done.err
    assert "(xlsx-base-row-deleted)" in done.err
    assert "1/QĐ-TEST" not in target.read_text(encoding="utf-8")


def test_a_national_document_changed_is_refused_at_the_cell(overlay_book: Path, cli: Cli,
                                                           tmp_path: Path) -> None:  # fmt: skip
    wb = openpyxl.load_workbook(overlay_book)
    row = _basis_row(wb, "1/QĐ-TEST")
    wb["Căn cứ pháp lý"][f"A{row}"] = "2/QĐ-TEST"
    wb.save(overlay_book)
    done = cli("criteria", "import", str(overlay_book), "-o", str(tmp_path / "thu-mini-set.yaml"),
               "--criteria", str(FIXTURES / "overlay" / "criteria"))  # fmt: skip
    assert done.code == 2
    said = [line for line in done.err.splitlines() if "[error]" in line]
    assert said == [
        f"{overlay_book}:Căn cứ pháp lý!A{row}: [error] văn bản 2/QĐ-TEST là của bộ "
        f"'mini-set' (ô H{row}): tỉnh không sửa được; ghi lại như cũ, hoặc thêm văn "
        "bản của tỉnh ở một dòng mới (để trống ô 'Của bộ') (xlsx-base-row)"
    ], done.err
    assert "không có ở trang này" not in done.err  # changed, not also deleted


@pytest.mark.parametrize("command", ["export", "import", "template"])
def test_each_command_has_help_in_both_languages(command: str, cli: Cli) -> None:
    from tests.test_language import VIETNAMESE

    vi = cli("criteria", command, "--help")
    assert vi.code == 0 and VIETNAMESE.search(vi.out)
    en = cli("criteria", command, "--help", "--lang", "en")
    assert en.code == 0 and "Usage:" in en.out
    assert not VIETNAMESE.search(en.out.replace("Chỉ tiêu", "")), en.out
    listed = cli("criteria", "--help").out
    assert command in listed
