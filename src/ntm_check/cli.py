"""Command line: parse options, call the pipeline, render, choose the exit code. Nothing else.

``ntm-check DISTRICT`` is short for ``ntm-check check DISTRICT``: when the first argument is
not a command name, ``check`` is assumed.

Exit codes: 0 every indicator met (or not applicable); 1 at least one indicator not met or
without data; 2 usage error or invalid/unreadable input; 3 internal error (a bug).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ntm_check import __version__
from ntm_check.reports import REPORTERS

if TYPE_CHECKING:
    from ntm_check.engine import Assessment
    from ntm_check.sources import InputFile

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2
EXIT_BUG = 3

COMMANDS = ("check", "report", "validate", "schema")
VALIDATION_FORMAT_NAMES = ("text", "json", "github", "junit")
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
    ntm-check DISTRICT is short for ntm-check check DISTRICT, e.g. ntm-check tan-yen.
    Exit codes: 0 all met, 1 some not met, 2 usage or input error, 3 internal error.
    """


def _parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date (YYYY-MM-DD)") from None


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


def _assess(
    district: str, districts: Path, criteria: Path, lang: str, as_of: str | None
) -> tuple[Assessment, list[InputFile]]:
    """Run the pipeline for one district; print problems; exit 2 when there is no verdict."""
    from ntm_check.diagnostics import has_errors
    from ntm_check.i18n import LANGS
    from ntm_check.pipeline import run_check
    from ntm_check.resolve import ResolveError, evidence_path

    if lang not in LANGS:
        raise typer.BadParameter(f"{lang!r} is not one of: vi, en", param_hint="--lang")
    when = _parse_date(as_of)
    try:
        path = evidence_path(district, districts)
    except ResolveError as exc:
        raise typer.BadParameter(str(exc), param_hint="DISTRICT") from None
    outcome = run_check(path, criteria, when)
    for diagnostic in outcome.diagnostics:
        typer.echo(diagnostic.format(), err=True)
    if not path.exists() and path == districts / f"{district}.yaml":
        typer.echo(
            f"ntm-check: hint: {district!r} is looked up as {path} under the current directory; "
            "run from the folder that holds districts/, or pass --districts DIR",
            err=True,
        )
    if outcome.assessment is None or has_errors(outcome.diagnostics):
        typer.echo("ntm-check: no verdict: fix the errors above", err=True)
        raise typer.Exit(EXIT_INVALID)
    return outcome.assessment, outcome.inputs


DistrictArg = Annotated[
    str,
    typer.Argument(
        metavar="DISTRICT", help="A district id (e.g. tan-yen) or a path to an evidence file."
    ),
]
LangOpt = Annotated[str, typer.Option("--lang", "-l", help="Language: vi or en.")]
DistrictsOpt = Annotated[Path, typer.Option("--districts", help="Directory of evidence files.")]
CriteriaOpt = Annotated[Path, typer.Option("--criteria", help="Directory of criteria sets.")]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Judge deadlines on this date (YYYY-MM-DD)."),
]


@app.command("check")
def check(
    district: DistrictArg,
    format: Annotated[
        str, typer.Option("--format", "-f", help=f"Output format: {', '.join(REPORTERS)}.")
    ] = "table",
    lang: LangOpt = "vi",
    districts: DistrictsOpt = Path("districts"),
    criteria: CriteriaOpt = Path("criteria"),
    as_of: AsOfOpt = None,
    color: Annotated[
        bool | None, typer.Option("--color/--no-color", help="Force colour on or off.")
    ] = None,
) -> None:
    """Assess one district: every indicator, met or not, with owners and deadlines."""
    from ntm_check.reports import RenderOptions, get_renderer

    if format not in REPORTERS:
        raise typer.BadParameter(
            f"{format!r} is not one of: {', '.join(REPORTERS)}", param_hint="--format"
        )
    assessment, inputs = _assess(district, districts, criteria, lang, as_of)
    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 120
    options = RenderOptions(
        lang="en" if lang == "en" else "vi",
        color=_use_color(color) and format == "table",
        width=width,
        inputs=tuple(inputs),
    )
    typer.echo(get_renderer(format)(assessment, options), nl=False, color=options.color)
    raise typer.Exit(EXIT_OK if assessment.summary.passed else EXIT_FINDINGS)


@app.command("report")
def report(
    district: DistrictArg,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file (atomically)."),
    ] = None,
    lang: LangOpt = "vi",
    districts: DistrictsOpt = Path("districts"),
    criteria: CriteriaOpt = Path("criteria"),
    as_of: AsOfOpt = None,
) -> None:
    """Write the markdown gap report: what is missing, who owns it, by when.

    Exit codes as for check: 0 all met, 1 some not met, 2 usage or input error.
    """
    from ntm_check.output import OutputError, write_atomic
    from ntm_check.reports import RenderOptions
    from ntm_check.reports.markdown import render_report

    assessment, inputs = _assess(district, districts, criteria, lang, as_of)
    options = RenderOptions(lang="en" if lang == "en" else "vi", inputs=tuple(inputs))
    text = render_report(assessment, options)
    if output is None:
        typer.echo(text, nl=False)
    else:
        try:
            write_atomic(output, text, [f.path for f in inputs])
        except OutputError as exc:
            typer.echo(f"ntm-check: {exc}", err=True)
            raise typer.Exit(EXIT_INVALID) from None
        typer.echo(f"ntm-check: wrote {output}", err=True)
    raise typer.Exit(EXIT_OK if assessment.summary.passed else EXIT_FINDINGS)


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
        typer.Option(
            "--format", "-f", help=f"Output format: {', '.join(VALIDATION_FORMAT_NAMES)}."
        ),
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Judge action deadlines on this date (default: today)."),
    ] = None,
    criteria: Annotated[
        Path, typer.Option("--criteria", help="Directory of criteria sets.")
    ] = Path("criteria"),
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
    from ntm_check.batch import validate_paths
    from ntm_check.cache import ResultCache, default_directory
    from ntm_check.output import OutputError, write_atomic
    from ntm_check.reports.validation import VALIDATION_FORMATS

    if format not in VALIDATION_FORMATS:
        raise typer.BadParameter(
            f"{format!r} is not one of: {', '.join(VALIDATION_FORMATS)}", param_hint="--format"
        )
    when = _parse_date(as_of)
    targets = paths or [Path("criteria"), Path("districts")]
    cache = ResultCache(None if no_cache else default_directory())
    workers = jobs or _usable_cores()
    try:
        with _progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
            run = validate_paths(
                targets, criteria, when, jobs=workers, cache=cache, progress=progress
            )
    finally:
        cache.close()
    report = VALIDATION_FORMATS[format](run)
    if output is not None:
        inputs = [Path(f.path) for f in run.files]
        try:
            write_atomic(output, report, inputs)
        except OutputError as exc:
            typer.echo(f"ntm-check: {exc}", err=True)
            raise typer.Exit(EXIT_INVALID) from None
    else:
        typer.echo(report, nl=False)
    if not quiet:
        typer.echo(
            f"ntm-check validate: {len(run.files)} file(s), {run.errors} error(s), "
            f"{run.warnings} warning(s)",
            err=True,
        )
    failed = run.errors > 0 or (strict and run.warnings > 0)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


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
