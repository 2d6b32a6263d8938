"""Command line: parse options, run the one assessment path, render, choose the exit code.

This is the only module that reads the clock ("today", once per run), prints or exits.
``ntm-check UNIT`` is short for ``ntm-check check UNIT``: when the first argument is
not a command name, ``check`` is assumed.

Exit codes: 0 every indicator met (or not applicable); 1 at least one indicator not met or
without data; 2 usage error or invalid/unreadable input; 3 internal error (a bug).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ntm_check import __version__
from ntm_check.i18n import LANGS, Lang
from ntm_check.reports import REPORTERS, RUN_REPORTERS

if TYPE_CHECKING:
    from ntm_check.load.sources import InputFile
    from ntm_check.reports import RunReportOptions
    from ntm_check.run.results import FileResult, RunResult

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2
EXIT_BUG = 3

COMMANDS = ("check", "report", "validate", "schema")
SCHEMA_KINDS = ("evidence", "criteria")

app = typer.Typer(
    name="ntm-check",
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ntm-check {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Check new-rural-development (NTM) criteria against evidence files.

    \b
    ntm-check UNIT is short for ntm-check check UNIT, e.g. ntm-check tan-yen.
    Exit codes: 0 all met, 1 some not met, 2 usage or input error, 3 internal error.
    """


_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: str | None) -> dt.date | None:
    """A date from the command line: ISO ``2024-11-01`` or as offices write it, ``01/11/2024``."""
    if text is None:
        return None
    try:
        found = _DMY.match(text.strip())
        if found:
            day, month, year = (int(g) for g in found.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a date (dd/mm/yyyy or yyyy-mm-dd)", param_hint="--as-of"
        ) from None


def _judged_on(as_of: str | None) -> dt.date:
    """The date deadlines are judged on: ``--as-of``, else today (the only read of the clock)."""
    return parse_date(as_of) or dt.date.today()


def _usable_cores() -> int:
    """Cores this process may run on: a container or ``taskset`` may allow fewer than exist."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _lang(lang: str) -> Lang:
    if lang not in LANGS:
        raise typer.BadParameter(f"{lang!r} is not one of: {', '.join(LANGS)}", param_hint="--lang")
    return "en" if lang == "en" else "vi"


def _echo_diagnostics(run: RunResult) -> None:
    for diagnostic in run.diagnostics:
        typer.echo(diagnostic.format(), err=True)


def _assess_unit(
    unit: str, units_dir: Path, criteria: Path, as_of: str | None
) -> tuple[FileResult, RunResult]:
    """Judge one unit's evidence file on the one path; print its problems; no verdict: exit 2."""
    from ntm_check.load.resolve import ResolveError, evidence_path
    from ntm_check.run.assess import AssessOptions
    from ntm_check.run.many import assess_paths
    from ntm_check.run.sets import SetStore

    options = AssessOptions(_judged_on(as_of), keep_assessments=True)
    try:
        path = evidence_path(unit, units_dir)
    except ResolveError as exc:
        raise typer.BadParameter(str(exc), param_hint="UNIT") from None
    run = assess_paths([path], SetStore(criteria), options, directories=False)
    _echo_diagnostics(run)
    if not path.exists() and path == units_dir / f"{unit}.yaml":
        typer.echo(
            f"ntm-check: hint: {unit!r} is looked up as {path} under the current directory; "
            "run from the folder that holds districts/, or pass --districts DIR",
            err=True,
        )
    found = run.files[0] if run.files else None
    if found is not None and found.kind in ("criteria", "other"):
        typer.echo(f"ntm-check: {path} is not a unit's evidence file", err=True)
    if found is None or found.assessment is None or run.errors:
        typer.echo("ntm-check: no verdict: fix the errors above", err=True)
        raise typer.Exit(EXIT_INVALID)
    return found, run


def _inputs(run: RunResult) -> tuple[InputFile, ...]:
    from ntm_check.load.sources import InputFile

    return tuple(InputFile(Path(f.path), f.sha256) for f in run.files if f.sha256)


UnitArg = Annotated[
    str,
    typer.Argument(
        metavar="UNIT",
        help="A unit id (e.g. tan-yen: districts/tan-yen.yaml) or a path to an evidence file.",
    ),
]
LangOpt = Annotated[str, typer.Option("--lang", "-l", help="Language: vi or en.")]
UnitsOpt = Annotated[
    Path,
    typer.Option("--districts", "--units", help="Folder of the units' evidence files."),
]
CriteriaOpt = Annotated[Path, typer.Option("--criteria", help="Directory of criteria sets.")]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Judge deadlines on this date (dd/mm/yyyy or yyyy-mm-dd; default: today). "
        "The assessment date is always the file's as_of.",
    ),
]


@app.command("check")
def check(
    unit: UnitArg,
    format: Annotated[
        str, typer.Option("--format", "-f", help=f"Output format: {', '.join(REPORTERS)}.")
    ] = "table",
    lang: LangOpt = "vi",
    districts: UnitsOpt = Path("districts"),
    criteria: CriteriaOpt = Path("criteria"),
    as_of: AsOfOpt = None,
    color: Annotated[
        bool | None, typer.Option("--color/--no-color", help="Force colour on or off.")
    ] = None,
) -> None:
    """Assess one unit: every indicator, met or not, with owners and deadlines."""
    from ntm_check.reports import RenderOptions, get_renderer

    if format not in REPORTERS:
        raise typer.BadParameter(
            f"{format!r} is not one of: {', '.join(REPORTERS)}", param_hint="--format"
        )
    chosen = _lang(lang)
    found, run = _assess_unit(unit, districts, criteria, as_of)
    assert found.assessment is not None
    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 120
    options = RenderOptions(
        lang=chosen,
        color=_use_color(color) and format == "table",
        width=width,
        inputs=_inputs(run),
        diagnostics=run.diagnostics,
    )
    typer.echo(get_renderer(format)(found.assessment, options), nl=False, color=options.color)
    raise typer.Exit(EXIT_OK if found.assessment.summary.passed else EXIT_FINDINGS)


