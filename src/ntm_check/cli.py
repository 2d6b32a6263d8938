"""Command line: parse options into the run's settings and a command's request, then hand
them to :func:`ntm_check.cli_run.execute`, which calls the command's application function
(:mod:`ntm_check.app`), renders its result and exits.

This is the only module that reads the clock ("today", once per run).
``ntm-check UNIT`` is short for ``ntm-check check UNIT``: when the first argument is
not a command name, ``check`` is assumed.

Exit codes: 0 every indicator met (or not applicable); 1 at least one indicator not met or
without data; 2 usage error or invalid/unreadable input; 3 internal error (a bug).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from ntm_check import __version__
from ntm_check.app import formats
from ntm_check.cli_criteria import criteria_app
from ntm_check.cli_options import (
    CriteriaOpt,
    ForceOpt,
    LangOpt,
    OutputOpt,
)
from ntm_check.cli_options import lang_of as _lang
from ntm_check.cli_options import settings as _settings
from ntm_check.cli_run import choose, execute, look
from ntm_check.text import Lang

if TYPE_CHECKING:
    from ntm_check.run.diff import FailOn
    from ntm_check.run.status import SortKey, VerdictFilter

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2
EXIT_BUG = 3

COMMANDS = (
    "check", "report", "validate", "status", "diff", "history", "units", "site", "export",
    "import", "schema", "list", "criteria",
)  # fmt: skip
#: the commands that hold commands of their own
GROUPS = ("criteria",)
SCHEMA_KINDS = ("evidence", "criteria", "overlay")

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


UnitArg = Annotated[
    str,
    typer.Argument(
        metavar="UNIT",
        help="Mã đơn vị (ví dụ tan-yen: districts/tan-yen.yaml) hoặc đường dẫn tới tệp hồ sơ.",
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


STATUS_EPILOG = (
    "\b\nVí dụ:\n  ntm-check status\n  ntm-check status districts/ --sort overdue --province 24"
    " --format markdown\n  ntm-check status --by owner\n\n"
    "Mã thoát: 0 mọi đơn vị đạt chuẩn, 1 có đơn vị chưa đạt hoặc hồ sơ lỗi, 2 lỗi cách dùng."
)


DIFF_EPILOG = (
    "\b\nVí dụ:\n  ntm-check diff districts/tan-yen.yaml moi/tan-yen.yaml\n"
    "  ntm-check diff tan-yen --rev HEAD~3\n  ntm-check diff tan-yen --rev 2024-06-30\n\n"
    "Mã thoát: 0 không tụt chỉ tiêu nào (theo --fail-on), 1 có, 2 lỗi cách dùng hoặc lỗi tệp."
)


HISTORY_EPILOG = (
    "\b\nVí dụ:\n  ntm-check history tan-yen\n  ntm-check history tan-yen --format markdown\n\n"
    "Lịch sử lấy từ git (mỗi lần commit districts/<mã>.yaml) hoặc từ thư mục "
    "districts/<mã>/<yyyy-mm-dd>.yaml. Với --as-of, các lần đánh giá sau ngày đó chưa có nên "
    "không được tính. Mã thoát: 0, hoặc 2 khi không đọc được lịch sử hay không đánh giá được "
    "bản nào."
)


UNITS_EPILOG = (
    "\b\nVí dụ:\n  ntm-check units tan-yen\n  ntm-check units 216 --format markdown\n"
    '  ntm-check units --new "Xã Tân Yên, Bắc Ninh"\n\n'
    "Cần danh mục đơn vị hành chính: pip install '.[units]'. "
    "Mã thoát: 0, hoặc 2 khi không tìm thấy đơn vị hay chưa cài danh mục."
)


SITE_EPILOG = (
    "\b\nVí dụ:\n  ntm-check site -o public/\n  ntm-check site -o public/ --as-of 2024-11-01 "
    "--lang vi,en\n\nTrang tĩnh, mở được từ đĩa, không cần máy chủ. Cần: pip install "
    "'ntm-check[site]'. Mã thoát: 0, hoặc 2 khi không ghi được thư mục."
)


EXPORT_EPILOG = (
    "\b\nVí dụ:\n  ntm-check export tan-yen -o tan-yen.xlsx\n"
    "  ntm-check export --template huyen-ntm-nang-cao-2021-2025 -o mau.xlsx\n\n"
    "Cần: pip install '.[office]'. Mã thoát: 0, hoặc 2 khi hồ sơ lỗi hay không ghi được tệp."
)


IMPORT_EPILOG = (
    "\b\nVí dụ:\n  ntm-check import tan-yen.xlsx -o districts/tan-yen.yaml\n\n"
    "Không ghi đè tệp đã có nếu không có --force; luôn in những gì thay đổi. Cần: pip install "
    "'.[office]'. Mã thoát: 0, hoặc 2 khi tệp Excel có lỗi hay không ghi được tệp."
)


def _choice(value: str, choices: Iterable[str], hint: str) -> None:
    listed = ", ".join(choices)
    if value not in choices:
        raise typer.BadParameter(
            f"{value!r} không phải một trong: {listed} ‖ {value!r} is not one of: {listed}",
            param_hint=hint,
        )


def _kept(ctx: typer.Context) -> list[object] | None:
    """Where a command leaves its largest results when the ``ntm-check`` script runs it: it
    ends the process without freeing anything (see ``ntm_check.entry``)."""
    return ctx.obj if isinstance(ctx.obj, list) else None


@app.command("check", epilog=CHECK_EPILOG, short_help="Đánh giá một đơn vị")
def check(
    unit: UnitArg,
    format: Annotated[
        str, typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(formats.CHECK.names)}.")
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
    from ntm_check.app import check as command

    settings = _settings(lang, as_of, districts, criteria)
    chosen = choose(formats.CHECK, format, settings.lang)
    shown = look(settings.lang, color if format == "table" else False)
    request = command.CheckRequest(unit, json_output=format == "json")
    execute(settings, command.run, request, chosen, shown=shown)


@app.command(
    "report", epilog=REPORT_EPILOG, short_help="Báo cáo chỉ tiêu còn thiếu (markdown, Word)"
)
def report(
    unit: UnitArg,
    output: OutputOpt = None,
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
    force: ForceOpt = False,
) -> None:
    """Báo cáo chỉ tiêu còn thiếu (markdown): còn thiếu gì, ai chủ trì, hạn nào."""
    from ntm_check.app import report as command

    settings = _settings(lang, as_of, districts, criteria)
    chosen = choose(formats.REPORT, format, settings.lang)
    request = command.ReportRequest(unit, letterhead if format == "docx" else None)
    execute(settings, command.run, request, chosen, output=output, force=force)


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
        typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(formats.VALIDATE.names)}."),
    ] = "text",
    output: OutputOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Cảnh báo cũng tính là lỗi.")] = False,
    as_of: AsOfOpt = None,
    criteria: CriteriaOpt = None,
    lang: LangOpt = "vi",
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Không in dòng tổng kết và thanh tiến độ.")
    ] = False,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
    force: ForceOpt = False,
) -> None:
    """Kiểm tra các tệp bộ tiêu chí và hồ sơ cho CI: mọi lỗi, kèm vị trí."""
    from ntm_check.app import validate as command

    settings = _settings(lang, as_of, criteria=criteria, jobs=jobs, no_cache=no_cache)
    chosen = choose(formats.VALIDATE, format, settings.lang)
    echo = (output is not None and str(output) != "-") or format != "text"
    with progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
        request = command.ValidateRequest(tuple(paths or ()), strict, quiet, echo, progress)
        execute(settings, command.run, request, chosen, output=output, force=force,
                keep=_kept(ctx))  # fmt: skip


@app.command("schema", short_help="In JSON Schema của tệp")
def schema(
    kind: Annotated[
        str, typer.Argument(metavar="KIND", help=f"Một trong: {', '.join(SCHEMA_KINDS)}.")
    ],
    lang: LangOpt = "vi",
) -> None:
    """In JSON Schema của tệp: hồ sơ (evidence), bộ tiêu chí (criteria), lớp bổ sung (overlay)."""
    from ntm_check.schema import json_schema

    _lang(lang)
    _choice(kind, SCHEMA_KINDS, "KIND")
    typer.echo(json_schema(kind), nl=False)


StatusFormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(formats.STATUS.names)}."),
]
ByOpt = Annotated[
    str,
    typer.Option(
        "--by",
        help="Xem theo: unit (từng đơn vị), department (cơ quan phụ trách), owner (cơ quan "
        "chủ trì), area (địa bàn từ 01/7/2025; cần danh mục đơn vị hành chính).",
    ),
]
SortOpt = Annotated[str, typer.Option("--sort", help="Sắp xếp: met, overdue, age, name.")]
ProvinceOpt = Annotated[
    str | None, typer.Option("--province", help="Chỉ các đơn vị của tỉnh có mã này.")
]
SetOpt = Annotated[
    str | None, typer.Option("--set", help="Chỉ các đơn vị đánh giá theo bộ tiêu chí này.")
]
VerdictOpt = Annotated[
    str | None, typer.Option("--verdict", help="Chỉ các đơn vị: pass, fail, invalid.")
]


@app.command("status", epilog=STATUS_EPILOG, short_help="Tình hình mọi đơn vị của tỉnh")
def status(
    ctx: typer.Context,
    paths: UnitPathsArg = None,
    districts: UnitsOpt = Path("districts"),
    format: StatusFormatOpt = "table",
    by: ByOpt = "unit",
    sort: SortOpt = "name",
    province: ProvinceOpt = None,
    set_id: SetOpt = None,
    verdict: VerdictOpt = None,
    as_of: AsOfOpt = None,
    criteria: CriteriaOpt = None,
    lang: LangOpt = "vi",
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Tình hình mọi đơn vị: mỗi đơn vị một dòng, tổng theo bộ tiêu chí, việc theo cơ quan."""
    from ntm_check.app import status as command
    from ntm_check.run.status import SORT_KEYS, VERDICTS

    settings = _settings(lang, as_of, districts, criteria, jobs, no_cache)
    chosen = choose(formats.STATUS, format, settings.lang)
    _choice(by, command.BY, "--by")
    _choice(sort, SORT_KEYS, "--sort")
    if verdict is not None:
        _choice(verdict, VERDICTS, "--verdict")
    request = command.StatusRequest(
        tuple(paths or ()), cast("command.By", by), cast("SortKey", sort), province, set_id,
        cast("VerdictFilter | None", verdict), json_output=format == "json",
    )  # fmt: skip
    execute(settings, command.run, request, chosen, shown=look(settings.lang, False),
            keep=_kept(ctx))  # fmt: skip


