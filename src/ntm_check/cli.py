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
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, cast

import typer

from ntm_check import __version__
from ntm_check.i18n import LANGS, Lang, format_iso_date
from ntm_check.reports import (
    CATALOG_REPORTERS,
    DIFF_REPORTERS,
    HISTORY_REPORTERS,
    REPORTERS,
    RUN_REPORTERS,
    STATUS_REPORTERS,
    UNITS_REPORTERS,
)

if TYPE_CHECKING:
    from ntm_check.engine import Assessment
    from ntm_check.load.files import InputFile
    from ntm_check.load.registry import AdminUnit, Registry
    from ntm_check.reports import RunReportOptions
    from ntm_check.reports.status import View
    from ntm_check.run.assess import AssessOptions
    from ntm_check.run.diff import FailOn
    from ntm_check.run.history import History
    from ntm_check.run.results import FileResult, RunResult
    from ntm_check.run.status import SortKey, Status, VerdictFilter
    from ntm_check.run.units import UnitsView

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2
EXIT_BUG = 3

COMMANDS = (
    "check", "report", "validate", "status", "diff", "history", "units", "site", "export",
    "import", "schema", "list",
)  # fmt: skip
SCHEMA_KINDS = ("evidence", "criteria")

app = typer.Typer(
    name="ntm-check",
    add_completion=True,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


ROOT_EPILOG = (
    "ntm-check UNIT là cách viết tắt của ntm-check check UNIT.\n\n"
    "\b\nVí dụ:\n  ntm-check tan-yen\n  ntm-check tan-yen --as-of 01/11/2024 --format json\n"
    "  ntm-check validate --strict\n\n"
    "Mã thoát: 0 đạt hết, 1 còn chỉ tiêu chưa đạt, 2 lỗi cách dùng hoặc lỗi tệp, 3 lỗi nội bộ."
)
CHECK_EPILOG = (
    "\b\nVí dụ:\n  ntm-check tan-yen\n  ntm-check districts/tan-yen.yaml --lang en\n"
    "  ntm-check tan-yen --as-of 01/11/2024 --format json\n\n"
    "Mã thoát: 0 đạt hết, 1 còn chỉ tiêu chưa đạt hoặc chưa có số liệu, 2 lỗi cách dùng "
    "hoặc lỗi tệp (không có kết luận)."
)
REPORT_EPILOG = (
    "\b\nVí dụ:\n  ntm-check report tan-yen -o bao-cao.md\n"
    "  ntm-check report tan-yen --lang en --as-of 2024-11-01\n\n"
    "Mã thoát như lệnh check."
)
VALIDATE_EPILOG = (
    "\b\nVí dụ:\n  ntm-check validate\n  ntm-check validate districts/ --format github\n"
    "  ntm-check validate --strict --format junit -o ket-qua.xml\n\n"
    "Mã thoát: 0 không có lỗi (với --strict: cả cảnh báo), 1 có lỗi, 2 lỗi cách dùng."
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ntm-check {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback(epilog=ROOT_EPILOG)
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Xem phiên bản."),
    ] = False,
) -> None:
    """Kiểm tra bộ tiêu chí nông thôn mới (NTM) với hồ sơ đánh giá."""


_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: str | None, option: str = "--as-of") -> dt.date | None:
    """A date from the command line: ISO ``2024-11-01`` or as offices write it, ``01/11/2024``;
    a usage error names ``option``."""
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
            f"{text!r} không phải ngày (dd/mm/yyyy hoặc yyyy-mm-dd) ‖ {text!r} is not a date "
            "(dd/mm/yyyy or yyyy-mm-dd)",
            param_hint=option,
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
        raise typer.BadParameter(
            f"{lang!r} không phải một trong: vi, en ‖ {lang!r} is not one of: vi, en",
            param_hint="--lang",
        )
    return "en" if lang == "en" else "vi"


def _choice(value: str, choices: Iterable[str], hint: str) -> None:
    listed = ", ".join(choices)
    if value not in choices:
        raise typer.BadParameter(
            f"{value!r} không phải một trong: {listed} ‖ {value!r} is not one of: {listed}",
            param_hint=hint,
        )


def _say(lang: Lang, vi: str, en: str) -> None:
    """A line of the tool's own to standard error, in the run's language."""
    typer.echo(f"ntm-check: {en if lang == 'en' else vi}", err=True)


def _say_error(exc: Exception, lang: Lang) -> None:
    """An error's ``"vi ‖ en"`` message, in the run's language, to standard error."""
    from ntm_check.cli_text import pick

    typer.echo(f"ntm-check: {pick(str(exc), lang)}", err=True)


def _echo_diagnostics(run: RunResult, lang: Lang) -> None:
    for diagnostic in run.diagnostics:
        typer.echo(diagnostic.format(lang), err=True)


def _assess_unit(
    unit: str,
    units_dir: Path,
    criteria: Path | None,
    as_of: str | None,
    lang: Lang,
    *,
    json_output: bool = False,
    options: AssessOptions | None = None,
) -> tuple[FileResult, RunResult]:
    """Judge one unit's evidence file on the one path; print its problems; no verdict: exit 2.

    With ``json_output``, a file without a verdict still gets a JSON document on standard
    output (no ``summary``, the ``diagnostics``), so a CI step that parses it never reads nothing.
    ``options``: how to judge, when the caller needs them too (else made here).
    """
    from ntm_check.load.resolve import ResolveError, criteria_dirs, evidence_path
    from ntm_check.run.many import assess_paths
    from ntm_check.run.sets import SetStore

    if options is None:
        options = _judging(as_of, keep_assessments=True)
    try:
        path = evidence_path(unit, units_dir, options.judged_on.isoformat())
    except ResolveError as exc:
        raise typer.BadParameter(str(exc), param_hint="UNIT") from None
    store = SetStore(*criteria_dirs(criteria, [path]))
    run = assess_paths([path], store, options, directories=False)
    _echo_diagnostics(run, lang)
    _hint_missing_unit(unit, path, units_dir, lang)
    found = run.files[0] if run.files else None
    if found is not None and found.kind in ("criteria", "other"):
        _say(
            lang,
            f"{path} không phải tệp hồ sơ của một đơn vị",
            f"{path} is not a unit's evidence file",
        )
    if found is None or found.assessment is None or run.errors:
        _say(lang, "không có kết luận: hãy sửa các lỗi ở trên", "no verdict: fix the errors above")
        if json_output:
            from ntm_check.reports.json_report import no_verdict

            typer.echo(no_verdict(run.diagnostics, lang), nl=False)
        raise typer.Exit(EXIT_INVALID)
    return found, run


def _hint_missing_unit(unit: str, path: Path, units_dir: Path, lang: Lang) -> None:
    """When a unit id names no file: the nearest unit id, or where it was looked for; when a
    unit's folder of dated files is named as a file: the id that judges its newest file."""
    from ntm_check.load.resolve import folder_snapshots, nearest_unit

    if path.is_dir() and folder_snapshots(path):
        _say(lang, f"gợi ý: {path} là thư mục các lần đánh giá; ntm-check {path.name} xét bản "
             "mới nhất", f"hint: {path} is a folder of dated assessments; ntm-check {path.name} "
             "judges the newest")  # fmt: skip
        return
    if path.exists() or path != units_dir / f"{unit}.yaml":
        return
    near = nearest_unit(unit, units_dir)
    known = sorted({p.stem for p in _unit_entries(units_dir)})
    if near:
        _say(lang, f"gợi ý: có phải ý bạn là {near!r}?", f"hint: did you mean {near!r}?")
    elif known:  # the folder is there, the unit is not: say which units it holds
        listed = ", ".join(known[:10]) + (", …" if len(known) > 10 else "")
        _say(
            lang,
            f"gợi ý: {units_dir}/ có {len(known)} đơn vị: {listed} (ntm-check list liệt kê)",
            f"hint: {units_dir}/ holds {len(known)} unit(s): {listed} (ntm-check list lists them)",
        )
    else:
        _say(
            lang,
            f"gợi ý: {unit!r} được tìm ở {path}; chạy từ thư mục chứa districts/ hoặc "
            "dùng --districts DIR",
            f"hint: {unit!r} is looked up as {path} under the current directory; run from "
            "the folder that holds districts/, or pass --districts DIR",
        )


