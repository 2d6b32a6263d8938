"""``ntm-check status``: a small province of units on two criteria sets, in every view and format.

The province is built from the shipped unit and the test fixtures: four district files judged
on the shipped set (one meets the standard, one is in another province), a commune judged on a
commune set, and one broken file. Every number must be the one ``check`` gives for that unit.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, GOLDEN, ROOT, Cli, update_golden

AS_OF = "2024-11-01"


@pytest.fixture
def province(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "province"
    (root / "criteria").mkdir(parents=True)
    (root / "districts").mkdir()
    shutil.copy(ROOT / "criteria" / "huyen-ntm-nang-cao-2021-2025.yaml", root / "criteria")
    commune_set = (FIXTURES / "criteria" / "mini-set.yaml").read_text(encoding="utf-8")
    (root / "criteria" / "xa-set.yaml").write_text(
        commune_set.replace("id: mini-set", "id: xa-set").replace(
            "unit: district", "unit: commune"
        ),
        encoding="utf-8",
    )
    tan_yen = (ROOT / "districts" / "tan-yen.yaml").read_text(encoding="utf-8")
    (root / "districts" / "tan-yen.yaml").write_text(tan_yen, encoding="utf-8")
    all_met = (
        tan_yen.replace("status: unmet", "status: met")
        .replace("id: tan-yen\n", "id: yen-the\n")
        .replace("Huyện Tân Yên, en: Tân Yên district", "Huyện Yên Thế, en: Yên Thế district")
        .replace('code: "216"', 'code: "215"')  # the registry's code of Yên Thế
    )
    (root / "districts" / "yen-the.yaml").write_text(
        all_met.replace("    owner: ", "    done: true\n    owner: "), encoding="utf-8"
    )
    other = (
        tan_yen.replace("id: tan-yen\n", "id: an-lao\n")
        .replace("Huyện Tân Yên, en: Tân Yên district", "Huyện An Lão, en: An Lão district")
        .replace('code: "216"', 'code: "313"')  # An Lão, Hải Phòng, in the registry
        .replace("name: {vi: Bắc Giang, en: Bắc Giang}", "name: {vi: Hải Phòng, en: Hải Phòng}")
        .replace('code: "24"', 'code: "31"')
    )
    (root / "districts" / "an-lao.yaml").write_text(other, encoding="utf-8")
    commune = (FIXTURES / "districts" / "all-met.yaml").read_text(encoding="utf-8")
    (root / "districts" / "xa-thu.yaml").write_text(
        commune.replace("criteria_set: mini-set", "criteria_set: xa-set\nunit: commune").replace(
            "id: all-met", "id: xa-thu"
        ),
        encoding="utf-8",
    )
    (root / "districts" / "hong.yaml").write_text("id: hong\nname: [unclosed\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def status(cli: Cli, *args: str) -> Any:
    result = cli("status", "--as-of", AS_OF, "--no-cache", "-f", "json", *args)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)


def test_every_unit_says_what_check_says(cli: Cli, province: Path) -> None:
    doc = status(cli)
    units = doc["units"]
    assert isinstance(units, list)
    assert len(units) == 5
    for unit in units:
        if not unit["valid"]:
            assert unit["id"] == "hong" and unit["errors"] >= 1
            continue
        checked = json.loads(cli(unit["path"], "--as-of", AS_OF, "-f", "json").out)
        for key, value in unit["summary"].items():
            assert checked["summary"][key] == value, (unit["id"], key)
        overdue = sorted(a["id"] for a in checked["actions"] if a["overdue"])
        assert sorted(unit["overdue_actions"]) == overdue


def test_indicators_of_different_sets_are_never_added_together(cli: Cli, province: Path) -> None:
    totals = {t["criteria_set"]: t for t in status(cli)["totals"]}
    assert set(totals) == {"huyen-ntm-nang-cao-2021-2025", "xa-set"}
    district = totals["huyen-ntm-nang-cao-2021-2025"]
    assert (district["units"], district["passed"], district["applicable"]) == (3, 1, 3 * 38)
    assert (totals["xa-set"]["units"], totals["xa-set"]["applicable"]) == (1, 7)
    # a set's drafts are said once for the set, as check says them for a unit
    assert (district["unverified_indicators"], totals["xa-set"]["unverified_indicators"]) == (38, 1)


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        # Vietnamese order of the names (the broken file by its file name): hong, Huyện An Lão,
        # Huyện Tân Yên, Huyện Thử, Huyện Yên Thế
        ("name", ["hong", "an-lao", "tan-yen", "xa-thu", "yen-the"]),
        ("met", ["hong", "an-lao", "tan-yen", "xa-thu", "yen-the"]),
        ("overdue", ["an-lao", "tan-yen", "hong", "xa-thu", "yen-the"]),
    ],
)
def test_sorting(sort: str, order: list[str], cli: Cli, province: Path) -> None:
    units = status(cli, "--sort", sort)["units"]
    assert [u["id"] for u in units] == order


def test_filters(cli: Cli, province: Path) -> None:
    def ids(*args: str) -> list[str]:
        return [u["id"] for u in status(cli, *args)["units"]]

    # a file that cannot be judged has no known province or set: it stays under every filter
    # (a province's CI gate must not pass because its broken file was filtered away)
    assert ids("--province", "31") == ["hong", "an-lao"]
    assert ids("--set", "xa-set") == ["hong", "xa-thu"]
    assert ids("--verdict", "invalid") == ["hong"]
    assert ids("--province", "24", "--verdict", "invalid") == ["hong"]
    assert cli("status", "--as-of", AS_OF, "--no-cache", "--province", "31").code == 1
    assert ids("--verdict", "pass") == ["xa-thu", "yen-the"]
    passing = cli("status", "--as-of", AS_OF, "--no-cache", "--verdict", "pass")
    assert passing.code == 0
    assert cli("status", "--as-of", AS_OF, "--no-cache").code == 1


def test_open_work_rolled_up_by_department_and_lead_owner(cli: Cli, province: Path) -> None:
    doc = status(cli)
    departments = {d["id"]: d for d in doc["by_department"]}
    environment = departments["so-tnmt"]
    assert sorted({g["unit"] for g in environment["gaps"]}) == ["an-lao", "tan-yen"]
    owners = {o["name"]: o for o in doc["by_owner"]}
    lead = owners["UBND huyện Tân Yên"]
    assert lead["overdue"] == 6  # three of the notice's deadlines, in tan-yen and an-lao
    first = doc["by_owner"][0]
    assert first["overdue"] == max(o["overdue"] for o in doc["by_owner"])


GOLDENS = {
    "status.table.vi.txt": ["--sort", "met"],
    "status.owners.en.md": ["--by", "owner", "-f", "markdown", "--lang", "en"],
    "status.departments.vi.md": ["--by", "department", "-f", "markdown"],
    "status.json": ["-f", "json"],
}


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_golden(name: str, cli: Cli, province: Path) -> None:
    result = cli("status", "--as-of", AS_OF, "--no-cache", *GOLDENS[name])
    assert result.code == 1
    out = result.out.replace(f'"version": "{_version()}"', '"version": "X"')
    path = GOLDEN / name
    if update_golden():
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def _version() -> str:
    from ntm_check import __version__

    return __version__


def test_a_warm_run_says_the_same_from_the_cache(
    cli: Cli, province: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_CHECK_CACHE_DIR", str(tmp_path / "cache"))
    cold = cli("status", "--as-of", AS_OF, "-f", "json")
    warm = cli("status", "--as-of", AS_OF, "-f", "json")
    assert cold.out == warm.out
    assert (tmp_path / "cache" / "results.sqlite3").exists()


def test_a_filter_that_matches_no_unit_is_refused(cli: Cli, province: Path) -> None:
    # a filter that matches no unit is refused, not answered with an empty table that passes
    # (the broken file listed under every filter is no match)
    (province / "districts" / "hong.yaml").unlink()
    for args in (["--set", "nope"], ["--province", "99"], ["--verdict", "fail", "--set", "x"]):
        result = cli("status", "--as-of", AS_OF, "--no-cache", "--lang", "en", *args)
        assert result.code == 2 and "no unit matches --province/--set/--verdict" in result.err
        as_json = cli("status", "--as-of", AS_OF, "--no-cache", "-f", "json", *args)
        assert as_json.code == 2  # and a program reading the output still gets a document
        assert json.loads(as_json.out)["units"] == [] and json.loads(as_json.out)["invalid"] == 0


def test_no_invalid_unit_is_good_news_for_a_ci_gate(cli: Cli, province: Path) -> None:
    # `status --verdict invalid` gates CI on broken files: none is a pass (exit 0), said
    (province / "districts" / "hong.yaml").unlink()
    result = cli("status", "--as-of", AS_OF, "--no-cache", "--lang", "en", "--verdict", "invalid")
    assert result.code == 0 and "no unit has invalid evidence" in result.err
    as_json = cli("status", "--as-of", AS_OF, "--no-cache", "-f", "json", "--verdict", "invalid")
    assert as_json.code == 0 and json.loads(as_json.out)["units"] == []


def test_a_large_provinces_json_is_written_in_pieces(province: Path, cli: Cli) -> None:
    # A province's JSON is megabytes: it is rendered and written a hundred units at a time,
    # never held whole (it took more memory than the units' summaries), and the pieces make
    # one valid document, the same as the one the command prints.
    from ntm_check.app.formats import STATUS, Look
    from ntm_check.app.status import StatusResult
    from ntm_check.app.workspace import Settings, Workspace
    from ntm_check.run.many import assess_paths
    from ntm_check.run.sets import SetStore
    from ntm_check.run.status import build

    tan_yen = (province / "districts" / "tan-yen.yaml").read_text(encoding="utf-8")
    for i in range(250):
        unit = tan_yen.replace("id: tan-yen\n", f"id: tan-yen-{i}\n").replace('code: "216"\n', "")
        (province / "districts" / f"tan-yen-{i}.yaml").write_text(unit, encoding="utf-8")
    ws = Workspace(Settings(judged_on=dt.date.fromisoformat(AS_OF)))
    options = ws.judging(keep_summaries=True)  # as the command judges (the registry too)
    run = assess_paths([Path("districts")], SetStore(Path("criteria")), options)
    rendered = STATUS.get("json").render(StatusResult(build(run)), Look())
    assert not isinstance(rendered, (str, bytes, dict))
    pieces = list(rendered)
    whole = "".join(pieces)
    units = [p for p in pieces if '"path":' in p]
    assert len(units) == 3  # 255 units: three pieces of at most a hundred
    printed = cli("status", "--as-of", AS_OF, "--no-cache", "-f", "json")
    assert printed.out == whole
    assert len(json.loads(whole)["units"]) == 255  # the five units and 250 more


def test_the_judging_date_is_said_even_when_no_unit_is_valid(province: Path, cli: Cli) -> None:
    # "judged_on" is the date the run judged on, not read off the valid units' summaries
    doc = status(cli, "--verdict", "invalid")
    assert [u["valid"] for u in doc["units"]] == [False]
    assert doc["judged_on"] == AS_OF


def test_status_takes_the_units_folder_as_check_and_history_do(
    province: Path, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `--districts DIR` (as check, history and diff take it) or the folder as an argument
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    where = str(province / "districts")
    by_option = cli("status", "--districts", where, "--as-of", AS_OF, "--no-cache", "-f", "json")
    by_argument = cli("status", where, "--as-of", AS_OF, "--no-cache", "-f", "json")
    assert by_option.code == by_argument.code == 1
    assert by_option.out == by_argument.out and len(json.loads(by_option.out)["units"]) == 5


def test_two_units_of_one_name_are_never_listed_as_one(province: Path, cli: Cli) -> None:
    # communes of one name in different provinces: each body's work names them apart
    text = (province / "districts" / "tan-yen.yaml").read_text(encoding="utf-8")
    twin = text.replace("id: tan-yen\n", "id: tan-yen-2\n").replace('code: "216"\n', "")
    (province / "districts" / "tan-yen-2.yaml").write_text(twin, encoding="utf-8")
    for view in ("owner", "department"):
        out = cli("status", "--as-of", AS_OF, "--no-cache", "--by", view, "-f", "markdown").out
        assert "Huyện Tân Yên (tan-yen):" in out and "Huyện Tân Yên (tan-yen-2):" in out, view
        assert "Huyện An Lão:" in out  # a name no other unit has stays as it is
