"""The one writer of everything ntm-check writes: a file (a report, a workbook, an evidence
file) or a folder (the site).

Its rules, checked before any work is done (:func:`preflight`) and again when writing:

- a file goes to a new path, or replaces a regular file only when the command was given
  ``--force`` (``-o -`` is standard output, never a file named ``-``);
- a directory, a FIFO, a device or a socket is never written over, even with ``--force`` (as
  root, a rename over ``/dev/null`` would replace the device with a file);
- a binary format's file must carry its suffix (``.docx``, ``.xlsx``);
- an input of the run is never replaced;
- a file is written whole or not at all: to a temporary file beside it, flushed, then renamed
  over it; the temporary file is removed on every exit (the command line turns SIGTERM and
  SIGHUP into an interruption, so clean-up runs then too);
- a folder is replaced only when ntm-check wrote every file in it (its :data:`SITE_MARKER`
  lists them); a folder without the marker is never walked, so ``-o /`` is refused at once.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ntm_check.text import Text


class OutputError(OSError):
    """The output file cannot or must not be written; the message says why (``vi ‖ en``)."""

    def __init__(self, said: Text) -> None:
        super().__init__(said.joined())
        self.said = said


# the system's words are English; the common reasons, as a Vietnamese office would read them
_REASONS_VI = {
    errno.ENOENT: "không có thư mục này",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EISDIR: "là thư mục",
    errno.ENAMETOOLONG: "tên tệp quá dài",
}
#: a file name's limit on the file systems people use (bytes of UTF-8)
NAME_MAX = 255


@dataclass(frozen=True)
class Target:
    """Where a command writes, and what it may do there."""

    path: Path
    #: ``--force``: an existing regular file may be replaced
    force: bool = False
    #: the suffix a binary format's file must have (``.docx``)
    suffix: str | None = None
    #: the output is a folder (the site)
    folder: bool = False


def cannot_write(path: Path, exc: BaseException) -> OutputError:
    """Why ``path`` could not be written, in Vietnamese and in the system's words."""
    why = getattr(exc, "strerror", None) or str(exc)
    why_vi = _REASONS_VI.get(getattr(exc, "errno", None) or 0, why)
    return OutputError(Text(f"{path}: không ghi được: {why_vi}", f"{path}: cannot write: {why}"))


def _refuse(path: Path, vi: str, en: str) -> OutputError:
    return OutputError(Text(f"{path}: {vi}", f"{path}: {en}"))


def preflight(target: Target, *, may_exist: bool = False) -> None:
    """Refuse, before the command does any work, an output the writer will not write.

    ``may_exist``: the command itself decides whether an existing file is replaced (``import``
    shows what would change first)."""
    path = target.path
    if any(len(part.encode("utf-8", "surrogateescape")) > NAME_MAX for part in path.parts):
        raise _refuse(path, f"tên tệp dài quá {NAME_MAX} byte", f"a name is over {NAME_MAX} bytes")
    mode = _mode_of(path)
    if mode is not None and not target.folder:
        _refuse_not_regular(path, mode)  # a folder, a device: what it is, first
    # then the name: "add --force" is never said of a file that would be refused anyway
    _refuse_suffix(target)
    if mode is not None and not target.folder and not (target.force or may_exist):
        raise _exists(path)  # before any work: a file people may have edited


def _refuse_suffix(target: Target) -> None:
    """A binary format's file must carry its suffix (``.docx``)."""
    if target.suffix and target.path.suffix.lower() != target.suffix:
        raise _refuse(
            target.path,
            f"-o phải là tên tệp có đuôi {target.suffix}",
            f"-o must be a file name ending in {target.suffix}",
        )


def _exists(path: Path) -> OutputError:
    return _refuse(
        path,
        "đã có (có thể đã được sửa tay): thêm --force để ghi đè",
        "exists (it may have been edited by hand): add --force to replace it",
    )


def _mode_of(path: Path) -> int | None:
    """The mode of what ``path`` names (symlinks followed); ``None`` when nothing is there."""
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        return None
    except (OSError, RuntimeError) as exc:  # a loop, a name too long, no permission
        raise cannot_write(path, exc) from None


