"""Write report files safely: atomically, and never over an input file."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path


class OutputError(OSError):
    """The output file cannot or must not be written; the message says why."""


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


def cannot_write(path: Path, exc: BaseException) -> OutputError:
    """Why ``path`` could not be written, in Vietnamese and in the system's words."""
    why = getattr(exc, "strerror", None) or str(exc)
    why_vi = _REASONS_VI.get(getattr(exc, "errno", None) or 0, why)
    return OutputError(f"{path}: không ghi được: {why_vi} ‖ {path}: cannot write: {why}")


def write_atomic(path: Path, text: str | bytes, inputs: Iterable[Path] = ()) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half.

    The text goes to a temporary file in the same directory, is flushed to disk, then renamed
    over ``path``. The file gets the permissions a plain write would give it: those of the
    file it replaces, else the default (``0o666`` less the umask). Refuses to replace any of
    ``inputs``.
    """
    try:
        target = path.resolve()
    except (OSError, RuntimeError) as exc:  # Python 3.11 raises RuntimeError on a symlink loop
        raise cannot_write(path, exc) from None
    for source in inputs:
        try:
            same = source.resolve() == target
        except (OSError, RuntimeError):  # a symlink loop cannot be the file we write
            same = False
        if same:
            raise OutputError(
                f"{path}: không ghi đè lên tệp đầu vào ‖ "
                f"{path}: refusing to overwrite an input file"
            )
    if path.is_dir():
        raise OutputError(f"{path}: là thư mục ‖ {path}: is a directory")
    directory = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
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


def _mode_for(target: Path) -> int:
    # mkstemp creates files readable by their owner only (0o600): right for a secret, wrong
    # for a report that is shared, committed or served as a CI artifact.
    try:
        return target.stat().st_mode & 0o777  # not set-id or sticky bits
    except OSError:  # a new file
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


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

    target = path.resolve()
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
        _fill(fresh, files)
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
    """Refuse a target that holds an input file, is a file, or holds files not ours."""
    for source in inputs:
        with contextlib.suppress(OSError, RuntimeError):
            if target == source.resolve() or target in source.resolve().parents:
                raise OutputError(
                    f"{path}: chứa tệp đầu vào {source}, không ghi đè ‖ "
                    f"{path}: holds the input file {source}; refusing to replace it"
                )
    if target.exists() and not target.is_dir():
        raise OutputError(f"{path}: không phải thư mục ‖ {path}: is not a folder")
    if not target.is_dir() or not any(target.iterdir()):
        return
    marker = target / SITE_MARKER
    ours = set(marker.read_text(encoding="utf-8").splitlines()[1:]) if marker.is_file() else set()
    foreign = sorted(
        p.relative_to(target).as_posix()
        for p in target.rglob("*")
        if not p.is_dir() and p != marker and p.relative_to(target).as_posix() not in ours
    )
    if foreign:
        shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
        raise OutputError(
            f"{path}: thư mục có tệp không do ntm-check ghi ({shown}); hãy chọn thư mục mới hoặc "
            f"rỗng ‖ {path}: the folder holds files ntm-check did not write ({shown}); choose a "
            "new or empty one"
        )


def _fill(folder: Path, files: dict[str, bytes | Path]) -> None:
    import shutil  # noqa: PLC0415

    for parent in sorted({(folder / name).parent for name in files}):
        parent.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        if isinstance(data, Path):
            shutil.copyfile(data, folder / name)
        else:
            (folder / name).write_bytes(data)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def write_output(
    path: Path,
    data: str | bytes | Iterable[str] | Mapping[str, bytes | Path],
    inputs: Iterable[Path] = (),
) -> None:
    """The one writer of what a command outputs to ``-o``: a folder's files as a folder
    (:func:`write_folder`), anything else as one file (:func:`write_atomic`)."""
    if isinstance(data, Mapping):
        write_folder(path, dict(data), inputs)
    elif isinstance(data, (str, bytes)):
        write_atomic(path, data, inputs)
    else:
        write_atomic(path, "".join(data), inputs)
