"""Find the files a command names: a unit id or path, and the criteria set it uses.

A unit argument (a district or a commune, whatever the set assesses) is either an id
(``tan-yen`` → ``<districts>/tan-yen.yaml``) or a path to a ``.yaml``/``.yml`` file. Ids are
restricted to lowercase letters, digits and hyphens, so an argument can never reach outside
the units' directory.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePath

from ntm_check.ids import id_of

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: the longest id (an id is a file name: kept well under the file systems' 255 bytes)
MAX_ID = 80
YAML_SUFFIXES = (".yaml", ".yml")


class ResolveError(ValueError):
    """An argument names no file we may read; the message says why."""


def evidence_path(argument: str, units_dir: Path, on: str | None = None) -> Path:
    """The evidence file a command-line argument names; of a unit's folder of dated files, the
    newest in force on ``on`` (``yyyy-mm-dd``, the judging date), as ``status`` takes it."""
    if argument.endswith(YAML_SUFFIXES) or "/" in argument or "\\" in argument:
        return _path(argument)
    _refuse_long_id(argument)
    if not _ID.match(argument):
        normal = id_of(argument)
        vi_hint = f" (có phải ý bạn là {normal!r}?)" if normal else ""
        en_hint = f" (did you mean {normal!r}?)" if normal else ""
        raise ResolveError(
            f"{argument!r} không phải mã đơn vị (chữ thường, chữ số và dấu gạch ngang, ví dụ "
            f"tan-yen) cũng không phải đường dẫn tới tệp .yaml{vi_hint} ‖ {argument!r} is "
            "neither a unit id (lowercase letters, digits and hyphens, e.g. tan-yen) nor a "
            f"path to a .yaml file{en_hint}"
        )
    single = units_dir / f"{argument}.yaml"
    folder = units_dir / argument
    if not single.exists() and folder.is_dir():  # a folder of dated assessments: the latest
        dated = folder_snapshots(folder)
        if dated:
            return max(dated, key=lambda p: in_force_key(str(p), on))
    return single


def _refuse_long_id(argument: str) -> None:
    """An id longer than :data:`MAX_ID` names no file: refused, without echoing it whole."""
    if len(argument) > MAX_ID:
        shown = f"{argument[:40]}…"
        raise ResolveError(
            f"mã đơn vị {shown!r} dài {len(argument)} ký tự; tối đa {MAX_ID} ‖ the unit id "
            f"{shown!r} is {len(argument)} characters long; at most {MAX_ID}"
        )


def refuse_long_names(path: Path) -> None:
    """A path with a name longer than a file system allows: :class:`ResolveError` (it could
    never name a file, and every later look at it would fail)."""
    for part in path.parts:
        if len(part.encode("utf-8", "surrogateescape")) > 255:
            shown = f"{part[:40]}…"
            raise ResolveError(
                f"tên {shown!r} dài quá 255 byte: không có tệp nào như thế ‖ the name "
                f"{shown!r} is over 255 bytes: no file can have it"
            )


def _path(argument: str) -> Path:
    """A path argument; one with a name longer than a file system allows is refused here (it
    could never name a file, and every later look at it would fail)."""
    path = Path(argument)
    refuse_long_names(path)
    return path


#: a file stem or revision that is a date: yyyy-mm-dd
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def in_force_key(path: str, judged_on: str | None) -> tuple[bool, str]:
    """How a unit's dated files (``districts/<id>/<date>.yaml``, named by their assessment
    date) rank: the newest not dated after the judging date (``yyyy-mm-dd``; ``None``: any) is
    the one in force, whether it can be read or not; one dated after it is not yet. Every
    command takes the file this ranks first."""
    stem = PurePath(path).stem
    return (judged_on is None or stem <= judged_on, stem)


def folder_snapshots(folder: Path) -> list[Path]:
    """The dated files ``<yyyy-mm-dd>.yaml`` of a unit's folder, oldest first."""
    try:
        files = [
            p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and ISO_DATE.match(p.stem)
        ]
    except OSError:
        return []
    return sorted(files, key=lambda p: p.stem)


def criteria_path(set_id: str, criteria_dir: Path) -> Path:
    """The file of criteria set ``set_id``: ``<criteria_dir>/<set_id>.yaml``."""
    _refuse_long_id(set_id)
    if not _ID.match(set_id):
        raise ResolveError(f"{set_id!r} is not a valid criteria set id")
    return criteria_dir / f"{set_id}.yaml"


def criteria_dirs(explicit: Path | None, evidence: list[Path]) -> list[Path]:
    """Where criteria sets are looked for: ``--criteria`` alone when given; else the
    ``criteria/`` folder beside each evidence file's folder (``<root>/districts/x.yaml`` →
    ``<root>/criteria``; a unit's dated folder ``<root>/districts/<id>/<date>.yaml`` → the
    same), then ``criteria/`` under the current directory.

    Paths are taken as written, whatever the current directory: ``--districts .`` from inside
    ``districts/`` looks in ``../criteria`` (``Path(".").parent`` is ``.`` itself)."""
    if explicit is not None:
        return [explicit]
    found: list[Path] = []
    for path in evidence:
        folder = path if is_folder(path) else path.parent
        for up in (os.pardir, os.path.join(os.pardir, os.pardir)):  # noqa: PTH118
            beside = Path(os.path.normpath(folder / up)) / "criteria"
            if beside.is_dir():
                if beside not in found:
                    found.append(beside)
                break
    return [*found, Path("criteria")] if Path("criteria") not in found else found


def is_file(path: Path) -> bool:
    """Whether ``path`` is a file; a name too long or a loop is none (the opener says why)."""
    try:
        return path.is_file()
    except (OSError, RuntimeError):
        return False


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; a name too long or a loop is none (the opener says why)."""
    try:
        return path.is_dir()
    except (OSError, RuntimeError):
        return False


def nearest_unit(argument: str, units_dir: Path) -> str | None:
    """The unit id under ``units_dir`` nearest to a mistyped one (``tanyen`` → ``tan-yen``)."""
    import difflib  # noqa: PLC0415 - only when a unit was not found

    try:
        ids = [p.stem for p in units_dir.iterdir() if p.suffix in YAML_SUFFIXES]
    except OSError:
        return None
    close = difflib.get_close_matches(argument, ids, n=1, cutoff=0.6)
    return close[0] if close else None