def _refuse_not_regular(path: Path, mode: int) -> None:
    """A directory, a FIFO, a device or a socket is never written over."""
    if stat.S_ISDIR(mode):
        raise _refuse(path, "là thư mục", "is a directory")
    if not stat.S_ISREG(mode):
        raise _refuse(
            path,
            "không phải tệp thường (thiết bị, ống dẫn): không ghi",
            "is not a regular file (a device or a pipe): not written",
        )


def write_atomic(
    path: Path, text: str | bytes, inputs: Iterable[Path] = (), *, force: bool = True
) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half.

    The text goes to a temporary file in the same directory, is flushed to disk, then renamed
    over ``path``. The file gets the permissions a plain write would give it: those of the
    file it replaces, else the default (``0o666`` less the umask). Refuses to replace any of
    ``inputs``, anything but a regular file, and, without ``force``, a file that exists.
    """
    try:
        target = path.resolve()
    except (OSError, RuntimeError) as exc:  # Python 3.11 raises RuntimeError on a symlink loop
        raise cannot_write(path, exc) from None
    _refuse_inputs(path, target, inputs)
    mode = _mode_of(target)
    if mode is not None:
        _refuse_not_regular(path, mode)
        if not force:
            raise _exists(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # not on Windows, where mkstemp's mode is not an issue
                os.fchmod(handle.fileno(), _mode_for(target))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        if isinstance(exc, OSError):  # a full disk, a quota: the old file is still there
            raise cannot_write(path, exc) from None
        raise


def _refuse_inputs(path: Path, target: Path, inputs: Iterable[Path]) -> None:
    for source in inputs:
        try:
            same = source.resolve() == target
        except (OSError, RuntimeError):  # a symlink loop cannot be the file we write
            same = False
        if same:
            raise _refuse(
                path, "không ghi đè lên tệp đầu vào", "refusing to overwrite an input file"
            )


def _mode_for(target: Path) -> int:
    # mkstemp creates files readable by their owner only (0o600): right for a secret, wrong
    # for a report that is shared, committed or served as a CI artifact.
    try:
        return target.stat().st_mode & 0o777  # not set-id or sticky bits
    except OSError:  # a new file
        return 0o666 & ~_umask()


#: the file that marks a folder as a site ntm-check wrote (and may therefore replace)
SITE_MARKER = ".ntm-check-site"


def write_folder(path: Path, files: dict[str, bytes | Path], inputs: Iterable[Path] = ()) -> None:
    """Write a whole folder of files so that readers see the old folder or the new one.

    The files go to a temporary folder beside ``path``, which then takes its place (two
    renames: the old folder is moved aside, the new one moved in, the old one deleted). A folder
    that is not empty is replaced only if ntm-check wrote every file in it (its
    :data:`SITE_MARKER` lists them), so a mistyped ``-o`` never deletes anyone's files, nor a
    file someone added to a site; an input file is never inside it. A
    value that is a path is copied (by the kernel, without reading it into memory).
    """
    import shutil  # noqa: PLC0415

    try:
        target = path.resolve()
    except (OSError, RuntimeError) as exc:
        raise cannot_write(path, exc) from None
    _may_replace(path, target, inputs)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise cannot_write(path, exc) from None
    old = target.parent / f"{fresh.name}.old"
    try:
        # mkdtemp makes the folder private (0o700): a site is for others to read
        fresh.chmod(_mode_for(target) if target.exists() else 0o777 & ~_umask())
        _fill(fresh, files, target if target.is_dir() else None)
        # the marker lists the files written: a later build replaces the folder only if it
        # holds nothing else (a CNAME or notes someone added are never deleted)
        listed = "".join(f"{name}\n" for name in sorted(files))
        (fresh / SITE_MARKER).write_text(f"ntm-check site\n{listed}", encoding="utf-8")
        if target.exists():
            target.replace(old)
        fresh.replace(target)
    except BaseException as exc:
        if old.exists() and not target.exists():
            old.replace(target)  # put the old site back
        shutil.rmtree(fresh, ignore_errors=True)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise cannot_write(path, exc) from None  # a full disk: the old site is still there
        raise
    shutil.rmtree(old, ignore_errors=True)


def _may_replace(path: Path, target: Path, inputs: Iterable[Path]) -> None:
    """Refuse a target that holds an input file, is not a folder, or holds files not ours."""
    for source in inputs:
        with contextlib.suppress(OSError, RuntimeError):
            if target == source.resolve() or target in source.resolve().parents:
                raise _refuse(
                    path,
                    f"chứa tệp đầu vào {source}, không ghi đè",
                    f"holds the input file {source}; refusing to replace it",
                )
    mode = _mode_of(target)
    if mode is None:
        return
    if not stat.S_ISDIR(mode):
        raise _refuse(path, "không phải thư mục", "is not a folder")
    if not _empty(target):
        _refuse_foreign(path, target)


def _empty(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except OSError as exc:
        raise cannot_write(folder, exc) from None


def _refuse_foreign(path: Path, target: Path) -> None:
    """A folder that is not empty may be replaced only when every file in it is listed by our
    marker; without the marker nothing is walked (``-o /`` is refused at once)."""
    marker = target / SITE_MARKER
    ours = _listed(marker)
    if ours is None:
        raise _refuse(
            path,
            "thư mục có tệp không do ntm-check ghi; hãy chọn thư mục mới hoặc rỗng",
            "the folder holds files ntm-check did not write; choose a new or empty one",
        )
    foreign = sorted(
        p.relative_to(target).as_posix()
        for p in target.rglob("*")
        if not p.is_dir() and p != marker and p.relative_to(target).as_posix() not in ours
    )
    if foreign:
        shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
        raise _refuse(
            path,
            f"thư mục có tệp không do ntm-check ghi ({shown}); hãy chọn thư mục mới hoặc rỗng",
            f"the folder holds files ntm-check did not write ({shown}); choose a new or empty one",
        )


def _listed(marker: Path) -> set[str] | None:
    """The files a site's marker lists; ``None`` when there is no marker of ours."""
    try:
        if not marker.is_file() or marker.stat().st_size > 10_000_000:
            return None
        lines = marker.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return set(lines[1:]) if lines[:1] == ["ntm-check site"] else None


