"""The official registry of administrative units, against the real data (no mock): codes, the
communes of a district, the 1/7/2025 map, the checks ``validate`` makes, and ``units``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from ntm_check.load.registry import (
    Registry,
    RegistryUnavailable,
    name_key,
    not_latin,
    open_registry,
)
from tests.conftest import ROOT, Cli

try:
    REGISTRY: Registry | None = open_registry()
except RegistryUnavailable:  # pragma: no cover - the test extra installs it
    REGISTRY = None
needs_registry = pytest.mark.skipif(
    REGISTRY is None, reason="pip install -e '.[test]' brings the registry (vietnamadminunits)"
)

#: Tân Yên's units in the registry's last snapshot before 1/7/2025 (criteria-sources.md)
TAN_YEN = {
    "07306": "Thị trấn Nhã Nam", "07309": "Xã Tân Trung", "07315": "Xã Quang Trung",
    "07321": "Xã An Dương", "07324": "Xã Phúc Hòa", "07327": "Xã Liên Sơn",
    "07330": "Xã Hợp Đức", "07333": "Xã Lam Sơn", "07336": "Xã Cao Xá",
    "07339": "Thị trấn Cao Thượng", "07342": "Xã Việt Ngọc", "07345": "Xã Song Vân",
    "07348": "Xã Ngọc Châu", "07351": "Xã Ngọc Vân", "07354": "Xã Việt Lập",
    "07357": "Xã Liên Chung", "07360": "Xã Ngọc Thiện", "07363": "Xã Ngọc Lý",
    "07366": "Xã Quế Nham",
}  # fmt: skip


def registry() -> Registry:
    assert REGISTRY is not None
    return REGISTRY


@needs_registry
def test_tan_yen_its_code_and_its_nineteen_units() -> None:
    r = registry()
    district = r.unit("district", "216", "legacy")
    assert district is not None and district.name == "Huyện Tân Yên"
    assert district.province_code == "24"
    province = r.unit("province", "24", "legacy")
    assert province is not None and province.short == "Bắc Giang"
    communes = r.communes_of(district)
    assert {c.code: c.name for c in communes} == TAN_YEN
    kinds = sorted(c.kind for c in communes)
    assert kinds.count("xã") == 17 and kinds.count("thị trấn") == 2


@needs_registry
def test_where_tan_yens_communes_went_on_1_july_2025() -> None:
    r = registry()

    def went(code: str) -> list[tuple[str, str, bool]]:
        commune = r.unit("commune", code, "legacy")
        assert commune is not None
        return [(s.unit.code, s.unit.name, s.whole) for s in r.successors(commune)]

    assert went("07336") == [("07339", "Xã Tân Yên", True)]  # Cao Xá → Xã Tân Yên
    assert went("07330") == [("07330", "Xã Phúc Hòa", True)]  # Hợp Đức → Xã Phúc Hòa
    assert went("07342") == [("07351", "Xã Ngọc Thiện", True)]  # Việt Ngọc → Xã Ngọc Thiện
    assert went("07366") == [("07228", "Phường Đa Mai", True)]  # Quế Nham → Phường Đa Mai
    bac_giang = r.unit("province", "24", "legacy")
    assert bac_giang is not None
    now = r.new_province_of(bac_giang)
    assert now is not None and now.name == "Tỉnh Bắc Ninh"
    made_of = r.predecessors(r.find("Tân Yên", "commune", "2025", "24")[0])
    assert {p.unit.code for p in made_of} == {"07336", "07339", "07354", "07363"}


@needs_registry
def test_the_mapping_agrees_with_the_packages_own_converter() -> None:
    # the package's converter is the real client of its data: for every unit of Tân Yên,
    # the new commune it names is the one the mapping read here gives as the main part
    pytest.importorskip("shapely")
    code = (
        "import json, sys\n"
        "from vietnamadminunits import convert_address\n"
        "out = {}\n"
        "for code, name in json.loads(sys.argv[1]).items():\n"
        "    unit = convert_address(f'{name}, Huyện Tân Yên, Tỉnh Bắc Giang')\n"
        "    out[code] = unit.ward\n"
        "print(json.dumps(out, ensure_ascii=False))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, json.dumps(TAN_YEN, ensure_ascii=False)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    theirs = json.loads(proc.stdout)
    r = registry()
    for code in TAN_YEN:
        commune = r.unit("commune", code, "legacy")
        assert commune is not None
        main = [s.unit for s in r.successors(commune) if s.main]
        assert main and name_key(main[0].name) == name_key(theirs[code]), code


def test_names_compare_after_nfc_case_kind_and_tone_placement() -> None:
    nfd = unicodedata.normalize("NFD", "Huyện Tân Yên")
    assert nfd != "Huyện Tân Yên"
    assert name_key(nfd) == name_key("tân yên") == name_key("  Huyện   TÂN YÊN ")
    assert name_key("Xã Phúc Hoà") == name_key("Phúc Hòa")
    assert name_key("Thị trấn Cao Thượng") == name_key("Cao Thượng")
    assert name_key("Yên Thế") != name_key("Tân Yên")
    assert not_latin("Tân Yеn") == ["'е' U+0435 CYRILLIC SMALL LETTER IE"]
    assert not_latin("Tân Yên") == []


# -- validate: codes and names checked on the one path ----------------------------------


@pytest.fixture
def unit_file(tmp_path: Path) -> Path:
    """A copy of the shipped repository's criteria and Tân Yên, to edit."""
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    (tmp_path / "districts").mkdir()
    shutil.copy(ROOT / "districts" / "tan-yen.yaml", tmp_path / "districts")
    return tmp_path / "districts" / "tan-yen.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def _validate(cli: Cli, path: Path, *args: str) -> tuple[int, list[dict[str, object]]]:
    result = cli("validate", str(path), "--as-of", "2026-01-01", "--no-cache", "-f", "json",
                 "-q", *args)  # fmt: skip
    doc = json.loads(result.out)
    return result.code, [d for f in doc["files"] for d in f["problems"]]


