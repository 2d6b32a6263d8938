"""``ntm-check site``: the map pages, the open data beside every page, and axe-core's WCAG
checks of every page template, in the system's Chromium (Playwright).

The province is the one kept in git by the diff/history tests: Tân Yên and Yên Thế (legacy
district codes 216 and 215 of Bắc Giang, assessed until 31/3/2025: on Bắc Giang's legacy
map), and a commune whose file gives no code (listed beside the maps, not drawn).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Cli
from tests.test_diff_history import AS_OF, folders, repo
from tests.test_site import IMG, SCRIPT, Page, _shot, browser, build, hostile

__all__ = ["browser", "folders", "hostile", "repo"]  # the fixtures, imported for these tests

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
BAC_GIANG = "maps/legacy-24-district.html"
#: the legacy districts, towns and the city of Bắc Giang in the registry
BAC_GIANG_UNITS = {"213", "215", "216", "217", "218", "219", "220", "222", "223", "224"}
#: the verdicts' colours in site.css (computed by the browser as rgb())
COLOURS = {"pass": "rgb(11, 107, 47)", "fail": "rgb(179, 38, 30)",
           "invalid": "rgb(122, 92, 0)", "none": "rgb(255, 255, 255)"}  # fmt: skip


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path}: no byte-order mark for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_the_map_marks_every_unit_with_a_code_and_its_provinces_others(
    cli: Cli, repo: Path
) -> None:
    build(cli, repo / "public", "--lang", "vi,en")
    status = json.loads(cli("status", "--as-of", AS_OF, "--no-cache", "-f", "json").out)
    marks = read_csv(repo / "public" / BAC_GIANG.replace(".html", ".marks.csv"))
    assert {m["code"] for m in marks} == BAC_GIANG_UNITS
    by_unit = {m["unit_id"]: m for m in marks if m["unit_id"]}
    assert set(by_unit) == {"tan-yen", "yen-the"}  # xa-thu gives no code
    for unit in status["units"]:
        if unit["id"] in by_unit:
            s, m = unit["summary"], by_unit[unit["id"]]
            assert m["verdict"] == ("pass" if s["passed"] else "fail")
            assert (int(m["met"]), int(m["applicable"])) == (s["met"], s["applicable"])
    # districts are sized by their number of communes (no area in the legacy registry)
    assert {m["size_unit"] for m in marks} == {"communes"}
    assert all(float(m["size"]) >= 1 for m in marks)
    # the commune without a code is said beside the overview map, with why
    unplaced = read_csv(repo / "public" / "maps" / "index.unplaced.csv")
    assert [(u["unit_id"], u["why"]) for u in unplaced] == [("xa-thu", "tệp không ghi mã đơn vị")]
    index = (repo / "public" / "index.html").read_text(encoding="utf-8")
    assert 'href="maps/index.html"' in index and "Bắc Giang" in index.split("</h1>")[0]


def test_an_invalid_file_with_a_code_is_marked_invalid(cli: Cli, repo: Path) -> None:
    text = (repo / "districts" / "yen-the.yaml").read_text(encoding="utf-8")
    broken = text.replace("id: yen-the\n", "id: lang-giang\n").replace('code: "215"', 'code: "217"')
    broken = broken.replace("criteria_set: ", "criteria_set: no-such-set-")
    (repo / "districts" / "lang-giang.yaml").write_text(broken, encoding="utf-8")
    unknown = broken.replace("id: lang-giang\n", "id: khong-ro\n").replace('"217"', '"998"')
    (repo / "districts" / "khong-ro.yaml").write_text(unknown, encoding="utf-8")
    build(cli, repo / "public")
    unplaced = read_csv(repo / "public" / "maps" / "index.unplaced.csv")
    assert ("khong-ro", "998", "invalid", "danh mục không có mã này") in [
        (u["unit_id"], u["code"], u["verdict"], u["why"]) for u in unplaced
    ]
    marks = read_csv(repo / "public" / BAC_GIANG.replace(".html", ".marks.csv"))
    invalid = [m for m in marks if m["verdict"] == "invalid"]
    assert [(m["code"], m["unit_id"]) for m in invalid] == [("217", "lang-giang")]
    assert not [m for m in marks if m["code"] == "217" and m["verdict"] == "none"]


def test_without_the_registry_there_is_no_map_and_the_overview_says_why(
    cli: Cli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ntm_check.load import registry

    def missing() -> Any:
        raise registry.RegistryUnavailable("not installed")

    monkeypatch.setattr(registry, "open_registry", missing)
    build(cli, repo / "public")
    assert not (repo / "public" / "maps").exists()
    index = (repo / "public" / "index.html").read_text(encoding="utf-8")
    assert 'id="no-map"' in index and "pip install &#39;.[units]&#39;" in index
    assert "maps/index.html" not in index


def test_every_table_is_open_data_that_matches_its_page(cli: Cli, repo: Path) -> None:
    build(cli, repo / "public", "--lang", "vi,en")
    public = repo / "public"
    from ntm_check.reports.site_data import COLUMNS, TABLES

    pages = sorted(public.rglob("*.html"))
    csvs = sorted(public.rglob("*.csv"))
    assert len(csvs) >= len(pages) - 0  # every page has at least one table's data
    for page in pages:
        html = page.read_text(encoding="utf-8")
        stem = page.name.removesuffix(".html")
        linked = {p for p in csvs if p.parent == page.parent and p.name.startswith(stem + ".")}
        assert linked, f"{page}: no open data beside it"
        for data in linked:
            assert f'href="{data.name}"' in html, f"{page} does not link {data.name}"
    for data in csvs:
        rows = read_csv(data)
        document = json.loads(data.with_suffix(".json").read_text(encoding="utf-8"))
        assert document["columns"] == list(TABLES[document["table"]][1])
        assert all(c in COLUMNS for c in document["columns"])
        assert [list(r) for r in rows] == [document["columns"]] * len(rows) or not rows
        as_text = [{k: "" if v is None else str(v) for k, v in r.items()} for r in document["rows"]]
        assert [{k: v.replace("True", "true") for k, v in r.items()} for r in rows] == [
            {k: v.replace("True", "true") for k, v in r.items()} for r in as_text
        ], data
    # the overview's numbers are status's numbers
    status = json.loads(cli("status", "--as-of", AS_OF, "--no-cache", "-f", "json").out)
    units = {r["unit_id"]: r for r in read_csv(public / "index.units.csv")}
    for unit in status["units"]:
        s = unit["summary"]
        assert (int(units[unit["id"]]["met"]), int(units[unit["id"]]["applicable"])) == (
            s["met"],
            s["applicable"],
        )
        assert int(units[unit["id"]]["overdue_actions"]) == s["overdue_actions"]
    # a unit's indicators are check's
    checked = json.loads(cli("tan-yen", "--as-of", AS_OF, "-f", "json").out)
    indicators = read_csv(public / "units" / "tan-yen.indicators.csv")
    assert [(r["indicator"], r["status"]) for r in indicators] == [
        (i["id"], i["status"]) for i in checked["indicators"]
    ]
    history = read_csv(public / "units" / "tan-yen.history.csv")
    assert [int(r["met"]) for r in history] == [29, 30, 30]


def test_department_pages_name_their_indicators(cli: Cli, repo: Path) -> None:
    build(cli, repo / "public")
    pages = sorted((repo / "public" / "departments").glob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert ">Chỉ tiêu</th>" in html and ">Việc</th>" not in html
        for row in read_csv(page.with_suffix(".gaps.csv")):
            assert row["indicator_name"], (page, row)
            assert f"{row['indicator']} — {row['indicator_name']}" in html


def test_the_history_chart_writes_each_date_on_its_axis(cli: Cli, repo: Path) -> None:
    build(cli, repo / "public")
    html = (repo / "public" / "units" / "tan-yen.html").read_text(encoding="utf-8")
    for date in ("05/4/2024", "01/10/2024", "31/3/2025"):
        assert 'class="tick date"' in html and f">{date}</text>" in html


# -- in a real browser ----------------------------------------------------------------------


def _offline(tab: Page) -> list[str]:
    """Every request the page makes that is not a file of the site (none may be)."""
    left: list[str] = []

    def route(r: Any) -> None:
        if not r.request.url.startswith("file://"):
            left.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    tab.page.route("**/*", route)
    return left


def test_the_map_in_a_browser(cli: Cli, repo: Path, browser: Any, tmp_path: Path) -> None:
    build(cli, repo / "public", "--lang", "vi,en")
    status = json.loads(cli("status", "--as-of", AS_OF, "--no-cache", "-f", "json").out)
    verdicts = {u["id"]: ("pass" if u["summary"]["passed"] else "fail") for u in status["units"]}
    for width, height, name in ((1280, 900, "map-desktop.png"), (390, 844, "map-phone.png")):
        tab = Page(browser, width, height)
        left = _offline(tab)
        page = tab.open(repo / "public" / BAC_GIANG)
        drawn = page.locator("svg.map circle.mark")
        assert sorted(drawn.evaluate_all("cs => cs.map(c => c.parentNode.getAttribute"
                                         "('data-code') || c.getAttribute('data-code'))")) == \
            sorted(BAC_GIANG_UNITS)  # fmt: skip
        for unit in ("tan-yen", "yen-the"):
            link = page.locator(f'svg.map a[data-unit="{unit}"]')
            assert link.count() == 1 and link.get_attribute("href") == f"../units/{unit}.html"
            fill = link.locator("circle").evaluate("c => getComputedStyle(c).fill")
            assert fill == COLOURS[verdicts[unit]], (unit, fill)
        others = page.locator("svg.map circle.mark.none")
        assert others.count() == len(BAC_GIANG_UNITS) - 2
        assert {others.nth(i).evaluate("c => getComputedStyle(c).fill")
                for i in range(others.count())} == {COLOURS["none"]}  # fmt: skip
        assert page.locator("#marks tbody tr").count() == len(BAC_GIANG_UNITS)
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        _shot(page, name, tmp_path)
        # a mark is a link a keyboard reaches and follows
        page.locator('svg.map a[data-unit="tan-yen"]').focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/units/tan-yen.html")
        assert page.locator("h1").inner_text() == "Huyện Tân Yên"
        assert left == [] and tab.errors == []
    tab = Page(browser, 1280, 900)
    page = tab.open(repo / "public" / "en" / "maps" / "index.html")
    page.locator(f'a[href="{BAC_GIANG.split("/")[1]}"]').click()
    assert page.url.endswith("/en/" + BAC_GIANG) and tab.errors == []


def test_hostile_names_are_text_on_the_map(cli: Cli, hostile: Path, browser: Any) -> None:
    build(cli, hostile / "public", "--lang", "vi,en")
    for html in (hostile / "public" / "maps").rglob("*.html"):
        assert SCRIPT not in html.read_text(encoding="utf-8")
    tab = Page(browser, 1280, 900)
    page = tab.open(hostile / "public" / BAC_GIANG)
    # its code removed, the hostile unit is listed beside its province's map, as text
    assert page.locator('table.unplaced tr[data-unit="tan-yen"] th').inner_text() == SCRIPT
    assert page.locator("img").count() == 0 and page.locator("script").count() == 1
    en = tab.open(hostile / "public" / "en" / BAC_GIANG)
    assert en.locator('a[href^="javascript"]').count() == 0
    assert IMG not in en.content() and tab.errors == []


def _templates(public: Path) -> list[Path]:
    """A page of every template, in both languages."""
    pages = ["index.html", "sources.html", "data.html", "units/tan-yen.html", "maps/index.html",
             BAC_GIANG]  # fmt: skip
    pages += [next(iter(sorted((public / "departments").glob("*.html")))).relative_to(public)
              .as_posix(), next(iter(sorted((public / "owners").glob("*.html"))))
              .relative_to(public).as_posix()]  # fmt: skip
    return [public / prefix / p for prefix in ("", "en") for p in pages]


def test_axe_finds_no_wcag_violation_on_any_template(cli: Cli, repo: Path, browser: Any) -> None:
    build(cli, repo / "public", "--lang", "vi,en")
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    for path in _templates(repo / "public"):
        page.goto(path.as_uri())
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags
        )
        problems = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        assert problems == [], f"{path}: {problems}"
        assert result["passes"], path  # axe ran its checks
    context.close()