def _unit_entries(units_dir: Path) -> list[Path]:
    """A units folder's unit files and dated folders (none when it cannot be read)."""
    try:
        return [p for p in units_dir.iterdir() if p.suffix in (".yaml", ".yml") or p.is_dir()]
    except OSError:
        return []


def _inputs(run: RunResult) -> tuple[InputFile, ...]:
    from ntm_check.load.files import InputFile

    return tuple(InputFile(Path(f.path), f.sha256) for f in run.files if f.sha256)


UnitArg = Annotated[
    str,
    typer.Argument(
        metavar="UNIT",
        help="Mã đơn vị (ví dụ tan-yen: districts/tan-yen.yaml) hoặc đường dẫn tới tệp hồ sơ.",
    ),
]
LangOpt = Annotated[
    str,
    typer.Option(
        "--lang",
        "-l",
        envvar="NTM_CHECK_LANG",
        help="Ngôn ngữ: vi (mặc định, hoặc NTM_CHECK_LANG) hay en.",
    ),
]
UnitPathsArg = Annotated[
    list[Path] | None,
    typer.Argument(metavar="[PATH]...", help="Thư mục hoặc tệp hồ sơ (mặc định districts/)."),
]
UnitsOpt = Annotated[
    Path,
    typer.Option("--districts", "--units", help="Thư mục hồ sơ các đơn vị."),
]
CriteriaOpt = Annotated[
    Path | None,
    typer.Option(
        "--criteria",
        help="Thư mục bộ tiêu chí (mặc định: criteria/ cạnh thư mục hồ sơ, rồi criteria/ ở đây).",
    ),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, help="Số tiến trình (mặc định: một cho mỗi lõi được dùng)."
    ),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Không đọc, không ghi bộ nhớ đệm kết quả.")
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Xét hạn tại ngày này (dd/mm/yyyy hoặc yyyy-mm-dd; mặc định hôm nay). "
        "Thời điểm đánh giá luôn là as_of của tệp.",
    ),
]


@app.command("check", epilog=CHECK_EPILOG, short_help="Đánh giá một đơn vị")
def check(
    unit: UnitArg,
    format: Annotated[
        str, typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(REPORTERS)}.")
    ] = "table",
    lang: LangOpt = "vi",
    districts: UnitsOpt = Path("districts"),
    criteria: CriteriaOpt = None,
    as_of: AsOfOpt = None,
    color: Annotated[
        bool | None, typer.Option("--color/--no-color", help="Bật hoặc tắt màu.")
    ] = None,
) -> None:
    """Đánh giá một đơn vị: từng chỉ tiêu đạt hay chưa, cơ quan phụ trách, hạn."""
    from ntm_check.reports import RenderOptions, get_renderer

    _choice(format, REPORTERS, "--format")
    chosen = _lang(lang)
    found, run = _assess_unit(
        unit, districts, criteria, as_of, chosen, json_output=format == "json"
    )
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


def _write(output: Path, content: str | bytes, inputs: list[Path], lang: Lang) -> None:
    from ntm_check.output import OutputError, write_atomic

    try:
        write_atomic(output, content, inputs)
    except OutputError as exc:
        _say_error(exc, lang)
        raise typer.Exit(EXIT_INVALID) from None


@app.command(
    "report", epilog=REPORT_EPILOG, short_help="Báo cáo chỉ tiêu còn thiếu (markdown, Word)"
)
def report(
    unit: UnitArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Ghi báo cáo vào tệp này (ghi trọn vẹn hoặc không ghi)."
        ),
    ] = None,
    lang: LangOpt = "vi",
    districts: UnitsOpt = Path("districts"),
    criteria: CriteriaOpt = None,
    as_of: AsOfOpt = None,
    format: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="Dạng báo cáo: markdown, docx (văn bản hành chính; cần -o)."
        ),
    ] = "markdown",
    letterhead: Annotated[
        Path | None,
        typer.Option(
            "--letterhead",
            help="Tệp YAML: cơ quan ban hành, số, nơi ban hành, người ký, nơi nhận (docx).",
        ),
    ] = None,
) -> None:
    """Báo cáo chỉ tiêu còn thiếu (markdown): còn thiếu gì, ai chủ trì, hạn nào."""
    from ntm_check.reports import RenderOptions
    from ntm_check.reports.markdown import render_report

    chosen = _lang(lang)
    _choice(format, ("markdown", "docx"), "--format")
    if format == "docx":
        _docx_report(unit, output, letterhead, districts, criteria, as_of, chosen)
    judging = _judging(as_of, keep_assessments=True)
    found, run = _assess_unit(unit, districts, criteria, as_of, chosen, options=judging)
    assert found.assessment is not None
    inputs = _inputs(run)
    options = RenderOptions(
        lang=chosen,
        inputs=inputs,
        diagnostics=run.diagnostics,
        area=_area_today(found.assessment, judging.registry),
    )
    text = render_report(found.assessment, options)
    if output is None:
        typer.echo(text, nl=False)
    else:
        _write(output, text, [f.path for f in inputs], chosen)
        _say(chosen, f"đã ghi {output}", f"wrote {output}")
    raise typer.Exit(EXIT_OK if found.assessment.summary.passed else EXIT_FINDINGS)


def _docx_report(
    unit: str,
    output: Path | None,
    letterhead: Path | None,
    districts: Path,
    criteria: Path | None,
    as_of: str | None,
    lang: Lang,
) -> NoReturn:
    """``report --format docx``: the administrative document, written to ``-o``."""
    if output is None:
        _say(lang, "--format docx cần -o TỆP.docx", "--format docx needs -o FILE.docx")
        raise typer.Exit(EXIT_INVALID)
    try:
        from ntm_check.reports import docx as word
    except ImportError:
        _say(lang, *OFFICE_MISSING)
        raise typer.Exit(EXIT_INVALID) from None
    head = _letterhead(letterhead, lang) if letterhead is not None else word.Letterhead()
    judging = _judging(as_of, keep_assessments=True)
    found, run = _assess_unit(unit, districts, criteria, as_of, lang, options=judging)
    assert found.assessment is not None
    area = _area_today(found.assessment, judging.registry)
    data = word.render(found.assessment, head, _inputs(run), lang, area=area)
    _write(output, data, [Path(f.path) for f in run.files], lang)
    _say(lang, f"đã ghi {output}", f"wrote {output}")
    raise typer.Exit(EXIT_OK if found.assessment.summary.passed else EXIT_FINDINGS)


def _letterhead(path: Path, lang: Lang) -> Any:
    """The office's own fields, from a small YAML file (see the README)."""
    from ntm_check.load.sources import load_file
    from ntm_check.reports.docx import Letterhead

    doc = load_file(path)
    for problem in doc.diagnostics:
        typer.echo(problem.format(lang), err=True)
    if doc.diagnostics:
        raise typer.Exit(EXIT_INVALID)
    data = doc.data if isinstance(doc.data, dict) else None
    known = {"issuer", "number", "place", "signer_title", "signer", "recipients"}
    texts = ("number", "place", "signer")
    wrong = [k for k in texts if data and k in data and not isinstance(data[k], str)]
    wrong += [
        k for k in ("issuer", "signer_title", "recipients")
        if data and k in data
        and not (isinstance(data[k], list) and all(isinstance(v, str) for v in data[k]))
    ]  # fmt: skip
    if wrong:
        listed = ", ".join(wrong)
        _say(
            lang,
            f'{path}: {listed}: ghi chữ trong ngoặc kép ("010") và danh sách dạng [a, b]',
            f'{path}: {listed}: write text in quotes ("010") and lists as [a, b]',
        )
        raise typer.Exit(EXIT_INVALID)
    if data is None or not set(data) <= known:
        extra = ", ".join(sorted(set(data or {}) - known)) or "—"
        fields = ", ".join(sorted(known))
        _say(
            lang,
            f"{path}: cần một bảng các trường {fields} (lạ: {extra})",
            f"{path}: expected a mapping of {fields} (unknown: {extra})",
        )
        raise typer.Exit(EXIT_INVALID)

    def lines(key: str) -> tuple[str, ...]:
        value = data.get(key)
        return (
            tuple(str(v) for v in value)
            if isinstance(value, list)
            else ((str(value),) if value is not None else ())
        )

    return Letterhead(
        issuer=lines("issuer"),
        number=str(data["number"]) if data.get("number") is not None else None,
        place=str(data["place"]) if data.get("place") is not None else None,
        signer_title=lines("signer_title"),
        signer=str(data["signer"]) if data.get("signer") is not None else None,
        recipients=lines("recipients"),
    )


