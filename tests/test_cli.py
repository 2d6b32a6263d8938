"""The command line as a user meets it: exit codes, default command, options, no tracebacks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from ntm_check import __version__
from ntm_check.app.formats import CHECK
from tests.conftest import FIXTURES, ROOT, Cli

# These tests read the English words of messages (NTM_CHECK_LANG=en);
# test_language.py holds the Vietnamese ones.
pytestmark = pytest.mark.usefixtures("english")

CRIT = str(FIXTURES / "criteria")


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert (result.code, result.out.strip()) == (0, f"ntm-check {__version__}")


def test_help_lists_commands_and_default(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    assert "check" in result.out
    assert "ntm-check UNIT" in result.out


def test_check_help_lists_every_registered_format(cli: Cli) -> None:
    result = cli("check", "--help")
    assert result.code == 0
    for name in CHECK.names:
        assert name in result.out


def test_exit_0_when_every_indicator_met(cli: Cli) -> None:
    result = cli(str(FIXTURES / "districts" / "all-met.yaml"), "--criteria", CRIT)
    assert result.code == 0, result.err
    assert "7/7" in result.out


def test_exit_1_when_an_indicator_is_not_met(cli: Cli) -> None:
    result = cli(str(FIXTURES / "districts" / "mixed.yaml"), "--criteria", CRIT)
    assert result.code == 1, result.err
    assert "0/6 applicable indicators met (0%) · 1 not applicable" in result.out


def test_default_command_equals_explicit_check(cli: Cli) -> None:
    path = str(FIXTURES / "districts" / "mixed.yaml")
    implicit = cli(path, "--criteria", CRIT, "--format", "json")
    explicit = cli("check", path, "--criteria", CRIT, "--format", "json")
    assert implicit.code == explicit.code == 1
    assert implicit.out == explicit.out


def test_options_before_the_district(cli: Cli) -> None:
    path = str(FIXTURES / "districts" / "mixed.yaml")
    result = cli("--format", "json", "--criteria", CRIT, path)
    assert result.code == 1
    assert json.loads(result.out)["district"]["id"] == "mixed"


def test_district_id_resolves_under_districts_dir(cli: Cli) -> None:
    result = cli("all-met", "--districts", str(FIXTURES / "districts"), "--criteria", CRIT)
    assert result.code == 0, result.err


def test_english_output(cli: Cli) -> None:
    path = str(FIXTURES / "districts" / "mixed.yaml")
    result = cli(path, "--criteria", CRIT, "--lang", "en")
    assert "Mixed district" in result.out
    assert "Not met" in result.out
    assert "value and declared status (Met) disagree" in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-district"], "no such file or directory (file-not-found)"),
        (["tests/.."], "is a directory"),
        (["a;rm -rf"], "neither a unit id"),
        (["$(reboot)"], "neither a unit id"),
        (["tan-yen", "--format", "xml"], "'xml' is not one of"),
        (["tan-yen", "--lang", "fr"], "'fr' is not one of"),
        (["tan-yen", "--as-of", "2024-02-30"], "is not a date"),
        (["tan-yen", "--frobnicate"], "no such option: --frobnicate"),
    ],
)
def test_usage_and_input_errors_exit_2(
    cli: Cli, in_repo: Path, args: list[str], message: str
) -> None:
    result = cli(*args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err + result.out


def test_missing_criteria_set_is_reported_at_the_evidence_line(cli: Cli, tmp_path: Path) -> None:
    path = FIXTURES / "districts" / "mixed.yaml"
    result = cli(str(path), "--criteria", str(tmp_path))
    assert result.code == 2
    assert f"{path}:6:15: [error] criteria set 'mini-set' not found" in result.err


def test_invalid_criteria_set_blocks_the_verdict(cli: Cli, tmp_path: Path) -> None:
    bad = (FIXTURES / "criteria" / "mini-set.yaml").read_text(encoding="utf-8")
    (tmp_path / "mini-set.yaml").write_text(
        bad.replace("indicator_count: 7", "indicator_count: 8"), encoding="utf-8"
    )
    result = cli(str(FIXTURES / "districts" / "mixed.yaml"), "--criteria", str(tmp_path))
    assert result.code == 2
    assert "declares 8 indicators but lists 7 (count-mismatch)" in result.err
    assert result.out == ""


def _python(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """This Python as a real process, from the repository root."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )


def _process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``ntm-check`` as a real process, from the repository root."""
    return _python("-m", "ntm_check", *args, env=env)


def test_installed_entry_point_runs_without_traceback(tmp_path: Path) -> None:
    """A real process, as CI and users run it."""
    proc = _process("tan-yen", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    doc = json.loads(proc.stdout)
    assert (doc["summary"]["met"], doc["summary"]["total"]) == (29, 38)


def test_a_real_process_flushes_all_output_and_keeps_exit_codes(cli: Cli, in_repo: Path) -> None:
    # The script ends with os._exit (no interpreter teardown): nothing may be lost on the way.
    for args, code in [
        (["report", "tan-yen", "--as-of", "2024-06-30"], 1),
        (["--help"], 0),
        (["tan-yen", "--frobnicate"], 2),
        (["validate", "--no-cache", "--strict", "--as-of", "2024-04-05"], 0),
    ]:
        proc = _process(*args)
        expected = cli(*args)
        assert (proc.returncode, proc.stdout, proc.stderr) == (code, expected.out, expected.err)


def test_a_real_process_leaves_its_cache_entries_committed(tmp_path: Path) -> None:
    import os
    import sqlite3

    env = {**os.environ, "NTM_CHECK_CACHE_DIR": str(tmp_path)}
    proc = _process("validate", "--as-of", "2024-04-05", env=env)
    assert proc.returncode == 0, proc.stderr
    with sqlite3.connect(tmp_path / "results.sqlite3") as db:
        (count,) = db.execute("SELECT count(*) FROM entries").fetchone()
    assert count == 2  # the shipped criteria set and Tân Yên


def test_version_imports_nothing_heavy() -> None:
    # The fast path of entry.py: --version must not pay for typer, pydantic, yaml or rich.
    code = (
        "import sys; sys.argv = ['ntm-check', '--version']; from ntm_check.entry import main; "
        "main(); heavy = ('typer', 'pydantic', 'yaml', 'rich'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    proc = _python("-c", code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"ntm-check {__version__}", "[]"]


def test_a_small_validation_run_starts_no_worker_machinery() -> None:
    # A pre-commit hook validates a few files: start-up is all it waits for, and
    # multiprocessing (~5 ms) is imported only when workers are worth starting.
    code = (
        "import sys; from ntm_check.cli import main\n"
        "sys.argv = ['ntm-check', 'validate', '--no-cache', '--as-of', '2024-04-05']\n"
        "try: main()\n"
        "except SystemExit as exc: print('exit', exc.code)\n"
        "print('multiprocessing' in sys.modules)"
    )
    proc = _python("-c", code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-2:] == ["exit 0", "False"]


def test_a_run_served_by_the_cache_parses_nothing(tmp_path: Path) -> None:
    # status over a province served by the cache reads and hashes every file but parses
    # none: PyYAML, pydantic and the engine stay unimported (a fifth of such a run's time)
    code = (
        "import sys; from ntm_check.cli import main\n"
        "sys.argv = ['ntm-check', 'status', '--as-of', '2024-04-05', '-f', 'json']\n"
        "try: main()\n"
        "except SystemExit as exc: print('exit', exc.code)\n"
        "heavy = ('yaml', 'pydantic', 'ntm_check.engine', 'ntm_check.load.sources')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    env = {**os.environ, "NTM_CHECK_CACHE_DIR": str(tmp_path)}
    cold = _python("-c", code, env=env)
    warm = _python("-c", code, env=env)
    assert cold.stdout.splitlines()[-1] != "[]"  # the first run parsed and judged
    assert warm.stdout.splitlines()[-2:] == ["exit 1", "[]"], warm.stderr


def test_a_unit_given_from_another_folder_finds_the_criteria_beside_it(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no criteria/ here
    by_path = cli(str(ROOT / "districts" / "tan-yen.yaml"), "--as-of", "2024-04-05")
    assert by_path.code == 1, by_path.err
    assert "29/38" in by_path.out
    by_folder = cli("tan-yen", "--districts", str(ROOT / "districts"), "--as-of", "2024-04-05")
    assert by_folder.code == 1, by_folder.err
    lone = tmp_path / "lone.yaml"
    lone.write_text((ROOT / "districts" / "tan-yen.yaml").read_text(encoding="utf-8"), "utf-8")
    missing = cli(str(lone), "--as-of", "2024-04-05")
    assert missing.code == 2
    assert "not found (looked in: criteria); point to it with --criteria DIR" in missing.err


@pytest.mark.parametrize(
    "command",
    [
        ["tanyen"],
        ["report", "tanyen"],
        ["history", "tanyen"],
        ["diff", "tanyen", "--rev", "HEAD"],
        ["units", "tanyen"],
    ],
)
def test_a_mistyped_unit_id_gets_the_nearest_one(
    cli: Cli, in_repo: Path, command: list[str]
) -> None:
    if command[0] == "units":
        pytest.importorskip("vietnamadminunits")  # units reads the registry first
    result = cli(*command)
    assert result.code == 2
    assert "hint: did you mean 'tan-yen'?" in result.err


def test_an_unknown_unit_id_is_answered_with_the_units_there_are(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # nothing near it, but districts/ is there: name what it holds, not "run from the folder
    # that holds districts/" (the user is in it); without districts/, that advice
    monkeypatch.chdir(tmp_path)
    (tmp_path / "districts").mkdir()
    for unit in ("yen-the", "tan-yen"):
        (tmp_path / "districts" / f"{unit}.yaml").write_text("id: x\n", encoding="utf-8")
    result = cli("no-such-unit", "--lang", "en")
    assert result.code == 2
    assert "hint: districts/ holds 2 unit(s): tan-yen, yen-the (ntm-check list lists them)" in (
        result.err
    )
    shutil.rmtree(tmp_path / "districts")
    lost = cli("no-such-unit", "--lang", "en")
    assert "run from the folder that holds districts/" in lost.err


@pytest.mark.parametrize(
    ("command", "otherwise"),
    [
        (["status"], ("dùng --districts PATH", "pass --districts PATH")),
        (["list"], ("ntm-check list PATH...", "ntm-check list PATH...")),
        (["site", "-o", "public"], ("dùng --districts PATH", "pass --districts PATH")),
    ],
)
def test_a_project_command_run_from_an_empty_folder_says_what_is_missing(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str],
    otherwise: tuple[str, str],
) -> None:  # fmt: skip
    """No districts/ here: said as such, with how to run the command instead; not a file's
    error at line 1, column 1 of a folder that does not exist."""
    monkeypatch.chdir(tmp_path)
    if command[0] == "site":
        pytest.importorskip("jinja2")
    said = {
        "vi": ("không có thư mục ", "districts/ ở đây", "gợi ý: chạy từ thư mục của dự án"),
        "en": ("there is no ", "districts/ folder here", "hint: run from the project's folder"),
    }
    for (lang, words), how in zip(said.items(), otherwise, strict=True):
        result = cli(*command, "--lang", lang)
        assert result.code == 2, result.err
        assert all(w in result.err for w in (*words, how)), result.err
        assert ":1:1" not in result.err and "file-not-found" not in result.err, result.err
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_unit_file_named_otherwise_than_its_id_is_flagged(cli: Cli, tmp_path: Path) -> None:
    text = (FIXTURES / "districts" / "all-met.yaml").read_text(encoding="utf-8")
    path = tmp_path / "huyen-a.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("validate", str(path), "--criteria", CRIT, "--no-cache", "--as-of", "2024-07-01")
    assert "unit 'all-met' should live in all-met.yaml" in result.out
    assert "(file-name-mismatch)" in result.out


def test_the_program_help_in_english_with_lang_before_or_after(cli: Cli) -> None:
    for args in (["--lang", "en", "--help"], ["--help", "--lang", "en"]):
        result = cli(*args)
        assert result.code == 0
        assert "Commands:" in result.out and "Usage: ntm-check [OPTIONS] COMMAND" in result.out


def test_status_names_files_without_a_verdict_and_refuses_a_missing_path(
    cli: Cli, tmp_path: Path
) -> None:
    from tests.conftest import CASES

    tree = CASES / "validate-tree"
    result = cli("status", str(tree / "districts"), "--criteria", str(tree / "criteria"),
                 "--no-cache", "--as-of", "2024-07-01")  # fmt: skip
    assert result.code == 1
    assert "c.yaml:3:1: [error]" in result.err
    assert "warning(s) (ntm-check validate lists each)" in result.err
    missing = cli("status", str(tmp_path / "nope"), "--no-cache")
    assert missing.code == 2
    assert "no such file or directory (file-not-found)" in missing.err


def test_json_of_a_file_without_a_verdict_is_still_a_document(cli: Cli) -> None:
    from tests.conftest import CASES

    path = CASES / "evidence" / "yaml-syntax.yaml"
    result = cli(str(path), "--criteria", CRIT, "-f", "json")
    assert result.code == 2
    doc = json.loads(result.out)
    assert doc["summary"] is None and doc["unit"] is None
    assert [d["code"] for d in doc["diagnostics"]] == ["yaml-syntax"]
    assert f"{path}:9:1: [error]" in result.err


def test_each_command_is_built_alone_and_root_help_lists_them_all(cli: Cli) -> None:
    from ntm_check.cli import COMMANDS, _app_for, app

    def built(program: typer.Typer) -> list[str | None]:  # commands and groups (criteria …)
        return [c.name for c in program.registered_commands] + [
            g.name for g in program.registered_groups
        ]

    assert set(built(app)) == set(COMMANDS)
    for name in COMMANDS:
        assert built(_app_for(name)) == [name]
    assert _app_for(None) is app
    listed = cli("--help", "--lang", "en").out
    assert all(name in listed for name in COMMANDS)


def test_the_language_may_come_before_the_command(cli: Cli) -> None:
    for lead in (["--lang", "en"], ["-l", "en"], ["--lang=en"]):
        listed = cli(*lead, "list")
        assert listed.code == 0 and "Criteria sets" in listed.out, lead
        checked = cli(*lead, "tan-yen", "--as-of", "2024-11-01")
        assert checked.code == 1 and "Not met" in checked.out, lead
    assert "Usage: ntm-check [OPTIONS] COMMAND" in cli("--lang", "en", "--help").out


def test_the_language_may_come_before_a_groups_command(cli: Cli) -> None:
    """``criteria`` holds commands of its own: the language goes to the one run."""
    ways = (
        ["--lang", "en", "criteria", "list"],
        ["criteria", "-l", "en", "list"],
        ["--lang=en", "criteria", "list"],
        ["criteria", "list", "--lang", "en"],
    )
    for args in ways:
        listed = cli(*args)
        assert listed.code == 0 and listed.out.startswith("Set "), args
    helped = cli("--lang", "en", "criteria", "--help")
    assert helped.code == 0 and "Criteria sets: list, show" in helped.out


def test_history_of_a_unit_with_no_file_is_located_not_an_os_error(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no districts/ at all
    result = cli("history", "tan-yen", "--lang", "en")
    assert result.code == 2
    assert "districts/tan-yen.yaml:1:1: [error] no such file (file-not-found)" in result.err
    assert "Errno" not in result.err and "PosixPath" not in result.err


def test_status_and_validate_leave_their_results_for_the_scripts_end(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The script ends the process without freeing anything (entry.exit_now); the province-wide
    # commands leave their results to it rather than free them object by object first (~10 ms
    # of a cached status). Called without a list to keep them in, main frees them as usual.
    from ntm_check import entry
    from ntm_check.cli import main
    from ntm_check.run.results import RunResult
    from ntm_check.run.status import Status

    monkeypatch.chdir(ROOT)
    for args, kinds in (
        (["status", "-f", "json"], {RunResult, Status}),
        (["validate", "-q"], {RunResult}),
    ):
        kept: list[object] = []
        with pytest.raises(SystemExit):
            main([*args, "--as-of", "2024-04-05", "--no-cache"], keep=kept)
        assert {type(k) for k in kept} == kinds
        with pytest.raises(SystemExit):
            main([*args, "--as-of", "2024-04-05", "--no-cache"])  # nothing to keep them in
    capsys.readouterr()

    given: list[list[object]] = []

    def fake_main(*, keep: list[object]) -> None:
        given.append(keep)
        keep.append("results")
        raise SystemExit(1)

    def ended(code: int) -> None:
        # what entry.main (two frames up, through exit_now) still holds as the process ends
        holder = sys._getframe(2)
        alive = holder.f_code.co_name == "main" and any(
            value is given[0] for value in holder.f_locals.values()
        )
        raise RuntimeError(code, alive, list(given[0]))

    monkeypatch.setattr("ntm_check.cli.main", fake_main)
    monkeypatch.setattr("os._exit", ended)
    monkeypatch.setattr("sys.argv", ["ntm-check", "status"])
    with pytest.raises(RuntimeError) as ending:
        entry.main()
    assert ending.value.args == (1, True, ["results"])


def test_a_missing_option_is_named_as_it_is_typed(cli: Cli) -> None:
    # "missing output" named the Python parameter; users type -o or --output
    result = cli("import", "x.xlsx", "--lang", "en")
    assert result.code == 2 and "missing --output / -o" in result.err
    assert "thiếu --output / -o" in cli("import", "x.xlsx", "--lang", "vi").err


def test_an_overdue_action_is_numbered_in_both_languages(cli: Cli) -> None:
    # the report and the tables number the actions; the English warning dropped the number
    args = [str(ROOT / "districts" / "tan-yen.yaml"), "--as-of", "2024-11-01"]
    en = cli("validate", *args, "--lang", "en").out
    vi = cli("validate", *args, "--lang", "vi").out
    assert "action 10 (hoc-tap-kinh-nghiem) was due 2024-04-30 and is not done" in en
    assert "nhiệm vụ 10 (hoc-tap-kinh-nghiem) hạn 30/4/2024" in vi


def test_a_mistyped_command_is_named_with_the_one_meant(cli: Cli, english: None) -> None:
    result = cli("chek", "tan-yen")
    assert result.code == 2
    assert "no such command: 'chek' (did you mean 'check'?)" in result.err
    assert "unexpected extra argument" not in result.err


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("Tan-Yen", "tan-yen"), ("tân-yên", "tan-yen"), ("tan_yen", "tan-yen"),
     ("Lục Ngạn", "luc-ngan")],
)  # fmt: skip
def test_an_id_typed_otherwise_gets_its_normal_form(
    cli: Cli, english: None, typed: str, meant: str
) -> None:
    result = cli(typed)
    assert result.code == 2
    assert f"(did you mean {meant!r}?)" in result.err


def test_validate_dash_o_dash_writes_to_standard_output(
    cli: Cli, in_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli("validate", "-o", "-", "-f", "junit", "-q", "--as-of", "2024-11-01")
    assert result.out.startswith("<?xml")
    assert not (ROOT / "-").exists()


def test_the_parsers_usage_errors_are_where_ntm_check_looks_for_them(cli: Cli) -> None:
    # typer bundles its own click and exports no usage-error type: cli_text names it in one
    # place; if typer moves it, this fails (and usage errors would become internal errors)
    import typer

    from ntm_check.cli_text import USAGE_ERRORS

    assert issubclass(typer.BadParameter, USAGE_ERRORS)
    result = cli("check", "tan-yen", "--nonesuch")
    assert result.code == 2 and "Error: no such option: --nonesuch" in result.err


def test_an_extra_argument_is_said_in_the_runs_language(cli: Cli) -> None:
    result = cli("check", "tan-yen", "more")
    assert result.code == 2 and "Error: unexpected extra argument: more" in result.err
    result = cli("check", "tan-yen", "more", "--lang", "vi")
    assert result.code == 2 and "Lỗi: thừa đối số: more" in result.err


def test_the_programs_own_options_take_lang_too(cli: Cli) -> None:
    result = cli("--show-completion", "--lang", "en")
    assert "no such option" not in result.err