OldArg = Annotated[
    str,
    typer.Argument(
        metavar="OLD", help="Tệp hồ sơ cũ, hoặc mã đơn vị (với --rev, hoặc thư mục ngày)."
    ),
]
NewArg = Annotated[
    str | None,
    typer.Argument(metavar="[NEW]", help="Tệp hồ sơ mới (mặc định: bản hiện tại)."),
]
RevOpt = Annotated[
    str | None,
    typer.Option(
        "--rev",
        help="Bản cũ: một phiên bản git (HEAD~3) hoặc một ngày (dd/mm/yyyy hay yyyy-mm-dd).",
    ),
]
DiffFormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(formats.DIFF.names)}."),
]
FailOnOpt = Annotated[
    str,
    typer.Option(
        "--fail-on",
        help="Khi nào thoát 1: regression (chỉ tiêu tụt), worse (cả số liệu xa hơn, lùi "
        "hạn), never.",
    ),
]


@app.command("diff", epilog=DIFF_EPILOG, short_help="So sánh hai lần đánh giá")
def diff(
    old: OldArg,
    new: NewArg = None,
    rev: RevOpt = None,
    format: DiffFormatOpt = "table",
    fail_on: FailOnOpt = "regression",
    lang: LangOpt = "vi",
    districts: UnitsOpt = Path("districts"),
    criteria: CriteriaOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """So sánh hai lần đánh giá một đơn vị: chỉ tiêu mới đạt, bị tụt, số liệu, nhiệm vụ."""
    from ntm_check.app import diff as command
    from ntm_check.run.diff import FAIL_ON

    settings = _settings(lang, as_of, districts, criteria)
    chosen = choose(formats.DIFF, format, settings.lang)
    _choice(fail_on, FAIL_ON, "--fail-on")
    request = command.DiffRequest(old, new, rev, cast("FailOn", fail_on))
    execute(settings, command.run, request, chosen)


@app.command("history", epilog=HISTORY_EPILOG, short_help="Lịch sử đánh giá một đơn vị")
def history(
    unit: UnitArg,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(formats.HISTORY.names)}."),
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
    from ntm_check.app import history as command

    settings = _settings(lang, as_of, districts, criteria, jobs, no_cache)
    chosen = choose(formats.HISTORY, format, settings.lang)
    execute(settings, command.run, command.HistoryRequest(unit, limit), chosen)


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
    from ntm_check.app import catalog as command

    settings = _settings(lang)
    chosen = choose(formats.CATALOG, format, settings.lang)
    execute(settings, command.run, command.ListRequest(tuple(folders or ())), chosen)


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
        typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(formats.UNITS.names)}."),
    ] = "table",
    lang: LangOpt = "vi",
    districts: UnitsOpt = Path("districts"),
) -> None:
    """Mã hành chính chính thức của đơn vị, các xã, thị trấn và nơi mỗi xã thuộc về từ 01/7/2025."""
    from ntm_check.app import units as command

    settings = _settings(lang, districts=districts)
    chosen = choose(formats.UNITS, format, settings.lang)
    execute(settings, command.run, command.UnitsRequest(unit, new), chosen)


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
    from ntm_check.app import site as command

    langs = tuple(dict.fromkeys(_lang(part.strip()) for part in lang.split(",")))
    settings = _settings(langs[0], as_of, districts, criteria, jobs, no_cache)
    chosen = choose(formats.SITE, "html", settings.lang)
    request = command.SiteRequest(tuple(paths or ()), langs)
    execute(settings, command.run, request, chosen, output=output)


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
    from ntm_check.app import export as command

    settings = _settings(lang, as_of, districts, criteria)
    chosen = choose(formats.EXPORT, "xlsx", settings.lang)
    request = command.ExportRequest(unit, template)
    execute(settings, command.run, request, chosen, output=output, force=force)


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
    from ntm_check.app import import_ as command

    settings = _settings(lang, as_of, criteria=criteria)
    chosen = choose(formats.IMPORT, "yaml", settings.lang)
    request = command.ImportRequest(workbook, output, force)
    execute(settings, command.run, request, chosen, output=output, force=None)