@app.command(
    "validate", epilog=VALIDATE_EPILOG, short_help="Kiểm tra tệp cho CI, mọi lỗi kèm vị trí"
)
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Tệp hoặc thư mục cần kiểm tra (mặc định criteria/ và districts/).",
        ),
    ] = None,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(RUN_REPORTERS)}."),
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Ghi báo cáo vào tệp này (ghi trọn vẹn hoặc không ghi)."
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Cảnh báo cũng tính là lỗi.")] = False,
    as_of: AsOfOpt = None,
    criteria: CriteriaOpt = None,
    lang: LangOpt = "vi",
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Không in dòng tổng kết và thanh tiến độ.")
    ] = False,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Kiểm tra các tệp bộ tiêu chí và hồ sơ cho CI: mọi lỗi, kèm vị trí."""
    from ntm_check.reports import RunReportOptions, get_run_renderer

    _choice(format, RUN_REPORTERS, "--format")
    report_options = RunReportOptions(lang=_lang(lang), strict=strict)
    targets = paths or [Path("criteria"), Path("districts")]
    judging = _judging(as_of)
    with _progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
        run = _assess_many(targets, criteria, judging, jobs, no_cache, progress)
    _keep_until_exit(ctx, run)
    report = get_run_renderer(format)(run, report_options)
    if output is not None:
        _write(output, report, [Path(f.path) for f in run.files], report_options.lang)
    else:
        typer.echo(report, nl=False)
    if output is not None or format != "text":
        _echo_diagnostics(run, report_options.lang)  # else standard output has these lines
    if not quiet:
        typer.echo(_validate_summary(run, report_options), err=True)
        if judging.registry is None and any(f.code for f in run.files):
            _say(
                report_options.lang,
                "mã đơn vị hành chính (code) trong hồ sơ chưa được đối chiếu: chưa cài danh mục "
                "(pip install '.[units]')",
                "the official codes in the evidence were not checked: the registry is not "
                "installed (pip install '.[units]')",
            )
    failed = run.errors > 0 or (strict and run.warnings > 0)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _keep_until_exit(ctx: typer.Context, *values: object) -> None:
    """Leave ``values`` alive to the end of the process when the ``ntm-check`` script runs
    the command: it ends the process without freeing anything (see ``ntm_check.entry``), and
    freeing a province's results object by object cost ~10 ms of a cached ``status``. Run any
    other way (tests, a program calling :func:`main`), they are freed as usual."""
    if isinstance(ctx.obj, list):
        ctx.obj.extend(values)


def _registry_or_exit(lang: Lang) -> Registry:
    """The registry of administrative units, or exit 2 naming the extra that brings it."""
    from ntm_check.load.registry import RegistryUnavailable, open_registry

    try:
        return open_registry()
    except RegistryUnavailable as exc:
        _say_error(exc, lang)
        raise typer.Exit(EXIT_INVALID) from None


def _with_areas(found: Status, lang: Lang) -> Status:
    """``status --by area``: the units grouped by their area on the map of 1/7/2025."""
    import dataclasses

    from ntm_check.run.units import by_area

    return dataclasses.replace(found, areas=by_area(found, _registry_or_exit(lang)))


def _area_today(assessment: Assessment, registry: Registry | None) -> UnitsView | None:
    """The units covering a unit's area on the day it is judged, when the registry is installed
    and the map changed since the assessment (1/7/2025)."""
    from ntm_check.load.registry import RegistryUnavailable, package_version
    from ntm_check.run.units import area_today

    if registry is None:
        return None
    try:
        source = f"vietnamadminunits {package_version()} (MIT)"
        ev = assessment.evidence
        return area_today(registry, ev.code, ev.as_of, assessment.judged_on, source)
    except RegistryUnavailable:
        return None


def _judging(
    as_of: str | None, *, keep_assessments: bool = False, keep_summaries: bool = False
) -> AssessOptions:
    """How files are judged: deadlines on ``--as-of`` (else today), codes against the registry
    when it is installed (its data is read only if a file gives a code)."""
    from ntm_check.load.registry import RegistryUnavailable, open_registry
    from ntm_check.run.assess import AssessOptions

    try:
        registry = open_registry()
    except RegistryUnavailable:
        registry = None
    return AssessOptions(
        _judged_on(as_of),
        keep_assessments=keep_assessments,
        keep_summaries=keep_summaries,
        registry=registry,
    )


def _assess_many(
    targets: list[Path],
    criteria: Path | None,
    options: AssessOptions,
    jobs: int | None,
    no_cache: bool,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    """Every file under ``targets`` on the one path, with the cache and worker processes."""
    from ntm_check.load.resolve import criteria_dirs
    from ntm_check.run.cache import ResultCache, default_directory
    from ntm_check.run.many import assess_paths
    from ntm_check.run.sets import SetStore

    cache = ResultCache(None if no_cache else default_directory())
    try:
        return assess_paths(
            targets,
            SetStore(*criteria_dirs(criteria, targets)),
            options,
            jobs=jobs or _usable_cores(),
            cache=cache,
            progress=progress,
        )
    finally:
        cache.close()


def _validate_summary(run: RunResult, options: RunReportOptions) -> str:
    files, errors, warnings = len(run.files), run.errors, run.warnings
    if options.lang == "en":
        line = f"ntm-check validate: {files} file(s), {errors} error(s), {warnings} warning(s)"
    else:
        line = f"ntm-check validate: {files} tệp, {errors} lỗi, {warnings} cảnh báo"
    if run.skipped:
        names = ", ".join(f.path for f in run.skipped)
        line += (
            f"; skipped (neither a criteria set nor evidence): {names}"
            if options.lang == "en"
            else f"; bỏ qua (không phải bộ tiêu chí hay hồ sơ): {names}"
        )
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


@app.command("schema", short_help="In JSON Schema của tệp")
def schema(
    kind: Annotated[
        str, typer.Argument(metavar="KIND", help=f"Một trong: {', '.join(SCHEMA_KINDS)}.")
    ],
    lang: LangOpt = "vi",
) -> None:
    """In JSON Schema của tệp hồ sơ (evidence) hoặc bộ tiêu chí (criteria)."""
    from ntm_check.schema import json_schema

    _lang(lang)
    _choice(kind, SCHEMA_KINDS, "KIND")
    typer.echo(json_schema(kind), nl=False)


STATUS_EPILOG = (
    "\b\nVí dụ:\n  ntm-check status\n  ntm-check status districts/ --sort overdue --province 24"
    " --format markdown\n  ntm-check status --by owner\n\n"
    "Mã thoát: 0 mọi đơn vị đạt chuẩn, 1 có đơn vị chưa đạt hoặc hồ sơ lỗi, 2 lỗi cách dùng."
)


@app.command("status", epilog=STATUS_EPILOG, short_help="Tình hình mọi đơn vị của tỉnh")
def status(
    ctx: typer.Context,
    paths: UnitPathsArg = None,
    districts: UnitsOpt = Path("districts"),
    format: Annotated[
        str,
        typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(STATUS_REPORTERS)}."),
    ] = "table",
    by: Annotated[
        str,
        typer.Option(
            "--by",
            help="Xem theo: unit (từng đơn vị), department (cơ quan phụ trách), owner (cơ quan "
            "chủ trì), area (địa bàn từ 01/7/2025; cần danh mục đơn vị hành chính).",
        ),
    ] = "unit",
    sort: Annotated[str, typer.Option("--sort", help="Sắp xếp: met, overdue, age, name.")] = "name",
    province: Annotated[
        str | None, typer.Option("--province", help="Chỉ các đơn vị của tỉnh có mã này.")
    ] = None,
    set_id: Annotated[
        str | None, typer.Option("--set", help="Chỉ các đơn vị đánh giá theo bộ tiêu chí này.")
    ] = None,
    verdict: Annotated[
        str | None, typer.Option("--verdict", help="Chỉ các đơn vị: pass, fail, invalid.")
    ] = None,
    as_of: AsOfOpt = None,
    criteria: CriteriaOpt = None,
    lang: LangOpt = "vi",
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Tình hình mọi đơn vị: mỗi đơn vị một dòng, tổng theo bộ tiêu chí, việc theo cơ quan."""
    from ntm_check.reports import get_status_renderer
    from ntm_check.reports.status import StatusOptions
    from ntm_check.run.status import SORT_KEYS, VERDICTS, build

    _choice(format, STATUS_REPORTERS, "--format")
    _choice(by, ("unit", "department", "owner", "area"), "--by")
    _choice(sort, SORT_KEYS, "--sort")
    if verdict is not None:
        _choice(verdict, VERDICTS, "--verdict")
    chosen = _lang(lang)
    targets = paths or [districts]
    judging = _judging(as_of, keep_summaries=True)
    if by == "area":  # a missing registry is said before every file is judged
        _registry_or_exit(chosen)
    run = _assess_many(targets, criteria, judging, jobs, no_cache)
    found = build(
        run,
        sort=cast("SortKey", sort),
        province=province,
        set_id=set_id,
        verdict=cast("VerdictFilter | None", verdict),
        judged_on=judging.judged_on,
    )
    _say_status_problems(run, found, chosen)
    if any(p.level.value == "error" for p in run.arguments):
        raise typer.Exit(EXIT_INVALID)
    if province or set_id or verdict:
        _refuse_no_match(found, verdict, format, chosen)
    if by == "area":
        found = _with_areas(found, chosen)
    _keep_until_exit(ctx, run, found)
    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 120
    view = {"unit": "units", "department": "departments", "owner": "owners", "area": "areas"}[by]
    options = StatusOptions(lang=chosen, view=cast("View", view), width=width)
    for piece in get_status_renderer(format)(found, options):
        typer.echo(piece, nl=False)
    everyone_passes = all(r.verdict == "pass" for r in found.rows)
    raise typer.Exit(EXIT_OK if everyone_passes and not run.arguments else EXIT_FINDINGS)


