"""``ntm-check site``: the files it writes, and the pages in a real headless Chromium.

The province is the one the diff/history tests keep in git (three units, three dated
assessments each, one unit on a commune set). Browser tests drive the system's Chromium with
Playwright (its own browser download is not used); where neither is installed they skip and
say why, and the rest still run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Cli
from tests.test_diff_history import AS_OF, DATES, folders, repo

__all__ = ["folders", "repo"]  # the fixtures, imported for these tests

jinja2 = pytest.importorskip("jinja2")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = ROOT / "docs" / "screenshots"


def build(cli: Cli, out: Path, *args: str) -> Any:
    result = cli("site", "-o", str(out), "--as-of", AS_OF, "--no-cache", *args)
    assert result.code == 0, result.err
    return result


def test_the_site_has_every_page_in_both_languages(cli: Cli, repo: Path) -> None:
    build(cli, repo / "public", "--lang", "vi,en")
    files = {p.relative_to(repo / "public").as_posix() for p in (repo / "public").rglob("*")
             if p.is_file()}  # fmt: skip
    for prefix in ("", "en/"):
        assert {f"{prefix}index.html", f"{prefix}sources.html"} <= files
        for unit in ("tan-yen", "yen-the", "xa-thu"):
            assert f"{prefix}units/{unit}.html" in files
        assert any(f.startswith(f"{prefix}departments/") for f in files)
        assert any(f.startswith(f"{prefix}owners/") for f in files)
    assert {"assets/site.css", "assets/site.js", "files/tan-yen.yaml", ".ntm-check-site"} <= files
    copied = (repo / "public" / "files" / "tan-yen.yaml").read_bytes()
    assert copied == (repo / "districts" / "tan-yen.yaml").read_bytes()
    build(cli, repo / "english", "--lang", "en")  # one language: no switch, no subfolder
    assert not (repo / "english" / "en").exists() and not (repo / "english" / "vi").exists()
    index = (repo / "english" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "hreflang" not in index


def test_the_same_inputs_give_byte_identical_files(cli: Cli, repo: Path) -> None:
    build(cli, repo / "one")
    build(cli, repo / "two", "-j", "1")

    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                if p.is_file()}  # fmt: skip

    assert tree(repo / "one") == tree(repo / "two")
    index = (repo / "one" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:\d\d", index)  # no build time
    sources = (repo / "one" / "sources.html").read_text(encoding="utf-8")
    import hashlib

    digest = hashlib.sha256((repo / "districts" / "tan-yen.yaml").read_bytes()).hexdigest()
    assert digest in sources


def test_a_rebuild_from_the_cache_is_the_same_and_never_stale(
    cli: Cli, folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a unit's pages are cached with its result, keyed by its file and what its history shows
    monkeypatch.chdir(folders)
    monkeypatch.setenv("NTM_CHECK_CACHE_DIR", str(folders / "cache"))

    def site(out: str) -> dict[str, bytes]:
        result = cli("site", "-o", out, "--as-of", AS_OF)
        assert result.code == 0, result.err
        root = folders / out
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.html")}

    cold = site("one")
    assert site("two") == cold  # served from the cache: the same bytes
    # an earlier assessment added to the unit's folder: its current file is unchanged, its
    # history is not, and its page must show the new point
    earlier = (folders / "districts" / "tan-yen" / f"{DATES[0]}.yaml").read_text(encoding="utf-8")
    (folders / "districts" / "tan-yen" / "2023-12-01.yaml").write_text(
        earlier.replace(f"as_of: {DATES[0]}", "as_of: 2023-12-01"), encoding="utf-8"
    )
    again = site("three")
    assert again["units/tan-yen.html"] != cold["units/tan-yen.html"]
    assert again["units/tan-yen.html"].count(b'class="dot"') == len(DATES) + 1
    assert again["units/xa-thu.html"] == cold["units/xa-thu.html"]


def test_every_page_has_a_csp_and_links_only_to_the_sites_own_files(cli: Cli, repo: Path) -> None:
    build(cli, repo / "public", "--lang", "vi,en")
    for page in (repo / "public").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "Content-Security-Policy" in html and "script-src 'self'" in html, page
        assert "<script>" not in html and not re.search(r"<[^>]+\son[a-z]+=", html), page
        for target in re.findall(r'(?:href|src)="([^"]*)"', html):
            assert "://" not in target and not target.startswith(("/", "javascript:")), target
            resolved = (page.parent / target.split("#")[0]).resolve()
            assert resolved.is_file() or target.startswith("#"), (page, target)


def test_the_site_refuses_to_replace_a_folder_it_did_not_write(cli: Cli, repo: Path) -> None:
    mine = repo / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    result = cli("site", "-o", str(mine), "--as-of", AS_OF, "--no-cache", "--lang", "en")
    assert result.code == 2 and "holds files ntm-check did not write" in result.err
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"
    build(cli, repo / "public")
    # a page an earlier build wrote (a unit since removed): the marker lists it, so it goes
    (repo / "public" / "units" / "gone.html").write_text("old", encoding="utf-8")
    with (repo / "public" / ".ntm-check-site").open("a", encoding="utf-8") as marker:
        marker.write("units/gone.html\n")
    build(cli, repo / "public")  # its own folder: replaced whole
    assert not (repo / "public" / "units" / "gone.html").exists()
    (repo / "public" / "CNAME").write_text("ntm.example.org", encoding="utf-8")
    (repo / "public" / "units" / "notes.txt").write_text("mine", encoding="utf-8")
    added = cli("site", "-o", str(repo / "public"), "--as-of", AS_OF, "--no-cache", "--lang", "en")
    assert added.code == 2 and "CNAME, units/notes.txt" in added.err
    assert (repo / "public" / "CNAME").read_text(encoding="utf-8") == "ntm.example.org"
    districts = cli("site", "-o", "districts", "--as-of", AS_OF, "--no-cache", "--lang", "en")
    assert districts.code == 2 and (repo / "districts" / "tan-yen.yaml").is_file()


def test_without_jinja2_the_command_names_the_extra(
    cli: Cli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "jinja2", None)
    monkeypatch.delitem(sys.modules, "ntm_check.reports.site", raising=False)
    result = cli("site", "-o", str(repo / "public"), "--lang", "en")
    assert result.code == 2 and "pip install '.[site]'" in result.err


# -- hostile text ---------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
LONG = "X" * 400


@pytest.fixture
def hostile(repo: Path) -> Path:
    text = (repo / "districts" / "tan-yen.yaml").read_text(encoding="utf-8")
    named = f"'{SCRIPT}', en: 'javascript:alert(1)'"
    text = text.replace("Huyện Tân Yên, en: Tân Yên district", named)
    text = text.replace('code: "216"\n', "")  # the registry would (rightly) refuse the name
    escaped = IMG.replace('"', '\\"')
    text = text.replace('note: "Thông báo yêu cầu rà soát', f'note: "{escaped} {LONG} Thông báo', 1)
    (repo / "districts" / "tan-yen.yaml").write_text(text, encoding="utf-8")
    return repo


def test_hostile_text_is_escaped_in_the_files(cli: Cli, hostile: Path) -> None:
    build(cli, hostile / "public", "--lang", "vi,en")
    for page in (hostile / "public").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert SCRIPT not in html and "<img" not in html, page
    unit = (hostile / "public" / "units" / "tan-yen.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in unit


# -- in a real browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    with playwright.sync_playwright() as pw:
        launched = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield launched
        launched.close()


class Page:
    """A browser tab that records console errors, page errors and dialogs (an alert())."""

    def __init__(self, browser: Any, width: int, height: int) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.errors.append(f"dialog: {dialog.message}")  # an alert() ran: script got in
        dialog.dismiss()

    def open(self, path: Path) -> Any:
        self.page.goto(path.as_uri())
        return self.page


def _shot(page: Any, name: str, tmp: Path) -> None:
    target = SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / name))
    assert (target / name).stat().st_size > 1000


def test_the_overview_in_a_browser_says_what_status_says(
    cli: Cli, repo: Path, browser: Any, tmp_path: Path
) -> None:
    build(cli, repo / "public")
    status = json.loads(cli("status", "--as-of", AS_OF, "--no-cache", "-f", "json").out)
    tab = Page(browser, 1280, 900)
    page = tab.open(repo / "public" / "index.html")
    for unit in status["units"]:
        if not unit["valid"]:
            continue
        s = unit["summary"]
        row = page.locator(f'#units tbody tr[data-unit="{unit["id"]}"]')
        assert row.locator("td.met").inner_text() == f"{s['met']}/{s['applicable']}"
        tile = page.locator(f'#tiles .tile[data-unit="{unit["id"]}"] .big')
        assert tile.inner_text() == f"{s['met']}/{s['applicable']}"
        overdue = row.locator("td").nth(5).inner_text()
        assert overdue == str(s["overdue_actions"])
    # each set's total, with the warning when its indicators are drafts: as status says them
    drafts = {t["criteria_set"]: t["unverified_indicators"] for t in status["totals"]}
    warned = [t for t in page.locator("ul.totals li").all_inner_texts() if t.startswith("⚠ ")]
    assert any(drafts.values())
    assert sorted(w.split("/")[0] for w in warned) == sorted(f"⚠ {n}" for n in drafts.values() if n)
    assert all("chưa được đối chiếu với văn bản chính thức" in w for w in warned)
    _shot(page, "overview-desktop.png", tmp_path)
    # sort by "met" (share met), both ways
    header = page.locator("#units thead th").nth(2)
    header.locator("button").click()
    first = page.locator("#units tbody tr").first.get_attribute("data-unit")
    shares = {u["id"]: u["summary"]["met"] / u["summary"]["applicable"]
              for u in status["units"] if u["valid"]}  # fmt: skip
    assert first == min(shares, key=lambda k: shares[k])
    assert header.get_attribute("aria-sort") == "ascending"
    header.locator("button").click()
    assert page.locator("#units tbody tr").first.get_attribute("data-unit") == max(
        shares, key=lambda k: shares[k]
    )
    # filter by text, then by verdict
    page.fill("#q", "yên thế")
    visible = page.locator("#units tbody tr:visible")
    assert visible.count() == 1 and visible.first.get_attribute("data-unit") == "yen-the"
    assert page.locator("#tiles .tile:visible").count() == 1
    assert page.locator("#shown").inner_text() == "1"
    page.fill("#q", "YEN THE")  # typed without marks
    assert page.locator("#units tbody tr:visible").first.get_attribute("data-unit") == "yen-the"
    assert page.locator("#shown").inner_text() == "1"
    page.fill("#q", "")
    page.select_option("#verdict", "pass")
    passing = {u["id"] for u in status["units"] if u["valid"] and u["summary"]["passed"]}
    shown = {r.get_attribute("data-unit") for r in page.locator("#units tbody tr:visible").all()}
    assert shown == passing
    page.select_option("#verdict", "")
    # to a unit's page and back
    page.locator('#units a[href="units/tan-yen.html"]').click()
    assert page.url.endswith("/units/tan-yen.html")
    assert page.locator("h1").inner_text() == "Huyện Tân Yên"
    page.go_back()
    assert page.url.endswith("/index.html")
    assert tab.errors == []


def test_a_unit_page_in_a_browser(cli: Cli, repo: Path, browser: Any, tmp_path: Path) -> None:
    build(cli, repo / "public", "--lang", "vi,en")
    checked = json.loads(cli("tan-yen", "--as-of", AS_OF, "-f", "json").out)
    for width, height, name in ((1280, 900, "unit-desktop.png"), (390, 844, "unit-phone.png")):
        tab = Page(browser, width, height)
        page = tab.open(repo / "public" / "units" / "tan-yen.html")
        s = checked["summary"]
        assert f"{s['met']}/{s['total']}" in page.locator(".verdict").inner_text()
        gaps = page.locator('section[aria-labelledby="gaps-h"] tbody tr')
        unmet = [i["id"] for i in checked["indicators"] if i["status"] in ("unmet", "no_data")]
        assert [gaps.nth(i).locator("th").inner_text() for i in range(gaps.count())] == unmet
        assert page.locator(".history svg circle").count() == len(DATES)
        assert page.locator(".actions li.late").count() == s["overdue_actions"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        _shot(page, name, tmp_path)
        assert tab.errors == []
    tab = Page(browser, 1280, 900)
    page = tab.open(repo / "public" / "units" / "tan-yen.html")
    page.locator('nav a[hreflang="en"]').click()
    assert page.url.endswith("/en/units/tan-yen.html")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Tân Yên district" in page.locator("h1").inner_text()
    page.locator('section[aria-labelledby="gaps-h"] a').first.click()
    assert "/en/departments/" in page.url and tab.errors == []


def test_hostile_text_renders_as_text_in_a_browser(cli: Cli, hostile: Path, browser: Any) -> None:
    build(cli, hostile / "public", "--lang", "vi,en")
    for width in (1280, 390):
        tab = Page(browser, width, 900)
        page = tab.open(hostile / "public" / "units" / "tan-yen.html")
        assert page.locator("h1").inner_text() == SCRIPT
        assert page.locator("img").count() == 0 and page.locator("script").count() == 1
        assert page.get_by_text(IMG.strip('"'), exact=False).count() >= 1
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        overview = tab.open(hostile / "public" / "index.html")
        assert overview.locator('#tiles .tile[data-unit="tan-yen"] h3').inner_text() == SCRIPT
        en = tab.open(hostile / "public" / "en" / "units" / "tan-yen.html")
        assert en.locator("h1").inner_text() == "javascript:alert(1)"
        assert en.locator('a[href^="javascript"]').count() == 0
        assert tab.errors == []


def test_a_rebuild_judges_the_history_of_changed_units_only(
    cli: Cli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ntm_check.run.site import SiteHistories
    from tests.test_diff_history import git

    judged: list[str | None] = []
    real = SiteHistories.history

    def counted(self: SiteHistories, unit: str | None) -> Any:
        judged.append(unit)
        return real(self, unit)

    monkeypatch.setattr(SiteHistories, "history", counted)
    monkeypatch.setenv("NTM_CHECK_CACHE_DIR", str(repo / ".cache"))
    for out in ("one", "two"):
        assert cli("site", "-o", out, "--as-of", AS_OF, "-j", "1").code == 0
    assert sorted(u for u in judged if u) == ["tan-yen", "xa-thu", "yen-the"]  # once each
    judged.clear()
    path = repo / "districts" / "yen-the.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("as_of: 2025-03-31",
                                                             "as_of: 2025-04-30"),
                    encoding="utf-8")  # fmt: skip
    git(repo, "commit", "-q", "-am", "a fourth assessment", date="2025-05-01T12:00:00")
    assert cli("site", "-o", "three", "--as-of", AS_OF, "-j", "1").code == 0
    assert judged == ["yen-the"]
    page = (repo / "three" / "units" / "yen-the.html").read_text(encoding="utf-8")
    assert page.count('class="dot"') == len(DATES) + 1


def test_an_invalid_units_row_says_its_errors_beside_its_verdict(cli: Cli, repo: Path) -> None:
    # as status does: the error count beside "hồ sơ lỗi", not under the assessment date; and
    # its counts and date sort as unknown, not as a unit with no gaps and no overdue action
    import re

    (repo / "districts" / "hong.yaml").write_text("id: hong\nname: [unclosed\n", "utf-8")
    build(cli, repo / "public")
    html = (repo / "public" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<tr data-unit="hong".*?</tr>', html, re.S)
    assert found is not None
    cells = re.findall(r"<td([^>]*)>(.*?)</td>", found.group(0), re.S)
    assert cells[2][1] == "hồ sơ lỗi: 1 lỗi (xem validate)"
    assert [text for _, text in cells[3:]] == ["—"] * 4
    assert all(attrs.strip() == 'data-sort=""' for attrs, _ in cells[3:])


def test_the_weakest_criterion_reads_and_sorts_as_status_says_it(cli: Cli, repo: Path) -> None:
    import re

    build(cli, repo / "public")
    status = json.loads(cli("status", "--as-of", AS_OF, "--no-cache", "-f", "json").out)
    html = (repo / "public" / "index.html").read_text(encoding="utf-8")
    for unit in status["units"]:
        w = unit["weakest_criterion"]
        row = re.search(rf'<tr data-unit="{unit["id"]}".*?</tr>', html, re.S)
        assert row is not None
        attrs, text = re.findall(r"<td([^>]*)>(.*?)</td>", row.group(0), re.S)[3]
        if w is None:
            assert (text, attrs.strip()) == ("—", 'data-sort="100"')
        else:
            assert text == f"{w['number']}. {w['name']} ({w['met']}/{w['applicable']})"
            share = round(100 * w["met"] / w["applicable"])
            assert attrs.strip() == f'data-sort="{share}"'  # by its share met, not its name