@needs_registry
def test_the_shipped_unit_matches_the_registry(cli: Cli, unit_file: Path) -> None:
    code, found = _validate(cli, unit_file)
    assert code == 0
    assert not [d for d in found if d["level"] == "error"]


@needs_registry
def test_units_that_share_a_name_are_known_by_the_name_offices_write() -> None:
    # the registry writes "Kỳ Anh (Huyện)" and "Kỳ Anh (Thị xã)" for Hà Tĩnh's two Kỳ Anh
    r = registry()
    for code, kind, short in (("447", "huyện", "Kỳ Anh"), ("449", "thị xã", "Kỳ Anh"),
                              ("00532", "xã", "Yên Viên")):  # fmt: skip
        unit = r.unit("commune" if len(code) == 5 else "district", code, "legacy")
        assert unit is not None and (unit.kind, unit.short) == (kind, short)
    assert [u.code for u in r.find("Kỳ Anh", "district", "legacy")] == ["447", "449"]


@needs_registry
def test_a_district_whose_name_another_shares_passes(cli: Cli, unit_file: Path) -> None:
    _edit(unit_file, "name: {vi: Huyện Tân Yên,", "name: {vi: Thị xã Kỳ Anh,")
    _edit(unit_file, 'code: "216"', 'code: "449"')
    _edit(unit_file, '  name: {vi: Bắc Giang, en: Bắc Giang}\n  code: "24"',
          '  name: {vi: Hà Tĩnh, en: Hà Tĩnh}\n  code: "42"')  # fmt: skip
    _, found = _validate(cli, unit_file, "--as-of", "2024-06-30")
    assert not [d for d in found if d["level"] == "error"], found


@needs_registry
def test_a_name_that_is_not_its_codes_is_caught_at_its_line(cli: Cli, unit_file: Path) -> None:
    _edit(unit_file, "name: {vi: Huyện Tân Yên,", "name: {vi: Huyện Yên Thế,")
    code, found = _validate(cli, unit_file, "--lang", "en")
    assert code == 1
    (problem,) = [d for d in found if d["code"] == "name-mismatch"]
    assert problem["line"] == _line_of(unit_file, "name: {vi: Huyện Yên Thế")
    message = str(problem["message"])
    assert "code 216 is Huyện Tân Yên" in message and "did you mean Tân Yên" in message
    assert "the name of Huyện Yên Thế (215)" in message  # another district