def _say_status_problems(run: RunResult, found: Status, lang: Lang) -> None:
    """On standard error: the errors of the files status cannot judge (a unit's earlier dated
    files aside: they are its history), and how many warnings the units shown have."""
    from ntm_check.load.snapshots import is_snapshot_file
    from ntm_check.run.status import current_files

    history = {f.path for f in run.files if is_snapshot_file(f.path)} - {
        f.path for f in current_files(run, found.judged_on)
    }
    for problem in run.diagnostics:
        if problem.level.value == "error" and problem.path not in history:
            typer.echo(problem.format(lang), err=True)
    shown = {r.path for r in found.rows}
    warnings = sum(f.warnings for f in run.files if f.path in shown)
    if warnings:
        _say(
            lang,
            f"{warnings} cảnh báo (ntm-check validate liệt kê từng cảnh báo)",
            f"{warnings} warning(s) (ntm-check validate lists each)",
        )


def _refuse_no_match(found: Status, verdict: str | None, format: str, lang: Lang) -> None:
    """Exit 2 when the filters match no unit (a broken file, listed under every filter, is no
    match unless --verdict invalid asked for it); with -f json, an empty document first."""
    import dataclasses

    from ntm_check.reports import get_status_renderer
    from ntm_check.reports.status import StatusOptions

    if any(r.summary is not None for r in found.rows) or (found.rows and verdict == "invalid"):
        return
    _say(
        lang,
        "không có đơn vị nào khớp --province/--set/--verdict (kiểm tra lại mã)",
        "no unit matches --province/--set/--verdict (check the code)",
    )
    if format == "json":  # a program reading standard output still gets a document
        empty = dataclasses.replace(found, rows=(), invalid=0)
        for piece in get_status_renderer(format)(empty, StatusOptions(lang=lang)):
            typer.echo(piece, nl=False)
    raise typer.Exit(EXIT_INVALID)


DIFF_EPILOG = (
    "\b\nVí dụ:\n  ntm-check diff districts/tan-yen.yaml moi/tan-yen.yaml\n"
    "  ntm-check diff tan-yen --rev HEAD~3\n  ntm-check diff tan-yen --rev 2024-06-30\n\n"
    "Mã thoát: 0 không tụt chỉ tiêu nào (theo --fail-on), 1 có, 2 lỗi cách dùng hoặc lỗi tệp."
)


@app.command("diff", epilog=DIFF_EPILOG, short_help="So sánh hai lần đánh giá")
def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", help="Tệp hồ sơ cũ, hoặc mã đơn vị (với --rev, hoặc thư mục ngày)."
        ),
    ],
    new: Annotated[
        str | None,
        typer.Argument(metavar="[NEW]", help="Tệp hồ sơ mới (mặc định: bản hiện tại)."),
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev",
            help="Bản cũ: một phiên bản git (HEAD~3) hoặc một ngày (dd/mm/yyyy hay yyyy-mm-dd).",
        ),
    ] = None,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(DIFF_REPORTERS)}."),
    ] = "table",
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            help="Khi nào thoát 1: regression (chỉ tiêu tụt), worse (cả số liệu xa hơn, lùi "
            "hạn), never.",
        ),
    ] = "regression",
    lang: LangOpt = "vi",
    districts: UnitsOpt = Path("districts"),
    criteria: CriteriaOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """So sánh hai lần đánh giá một đơn vị: chỉ tiêu mới đạt, bị tụt, số liệu, nhiệm vụ."""
    from ntm_check.reports import get_diff_renderer
    from ntm_check.reports.diff import DiffOptions
    from ntm_check.run.diff import FAIL_ON, compare

    _choice(format, DIFF_REPORTERS, "--format")
    _choice(fail_on, FAIL_ON, "--fail-on")
    chosen = _lang(lang)
    judging = _judging(as_of, keep_assessments=True)
    sides = _diff_sides(old, new, rev, districts, chosen, judging.judged_on)
    (old_name, old_text), (new_name, new_text) = sides
    # the old side's sets are looked for beside the unit's file, not beside the name a git
    # revision is shown by (relative to the repository, not to the current directory)
    from ntm_check.load.resolve import evidence_path

    unit_file = evidence_path(old, districts, judging.judged_on.isoformat())
    before = _judge_text(old_name, old_text, criteria, judging, chosen, unit_file)
    after = _judge_text(new_name, new_text, criteria, judging, chosen, Path(new or unit_file))
    if before.evidence.id != after.evidence.id:
        _say(
            chosen,
            f"hai bản là hai đơn vị khác nhau ({before.evidence.id}, {after.evidence.id}): "
            "diff so sánh hai lần đánh giá của cùng một đơn vị",
            f"the two are different units ({before.evidence.id}, {after.evidence.id}): diff "
            "compares two assessments of one unit",
        )
        raise typer.Exit(EXIT_INVALID)
    changes = compare(before, after)
    options = DiffOptions(lang=chosen, old_name=old_name, new_name=new_name)
    typer.echo(get_diff_renderer(format)(changes, options), nl=False)
    raise typer.Exit(EXIT_FINDINGS if changes.fails(cast("FailOn", fail_on)) else EXIT_OK)


def _read_side(path: Path, lang: Lang) -> tuple[str, str]:
    """``(name, text)`` of one file of a diff; its problems printed; unreadable: exit 2."""
    from ntm_check.load.files import read_text

    text, problems, _ = read_text(path, str(path))
    for problem in problems:
        typer.echo(problem.format(lang), err=True)
    if text is None:
        raise typer.Exit(EXIT_INVALID)
    return str(path), text


def _read_unit_side(unit: str, path: Path, units_dir: Path, lang: Lang) -> tuple[str, str]:
    """:func:`_read_side` of the unit a diff names, with a hint when no such unit exists."""
    try:
        return _read_side(path, lang)
    except typer.Exit:
        _hint_missing_unit(unit, path, units_dir, lang)
        raise


