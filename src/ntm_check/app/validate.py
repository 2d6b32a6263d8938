"""``ntm-check validate [PATH]...``: every problem of every file, located, for CI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_check.app.outcome import (
    EXIT_FINDINGS,
    EXIT_OK,
    Line,
    Note,
    Outcome,
    Said,
    outcome_of,
)
from ntm_check.app.workspace import Workspace, folders_here
from ntm_check.text import Text

if TYPE_CHECKING:
    from ntm_check.run.assess import PageMaker
    from ntm_check.run.results import RunResult

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ValidateRequest:
    #: files and folders (none: criteria/ and districts/)
    paths: tuple[Path, ...] = ()
    #: warnings fail the run too
    strict: bool = False
    #: no summary line on standard error
    quiet: bool = False
    #: the diagnostics go to standard error too (the chosen output does not list them as lines)
    echo_diagnostics: bool = False
    progress: Progress | None = None


@dataclass(frozen=True)
class Validated:
    """A run over many files, and whether warnings fail it."""

    run: RunResult
    strict: bool = False


def run(request: ValidateRequest, ws: Workspace) -> Outcome[Validated]:
    """Check every file; exit 1 when a file has an error (or, strict, a warning)."""

    def body(said: Said) -> Outcome[Validated]:
        targets = list(request.paths) or _defaults(ws)
        if request.paths:  # a set given: every file judged by it, checked again with it
            from ntm_check.run.dependents import dependents  # noqa: PLC0415

            targets += dependents(targets, [ws.districts])
        run = assess_many(ws, targets, progress=request.progress)
        after: list[Note] = list(run.diagnostics) if request.echo_diagnostics else []
        if not request.quiet:
            after.append(Line(summary_line(run)))
            if ws.registry is None and any(f.code for f in run.files):
                after.append(CODES_UNCHECKED)
        failed = run.errors > 0 or (request.strict and run.warnings > 0)
        return Outcome(
            EXIT_FINDINGS if failed else EXIT_OK,
            Validated(run, request.strict),
            after=tuple(after),
            inputs=tuple(Path(f.path) for f in run.files),
            keep=(run,),
        )

    return outcome_of(body)


def _defaults(ws: Workspace) -> list[Path]:
    """With no PATH: the criteria folder (``--criteria``, else ``criteria/``) and
    ``districts/``; one that is not there is said as such, not as a file's error."""
    named = Text(
        "ghi các tệp, thư mục cần kiểm tra (và --criteria PATH)",
        "name the files and folders to check (and --criteria PATH)",
    )
    return folders_here([ws.settings.criteria or Path("criteria"), Path("districts")], named)


CODES_UNCHECKED = Text(
    "mã đơn vị hành chính (code) trong hồ sơ chưa được đối chiếu: chưa cài danh mục "
    "(pip install '.[units]')",
    "the official codes in the evidence were not checked: the registry is not "
    "installed (pip install '.[units]')",
)


def assess_many(
    ws: Workspace,
    targets: list[Path],
    *,
    keep_summaries: bool = False,
    progress: Progress | None = None,
    pages: PageMaker | None = None,
) -> RunResult:
    """Every file under ``targets`` on the one path, with the run's cache and workers."""
    from ntm_check.run.many import assess_paths  # noqa: PLC0415

    return assess_paths(
        targets,
        ws.sets(targets),
        ws.judging(keep_summaries=keep_summaries, pages=pages),
        jobs=ws.settings.jobs,
        cache=ws.cache,
        progress=progress,
    )


def summary_line(run: RunResult) -> Text:
    """``ntm-check validate: 3 tệp, 1 lỗi, 0 cảnh báo``, with the files skipped."""
    files, errors, warnings = len(run.files), run.errors, run.warnings
    vi = f"ntm-check validate: {files} tệp, {errors} lỗi, {warnings} cảnh báo"
    en = f"ntm-check validate: {files} file(s), {errors} error(s), {warnings} warning(s)"
    if run.skipped:
        names = ", ".join(f.path for f in run.skipped)
        vi += f"; bỏ qua (không phải bộ tiêu chí hay hồ sơ): {names}"
        en += f"; skipped (neither a criteria set nor evidence): {names}"
    return Text(vi, en)
