"""The hostile-input guarantee on the surfaces beside the YAML path: folders of units, ids and
paths people type, the files written (-o), the site's folder, what reaches a terminal.

Every case is made by the test; each ends with exit 1 or 2 and a located or named message,
never a traceback or exit 3, never a hang, and leaves every input as it was.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped criteria and units, as the current directory."""
    for folder in ("criteria", "districts"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _clean(result_err: str, result_out: str = "") -> None:
    assert "Traceback" not in result_err + result_out
    assert "internal error" not in result_err


@pytest.mark.parametrize("kind", ["fifo", "dangling", "loop", "device"])
def test_what_is_not_a_file_in_the_units_folder_is_an_error_for_every_command(
    kind: str, project: Path, cli: Cli
) -> None:
    odd = project / "districts" / f"odd-{kind}.yaml"
    if kind == "fifo":
        os.mkfifo(odd)
    elif kind == "dangling":
        odd.symlink_to(project / "nowhere.yaml")
    elif kind == "loop":
        odd.symlink_to(odd)
    else:
        odd.symlink_to("/dev/zero")
    validated = cli("validate", "--as-of", "2024-11-01")
    assert validated.code == 1, validated.err  # never skipped in silence (it passed with 0)
    assert f"districts/odd-{kind}.yaml:1:1: [error]" in validated.out
    status = cli("status", "--as-of", "2024-11-01", "--no-cache")
    assert status.code == 1 and f"districts/odd-{kind}.yaml:1:1: [error]" in status.err
    _clean(validated.err + status.err)


@pytest.mark.parametrize("command", [[], ["report"], ["history"], ["export", "-o", "x.xlsx"]])
def test_a_unit_id_thousands_of_characters_long_is_refused(
    command: list[str], project: Path, cli: Cli
) -> None:
    result = cli(*command[:1], "a" * 5000, *command[1:])
    assert result.code == 2, result.err
    assert "is 5000 characters long; at most 80" in result.err
    assert len(result.err) < 1000  # the id is not dumped back whole
    _clean(result.err)


@pytest.mark.parametrize("command", [["check"], ["validate"], ["status"], ["diff"]])
def test_a_path_whose_name_is_too_long_is_refused(
    command: list[str], project: Path, cli: Cli
) -> None:
    long = "b" * 300 + ".yaml"
    result = cli(*command, long, *(["districts/tan-yen.yaml"] if command == ["diff"] else []))
    assert result.code in (1, 2), result.err
    _clean(result.err, result.out)


def test_an_output_name_too_long_is_refused_before_any_work(project: Path, cli: Cli) -> None:
    result = cli("report", "tan-yen", "-o", "c" * 300 + ".md")
    assert result.code == 2 and "a name is over 255 bytes" in result.err
    _clean(result.err)


def test_report_and_validate_never_replace_a_file_without_force(project: Path, cli: Cli) -> None:
    for command in (["report", "tan-yen"], ["validate", "-f", "junit"]):
        target = project / "kept.txt"
        target.write_text("edited by hand\n", encoding="utf-8")
        refused = cli(*command, "-o", str(target), "--as-of", "2024-11-01")
        assert refused.code == 2 and "add --force" in refused.err, command
        assert target.read_text(encoding="utf-8") == "edited by hand\n"
        forced = cli(*command, "-o", str(target), "--as-of", "2024-11-01", "--force")
        assert forced.code in (0, 1), forced.err
        assert target.read_text(encoding="utf-8") != "edited by hand\n"


def test_a_fifo_or_a_device_is_never_written_over_even_with_force(project: Path, cli: Cli) -> None:
    fifo = project / "out.md"
    os.mkfifo(fifo)
    device = project / "null.xml"
    device.symlink_to("/dev/null")  # as root, a rename over it would replace the device
    for target, command in ((fifo, ["report", "tan-yen"]),
                            (device, ["validate", "-f", "junit"])):  # fmt: skip
        result = cli(*command, "-o", str(target), "--force", "--as-of", "2024-11-01")
        assert result.code == 2 and "is not a regular file" in result.err, result.err
        _clean(result.err)
    assert Path("/dev/null").is_char_device()
    assert not list(project.glob(".*tmp"))


def test_a_binary_format_needs_its_suffix_and_a_file(project: Path, cli: Cli) -> None:
    wrong = cli("report", "tan-yen", "-f", "docx", "-o", "report.md")
    assert wrong.code == 2 and "-o must be a file name ending in .docx" in wrong.err
    assert not (project / "report.md").exists()
    # an existing file of another kind: its name is refused, never "add --force"
    (project / "report.md").write_text("# notes\n", encoding="utf-8")
    existing = cli("report", "tan-yen", "-f", "docx", "-o", "report.md")
    assert existing.code == 2 and "--force" not in existing.err, existing.err
    assert (project / "report.md").read_text(encoding="utf-8") == "# notes\n"
    dash = cli("report", "tan-yen", "-o", "-", "--as-of", "2024-11-01")
    assert dash.code == 1 and dash.out.startswith("# ")
    assert not (project / "-").exists()  # standard output, never a file named "-"


def test_site_never_walks_a_folder_it_did_not_write(project: Path, cli: Cli) -> None:
    pytest.importorskip("jinja2")
    other = project / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("someone's notes\n", encoding="utf-8")
    result = cli("site", "-o", str(other), "--as-of", "2024-11-01")
    assert result.code == 2 and "did not write" in result.err
    assert (other / "mine.txt").read_text(encoding="utf-8") == "someone's notes\n"
    root = cli("site", "-o", "/", "--as-of", "2024-11-01")  # refused at once, nothing walked
    assert root.code == 2 and "did not write" in root.err
    _clean(result.err + root.err)


def test_site_does_not_publish_an_evidence_file_linked_from_elsewhere(
    project: Path, cli: Cli, tmp_path_factory: pytest.TempPathFactory
) -> None:
    pytest.importorskip("jinja2")
    elsewhere = tmp_path_factory.mktemp("private") / "tan-yen.yaml"
    shutil.move(project / "districts" / "tan-yen.yaml", elsewhere)
    (project / "districts" / "tan-yen.yaml").symlink_to(elsewhere)
    result = cli("site", "-o", "public", "--as-of", "2024-11-01")
    assert result.code == 0, result.err
    assert not list((project / "public").rglob("files/*.yaml"))


def test_control_sequences_in_a_files_text_never_reach_the_terminal(
    project: Path, cli: Cli
) -> None:
    unit = (project / "districts" / "tan-yen.yaml").read_text(encoding="utf-8")
    evil = unit.replace("id: tan-yen\n", "id: evil\n").replace('code: "216"\n', "")
    evil = evil.replace("name: {vi: Huyện Tân Yên", 'name: {vi: "Huyện \\e]0;pwned\\a\\e[2J Tân"')
    assert "pwned" in evil
    (project / "districts" / "evil.yaml").write_text(evil, encoding="utf-8")
    for args in (["evil"], ["evil", "--color"], ["report", "evil"], ["status"],
                 ["evil", "-f", "markdown"], ["status", "-f", "markdown"]):  # fmt: skip
        result = cli(*args, "--as-of", "2024-11-01", "--lang", "vi")
        assert "pwned" in result.out, args
        assert "\x1b]" not in result.out + result.err and "\x07" not in result.out, args
        assert "\x1b[2J" not in result.out + result.err, args
        assert "\\x1b]0;pwned" in result.out, args  # shown, not acted on


def test_a_terminated_site_build_leaves_no_half_written_folder(project: Path) -> None:
    pytest.importorskip("jinja2")
    script = (
        "import sys, time\n"
        "import ntm_check.output as out\n"
        "fill = out._fill\n"
        "def slow(*args):\n"
        "    fill(*args); print('filled', flush=True); time.sleep(30)\n"
        "out._fill = slow\n"
        "from ntm_check.cli import main\n"
        "main(['site', '-o', 'public', '--as-of', '2024-11-01', '--jobs', '1'])\n"
    )
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as child:  # fmt: skip
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "filled"
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=30)
    assert child.returncode == 130, err
    assert not (project / "public").exists()
    assert not [p.name for p in project.iterdir() if p.name.startswith(".public")]