@contextlib.contextmanager
def progress_bar(*, enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
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


app.add_typer(
    criteria_app, name="criteria", short_help="Liệt kê, xem, so sánh bộ tiêu chí; ra, vào Excel"
)


def _app_for(name: str | None) -> typer.Typer:
    """The program with only the command asked for: typer builds the options of every command
    it holds on each run (~5 ms of every run for the seven others). The program's own help
    and shell completion still get every command."""
    if name not in COMMANDS:
        return app
    import copy

    only = copy.copy(app)
    only.registered_commands = [c for c in app.registered_commands if c.name == name]
    only.registered_groups = [g for g in app.registered_groups if g.name == name]
    return only


def main(argv: list[str] | None = None, *, keep: list[object] | None = None) -> None:
    """Entry point of the ``ntm-check`` script.

    ``keep``: a list the commands leave their largest results in, for a caller that ends the
    process without freeing them (``ntm_check.entry``)."""
    from ntm_check.cli_args import prepare, refuse_mistyped_command
    from ntm_check.cli_text import localise

    args, lang = prepare(list(sys.argv[1:] if argv is None else argv), COMMANDS, GROUPS)
    if refused := refuse_mistyped_command(args, COMMANDS, lang):
        sys.stderr.write(refused)
        sys.exit(EXIT_INVALID)
    command = typer.main.get_command(_app_for(args[0] if args else None))
    localise(command, lang)
    _use_formatter(command, lang)
    _interrupt_on_signals()
    sys.exit(_invoke(command, args, lang, keep))


def _interrupt_on_signals() -> None:
    """SIGTERM and SIGHUP (a CI job cancelled, a terminal closed) interrupt the run as Ctrl-C
    does, so that a file or folder half written is removed and exit is 130."""
    import signal
    import threading

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), interrupt)