def _diff_sides(
    old: str, new: str | None, rev: str | None, units_dir: Path, lang: Lang, judged_on: dt.date
) -> tuple[tuple[str, str], tuple[str, str]]:
    """``(name, text)`` of the old and the new assessment the arguments name; a ``--rev`` date
    after ``judged_on`` is refused (the version in force then is not known yet)."""
    from ntm_check.load.resolve import ResolveError, evidence_path

    try:
        path = evidence_path(old, units_dir, judged_on.isoformat())
    except ResolveError as exc:
        raise typer.BadParameter(str(exc), param_hint="OLD") from None
    if rev is None:
        if new is None:
            raise typer.BadParameter(
                "cần tệp mới hoặc --rev ‖ give the new file or --rev", param_hint="NEW"
            )
        return _read_unit_side(old, path, units_dir, lang), _read_side(Path(new), lang)
    latest = _read_side(Path(new), lang) if new else _read_unit_side(old, path, units_dir, lang)
    if re.match(r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})$", rev):
        when = parse_date(rev, "--rev")  # dd/mm/yyyy too; an impossible date is refused
        assert when is not None
        if when > judged_on:
            raise typer.BadParameter(
                f"ngày {format_iso_date(when.isoformat(), 'vi')} sau ngày xét "
                f"{format_iso_date(judged_on.isoformat(), 'vi')}: chưa biết bản nào có hiệu lực "
                f"khi đó ‖ {when.isoformat()} is after the judging date {judged_on.isoformat()}: "
                "which version is in force then is not known yet",
                param_hint="--rev",
            )
        return _side_in_force(units_dir / old, path, when.isoformat(), lang), latest
    return _side_at_revision(path, rev, lang), latest


def _side_in_force(folder: Path, path: Path, date: str, lang: Lang) -> tuple[str, str]:
    """The assessment in force on ``date``: from the unit's dated folder, else from git."""
    from ntm_check.load.resolve import folder_snapshots

    if not folder.is_dir():
        return _side_at_revision(path, date, lang)
    in_force = [p for p in folder_snapshots(folder) if p.stem <= date]
    if not in_force:
        raise typer.BadParameter(
            f"{folder} chưa có bản nào đến ngày {format_iso_date(date, 'vi')} ‖ {folder} has no "
            f"file dated on or before {date}",
            param_hint="--rev",
        )
    return _read_side(in_force[-1], lang)


def _side_at_revision(path: Path, rev: str, lang: Lang) -> tuple[str, str]:
    """``path`` at a git revision, or the version in force on a date (``yyyy-mm-dd``)."""
    from ntm_check.load.snapshots import SnapshotError, git_in_force, git_revision

    try:
        by_date = re.match(r"^\d{4}-\d{2}-\d{2}$", rev)
        snapshot = git_in_force(path, rev) if by_date else git_revision(path, rev)
    except SnapshotError as exc:
        _say_error(exc, lang)
        raise typer.Exit(EXIT_INVALID) from None
    return snapshot.name, snapshot.text or ""


def _judge_text(
    name: str, text: str, criteria: Path | None, options: AssessOptions, lang: Lang, file: Path
) -> Assessment:
    """One side of a diff on the one path; its problems printed; no verdict: exit 2. ``file``:
    the unit's file it is a version of (the sets are looked for beside it)."""
    from ntm_check.load.resolve import criteria_dirs
    from ntm_check.load.snapshots import unit_file_id
    from ntm_check.run.assess import assess_text
    from ntm_check.run.sets import SetStore

    store = SetStore(*criteria_dirs(criteria, [file]))
    found = assess_text(name, text, None, store, options, named_as=unit_file_id(name))
    # errors, each; warnings (overdue actions, mostly: the diff itself lists those that
    # changed) counted, as status does
    for problem in found.diagnostics:
        if problem.level.value == "error":
            typer.echo(problem.format(lang), err=True)
    warnings = sum(1 for p in found.diagnostics if p.level.value == "warning")
    if warnings:
        _say(
            lang,
            f"{name}: {warnings} cảnh báo (ntm-check validate liệt kê từng cảnh báo)",
            f"{name}: {warnings} warning(s) (ntm-check validate lists each)",
        )
    if found.assessment is None:
        _say(lang, f"{name}: không có kết luận: hãy sửa các lỗi ở trên",
             f"{name}: no verdict: fix the errors above")  # fmt: skip
        raise typer.Exit(EXIT_INVALID)
    return found.assessment


HISTORY_EPILOG = (
    "\b\nVí dụ:\n  ntm-check history tan-yen\n  ntm-check history tan-yen --format markdown\n\n"
    "Lịch sử lấy từ git (mỗi lần commit districts/<mã>.yaml) hoặc từ thư mục "
    "districts/<mã>/<yyyy-mm-dd>.yaml. Với --as-of, các lần đánh giá sau ngày đó chưa có nên "
    "không được tính. Mã thoát: 0, hoặc 2 khi không đọc được lịch sử hay không đánh giá được "
    "bản nào."
)


@app.command("history", epilog=HISTORY_EPILOG, short_help="Lịch sử đánh giá một đơn vị")
def history(
    unit: UnitArg,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(HISTORY_REPORTERS)}."),
    ] = "table",
    limit: Annotated[
        int,
        typer.Option("--limit", min=1, help="Đọc tối đa bấy nhiêu commit gần nhất (git)."),
    ] = 2000,
    lang: LangOpt = "vi",
    districts: UnitsOpt = Path("districts"),
    criteria: CriteriaOpt = None,
    as_of: AsOfOpt = None,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Lịch sử đánh giá một đơn vị: số chỉ tiêu đạt theo ngày, chỉ tiêu thay đổi, nhiệm vụ."""
    from ntm_check.load.resolve import ResolveError, criteria_dirs, evidence_path
    from ntm_check.load.snapshots import SnapshotError, dated_snapshots, git_snapshots
    from ntm_check.reports import get_history_renderer
    from ntm_check.reports.history import HistoryOptions
    from ntm_check.run.cache import ResultCache, default_directory
    from ntm_check.run.history import build
    from ntm_check.run.many import assess_texts
    from ntm_check.run.sets import SetStore

    _choice(format, HISTORY_REPORTERS, "--format")
    chosen = _lang(lang)
    try:
        path = evidence_path(unit, districts)
    except ResolveError as exc:
        raise typer.BadParameter(str(exc), param_hint="UNIT") from None
    folder = districts / unit
    if not folder.is_dir() and not path.is_file():
        from ntm_check.diagnostics import START, Msg, error

        missing = error(str(path), START, "file-not-found", Msg("không có tệp này", "no such file"))
        typer.echo(missing.format(chosen), err=True)
        _hint_missing_unit(unit, path, districts, chosen)
        raise typer.Exit(EXIT_INVALID)
    try:
        if folder.is_dir():
            snapshots = dated_snapshots(folder)
        else:
            snapshots = [s for s in git_snapshots(path, limit=limit) if s.text is not None]
    except (SnapshotError, OSError, UnicodeDecodeError) as exc:
        _say_error(exc, chosen)
        raise typer.Exit(EXIT_INVALID) from None
    if not snapshots:
        _say(chosen, f"{path}: chưa có lần đánh giá nào", f"{path}: no assessment yet")
        raise typer.Exit(EXIT_INVALID)
    if not folder.is_dir() and _uncommitted(path, snapshots[-1].text):
        _say(chosen, f"{path} có thay đổi chưa commit: chưa có trong lịch sử (check xét tệp "
             "hiện tại)", f"{path} has uncommitted changes: not in the history yet (check "
             "judges the file as it is)")  # fmt: skip
    store = SetStore(*criteria_dirs(criteria, [path]))
    cache = ResultCache(None if no_cache else default_directory())
    options = _judging(as_of, keep_summaries=True)
    try:
        texts = [(s.name, s.text or "") for s in snapshots]
        judged = assess_texts(texts, store, options, cache, jobs=jobs or _usable_cores())
    finally:
        cache.close()
    found = build(list(zip(snapshots, judged, strict=True)), options.judged_on.isoformat())
    _say_history_problems(found, judged, path, options.judged_on, chosen)
    typer.echo(get_history_renderer(format)(found, HistoryOptions(lang=chosen)), nl=False)
    raise typer.Exit(EXIT_OK)


def _uncommitted(path: Path, committed: str | None) -> bool:
    """Whether the unit's file differs from its last committed version."""
    try:
        return path.read_bytes().decode("utf-8") != committed
    except (OSError, UnicodeDecodeError):
        return False