def _unit_named(project: Path, unit_id: str, name: str) -> None:
    text = (project / "districts" / "tan-yen.yaml").read_text(encoding="utf-8")
    text = text.replace("id: tan-yen\n", f"id: {unit_id}\n").replace('code: "216"\n', "")
    text = text.replace("name: {vi: Huyện Tân Yên", f'name: {{vi: "{name}"')
    (project / "districts" / f"{unit_id}.yaml").write_text(text, encoding="utf-8")


def test_office_files_hold_a_control_character_and_a_long_name(project: Path, cli: Cli) -> None:
    pytest.importorskip("openpyxl")
    docx = pytest.importorskip("docx")
    import openpyxl

    _unit_named(project, "ctl", "Huyện \\x01 Tân Yên")
    _unit_named(project, "long", "Huyện " + "Tân Yên " * 40)
    for unit in ("ctl", "long"):
        book = cli("export", unit, "-o", f"{unit}.xlsx", "--as-of", "2024-11-01", "-l", "vi")
        word = cli("report", unit, "-f", "docx", "-o", f"{unit}.docx", "--as-of", "2024-11-01",
                   "-l", "vi")  # fmt: skip
        assert book.code == 0 and word.code == 1, book.err + word.err
        _clean(book.err + word.err)
    cells = [c.value for ws in openpyxl.load_workbook("ctl.xlsx").worksheets
             for row in ws.iter_rows() for c in row if isinstance(c.value, str)]  # fmt: skip
    assert any("\\x01" in c for c in cells)
    assert any("\\x01" in p.text for p in docx.Document("ctl.docx").paragraphs)
    assert len(docx.Document("long.docx").core_properties.title) <= 255


