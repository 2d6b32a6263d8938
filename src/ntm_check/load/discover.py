"""Find the YAML files under the paths a command names, and tell criteria sets from evidence.

A file with a top-level ``criteria:`` key is a criteria set; any other file is taken for
evidence and judged as such, unless it is another tool's YAML (a workflow, a hook list,
``.pre-commit-config.yaml``): a file with none of the fields only our files have, outside a
``criteria/`` or ``districts/`` folder, or a mapping with none of our fields anywhere. Such a
file is skipped, and the run names it. Inside those folders a file of ours that lost its key
fields is still judged, so a broken unit is never skipped.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ntm_check.diagnostics import START, Diagnostic, Msg, error, warning
from ntm_check.load.files import MAX_FILE_BYTES
from ntm_check.load.resolve import YAML_SUFFIXES

#: what follows a top-level key: spaces, then the colon
_AFTER_KEY = re.compile(rb"[ \t]*:")
#: the set an evidence file names, when written plainly (only to load it early, before forking)
SET_ID = re.compile(rb"(?m)^criteria_set:[ \t]*[\"']?([a-z0-9-]+)")
#: top-level fields of evidence files and criteria sets: a mapping with none of them is neither
KNOWN_FIELDS = frozenset(
    {
        "id",
        "name",
        "unit",
        "code",
        "province",
        "region",
        "group",
        "criteria_set",
        "extends",
        "as_of",
        "documents",
        "indicators",
        "actions",
        "note",
        "title",
        "period",
        "legal_basis",
        "indicator_count",
        "regions",
        "groups",
        "departments",
        "sources",
        "criteria",
    }
)


def expand(
    paths: Iterable[Path], *, directories: bool = True
) -> tuple[list[str], list[Diagnostic]]:
    """Files named, and YAML files under directories named (sorted, each once).

    With ``directories=False`` a directory is taken as a file (and refused as one when read).

    Strings, not ``Path`` objects: for thousands of files pathlib's parsing and comparisons
    were most of a run's serial time.
    """
    files: list[str] = []
    problems: list[Diagnostic] = []
    for path in paths:
        found, problem = _expanded(path, directories=directories)
        files.extend(found)
        if problem is not None:
            problems.append(problem)
    return _once(files), problems


def _expanded(path: Path, *, directories: bool) -> tuple[list[str], Diagnostic | None]:
    """The files one path given stands for, or the problem with it."""
    try:
        if directories and path.is_dir():
            return _in_directory(path)
        if path.exists() or path.is_symlink():
            return [str(path)], None
    except (OSError, RuntimeError) as exc:  # a name too long, a loop
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        reason_vi = _REASONS_VI.get(getattr(exc, "errno", None) or 0, reason)
        said = Msg(f"không đọc được: {reason_vi}", f"cannot be read: {reason}")
        return [], error(_shown(path), START, "unreadable-file", said)
    said = Msg("không có tệp hay thư mục này", "no such file or directory")
    return [], error(str(path), START, "file-not-found", said)


#: the system's reasons are English; these, as a Vietnamese office reads them
_REASONS_VI = {
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.ELOOP: "liên kết vòng",
    errno.EACCES: "không có quyền đọc",
}


def _shown(path: Path) -> str:
    """A path as a message names it: a name of thousands of characters is cut."""
    text = str(path)
    return text if len(text) <= 200 else f"{text[:200]}…"


def _in_directory(path: Path) -> tuple[list[str], Diagnostic | None]:
    """The YAML files below a directory, sorted; or why there are none."""
    if path.name.endswith(YAML_SUFFIXES):
        # named as a file (a typo, or a folder made by mistake): not a folder to search
        said = Msg("là thư mục, không phải tệp", "is a directory, not a file")
        return [], error(str(path), START, "not-a-file", said)
    top = "" if str(path) == os.curdir else str(path)
    found = sorted(_yaml_files(top), key=_components)
    if not found:
        said = Msg("không có tệp .yaml nào ở đây", "no .yaml files here")
        return [], warning(str(path), START, "no-files", said)
    return found, None


def _once(files: list[str]) -> list[str]:
    """Each file once, first seen first (two spellings of one path are one file)."""
    seen: set[str] = set()
    unique = []
    for f in files:
        key = os.path.abspath(f)  # noqa: PTH100 - a string in, a string out
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _components(path: str) -> list[str]:
    """Sort key: component by component, as ``Path`` objects sort (``a/x`` before ``a-b/x``)."""
    return path.split(os.sep)  # noqa: PTH206 - no Path object per file


def _yaml_files(directory: str) -> Iterator[str]:
    """YAML files below ``directory`` (``""``: the current one), spelled as ``Path`` would.

    Symlinked directories are not followed (no loops).
    """
    try:
        entries = list(os.scandir(directory or os.curdir))
    except OSError:
        return
    prefix = directory if not directory or directory.endswith(os.sep) else directory + os.sep
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _yaml_files(prefix + entry.name)
            elif entry.name.endswith(YAML_SUFFIXES):
                # whatever it is (a FIFO, a device, a dangling or looping link): the opener
                # refuses it, located, instead of the run passing over it in silence
                yield prefix + entry.name
        except OSError:
            continue


def peek(path: str) -> bytes | None:
    """The bytes of a regular file within the size limit; ``None`` for anything else."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None  # a directory, FIFO or device: the evidence path refuses it, located
        return _read_all(fd, info.st_size)
    except OSError:
        return None
    finally:
        os.close(fd)