def _say_history_problems(
    found: History, judged: list[FileResult], path: Path, judged_on: dt.date, lang: Lang
) -> None:
    """The errors of the versions that could not be judged, the versions left out because they
    are dated after the judging date; exit 2 when no version is left or none could be judged."""
    shown = {point.source for point in found.points if point.summary is None}
    for result in judged:  # the errors of the versions shown without a verdict
        for problem in result.diagnostics:
            if problem.level.value == "error" and result.path in shown:
                typer.echo(problem.format(lang), err=True)
    day = format_iso_date(judged_on.isoformat(), lang)
    if found.later:
        _say(
            lang,
            f"{found.later} bản đánh giá sau ngày xét {day} (--as-of) không được tính",
            f"{found.later} assessment(s) dated after the judging date {day} (--as-of) left out",
        )
    if not found.points:
        _say(lang, f"{path}: chưa có lần đánh giá nào đến ngày {day}",
             f"{path}: no assessment on or before {day}")  # fmt: skip
        raise typer.Exit(EXIT_INVALID)
    if all(point.summary is None for point in found.points):
        _say(lang, f"{path}: không đánh giá được bản nào (xem các lỗi ở trên)",
             f"{path}: no version could be judged (see the errors above)")  # fmt: skip
        raise typer.Exit(EXIT_INVALID)


@app.command(
    "list",
    epilog="\b\nVí dụ:\n  ntm-check list\n  ntm-check list --format json",
    short_help="Liệt kê bộ tiêu chí và đơn vị",
)
def list_(
    folders: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Tệp hoặc thư mục cần kiểm tra (mặc định criteria/ và districts/).",
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Dạng kết quả: table, json.")
    ] = "table",
    lang: LangOpt = "vi",
) -> None:
    """Liệt kê các bộ tiêu chí và các đơn vị có hồ sơ."""
    from ntm_check.reports import get_catalog_renderer
    from ntm_check.run.catalog import catalog

    _choice(format, CATALOG_REPORTERS, "--format")
    chosen = _lang(lang)
    found = catalog(folders or [Path("criteria"), Path("districts")])
    for problem in found.problems:
        typer.echo(problem.format(chosen), err=True)
    typer.echo(get_catalog_renderer(format)(found, chosen), nl=False)
    raise typer.Exit(
        EXIT_INVALID if any(p.level.value == "error" for p in found.problems) else EXIT_OK
    )


UNITS_EPILOG = (
    "\b\nVí dụ:\n  ntm-check units tan-yen\n  ntm-check units 216 --format markdown\n"
    '  ntm-check units --new "Xã Tân Yên, Bắc Ninh"\n\n'
    "Cần danh mục đơn vị hành chính: pip install '.[units]'. "
    "Mã thoát: 0, hoặc 2 khi không tìm thấy đơn vị hay chưa cài danh mục."
)


@app.command("units", epilog=UNITS_EPILOG, short_help="Mã và địa bàn hành chính của đơn vị")
def units(
    unit: Annotated[
        str | None,
        typer.Argument(
            metavar="[UNIT]",
            help="Mã hồ sơ (tan-yen), đường dẫn tới tệp hồ sơ, hoặc mã hành chính (216, 07336).",
        ),
    ] = None,
    new: Annotated[
        str | None,
        typer.Option(
            "--new",
            help='Một xã, phường từ 01/7/2025 ("Xã Tân Yên, Bắc Ninh" hoặc mã): '
            "gồm những xã, phường cũ nào.",
        ),
    ] = None,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(UNITS_REPORTERS)}."),
    ] = "table",
    lang: LangOpt = "vi",
    districts: UnitsOpt = Path("districts"),
) -> None:
    """Mã hành chính chính thức của đơn vị, các xã, thị trấn và nơi mỗi xã thuộc về từ 01/7/2025."""
    from ntm_check.load.registry import RegistryUnavailable, open_registry, package_version
    from ntm_check.reports import get_units_renderer
    from ntm_check.run.units import UnitsError, by_code, by_new_name, view

    _choice(format, UNITS_REPORTERS, "--format")
    chosen = _lang(lang)
    if (unit is None) == (new is None):
        _say(chosen, "hãy ghi một đơn vị, hoặc --new", "name one unit, or --new")
        raise typer.Exit(EXIT_INVALID)
    try:
        registry = open_registry()
        if new is not None:
            found = by_new_name(registry, new)
        elif unit is not None and unit.isdigit():
            found = by_code(registry, unit)
            _also_on_the_new_map(registry, found, chosen)
        else:
            found = _unit_of_file(registry, unit or "", districts, chosen)
        shown = view(registry, found, f"vietnamadminunits {package_version()} (MIT)")
    except RegistryUnavailable as exc:
        _say_error(exc, chosen)
        raise typer.Exit(EXIT_INVALID) from None
    except UnitsError as exc:
        typer.echo(f"ntm-check: {exc.said.get(chosen)}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    typer.echo(get_units_renderer(format)(shown, chosen), nl=False)
    raise typer.Exit(EXIT_OK)


def _also_on_the_new_map(registry: Registry, unit: AdminUnit, lang: Lang) -> None:
    """Codes were reused on 1/7/2025 (07339: Thị trấn Cao Thượng, then Xã Tân Yên): say so."""
    other = registry.unit(unit.level, unit.code, "2025")
    if other is not None and other.name != unit.name:
        _say(
            lang,
            f"mã {unit.code} từ 01/7/2025 là {other.name}: xem bằng --new {unit.code}",
            f"from 1 July 2025 code {unit.code} is {other.name}: see it with --new {unit.code}",
        )


def _unit_of_file(registry: Registry, unit: str, districts: Path, lang: Lang) -> AdminUnit:
    """The registry's unit for an evidence file (by its code, else its name and province)."""
    from ntm_check.load.resolve import ResolveError, evidence_path
    from ntm_check.load.sources import load_file
    from ntm_check.run.units import by_evidence

    try:
        path = evidence_path(unit, districts)
    except ResolveError as exc:
        _say_error(exc, lang)
        raise typer.Exit(EXIT_INVALID) from None
    doc = load_file(path)
    for problem in doc.diagnostics:
        typer.echo(problem.format(lang), err=True)
    if not isinstance(doc.data, dict):
        if not doc.diagnostics:
            _say(
                lang,
                f"{path}: không phải tệp hồ sơ (cần một bảng các trường: id, name, code…)",
                f"{path}: not an evidence file (expected a mapping: id, name, code…)",
            )
        raise typer.Exit(EXIT_INVALID)
    return by_evidence(registry, doc.data, str(path))


SITE_EPILOG = (
    "\b\nVí dụ:\n  ntm-check site -o public/\n  ntm-check site -o public/ --as-of 2024-11-01 "
    "--lang vi,en\n\nTrang tĩnh, mở được từ đĩa, không cần máy chủ. Cần: pip install "
    "'ntm-check[site]'. Mã thoát: 0, hoặc 2 khi không ghi được thư mục."
)


@app.command("site", epilog=SITE_EPILOG, short_help="Trang web tĩnh của cả tỉnh")
def site(
    paths: UnitPathsArg = None,
    districts: UnitsOpt = Path("districts"),
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Thư mục ghi trang web (ghi trọn vẹn hoặc không ghi)."),
    ] = Path("public"),
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            "-l",
            envvar="NTM_CHECK_LANG",
            help="Ngôn ngữ của trang: vi (mặc định), en, hoặc vi,en (cả hai; ngôn ngữ thứ hai "
            "trong thư mục con).",
        ),
    ] = "vi",
    as_of: AsOfOpt = None,
    criteria: CriteriaOpt = None,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Trang web tĩnh: tổng quan các đơn vị, từng đơn vị, từng cơ quan; tiếng Việt và tiếng Anh."""
    import dataclasses
    import hashlib

    from ntm_check.cli_text import pick
    from ntm_check.load.files import InputFile
    from ntm_check.load.resolve import criteria_dirs
    from ntm_check.output import OutputError, write_folder
    from ntm_check.run.cache import ResultCache, default_directory
    from ntm_check.run.sets import SetStore
    from ntm_check.run.site import SiteHistories
    from ntm_check.run.status import build

    langs = tuple(dict.fromkeys(_lang(part.strip()) for part in lang.split(",")))
    chosen = langs[0]
    try:
        from ntm_check.reports.site import SiteOptions, page_maker, site_files
    except ImportError:
        _say(chosen, "cần cài thêm Jinja2: pip install '.[site]' (trong thư mục mã nguồn)",
             "needs Jinja2: pip install '.[site]' (in ntm-check's source folder)")  # fmt: skip
        raise typer.Exit(EXIT_INVALID) from None
    targets = paths or [districts]
    judging = _judging(as_of, keep_summaries=True)
    folders = criteria_dirs(criteria, targets)
    # every history depends on the sets' texts too: their bytes are part of each fingerprint
    sets = sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.y*ml"))
    context = hashlib.sha256(b"".join(p.read_bytes() for p in sets if p.is_file())).hexdigest()
    found = SiteHistories(
        [t for t in targets if t.is_dir()],
        SetStore(*folders),
        judging,
        ResultCache(None if no_cache else default_directory()),
        context=context,
    )
    for why in found.problems:
        _say(chosen, pick(why, "vi"), pick(why, "en"))
    options = SiteOptions(langs=langs, judged_on=judging.judged_on.isoformat())
    judging = dataclasses.replace(judging, pages=page_maker(found, options))
    try:
        run = _assess_many(targets, criteria, judging, jobs, no_cache)
    finally:
        if found.cache is not None:
            found.cache.close()
    for problem in run.diagnostics:
        if problem.level.value == "error":
            typer.echo(problem.format(chosen), err=True)
    if any(p.level.value == "error" for p in run.arguments):
        raise typer.Exit(EXIT_INVALID)
    status = build(run, judged_on=judging.judged_on)
    inputs = tuple(InputFile(Path(f.path), f.sha256) for f in run.files if f.sha256)
    evidence = {
        f.unit_id: Path(f.path)
        for f in run.files
        if f.summary is not None and f.unit_id and Path(f.path).is_file()
    }
    pages = [page for f in run.files for page in f.pages]
    files = site_files(status, pages, evidence, dataclasses.replace(options, inputs=inputs))
    try:
        write_folder(output, files, [Path(f.path) for f in run.files])
    except OutputError as exc:
        _say_error(exc, chosen)
        raise typer.Exit(EXIT_INVALID) from None
    _say(
        chosen,
        f"đã ghi {output}/ ({len(files)} tệp, {len(status.rows)} đơn vị)",
        f"wrote {output}/ ({len(files)} file(s), {len(status.rows)} unit(s))",
    )
    raise typer.Exit(EXIT_OK)


OFFICE_MISSING = (
    "cần cài thêm openpyxl và python-docx: pip install '.[office]' (trong thư mục mã nguồn)",
    "needs openpyxl and python-docx: pip install '.[office]' (in ntm-check's source folder)",
)
EXPORT_EPILOG = (
    "\b\nVí dụ:\n  ntm-check export tan-yen -o tan-yen.xlsx\n"
    "  ntm-check export --template huyen-ntm-nang-cao-2021-2025 -o mau.xlsx\n\n"
    "Cần: pip install '.[office]'. Mã thoát: 0, hoặc 2 khi hồ sơ lỗi hay không ghi được tệp."
)


@app.command("export", epilog=EXPORT_EPILOG, short_help="Bảng tự đánh giá ra tệp Excel")
def export(
    unit: Annotated[
        str | None,
        typer.Argument(
            metavar="[UNIT]", help="Mã đơn vị (ví dụ tan-yen) hoặc đường dẫn tới tệp hồ sơ."
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Tệp .xlsx cần ghi (ghi trọn vẹn hoặc không ghi)."),
    ] = Path("bang-tu-danh-gia.xlsx"),
    template: Annotated[
        str | None,
        typer.Option("--template", help="Mẫu trống của bộ tiêu chí này, cho một đơn vị mới."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Ghi đè tệp Excel đã có (có thể là bản đã được sửa tay)."),
    ] = False,
    lang: LangOpt = "vi",
    districts: UnitsOpt = Path("districts"),
    criteria: CriteriaOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Bảng tự đánh giá của một đơn vị ra tệp Excel: từng chỉ tiêu, nhiệm vụ, văn bản, nguồn."""
    chosen = _lang(lang)
    try:
        from ntm_check.reports import xlsx
    except ImportError:
        _say(chosen, *OFFICE_MISSING)
        raise typer.Exit(EXIT_INVALID) from None
    if (unit is None) == (template is None):
        _say(chosen, "hãy ghi một đơn vị, hoặc --template", "name one unit, or --template")
        raise typer.Exit(EXIT_INVALID)
    if output.is_file() and not force:  # a workbook people have typed into: never lost
        _say(
            chosen,
            f"{output} đã có (có thể đã được sửa tay): thêm --force để ghi đè",
            f"{output} exists (it may have been edited by hand): add --force to replace it",
        )
        raise typer.Exit(EXIT_INVALID)
    if template is not None:
        data, inputs = _template(template, criteria, chosen, xlsx.template)
    else:
        found, run = _assess_unit(unit or "", districts, criteria, as_of, chosen)
        assert found.assessment is not None
        inputs = [Path(f.path) for f in run.files]
        data = xlsx.workbook(found.assessment, _inputs(run), chosen)
    _write(output, data, inputs, chosen)
    _say(chosen, f"đã ghi {output}", f"wrote {output}")
    raise typer.Exit(EXIT_OK)