def test_a_text_no_excel_cell_can_hold_is_refused_not_cut(project: Path, cli: Cli) -> None:
    pytest.importorskip("openpyxl")
    _unit_named(project, "huge", "Huyện " + "Tân Yên " * 5000)
    result = cli("export", "huge", "-o", "huge.xlsx", "--as-of", "2024-11-01")
    assert result.code == 2
    assert "an Excel cell holds at most 32,767: shorten it in the evidence file" in result.err
    assert not (project / "huge.xlsx").exists()
    _clean(result.err)


@pytest.mark.parametrize(
    "args",
    [["criteria", "show", "a" * 5000], ["export", "--template", "a" * 5000, "-o", "q.xlsx"],
     ["tan-yen", "--criteria", "/tmp/" + "a" * 5000]],
)  # fmt: skip
def test_a_set_id_or_folder_too_long_is_no_internal_error(
    args: list[str], project: Path, cli: Cli
) -> None:
    if args[0] == "export":
        pytest.importorskip("openpyxl")
    result = cli(*args)
    assert result.code == 2, result.err
    _clean(result.err)


def test_a_text_format_is_never_written_under_a_word_files_name(project: Path, cli: Cli) -> None:
    result = cli("report", "tan-yen", "-o", "x.docx")
    said = "a Word or Excel file's name, but report writes the markdown report"
    assert result.code == 2 and said in result.err
    assert not (project / "x.docx").exists()


def test_history_says_what_a_fifo_is(project: Path, cli: Cli) -> None:
    os.mkfifo(project / "districts" / "ff.yaml")
    result = cli("history", "ff")
    assert result.code == 2 and "(not-a-file)" in result.err


def test_the_sites_pages_and_csv_show_control_characters_and_defuse_formulas(
    project: Path, cli: Cli
) -> None:
    pytest.importorskip("jinja2")
    _unit_named(project, "evil", "=HYPERLINK(\\e]0;pwned\\a)")
    result = cli("site", "-o", "public", "--as-of", "2024-11-01", "-l", "vi")
    assert result.code == 0, result.err
    written = [p for p in (project / "public").rglob("*") if p.suffix in (".html", ".csv")]
    assert written
    for page in written:
        text = page.read_text(encoding="utf-8-sig")
        assert "\x1b" not in text and "\x07" not in text, page
    tables = "".join(p.read_text(encoding="utf-8-sig") for p in written if p.suffix == ".csv")
    assert "'=HYPERLINK(\\x1b]0;pwned\\x07)" in tables  # shown, and never run as a formula