def _fill(folder: Path, files: dict[str, bytes | Path], previous: Path | None = None) -> None:
    """Write ``files`` into ``folder``; a file whose bytes the previous build (``previous``,
    a folder ntm-check wrote) already holds is linked to it rather than written again: a
    rebuild of a province's site changes few of its thousands of files, and writing them all
    anew (then deleting the old ones) was most of a rebuild's time."""
    import shutil  # noqa: PLC0415

    for parent in sorted({(folder / name).parent for name in files}):
        parent.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        if previous is not None and _linked(previous / name, folder / name, data):
            continue
        if isinstance(data, Path):
            shutil.copyfile(data, folder / name)
        else:
            (folder / name).write_bytes(data)


def _linked(old: Path, new: Path, data: bytes | Path) -> bool:
    """Whether ``new`` could be made a link to ``old``, a regular file holding ``data``."""
    try:
        if not old.is_file() or old.is_symlink():
            return False
        if isinstance(data, Path):
            same = (
                data.stat().st_size == old.stat().st_size and data.read_bytes() == old.read_bytes()
            )
        else:
            same = old.stat().st_size == len(data) and old.read_bytes() == data
        if same:
            os.link(old, new)
        return same
    except OSError:  # no links on this file system, a file gone: written instead
        return False


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def write_output(
    path: Path,
    data: str | bytes | Iterable[str] | Mapping[str, bytes | Path],
    inputs: Iterable[Path] = (),
    *,
    force: bool = False,
) -> None:
    """The one writer of what a command outputs to ``-o``: a folder's files as a folder
    (:func:`write_folder`), anything else as one file (:func:`write_atomic`; an existing file
    only with ``force``)."""
    if isinstance(data, Mapping):
        write_folder(path, dict(data), inputs)
    elif isinstance(data, (str, bytes)):
        write_atomic(path, data, inputs, force=force)
    else:
        write_atomic(path, "".join(data), inputs, force=force)