def _write(output: Path, content: str, inputs: list[Path]) -> None:
    from ntm_check.output import OutputError, write_atomic

    try:
        write_atomic(output, content, inputs)
    except OutputError as exc:
        typer.echo(f"ntm-check: {exc}", err=True)
        raise typer.Exit(EXIT_INVALID) from None


@app.command("report")
def report(
    unit: UnitArg,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file (atomically)."),
    ] = None,
    lang: LangOpt = "vi",
    districts: UnitsOpt = Path("districts"),
    criteria: CriteriaOpt = Path("criteria"),
    as_of: AsOfOpt = None,
) -> None:
    """Write the markdown gap report: what is missing, who owns it, by when.

    Exit codes as for check: 0 all met, 1 some not met, 2 usage or input error.
    """
    from ntm_check.reports import RenderOptions
    from ntm_check.reports.markdown import render_report

    chosen = _lang(lang)
    found, run = _assess_unit(unit, districts, criteria, as_of)
    assert found.assessment is not None
    inputs = _inputs(run)
    text = render_report(
        found.assessment, RenderOptions(lang=chosen, inputs=inputs, diagnostics=run.diagnostics)
    )
    if output is None:
        typer.echo(text, nl=False)
    else:
        _write(output, text, [f.path for f in inputs])
        typer.echo(f"ntm-check: wrote {output}", err=True)
    raise typer.Exit(EXIT_OK if found.assessment.summary.passed else EXIT_FINDINGS)


@app.command("validate")
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Files or directories to check (default: criteria/ and districts/).",
        ),
    ] = None,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help=f"Output format: {', '.join(RUN_REPORTERS)}."),
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    as_of: AsOfOpt = None,
    criteria: CriteriaOpt = Path("criteria"),
    lang: LangOpt = "vi",
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary line and no progress bar.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Processes to use (default: one per available core)."
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the result cache.")
    ] = False,
) -> None:
    """Check criteria and evidence files for CI: every problem in every file, located.

    Exit codes: 0 no errors (and no warnings with --strict), 1 errors found, 2 usage error.
    """
    from ntm_check.reports import RunReportOptions, get_run_renderer
    from ntm_check.run.assess import AssessOptions
    from ntm_check.run.cache import ResultCache, default_directory
    from ntm_check.run.many import assess_paths
    from ntm_check.run.sets import SetStore

    if format not in RUN_REPORTERS:
        raise typer.BadParameter(
            f"{format!r} is not one of: {', '.join(RUN_REPORTERS)}", param_hint="--format"
        )
    report_options = RunReportOptions(lang=_lang(lang), strict=strict)
    options = AssessOptions(_judged_on(as_of))
    targets = paths or [Path("criteria"), Path("districts")]
    cache = ResultCache(None if no_cache else default_directory())
    try:
        with _progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
            run = assess_paths(
                targets,
                SetStore(criteria),
                options,
                jobs=jobs or _usable_cores(),
                cache=cache,
                progress=progress,
            )
    finally:
        cache.close()
    report = get_run_renderer(format)(run, report_options)
    if output is not None:
        _write(output, report, [Path(f.path) for f in run.files])
    else:
        typer.echo(report, nl=False)
    if output is not None or format != "text":
        _echo_diagnostics(run)  # the text report on standard output already is these lines
    if not quiet:
        typer.echo(_validate_summary(run, report_options), err=True)
    failed = run.errors > 0 or (strict and run.warnings > 0)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _validate_summary(run: RunResult, options: RunReportOptions) -> str:
    line = (
        f"ntm-check validate: {len(run.files)} file(s), {run.errors} error(s), "
        f"{run.warnings} warning(s)"
    )
    if run.skipped:
        names = ", ".join(f.path for f in run.skipped)
        line += f"; skipped (neither a criteria set nor evidence): {names}"
    return line


@contextlib.contextmanager
def _progress_bar(*, enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on a terminal for runs over many files; nothing otherwise."""
    if not enabled:
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=None) as bar:
        task = bar.add_task("ntm-check validate", total=None)

        def update(done: int, total: int) -> None:
            if total >= 20:
                bar.update(task, completed=done, total=total)

        yield update


@app.command("schema")
def schema(
    kind: Annotated[
        str, typer.Argument(metavar="KIND", help=f"One of: {', '.join(SCHEMA_KINDS)}.")
    ],
) -> None:
    """Print the JSON Schema of evidence or criteria files (for editors and other tools)."""
    from ntm_check.schema import json_schema

    if kind not in SCHEMA_KINDS:
        raise typer.BadParameter(f"{kind!r} is not one of: {', '.join(SCHEMA_KINDS)}")
    typer.echo(json_schema(kind), nl=False)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``ntm-check`` script."""
    args = list(sys.argv[1:] if argv is None else argv)
    if (args and not args[0].startswith("-") and args[0] not in COMMANDS) or (
        args and args[0].startswith("-") and args[0] not in ("-h", "--help", "--version")
    ):
        args.insert(0, "check")
    try:
        app(args=args, prog_name="ntm-check")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("ntm-check: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # a bug: never show users a traceback
        if os.environ.get("NTM_CHECK_DEBUG"):
            raise
        sys.stderr.write(
            f"ntm-check: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in ntm-check; rerun with NTM_CHECK_DEBUG=1 to see the traceback.\n"
        )
        sys.exit(EXIT_BUG)