def _read_all(fd: int, size: int) -> bytes:
    """The rest of an open regular file whose size was ``size``: with ``os.read`` rather than
    a buffered file object made and thrown away for every file, and in one read when the size
    still holds (a regular file reads short only at its end)."""
    first = os.read(fd, size + 1)
    if len(first) <= size:
        return first
    parts = [first]  # it grew since: read on to its end
    while chunk := os.read(fd, 1 << 16):
        parts.append(chunk)
    return b"".join(parts)


def has_criteria_key(raw: bytes) -> bool:
    """Whether a line starts with the key ``criteria:``, which marks a criteria set file."""
    return _has_key(raw, b"criteria")


def _has_key(raw: bytes, key: bytes) -> bool:
    """Whether a line starts with the top-level key ``key`` (then spaces, then ``:``)."""
    # bytes.find rather than a multi-line regex search: ~50x faster, and every file is seen.
    if raw.startswith(key) and _AFTER_KEY.match(raw, len(key)):
        return True
    line = b"\n" + key
    at = raw.find(line)
    while at >= 0:
        if _AFTER_KEY.match(raw, at + len(line)):
            return True
        at = raw.find(line, at + 1)
    return False


def is_set_file(raw: bytes) -> bool:
    """Whether a file's bytes are a criteria set: a ``criteria:`` key, or an overlay's
    ``extends:`` key (a set that changes another)."""
    return has_criteria_key(raw) or _has_key(raw, b"extends")


#: fields only our files have (``name`` or ``id`` alone are in many tools' files)
DISTINCTIVE_FIELDS = frozenset(
    {
        "criteria_set",
        "as_of",
        "indicators",
        "criteria",
        "indicator_count",
        "legal_basis",
        "extends",
    }
)
OUR_FOLDERS = frozenset({"criteria", "districts"})


def is_other_yaml(data: Any, found_at: str | None = None) -> bool:
    """Another tool's YAML, not ours to judge (see the module docstring).

    ``found_at``: the path of a file found by walking a folder; a file named on the command
    line is judged unless it is a mapping with none of our fields.
    """
    if isinstance(data, dict) and data and KNOWN_FIELDS.isdisjoint(data):
        return True
    if found_at is None or data is None:
        return False
    if OUR_FOLDERS.intersection(found_at.replace("\\", "/").split("/")[:-1]):
        return False
    return not (isinstance(data, dict) and not DISTINCTIVE_FIELDS.isdisjoint(data))
