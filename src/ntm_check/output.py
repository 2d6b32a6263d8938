"""Write report files safely: atomically, and never over an input file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(OSError):
    """The output file cannot or must not be written; the message says why."""


def write_atomic(path: Path, text: str, inputs: Iterable[Path] = ()) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half.

    The text goes to a temporary file in the same directory, is flushed to disk, then renamed
    over ``path``. The file gets the permissions a plain write would give it: those of the
    file it replaces, else the default (``0o666`` less the umask). Refuses to replace any of
    ``inputs``.
    """
    try:
        target = path.resolve()
    except (OSError, RuntimeError) as exc:  # Python 3.11 raises RuntimeError on a symlink loop
        raise OutputError(f"{path}: không ghi được: {exc} ‖ {path}: cannot write: {exc}") from None
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
        why = exc.strerror or exc
        raise OutputError(f"{path}: không ghi được: {why} ‖ {path}: cannot write: {why}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            if hasattr(os, "fchmod"):  # not on Windows, where mkstemp's mode is not an issue
                os.fchmod(handle.fileno(), _mode_for(target))
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
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