def _invoke(command: Any, args: list[str], lang: Lang, keep: list[object] | None) -> int:
    """Run the parsed command; usage errors in the run's language, never a traceback."""
    from ntm_check.cli_text import USAGE_ERRORS, usage_error

    try:
        code = command.main(args=args, prog_name="ntm-check", standalone_mode=False, obj=keep)
    except USAGE_ERRORS as exc:
        sys.stderr.write(usage_error(exc, lang))
        return EXIT_INVALID
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("ntm-check: interrupted\n")
        return 130
    except Exception as exc:  # a bug: never show users a traceback
        if os.environ.get("NTM_CHECK_DEBUG"):
            raise
        said = str(exc) if len(str(exc)) <= 300 else f"{str(exc)[:300]}…"
        sys.stderr.write(
            f"ntm-check: lỗi nội bộ / internal error: {type(exc).__name__}: {said}\n"
            "Đây là lỗi của ntm-check; chạy lại với NTM_CHECK_DEBUG=1 để xem chi tiết. / "
            "This is a bug in ntm-check; rerun with NTM_CHECK_DEBUG=1 to see the traceback.\n"
        )
        return EXIT_BUG
    return code if isinstance(code, int) else EXIT_OK


def _use_formatter(command: Any, lang: Lang) -> None:
    """Help and usage lines laid out for the run's language (see ``cli_text.help_context``)."""
    from ntm_check.cli_text import help_context

    command.context_class = help_context(command.context_class, lang)
    for sub in getattr(command, "commands", {}).values():
        _use_formatter(sub, lang)