def _importable(workbook: Path, output: Path, lang: Lang) -> None:
    """Refuse an output that is a folder, the workbook itself, or a criteria set."""
    from ntm_check.load.discover import has_criteria_key, peek

    why = None
    if output.is_dir():
        why = ("là thư mục", "is a folder")
    elif output.exists() and workbook.exists() and output.resolve() == workbook.resolve():
        why = ("là chính tệp Excel đang đọc", "is the workbook being read")
    elif output.is_file() and has_criteria_key(peek(str(output)) or b""):
        why = ("là một bộ tiêu chí, không phải hồ sơ", "is a criteria set, not evidence")
    if why is not None:
        _say(lang, f"{output}: {why[0]}; không ghi", f"{output}: {why[1]}; not written")
        raise typer.Exit(EXIT_INVALID)


def _set_ids(workbook: Path, store: Any) -> frozenset[str] | None:
    """The indicator ids of the set a workbook names (``None`` when it cannot be told)."""
    try:
        import openpyxl

        book = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
    except Exception:  # read_workbook reports it, located
        return None
    try:
        for name in ("Thông tin", "Unit"):
            if name in book.sheetnames:
                for row in book[name].iter_rows(min_row=2, max_row=50, values_only=True):
                    if row and row[0] == "criteria_set" and isinstance(row[1], str):
                        cset = store.get(row[1].strip()).cset
                        return frozenset(cset.by_id) if cset is not None else None
    finally:
        book.close()
    return None


def _template(
    set_id: str, criteria: Path | None, lang: Lang, make: Callable[[Any, Lang], bytes]
) -> tuple[bytes, list[Path]]:
    from ntm_check.load.resolve import criteria_dirs
    from ntm_check.run.sets import SetStore

    store = SetStore(*criteria_dirs(criteria, [Path("districts")]))
    loaded = store.get(set_id)
    for problem in loaded.diagnostics:
        typer.echo(problem.format(lang), err=True)
    if loaded.cset is None:
        _say(lang, f"không có bộ tiêu chí {set_id!r}", f"no criteria set {set_id!r}")
        raise typer.Exit(EXIT_INVALID)
    return make(loaded.cset, lang), [loaded.path] if loaded.path else []


IMPORT_EPILOG = (
    "\b\nVí dụ:\n  ntm-check import tan-yen.xlsx -o districts/tan-yen.yaml\n\n"
    "Không ghi đè tệp đã có nếu không có --force; luôn in những gì thay đổi. Cần: pip install "
    "'.[office]'. Mã thoát: 0, hoặc 2 khi tệp Excel có lỗi hay không ghi được tệp."
)