@needs_registry
def test_unknown_codes_and_codes_of_the_wrong_length(cli: Cli, unit_file: Path) -> None:
    _edit(unit_file, 'code: "216"', 'code: "699"')
    code, found = _validate(cli, unit_file, "--lang", "en")
    (problem,) = [d for d in found if d["code"] == "unknown-code"]
    assert code == 1 and "did you mean Huyện Tân Yên (216)" in str(problem["message"])
    assert problem["line"] == _line_of(unit_file, 'code: "699"')
    _edit(unit_file, 'code: "699"', 'code: "2160"')
    _edit(unit_file, '  code: "24"', '  code: "97"')
    code, found = _validate(cli, unit_file, "--lang", "en")
    codes = sorted(str(d["code"]) for d in found if d["level"] == "error")
    assert code == 1 and codes == ["code-digits"]  # 2160: the wrong length, said first
    _edit(unit_file, 'code: "2160"', 'code: "216"')
    code, found = _validate(cli, unit_file, "--lang", "en")
    (problem,) = [d for d in found if d["level"] == "error"]
    assert problem["code"] == "unknown-code" and "'97'" in str(problem["message"])


@needs_registry
def test_a_district_assessed_after_it_ceased_to_exist(cli: Cli, unit_file: Path) -> None:
    _edit(unit_file, "as_of: 2024-04-05", "as_of: 2025-09-01")
    code, found = _validate(cli, unit_file, "--lang", "en")
    errors = [d for d in found if d["level"] == "error"]
    assert code == 1
    gone = [d for d in errors if d["code"] == "unit-not-in-force"]
    assert len(gone) == 1 and gone[0]["line"] == _line_of(unit_file, 'code: "216"')
    message = str(gone[0]["message"])
    assert "ceased to exist on 2025-07-01" in message and "Xã Tân Yên" in message
    # province 24 is Bắc Ninh from 1/7/2025: the file's "Bắc Giang" no longer matches it
    assert [d["code"] for d in errors if d is not gone[0]] == ["name-mismatch"]


@needs_registry
def test_nfd_and_old_tone_marks_pass_a_confusable_letter_does_not(
    cli: Cli, unit_file: Path
) -> None:
    nfd = unicodedata.normalize("NFD", "Huyện Tân Yên")
    _edit(unit_file, "name: {vi: Huyện Tân Yên,", f"name: {{vi: {nfd},")
    assert _validate(cli, unit_file)[0] == 0
    _edit(unit_file, f"name: {{vi: {nfd},", "name: {vi: Huyện Tân Yеn,")  # Cyrillic е
    code, found = _validate(cli, unit_file, "--lang", "en")
    (problem,) = [d for d in found if d["code"] == "name-mismatch"]
    assert code == 1 and "U+0435 CYRILLIC SMALL LETTER IE" in str(problem["message"])


