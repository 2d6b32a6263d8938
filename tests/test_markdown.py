"""Markdown gap report (``ntm-check report``) and its short form (``--format markdown``)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, GOLDEN, Cli, update_golden

CRIT = str(FIXTURES / "criteria")
MIXED = str(FIXTURES / "districts" / "mixed.yaml")

GOLDEN_CASES = {
    # judged on a date with overdue actions, so that every overdue mark is pinned
    "tan-yen.report.vi.md": ["report", "tan-yen", "--as-of", "01/11/2024"],
    "tan-yen.report.en.md": ["report", "tan-yen", "--lang", "en", "--as-of", "2024-11-01"],
    "tan-yen.short.vi.md": ["tan-yen", "--format", "markdown", "--as-of", "2024-04-05"],
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden_markdown(name: str, cli: Cli, in_repo: Path) -> None:
    result = cli(*GOLDEN_CASES[name])
    assert result.code == 1, result.err
    path = GOLDEN / name
    if update_golden():
        path.write_text(result.out, encoding="utf-8")
    assert result.out == path.read_text(encoding="utf-8")


def table_blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def columns(row: str) -> int:
    """Cells in a markdown table row, not counting escaped pipes."""
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def check_tables(text: str) -> int:
    blocks = table_blocks(text)
    for block in blocks:
        widths = {columns(row) for row in block}
        assert len(widths) == 1, block
        assert re.fullmatch(r"\|(---\|)+", block[1]), block[1]
    return len(blocks)


@pytest.mark.parametrize("args", [*GOLDEN_CASES.values(), ["report", "tan-yen", "--lang", "en"]])
def test_every_table_has_a_consistent_column_count(
    args: list[str], cli: Cli, in_repo: Path
) -> None:
    assert check_tables(cli(*args).out) >= 1


def test_pipes_in_text_are_escaped(cli: Cli, tmp_path: Path) -> None:
    crit = tmp_path / "criteria"
    crit.mkdir()
    text = (FIXTURES / "criteria" / "mini-set.yaml").read_text(encoding="utf-8")
    text = text.replace("{vi: Mô hình xã thông minh,", '{vi: "Mô hình | xã thông minh",')
    (crit / "mini-set.yaml").write_text(text, encoding="utf-8")
    for args in (["report", MIXED], [MIXED, "--format", "markdown"]):
        out = cli(*args, "--criteria", str(crit)).out
        assert "Mô hình \\| xã thông minh" in out
        check_tables(out)


def test_html_in_text_is_shown_as_typed_never_passed_through(cli: Cli, tmp_path: Path) -> None:
    evil = '"><img src=x onerror=alert(1)> & <script>alert(2)</script>'
    crit = tmp_path / "criteria"
    crit.mkdir()
    text = (FIXTURES / "criteria" / "mini-set.yaml").read_text(encoding="utf-8")
    text = text.replace("{vi: Mô hình xã thông minh,", f"{{vi: '{evil}',")
    (crit / "mini-set.yaml").write_text(text, encoding="utf-8")
    for args in (["report", MIXED], [MIXED, "--format", "markdown"]):
        out = cli(*args, "--criteria", str(crit)).out
        assert "<img" not in out and "<script" not in out
        assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;" in out
        check_tables(out)


@pytest.mark.parametrize(
    ("as_of", "task", "overdue"),
    [
        ("2024-06-30", "Mở rộng cấp nước", True),  # due 29/6
        ("2024-06-30", "Đúng hạn", False),  # due 30/6: the deadline day itself is on time
        ("2024-07-01", "Đúng hạn", True),
    ],
)
def test_overdue_at_the_boundary_date(as_of: str, task: str, overdue: bool, cli: Cli) -> None:
    out = cli("report", MIXED, "--criteria", CRIT, "--as-of", as_of).out
    line = next(ln for ln in out.splitlines() if task in ln and ln[:1].isdigit())
    assert ("QUÁ HẠN" in line) is overdue


def test_deadlines_are_never_judged_before_the_assessment_date(cli: Cli) -> None:
    refused = cli("report", MIXED, "--criteria", CRIT, "--as-of", "29/6/2024")
    assert refused.code == 2
    assert refused.out == ""
    assert ":7:8: [error] không thể xét hạn tại ngày 29/6/2024, trước thời điểm đánh giá " in (
        refused.err
    )


def test_report_sections_in_order(cli: Cli) -> None:
    out = cli("report", MIXED, "--criteria", CRIT, "--lang", "en").out
    headings = [ln for ln in out.splitlines() if ln.startswith("## ")]
    assert headings == [
        "## Progress by criterion",
        "## Indicators not met (6)",
        "## Actions by lead owner",
        "## Annex: all indicators",  # no notes: the one reason is 1.3's "current" text
    ]
    assert (
        "**Result: 0/6 applicable indicators met (0%) · 1 not applicable — does not yet meet "
        "the standard**"
    ) in out
    assert "0.5 percentage points short" in out  # 84.5 % against the province's 85 %
    assert "10 percentage points short" in out  # 9 of 10 communes against 100 %


def test_footer_hashes_every_input(cli: Cli, tmp_path: Path) -> None:
    import hashlib

    out = cli("report", MIXED, "--criteria", CRIT).out
    for path in (Path(MIXED), FIXTURES / "criteria" / "mini-set.yaml"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert f"`{path.as_posix()}`: `{digest}`" in out


def test_output_file_written_atomically_and_inputs_protected(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "gap.md"
    result = cli("report", MIXED, "--criteria", CRIT, "-o", str(target))
    assert result.code == 1
    assert target.read_text(encoding="utf-8").startswith("# Báo cáo chỉ tiêu còn thiếu")
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind
    before = Path(MIXED).read_bytes()
    refused = cli("report", MIXED, "--criteria", CRIT, "-o", MIXED)
    assert refused.code == 2 and "thêm --force để ghi đè" in refused.err  # it exists
    forced = cli("report", MIXED, "--criteria", CRIT, "-o", MIXED, "--force")
    assert forced.code == 2
    assert "không ghi đè lên tệp đầu vào" in forced.err  # --force never replaces an input
    assert Path(MIXED).read_bytes() == before


def test_output_file_gets_the_permissions_a_plain_write_would(cli: Cli, tmp_path: Path) -> None:
    import os
    import stat

    new, kept = tmp_path / "new.md", tmp_path / "kept.md"
    kept.write_text("old report\n", encoding="utf-8")
    kept.chmod(0o640)
    umask = os.umask(0o022)
    try:
        for target in (new, kept):
            assert cli("report", MIXED, "--criteria", CRIT, "-o", str(target), "--force").code == 1
    finally:
        os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644  # not mkstemp's owner-only 0o600
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640  # the replaced file's own mode
    assert kept.read_text(encoding="utf-8").startswith("# Báo cáo")


def test_a_report_is_never_written_over_an_existing_file_without_force(
    cli: Cli, tmp_path: Path
) -> None:
    target = tmp_path / "gap.md"
    target.write_text("a report edited by hand\n", encoding="utf-8")
    refused = cli("report", MIXED, "--criteria", CRIT, "-o", str(target), "--lang", "en")
    assert (
        refused.code == 2 and "exists (it may have been edited by hand): add --force" in refused.err
    )
    assert target.read_text(encoding="utf-8") == "a report edited by hand\n"
    assert list(tmp_path.iterdir()) == [target]


def test_interrupted_write_keeps_the_old_report(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ntm_check.output

    target = tmp_path / "gap.md"
    target.write_text("old report\n", encoding="utf-8")

    def crash(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ntm_check.output.os, "fsync", crash)  # type: ignore[attr-defined]
    result = cli("report", MIXED, "--criteria", CRIT, "-o", str(target), "--force")
    assert result.code == 130
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert list(tmp_path.iterdir()) == [target]


def test_a_full_disk_or_a_missing_folder_is_said_in_vietnamese_and_keeps_the_old_report(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import ntm_check.output

    missing = cli("report", MIXED, "--criteria", CRIT, "-o", str(tmp_path / "no" / "gap.md"))
    assert missing.code == 2 and "không ghi được: không có thư mục này" in missing.err
    assert "No such file" not in missing.err.split("‖")[0]
    target = tmp_path / "gap.md"
    target.write_text("old report\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ntm_check.output.os, "fsync", full)  # type: ignore[attr-defined]
    result = cli("report", MIXED, "--criteria", CRIT, "-o", str(target), "--force")
    assert result.code == 2 and "Traceback" not in result.err
    assert f"{target}: không ghi được: ổ đĩa đã đầy" in result.err
    english = cli("report", MIXED, "--criteria", CRIT, "-o", str(target), "--lang", "en",
                  "--force")  # fmt: skip
    assert f"{target}: cannot write: No space left on device" in english.err
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert list(tmp_path.iterdir()) == [target]


def test_every_reason_and_note_reaches_every_human_output(cli: Cli, in_repo: Path) -> None:
    import yaml

    data = yaml.safe_load((in_repo / "districts" / "tan-yen.yaml").read_text(encoding="utf-8"))
    texts = {
        " ".join(str(item[key]).split())
        for item in data["indicators"].values()
        for key in ("reason", "note")
        if key in item
    }
    assert len(texts) >= 5
    outputs = {
        "table": cli("tan-yen", "--no-color", "--as-of", "2024-04-05").out,
        "report": cli("report", "tan-yen", "--as-of", "2024-04-05").out,
    }
    for name, out in outputs.items():
        flat = " ".join(out.replace("\n", " ").split())
        for text in texts:
            assert text in flat, (name, text)
    short = " ".join(cli("tan-yen", "-f", "markdown", "--as-of", "2024-04-05").out.split())
    unmet = {k for k, v in data["indicators"].items() if v.get("status") == "unmet"}
    for item_id in unmet:
        item = data["indicators"][item_id]
        for key in ("reason", "note"):
            if key in item:
                assert " ".join(str(item[key]).split()) in short, item_id


def test_short_form_shows_the_value_and_the_gap_in_their_own_columns(cli: Cli) -> None:
    out = cli(MIXED, "--criteria", CRIT, "-f", "markdown", "--as-of", "2024-06-30").out
    row = next(line for line in out.splitlines() if line.startswith("| 1.2 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    headers = [c.strip() for c in out.split("\n| Mã |", 1)[1].split("\n")[0].strip("|").split("|")]
    by_header = dict(zip(["Mã", *headers], cells, strict=True))
    assert by_header["Hiện trạng"] == "84,5%"
    assert by_header["Còn thiếu"] == "còn thiếu 0,5 điểm phần trăm"


def test_each_action_is_listed_once_under_its_lead_owner(cli: Cli, in_repo: Path) -> None:
    import yaml

    data = yaml.safe_load((in_repo / "districts" / "tan-yen.yaml").read_text(encoding="utf-8"))
    out = cli("report", "tan-yen", "--as-of", "2024-11-01").out
    for action in data["actions"]:
        task = action["task"]["vi"] if isinstance(action["task"], dict) else action["task"]
        assert out.count(" ".join(task.split())) == 1, task
    assert "### UBND huyện Tân Yên (chủ trì)" in out
    owners = {a["owner"] for a in data["actions"]}
    assert out.count("(chủ trì)\n") == len(owners)
    assert "tb-2024-04-05" not in out  # documents are cited as officials cite them
    assert "văn bản ngày 05/4/2024 của Văn phòng UBND tỉnh Bắc Giang" in out
    assert "- Nhiệm vụ liên quan: nhiệm vụ " in out  # a gap refers to its actions by number


def test_a_unit_without_gaps_still_gets_its_actions_and_overdue_marks(
    cli: Cli, tmp_path: Path
) -> None:
    text = (FIXTURES / "districts" / "all-met.yaml").read_text(encoding="utf-8")
    path = tmp_path / "all-met.yaml"
    path.write_text(text.replace("done: true", "done: false"), encoding="utf-8")
    out = cli("report", str(path), "--criteria", CRIT, "--as-of", "2030-01-01").out
    assert "Không còn chỉ tiêu chưa đạt." in out
    assert "**QUÁ HẠN**" in out


def test_a_files_text_never_becomes_a_link_or_an_image(cli: Cli, tmp_path: Path) -> None:
    # Rendered by a real markdown renderer (markdown-it, which rich brings): a unit's name and
    # note written as a link and an image stay text in status, check and report, so a CI job
    # summary never fetches an image from elsewhere (a tracking pixel).
    from markdown_it import MarkdownIt

    from tests.conftest import ROOT

    hostile = "[bấm](https://evil.example) ![p](https://evil.example/p.png)"
    root = tmp_path / "p"
    (root / "districts").mkdir(parents=True)
    shutil.copytree(ROOT / "criteria", root / "criteria")
    text = (ROOT / "districts" / "tan-yen.yaml").read_text(encoding="utf-8")
    text = text.replace("{vi: Huyện Tân Yên,", f'{{vi: "{hostile}",')
    text = text.replace('code: "216"\n', "")  # not the registry's name for the code
    note = next(line for line in text.splitlines() if line.startswith("  vi: Từ 01/7/2025"))
    text = text.replace(note, f'  vi: "{hostile}"', 1)
    # a reference defined where a list item starts (an action's task), used by the next one
    tasks = [line for line in text.splitlines() if line.startswith('      vi: "')][:2]
    text = text.replace(tasks[0], '      vi: "[r]: https://evil.example/r.png \\""', 1)
    text = text.replace('due_text: {vi: "ngay (không nêu ngày cụ thể)"', 'due_text: {vi: "\\""', 1)
    text = text.replace(tasks[1], '      vi: "xem ![x][r] và [r]"', 1)
    (root / "districts" / "tan-yen.yaml").write_text(text, encoding="utf-8")
    renderer = MarkdownIt("commonmark").enable("table")
    where = ["--districts", str(root / "districts"), "--as-of", "01/11/2024"]
    for args in (["tan-yen", "-f", "markdown"], ["report", "tan-yen"],
                 ["status", str(root / "districts"), "-f", "markdown"]):  # fmt: skip
        result = cli(*args, *(where if args[0] != "status" else where[2:]))
        assert result.code == 1, (args, result.err)
        assert hostile.split("]", maxsplit=1)[0] in result.out  # the text is there
        html = renderer.render(result.out)
        assert "evil.example" in html and "<a href" not in html and "<img" not in html, args
