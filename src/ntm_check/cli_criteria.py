"""``ntm-check criteria …``: the criteria sets: list, show, compare, and the set as a
workbook both ways (``export``, ``import``, ``template``). Options are parsed here and handed
to :func:`ntm_check.cli_run.execute`, as every command of :mod:`ntm_check.cli` is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from ntm_check.app import formats
from ntm_check.cli_options import CriteriaOpt, ForceOpt, LangOpt, OutputOpt, settings
from ntm_check.cli_run import choose, execute

if TYPE_CHECKING:
    from ntm_check.app.outcome import Outcome
    from ntm_check.app.workspace import Workspace

Q = TypeVar("Q")
R = TypeVar("R")

criteria_app = typer.Typer(
    name="criteria",
    no_args_is_help=True,
    help="Các bộ tiêu chí: liệt kê, xem (đã áp dụng lớp bổ sung của tỉnh), so sánh; "
    "ra và vào bảng tính Excel.",
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)
SetArg = Annotated[
    str, typer.Argument(metavar="SET", help="Mã bộ tiêu chí, hoặc đường dẫn tới tệp bộ tiêu chí.")
]
WorkbookOpt = Annotated[
    Path, typer.Option("--output", "-o", help="Tệp .xlsx cần ghi (ghi trọn vẹn hoặc không ghi).")
]
BookForceOpt = Annotated[
    bool, typer.Option("--force", help="Ghi đè tệp Excel đã có (có thể là bản đã được sửa tay).")
]
GroupsOpt = Annotated[
    int,
    typer.Option(
        "--groups",
        min=0,
        max=50,
        help="Số nhóm (nhom-1 … nhom-N, tên 'Nhóm 1' …), mỗi nhóm một cột ở trang Chỉ tiêu.",
    ),
]
UnitOpt = Annotated[
    str | None, typer.Option("--unit", metavar="xa|huyen", help="Cấp đánh giá: xa hoặc huyen.")
]
ListFormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(formats.CRITERIA_LIST.names)}."),
]
ShowFormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(formats.CRITERIA_SHOW.names)}."),
]
DiffFormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", help=f"Dạng kết quả: {', '.join(formats.CRITERIA_DIFF.names)}."),
]

EXPORT_EPILOG = (
    "\b\nVí dụ:\n  ntm-check criteria export huyen-ntm-nang-cao-2021-2025 -o bo-tieu-chi.xlsx\n"
    "  ntm-check criteria export criteria/tinh-bo.yaml -o tinh.xlsx\n\n"
    "Cần: pip install '.[office]'. Mã thoát: 0, hoặc 2 khi bộ tiêu chí lỗi hay không ghi được "
    "tệp."
)
IMPORT_EPILOG = (
    "\b\nVí dụ:\n  ntm-check criteria import bo-tieu-chi.xlsx -o criteria/xa-ntm-2026-2030.yaml"
    "\n\nMọi lỗi kèm ô của nó (tệp.xlsx:Chỉ tiêu!F12). Không ghi đè tệp đã có nếu không có "
    "--force. Mã thoát: 0, hoặc 2 khi tệp Excel hay bộ tiêu chí đọc được có lỗi."
)
TEMPLATE_EPILOG = (
    "\b\nVí dụ:\n  ntm-check criteria template -o bo-moi.xlsx\n"
    "  ntm-check criteria template --groups 3 --unit xa -o xa-ntm-2026-2030.xlsx\n\n"
    "Điền rồi đọc lại bằng ntm-check criteria import. Mã thoát: 0, hoặc 2 khi không ghi được "
    "tệp."
)


@criteria_app.command("list")
def criteria_list(
    folders: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...", help="Tệp hoặc thư mục (mặc định criteria/ và districts/)."
        ),
    ] = None,
    format: ListFormatOpt = "table",
    lang: LangOpt = "vi",
    criteria: CriteriaOpt = None,
) -> None:
    """Liệt kê các bộ tiêu chí, bộ mà mỗi bộ mở rộng và các đơn vị được đánh giá theo mỗi bộ."""
    from ntm_check.app import criteria_list as command  # noqa: PLC0415

    run = settings(lang, criteria=criteria)
    chosen = choose(formats.CRITERIA_LIST, format, run.lang)
    execute(run, command.run, command.SetListRequest(tuple(folders or ())), chosen)


@criteria_app.command("show")
def criteria_show(
    set_: SetArg,
    format: ShowFormatOpt = "table",
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = "vi",
    criteria: CriteriaOpt = None,
) -> None:
    """Xem một bộ tiêu chí như được áp dụng: mỗi chỉ tiêu, ngưỡng và văn bản nguồn của nó."""
    from ntm_check.app import criteria_show as command  # noqa: PLC0415

    request = command.ShowRequest(set_)
    _report(formats.CRITERIA_SHOW, format, lang, criteria, command.run, request, output, force)


@criteria_app.command("diff")
def criteria_diff(
    old: Annotated[str, typer.Argument(metavar="A", help="Bộ cũ (mã hoặc đường dẫn tệp).")],
    new: Annotated[str, typer.Argument(metavar="B", help="Bộ mới (mã hoặc đường dẫn tệp).")],
    format: DiffFormatOpt = "table",
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = "vi",
    criteria: CriteriaOpt = None,
) -> None:
    """So sánh hai bộ tiêu chí (hai phiên bản, hoặc lớp bổ sung của tỉnh và bộ gốc)."""
    from ntm_check.app import criteria_diff as command  # noqa: PLC0415

    request = command.SetDiffRequest(old, new)
    _report(formats.CRITERIA_DIFF, format, lang, criteria, command.run, request, output, force)


def _report(
    registry: formats.Formats[R],
    format: str,
    lang: str,
    criteria: Path | None,
    command: Callable[[Q, Workspace], Outcome[R]],
    request: Q,
    output: Path | None,
    force: bool,
) -> NoReturn:
    """A command whose result is a report in the format chosen, on standard output or in
    ``output``."""
    run = settings(lang, criteria=criteria)
    chosen = choose(registry, format, run.lang)
    execute(run, command, request, chosen, output=output, force=force)


@criteria_app.command("export", epilog=EXPORT_EPILOG, short_help="Bộ tiêu chí ra tệp Excel")
def criteria_export(
    set_: SetArg,
    output: WorkbookOpt = Path("bo-tieu-chi.xlsx"),
    force: BookForceOpt = False,
    lang: LangOpt = "vi",
    criteria: CriteriaOpt = None,
) -> None:
    """Bộ tiêu chí ra tệp Excel: mỗi chỉ tiêu một dòng, ngưỡng, cơ quan, nguồn; các danh sách."""
    from ntm_check.app import criteria_export as command  # noqa: PLC0415

    run = settings(lang, criteria=criteria)
    chosen = choose(formats.CRITERIA_EXPORT, "xlsx", run.lang)
    request = command.SetExportRequest(set_)
    execute(run, command.run, request, chosen, output=output, force=force)


@criteria_app.command("template", epilog=TEMPLATE_EPILOG, short_help="Mẫu Excel trống cho bộ mới")
def criteria_template(
    output: WorkbookOpt = Path("bo-tieu-chi-moi.xlsx"),
    groups: GroupsOpt = 0,
    unit: UnitOpt = None,
    force: BookForceOpt = False,
    lang: LangOpt = "vi",
) -> None:
    """Tệp Excel trống cho một bộ tiêu chí mới (tiêu chí, chỉ tiêu, nhóm, văn bản)."""
    from ntm_check.app import criteria_export as command  # noqa: PLC0415

    run = settings(lang)
    chosen = choose(formats.CRITERIA_EXPORT, "xlsx", run.lang)
    request = command.SetExportRequest(None, groups=groups, unit=unit)
    execute(run, command.run, request, chosen, output=output, force=force)


@criteria_app.command("import", epilog=IMPORT_EPILOG, short_help="Bộ tiêu chí từ Excel về YAML")
def criteria_import(
    workbook: Annotated[Path, typer.Argument(metavar="FILE.xlsx", help="Tệp Excel cần đọc.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Tệp bộ tiêu chí YAML cần ghi (ghi trọn vẹn).")
    ],
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp bộ tiêu chí đã có.")] = False,
    lang: LangOpt = "vi",
    criteria: CriteriaOpt = None,
) -> None:
    """Đọc bộ tiêu chí từ tệp Excel thành tệp YAML; lỗi kèm ô, rồi kiểm tra như validate."""
    from ntm_check.app import criteria_import as command  # noqa: PLC0415

    run = settings(lang, criteria=criteria)
    chosen = choose(formats.CRITERIA_IMPORT, "yaml", run.lang)
    request = command.SetImportRequest(workbook, output)
    execute(run, command.run, request, chosen, output=output, force=force)
