"""Where ``criteria import`` may write: a set file is found by its name, so it is written
under its id and as YAML only; the files the run read (the set an overlay extends) are never
replaced, ``--force`` or not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli

pytest.importorskip("openpyxl")

import openpyxl

BASE = "huyen-ntm-nang-cao-2021-2025"
OVERLAY = f"bac-giang-{BASE}"


@pytest.fixture
def overlay_book(tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The national set exported, then made a province's regulation as an official would."""
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    monkeypatch.chdir(tmp_path)
    assert cli("criteria", "export", BASE, "-o", "tinh.xlsx").code == 0
    wb = openpyxl.load_workbook("tinh.xlsx")
    sheet = wb["Bộ tiêu chí"]
    sheet["B2"], sheet["B8"] = OVERLAY, BASE
    basis = wb["Căn cứ pháp lý"]
    row = basis.max_row + 1
    for col, value in enumerate(
        ("45/2024/QĐ-UBND", "05/4/2024", "UBND tỉnh Bắc Giang", "Quy định"), 1
    ):
        basis.cell(row, col, value)
    wb.save("tinh.xlsx")
    return tmp_path / "tinh.xlsx"


def test_an_overlay_cannot_replace_the_set_it_extends(overlay_book: Path, cli: Cli) -> None:
    base = Path("criteria") / f"{BASE}.yaml"
    before = base.read_bytes()
    result = cli("criteria", "import", str(overlay_book), "-o", str(base), "--force")
    assert result.code == 2
    assert f"(Bộ tiêu chí!B2): {OVERLAY}.yaml" in result.err
    assert base.read_bytes() == before
    done = cli("criteria", "import", str(overlay_book), "-o", f"criteria/{OVERLAY}.yaml")
    assert done.code == 0, done.err
    assert f"extends: {BASE}" in Path(f"criteria/{OVERLAY}.yaml").read_text(encoding="utf-8")


def test_a_set_is_written_as_yaml_only(overlay_book: Path, cli: Cli) -> None:
    result = cli("criteria", "import", str(overlay_book), "-o", f"{OVERLAY}.json", "--lang", "en")
    assert result.code == 2
    assert "criteria import writes a YAML set file: the name must end in .yaml\n" in (result.err)
    assert not Path(f"{OVERLAY}.json").exists()


def test_a_text_output_under_an_office_name_is_refused_in_the_commands_words(
    tmp_path: Path, cli: Cli, in_repo: Path
) -> None:
    target = tmp_path / "bang.xlsx"
    result = cli("criteria", "show", BASE, "-o", str(target), "--lang", "en")
    assert result.code == 2
    assert "a Word or Excel file's name, but criteria show writes a table" in result.err
    assert not target.exists()


def test_a_set_is_written_as_dot_yaml_the_name_units_find_it_by(
    overlay_book: Path, cli: Cli
) -> None:
    result = cli("criteria", "import", str(overlay_book), "-o", f"criteria/{OVERLAY}.yml")
    assert result.code == 2
    assert (
        "the name must end in .yaml"
        in cli(
            "criteria", "import", str(overlay_book), "-o", f"criteria/{OVERLAY}.yml", "--lang", "en"
        ).err
    )
    assert not Path(f"criteria/{OVERLAY}.yml").exists()


def test_validate_and_check_agree_on_a_set_under_another_name(overlay_book: Path, cli: Cli) -> None:
    """A set is found by its file's name: one stored under another name fails validate as it
    fails every unit that names it in check (validate passed, check refused)."""
    assert cli("criteria", "import", str(overlay_book), "-o", f"criteria/{OVERLAY}.yaml").code == 0
    Path(f"criteria/{OVERLAY}.yaml").rename("criteria/bg.yaml")
    shutil.copytree(ROOT / "districts", "districts")
    unit = Path("districts/tan-yen.yaml")
    unit.write_text(unit.read_text(encoding="utf-8").replace(f"criteria_set: {BASE}",
                    f"criteria_set: {OVERLAY}"), encoding="utf-8")  # fmt: skip
    validated = cli("validate", "--as-of", "2024-04-05")
    assert validated.code == 1
    assert "criteria/bg.yaml" in validated.out and "(file-name-mismatch)" in validated.out
    checked = cli("tan-yen", "--as-of", "2024-04-05")
    assert checked.code == 2