@app.command("import", epilog=IMPORT_EPILOG, short_help="Bảng tự đánh giá từ Excel về hồ sơ YAML")
def import_(
    workbook: Annotated[Path, typer.Argument(metavar="FILE.xlsx", help="Tệp Excel cần đọc.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Tệp hồ sơ YAML cần ghi (ghi trọn vẹn).")
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Ghi đè tệp hồ sơ đã có (sau khi in phần thay đổi).")
    ] = False,
    lang: LangOpt = "vi",
    criteria: CriteriaOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Đọc bảng tự đánh giá (Excel) thành tệp hồ sơ YAML mà validate chấp nhận."""
    from ntm_check.load.resolve import criteria_dirs
    from ntm_check.load.snapshots import unit_file_id
    from ntm_check.run.assess import assess_text
    from ntm_check.run.sets import SetStore

    chosen = _lang(lang)
    try:
        import openpyxl  # noqa: F401 - only to say which extra is missing

        from ntm_check.load.workbook import read_workbook, to_yaml
    except ImportError:
        _say(chosen, *OFFICE_MISSING)
        raise typer.Exit(EXIT_INVALID) from None
    _importable(workbook, output, chosen)
    store = SetStore(*criteria_dirs(criteria, [output]))
    data, problems = read_workbook(workbook, known=_set_ids(workbook, store))
    for problem in problems:
        typer.echo(problem.format(chosen), err=True)
    if data is None or any(p.level.value == "error" for p in problems):
        raise typer.Exit(EXIT_INVALID)
    text = to_yaml(data, workbook.name)
    if output.exists() and _same_data(output, text):  # before judging: nothing would be written
        _say(chosen, f"{output}: không có thay đổi nào; không ghi",
             f"{output}: nothing changes; not written")  # fmt: skip
        raise typer.Exit(EXIT_OK)
    judged = assess_text(str(output), text, None, store, _judging(as_of),
                         named_as=unit_file_id(str(output)))  # fmt: skip
    if judged.diagnostics:  # the data read, as the YAML it would write: say so
        _say(
            chosen,
            f"{workbook}: dữ liệu đọc được, theo dòng của tệp {output} sẽ ghi:",
            f"{workbook}: the data read, by the lines of the {output} it would write:",
        )
    for diagnostic in judged.diagnostics:
        typer.echo(diagnostic.format(chosen), err=True)
    if judged.errors:
        _say(chosen, f"{output}: chưa ghi: dữ liệu đọc được có lỗi (xem ở trên)",
             f"{output}: not written: the data read has errors (above)")  # fmt: skip
        raise typer.Exit(EXIT_INVALID)
    if output.exists():
        _show_import_changes(output, text, workbook, chosen)
        if not force:
            _say(chosen, f"{output} đã có: thêm --force để ghi đè (phần thay đổi ở trên)",
                 f"{output} exists: add --force to replace it (the changes are above)")  # fmt: skip
            raise typer.Exit(EXIT_INVALID)
    _write(output, text, [workbook], chosen)
    _say(chosen, f"đã ghi {output}", f"wrote {output}")
    raise typer.Exit(EXIT_OK)


def _same_data(output: Path, text: str) -> bool:
    """Whether ``output`` already holds the data ``text`` would write (comments, layout aside)."""
    from ntm_check.load.sources import load_text

    existing = load_text(output.read_text(encoding="utf-8", errors="replace"), str(output))
    return not existing.diagnostics and existing.data == load_text(text, str(output)).data


def _show_import_changes(output: Path, text: str, workbook: Path, lang: Lang) -> None:
    """Print what importing would change in ``output``: field by field when it holds data
    (the whole file is rewritten, so a diff of lines is mostly layout), else as a diff of
    lines."""
    import difflib

    from ntm_check.load.sources import load_text
    from ntm_check.load.workbook import data_changes

    existing = output.read_text(encoding="utf-8", errors="replace")
    before = load_text(existing, str(output))
    if isinstance(before.data, dict) and not before.diagnostics:
        changes = data_changes(before.data, load_text(text, str(output)).data)
        typer.echo("\n".join(changes))
        _say(
            lang,
            f"{output}: {len(changes)} trường thay đổi (ở trên); tệp được ghi lại toàn bộ: "
            "chú thích (#) và cách trình bày của nó không được giữ",
            f"{output}: {len(changes)} field(s) change (above); the file is written anew: "
            "its comments (#) and layout are not kept",
        )
        return
    lines = difflib.unified_diff(existing.splitlines(keepends=True),
                                 text.splitlines(keepends=True), str(output),
                                 f"{output} ← {workbook.name}")  # fmt: skip
    typer.echo("".join(lines), nl=False)


def _app_for(name: str | None) -> typer.Typer:
    """The program with only the command asked for: typer builds the options of every command
    it holds on each run (~5 ms of every run for the seven others). The program's own help
    and shell completion still get every command."""
    if name not in COMMANDS:
        return app
    import copy

    only = copy.copy(app)
    only.registered_commands = [c for c in app.registered_commands if c.name == name]
    return only


def main(argv: list[str] | None = None, *, keep: list[object] | None = None) -> None:
    """Entry point of the ``ntm-check`` script.

    ``keep``: a list the commands leave their largest results in, for a caller that ends the
    process without freeing them (``ntm_check.entry``)."""
    from typer._click import exceptions as click_errors

    from ntm_check.cli_text import localise, usage_error

    args = list(sys.argv[1:] if argv is None else argv)
    lang = _run_lang(args)
    if _only_lang_and_help(args):  # `ntm-check --lang en --help`: the program's own help
        args = ["--help"]
    args = _lang_after_command(args)
    if (args and not args[0].startswith("-") and args[0] not in COMMANDS) or (
        args and args[0].startswith("-") and args[0] not in ROOT_OPTIONS
    ):
        args.insert(0, "check")
    command = typer.main.get_command(_app_for(args[0] if args else None))
    localise(command, lang)
    _use_formatter(command, lang)
    try:
        code = command.main(args=args, prog_name="ntm-check", standalone_mode=False, obj=keep)
    except click_errors.NoArgsIsHelpError as exc:
        sys.stderr.write(exc.format_message() + "\n")
        sys.exit(EXIT_INVALID)
    except click_errors.UsageError as exc:
        sys.stderr.write(usage_error(exc, lang))
        sys.exit(EXIT_INVALID)
    except typer.Abort:
        sys.stderr.write("ntm-check: interrupted\n")
        sys.exit(130)
    except KeyboardInterrupt:
        sys.stderr.write("ntm-check: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # a bug: never show users a traceback
        if os.environ.get("NTM_CHECK_DEBUG"):
            raise
        sys.stderr.write(
            f"ntm-check: lỗi nội bộ / internal error: {type(exc).__name__}: {exc}\n"
            "Đây là lỗi của ntm-check; chạy lại với NTM_CHECK_DEBUG=1 để xem chi tiết. / "
            "This is a bug in ntm-check; rerun with NTM_CHECK_DEBUG=1 to see the traceback.\n"
        )
        sys.exit(EXIT_BUG)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


#: options of the program itself: anything else before a command is check's
ROOT_OPTIONS = ("-h", "--help", "--version", "--install-completion", "--show-completion")


def _lang_after_command(args: list[str]) -> list[str]:
    """``ntm-check --lang en status …``: the language given before the command is moved after
    it, where every command takes it (``--lang`` is each command's option)."""
    lead: list[str] = []
    rest = list(args)
    while rest:
        if rest[0] in ("--lang", "-l") and len(rest) > 1:
            lead += rest[:2]
            rest = rest[2:]
        elif rest[0].startswith("--lang="):
            lead.append(rest.pop(0))
        else:
            break
    if not lead or not rest or rest[0].startswith("-"):
        return args
    return [rest[0], *lead, *rest[1:]]


def _only_lang_and_help(args: list[str]) -> bool:
    rest = [a for a in args if not a.startswith("--lang=")]
    for flag in ("--lang", "-l"):
        while flag in rest and rest.index(flag) + 1 < len(rest):
            at = rest.index(flag)
            del rest[at : at + 2]
    return len(rest) < len(args) and rest in (["--help"], ["-h"])


def _run_lang(args: list[str]) -> Lang:
    """The language of this run: ``--lang``/``-l`` on the command line, else NTM_CHECK_LANG."""
    for i, arg in enumerate(args):
        given = args[i + 1] if arg in ("--lang", "-l") and i + 1 < len(args) else None
        if arg.startswith("--lang="):
            given = arg.split("=", 1)[1]
        given = given.split(",")[0] if given else None  # site: --lang vi,en
        if given in LANGS:
            return "en" if given == "en" else "vi"
    return "en" if os.environ.get("NTM_CHECK_LANG") == "en" else "vi"


def _use_formatter(command: Any, lang: Lang) -> None:
    """Vietnamese headings and notes in help when the run is in Vietnamese."""
    if lang == "en":
        return
    from ntm_check.cli_text import vietnamese_context

    command.context_class = vietnamese_context(command.context_class)
    for sub in getattr(command, "commands", {}).values():
        _use_formatter(sub, lang)
