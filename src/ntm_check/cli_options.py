"""The options the command line's modules share (``--lang``, ``--criteria``, ``-o``,
``--force``) and the run's settings made from them; imported by :mod:`ntm_check.cli` and
:mod:`ntm_check.cli_criteria` alike, so that neither imports the other's options.

This is where the run reads the clock ("today", once per run).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated

import typer

from ntm_check.app.workspace import Settings
from ntm_check.i18n import LANGS, not_a_date, parse_typed_date
from ntm_check.text import Lang, Text

LangOpt = Annotated[
    str,
    typer.Option(
        "--lang",
        "-l",
        envvar="NTM_CHECK_LANG",
        help="Ngôn ngữ: vi (mặc định, hoặc NTM_CHECK_LANG) hay en.",
    ),
]
CriteriaOpt = Annotated[
    Path | None,
    typer.Option(
        "--criteria",
        help="Thư mục bộ tiêu chí (mặc định: criteria/ cạnh thư mục hồ sơ, rồi criteria/ ở đây).",
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có (-o) nếu là tệp thường.")]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Ghi báo cáo vào tệp này (ghi trọn vẹn hoặc không ghi)."),
]


def parse_date(text: str | None, option: str = "--as-of") -> dt.date | None:
    """A date from the command line (the one parser of typed dates); a usage error names
    ``option``."""
    if text is None:
        return None
    found = parse_typed_date(text)
    if not isinstance(found, dt.date):
        said = found if isinstance(found, Text) else not_a_date(text)
        raise typer.BadParameter(said.joined(), param_hint=option)
    return found


def lang_of(lang: str) -> Lang:
    """``--lang`` as a language; another value is a usage error."""
    if lang not in LANGS:
        raise typer.BadParameter(
            f"{lang!r} không phải một trong: vi, en ‖ {lang!r} is not one of: vi, en",
            param_hint="--lang",
        )
    return "en" if lang == "en" else "vi"


def _usable_cores() -> int:
    """Cores this process may run on: a container or ``taskset`` may allow fewer than exist."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def settings(
    lang: str,
    as_of: str | None = None,
    districts: Path = Path("districts"),
    criteria: Path | None = None,
    jobs: int | None = None,
    no_cache: bool = False,
) -> Settings:
    """The run's settings from its options; the only read of the clock ("today")."""
    _checked_folder(districts, "--districts")
    if criteria is not None:
        _checked_folder(criteria, "--criteria")
    return Settings(
        judged_on=parse_date(as_of) or dt.date.today(),
        lang=lang_of(lang),
        districts=districts,
        criteria=criteria,
        jobs=jobs or _usable_cores(),
        use_cache=not no_cache,
    )


def _checked_folder(path: Path, option: str) -> None:
    """A folder option whose name no file system allows is a usage error."""
    from ntm_check.load.resolve import ResolveError, refuse_long_names  # noqa: PLC0415

    try:
        refuse_long_names(path)
    except ResolveError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None