def test_a_code_of_the_wrong_length_is_an_error_with_or_without_the_registry(
    cli: Cli, unit_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ntm_check.load.registry as module

    def missing() -> Registry:
        raise RegistryUnavailable("not installed")

    monkeypatch.setattr(module, "open_registry", missing)
    _edit(unit_file, 'code: "216"', 'code: "21"')
    code, found = _validate(cli, unit_file, "--lang", "en")
    assert code == 1 and [d["code"] for d in found if d["level"] == "error"] == ["code-digits"]
    _edit(unit_file, 'code: "21"', 'code: "699"')  # not checked without the registry
    assert _validate(cli, unit_file)[0] == 0
    said = cli("validate", str(unit_file), "--as-of", "2026-01-01", "--no-cache", "--lang", "en")
    assert "the official codes in the evidence were not checked" in said.err  # and it says so


# -- ntm-check units ----------------------------------------------------------------------


@needs_registry
def test_units_of_the_shipped_district_in_every_format(cli: Cli) -> None:
    table = cli("units", "tan-yen")
    assert table.code == 0, table.err
    assert "Huyện Tân Yên — Mã 216" in table.out
    assert "07336  Xã Cao Xá            Xã Tân Yên (07339)" in table.out
    assert "Từ 01/7/2025, địa bàn thuộc Tỉnh Bắc Ninh (24)" in table.out
    doc = json.loads(cli("units", "216", "-f", "json", "--lang", "en").out)
    assert doc["schema_version"] == 1 and doc["unit"]["code"] == "216"
    assert {c["code"]: c["name"] for c in doc["communes"]} == TAN_YEN
    assert doc["now_province"]["name"] == "Tỉnh Bắc Ninh"
    wholly = {n["code"] for n in doc["now"] if n["wholly_inside"]}
    assert wholly == {"07306", "07330", "07333", "07339", "07351"}
    assert [n["code"] for n in doc["now"] if not n["wholly_inside"]] == ["07228"]
    md = cli("units", "tan-yen", "-f", "markdown", "--lang", "en").out
    assert "| 07336 | Xã Cao Xá | Xã Tân Yên (07339) |" in md
    assert "19 units (17 communes, 2 townships)" in md


@needs_registry
def test_units_new_lists_the_legacy_communes_of_a_new_one(cli: Cli) -> None:
    result = cli("units", "--new", "Xã Tân Yên, Bắc Ninh", "-f", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["unit"] == {"code": "07339", "name": "Xã Tân Yên", "kind": "xã",
                           "kind_en": "commune", "level": "commune", "map": "2025"}  # fmt: skip
    assert [u["code"] for u in doc["made_of"]] == ["07336", "07339", "07354", "07363"]
    assert cli("units", "--new", "07339", "-f", "json").out == result.out


@needs_registry
def test_units_refuses_what_it_cannot_find(cli: Cli) -> None:
    for args, said in (
        (["units", "9"], "is not an administrative code"),
        (["units", "999"], "no unit has code '999'"),
        (["units", "--new", "Xã Tân Yên, Nowhere"], "no province 'Nowhere'"),
        (["units", "--new", "xa tan yen, bac ninh"], "did you mean Tỉnh Bắc Ninh (24)?"),
        (["units", "--new", "Xã Tan Yen, Bắc Ninh"], "did you mean Xã Tân Yên (07339)?"),
        (["units", "--new", "Xã Tân Yên, Bắc Giang"], "since 1 July 2025 part of Tỉnh Bắc Ninh"),
        (["units", "--new", "Tân Yên"], "give the commune and the province"),
        (["units", "--new", "Xã Không Có, Bắc Ninh"], "has no commune or ward"),
        (["units"], "name one unit, or --new"),
        (["units", "Tân Yên"], "4 units have this name"),  # by name: which one?
        (["units", "tan_yen"], "is neither a unit id"),
        (["units", "tests/cases/evidence/yaml-syntax.yaml"], "(yaml-syntax)"),
        (["units", "tests/fixtures/districts/all-met.yaml"], "gives no code and its name"),
        (["units", "./.pre-commit-hooks.yaml"], "not an evidence file"),  # a list
    ):
        result = cli(*args, "--lang", "en")
        assert result.code == 2 and said in result.err, (args, result.err)
        assert "Traceback" not in result.err


def test_without_the_registry_units_names_the_extra(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "vietnamadminunits" else real(name, *a),
    )
    for args in (["units", "216"], ["status", "--by", "area", "--no-cache"]):
        result = cli(*args, "--lang", "en")
        assert result.code == 2, args
        assert "pip install '.[units]'" in result.err


def test_no_command_imports_the_registry_package_and_most_never_read_it(tmp_path: Path) -> None:
    # vietnamadminunits itself imports shapely and geopy (~0.4 s): ntm-check reads its data
    # files only; the commands that judge no file never even load the registry module
    code = (
        "import sys, runpy\n"
        "sys.argv = ['ntm-check', *sys.argv[1:]]\n"
        "from ntm_check.cli import main\n"
        "try: main()\n"
        "except SystemExit: pass\n"
        "heavy = ('vietnamadminunits', 'shapely', 'geopy', 'numpy', 'ntm_check.load.registry')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )

    def imported(*args: str) -> list[str]:
        proc = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60,
            cwd=ROOT, check=False,
        )  # fmt: skip
        last = proc.stderr.strip().splitlines()[-1]
        return list(json.loads(last.replace("'", '"')))

    for args in (["--help"], ["schema", "evidence"], ["list"], ["status", "--help"]):
        assert imported(*args) == [], args
    for args in (["tan-yen", "--as-of", "2024-04-05"], ["units", "216"]):
        assert imported(*args) in ([], ["ntm_check.load.registry"]), args


REGISTRY_CASES = Path(__file__).resolve().parent / "cases" / "registry"
#: each case's one error (the file name says the failure mode it shows)
EXPECTED = {
    "code-digits.yaml": "code-digits",
    "commune-missing.yaml": None,
    "commune-not-in-unit.yaml": "commune-not-in-unit",
    "confusable-letter.yaml": "name-mismatch",
    "name-mismatch.yaml": "name-mismatch",
    "nfd-name.yaml": None,
    "not-in-force.yaml": "unit-not-in-force",
    "province-mismatch.yaml": "province-mismatch",
    "unknown-code.yaml": "unknown-code",
}


def test_every_registry_case_is_listed() -> None:
    assert sorted(p.name for p in REGISTRY_CASES.glob("*.yaml")) == sorted(EXPECTED)


@needs_registry
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_registry_case(cli: Cli, name: str) -> None:
    from tests.conftest import FIXTURES

    path = REGISTRY_CASES / name
    result = cli("validate", str(path), "--criteria", str(FIXTURES / "criteria"),
                 "--as-of", "2026-01-01", "--no-cache", "-f", "json", "-q")  # fmt: skip
    doc = json.loads(result.out)
    errors = [d for f in doc["files"] for d in f["problems"] if d["level"] == "error"]
    want = EXPECTED[name]
    assert [d["code"] for d in errors] == ([want] if want else []), name
    assert result.code == (1 if want else 0)


@needs_registry
def test_the_report_says_which_units_cover_the_area_today(cli: Cli) -> None:
    today = cli("report", "tan-yen", "--as-of", "2026-01-01").out
    assert "## Địa bàn hiện nay" in today
    assert "Từ 01/7/2025 không còn cấp huyện." in today
    assert "nay thuộc Tỉnh Bắc Ninh (24), gồm: Xã Nhã Nam (07306)" in today
    assert "và một phần Phường Đa Mai (07228)" in today
    before = cli("report", "tan-yen", "--as-of", "2024-11-01").out  # the map had not changed
    assert "Địa bàn hiện nay" not in before and before.startswith("# Báo cáo")


@needs_registry
def test_status_groups_legacy_districts_by_their_province_today(
    cli: Cli, unit_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = unit_file.parent
    text = unit_file.read_text(encoding="utf-8")
    (folder / "yen-the.yaml").write_text(
        text.replace("id: tan-yen\n", "id: yen-the\n")
        .replace("Huyện Tân Yên, en: Tân Yên district", "Huyện Yên Thế, en: Yên Thế district")
        .replace('code: "216"', 'code: "215"'),
        encoding="utf-8",
    )
    (folder / "an-lao.yaml").write_text(
        text.replace("id: tan-yen\n", "id: an-lao\n")
        .replace("Huyện Tân Yên, en: Tân Yên district", "Huyện An Lão, en: An Lão district")
        .replace('code: "216"', 'code: "313"')
        .replace("name: {vi: Bắc Giang, en: Bắc Giang}", "name: {vi: Hải Phòng, en: Hải Phòng}")
        .replace('code: "24"', 'code: "31"'),
        encoding="utf-8",
    )
    monkeypatch.chdir(folder.parent)
    result = cli("status", "--by", "area", "--as-of", "2024-11-01", "--no-cache", "-f", "json")
    assert result.code == 1, result.err
    groups = json.loads(result.out)["by_area"]
    assert [(g["province"]["name"], [u["id"] for u in g["units"]]) for g in groups] == [
        ("Tỉnh Bắc Ninh", ["tan-yen", "yen-the"]),
        ("Thành phố Hải Phòng", ["an-lao"]),
    ]
    tan_yen = groups[0]["units"][0]["now"]
    assert {n["code"] for n in tan_yen} == {"07228", "07306", "07330", "07333", "07339", "07351"}
    md = cli("status", "--by", "area", "--as-of", "2024-11-01", "--no-cache", "-f", "markdown")
    assert "| Tỉnh Bắc Ninh (24) | Huyện Tân Yên | 29/38 |" in md.out
    assert "một phần Phường Đa Mai (07228)" in md.out
    plain = json.loads(cli("status", "--as-of", "2024-11-01", "--no-cache", "-f", "json").out)
    assert "by_area" not in plain  # only asked for


def _share(cli: Cli) -> tuple[dict[str, object], list[str]]:
    from tests.conftest import FIXTURES

    path = REGISTRY_CASES / "commune-missing.yaml"
    result = cli(str(path), "--criteria", str(FIXTURES / "criteria"), "--as-of", "2024-07-01",
                 "-f", "json", "--lang", "en")  # fmt: skip
    doc = json.loads(result.out)
    (share,) = [i for i in doc["indicators"] if i["id"] == "2.2"]
    return share, [d["code"] for d in doc["diagnostics"]]


@needs_registry
def test_a_per_commune_share_counts_every_commune_of_the_registry(cli: Cli) -> None:
    share, codes = _share(cli)
    assert share["current"] == "16/19 (84.2%)" and share["status"] == "unmet"
    communes = share["communes"]
    assert isinstance(communes, dict) and set(communes) == set(TAN_YEN)
    assert communes["07363"] == communes["07366"] == "no_data"  # not listed: no data
    assert communes["07315"] == "unmet"
    assert "commune-missing" in codes and "communes-unchecked" not in codes


def test_without_the_registry_a_per_commune_share_says_it_is_unchecked(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ntm_check.load.registry as module

    def missing() -> Registry:
        raise RegistryUnavailable("not installed")

    monkeypatch.setattr(module, "open_registry", missing)
    share, codes = _share(cli)
    assert share["current"] == "16/17 (94.1%)"  # the communes listed, and a warning says so
    assert "communes-unchecked" in codes and "commune-missing" not in codes


@needs_registry
def test_a_code_no_longer_in_force_under_another_name_says_both(cli: Cli, unit_file: Path) -> None:
    _edit(unit_file, "as_of: 2024-04-05", "as_of: 2025-09-01")
    _edit(unit_file, "name: {vi: Huyện Tân Yên,", "name: {vi: Huyện Yên Thế,")
    code, found = _validate(cli, unit_file, "--lang", "en")
    codes = [d["code"] for d in found if d["level"] == "error"]
    assert code == 1 and "unit-not-in-force" in codes and "name-mismatch" in codes
    assert "unknown-code" not in codes
    messages = [str(d["message"]) for d in found if d["code"] == "name-mismatch"]
    assert any("code 216 is Huyện Tân Yên" in m for m in messages)


@needs_registry
def test_a_code_reused_on_the_new_map_is_pointed_out(cli: Cli) -> None:
    result = cli("units", "07339", "--lang", "en")
    assert result.code == 0 and result.out.startswith("Thị trấn Cao Thượng — Code 07339")
    assert "from 1 July 2025 code 07339 is Xã Tân Yên: see it with --new 07339" in result.err


@needs_registry
def test_a_unit_is_found_by_the_name_people_write(cli: Cli) -> None:
    # `units "Huyện Tân Yên"`: the district (its kind word chooses among the units of that
    # name); a name several units share asks for the province, and the province settles it
    district = cli("units", "Huyện Tân Yên", "--lang", "en")
    assert district.code == 0, district.err
    assert district.out.startswith("Huyện Tân Yên — Code 216")
    shared = cli("units", "Tân Yên", "--lang", "en")
    assert shared.code == 2 and "4 units have this name" in shared.err
    assert 'e.g. "Tân Yên, Bắc Giang"' in shared.err
    settled = cli("units", "Tân Yên, Bắc Giang", "--lang", "en")
    assert settled.code == 0 and "Code 216" in settled.out
    none = cli("units", "Huyện Không Có", "--lang", "en")
    assert none.code == 2 and "no unit is named 'Huyện Không Có'" in none.err
