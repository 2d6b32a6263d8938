"""Dated assessments of one unit: where they are kept, and how to read them.

Two layouts, both supported:

- **git**: ``districts/<id>.yaml`` is edited in place and committed; every commit that changed
  the file is a snapshot (its ``as_of`` says which date it describes). Revisions are read
  with ``git`` itself (``git log``, ``git cat-file``), never by parsing git's storage.
- **a folder per unit**, for offices that do not use git: ``districts/<id>/<yyyy-mm-dd>.yaml``,
  one file per assessment, named by its ``as_of``.

``ntm-check <id>`` means the latest: ``districts/<id>.yaml`` when it exists, else the newest
file of ``districts/<id>/``. Nothing here prints or exits; git's failures come back as
:class:`SnapshotError` with a message in both languages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ntm_check.diagnostics import SEP
from ntm_check.i18n import format_iso_date
from ntm_check.load.resolve import ISO_DATE, folder_snapshots

__all__ = (
    "Snapshot",
    "SnapshotError",
    "as_of_of",
    "dated_snapshots",
    "folder_snapshots",
    "git_in_force",
    "git_revision",
    "git_snapshots",
)

#: the most commits of one file ``history`` reads (the newest first); bounded time
MAX_COMMITS = 2000
#: the start of the message of a path outside any git repository
NOT_IN_GIT = "không nằm trong kho git"


class SnapshotError(ValueError):
    """A revision or a history cannot be read; the message is ``"vi ‖ en"``."""


@dataclass(frozen=True)
class Snapshot:
    """One dated assessment of a unit, as text (a file's or a revision's)."""

    #: where it comes from, for messages: a path, or ``path@commit``
    name: str
    text: str | None
    #: the date in the file name (folder layout) or the commit date (git), ISO
    date: str
    #: the commit, for the git layout
    commit: str | None = None
    #: the blob id (git) or the SHA-256 of the bytes: equal ids are the same content
    content_id: str | None = None


def unit_file_id(name: str) -> str | None:
    """The unit id a file's name stands for: ``<id>.yaml``, or ``<id>/<yyyy-mm-dd>.yaml``."""
    # os.path, not PurePath: called for every file of a run served by the cache
    folder, base = os.path.split(name.split("@", 1)[0])
    stem = os.path.splitext(base)[0]  # noqa: PTH122
    if ISO_DATE.match(stem):
        return os.path.basename(folder.rstrip("/" + os.sep)) or None  # noqa: PTH119
    return stem


def is_snapshot_file(name: str) -> bool:
    """Whether a path is one dated file of the folder layout."""
    return bool(ISO_DATE.match(os.path.splitext(os.path.basename(name))[0]))  # noqa: PTH119, PTH122


def _git(
    args: list[str], cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    exe = shutil.which("git")
    if exe is None:
        raise SnapshotError("không tìm thấy git ‖ git is not installed")
    return subprocess.run(
        [exe, *args], cwd=cwd, input=stdin, capture_output=True, check=False, timeout=120
    )


def _repository(path: Path) -> tuple[Path, str]:
    """The work tree holding ``path`` and the path relative to it."""
    folder = path.parent.resolve()
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise SnapshotError(
            f"{path} {NOT_IN_GIT}; lịch sử theo thư mục: districts/<mã>/<ngày>.yaml"
            f"{SEP}{path} is not in a git repository; without git, keep dated files in "
            "districts/<id>/<yyyy-mm-dd>.yaml"
        )
    root = Path(top.stdout.decode().strip())
    shallow = _git(["rev-parse", "--is-shallow-repository"], root)
    if shallow.stdout.decode().strip() == "true":
        raise SnapshotError(
            "kho git này là bản sao nông (shallow): thiếu lịch sử; chạy git fetch --unshallow"
            f"{SEP}this git repository is a shallow clone: its history is incomplete; run "
            "git fetch --unshallow"
        )
    return root, path.resolve().relative_to(root).as_posix()


def _raw_log(root: Path, rel: str, limit: int) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """``git log --raw`` of ``rel``, newest first: each commit's hash, date (YYYY-MM-DD) and
    the (blob after the commit, path) of every file it changed; a deleted file's blob is
    zeros."""
    log = _git(
        ["log", f"--max-count={limit}", "--format=%x00%H %cs", "--raw", "--no-abbrev",
         "--no-renames", "--", rel],
        root,
    )  # fmt: skip
    if log.returncode != 0:
        raise SnapshotError(f"git log: {log.stderr.decode(errors='replace').strip()}")
    commits: list[tuple[str, str, list[tuple[str, str]]]] = []
    for chunk in log.stdout.decode(errors="replace").split("\0")[1:]:
        head, *raw = chunk.strip().split("\n")
        commit, date = head.split(" ", 1)
        changes = [
            (fields.split()[3], name)
            for fields, _, name in (line.partition("\t") for line in raw)
            if fields.startswith(":") and name
        ]
        commits.append((commit, date, changes))
    return commits


def dated_snapshots(folder: Path) -> list[Snapshot]:
    """The dated files ``<yyyy-mm-dd>.yaml`` of a unit's folder, oldest first, with their
    texts, read by the one opener; ``content_id`` is the SHA-256 of the text. Raises
    :class:`SnapshotError` (its located problem) for a file that cannot be read."""
    from ntm_check.load.files import read_text  # noqa: PLC0415

    found = []
    for path in folder_snapshots(folder):
        text, problems, _ = read_text(path, str(path))
        if text is None:
            said = problems[0]
            raise SnapshotError(f"{said.format('vi')}{SEP}{said.format('en')}")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        found.append(Snapshot(str(path), text, path.stem, None, digest))
    return found


def git_snapshots(path: Path, *, limit: int = MAX_COMMITS) -> list[Snapshot]:
    """Every committed version of ``path``, oldest first; each distinct content read once."""
    root, rel = _repository(path)
    entries: list[tuple[str, str, str]] = []  # commit, date, blob (deleted: zeros)
    for commit, date, changes in _raw_log(root, rel, limit):
        blob = next((b for b, _ in changes), None)
        if blob is not None:
            entries.append((commit, date, blob))
    entries.reverse()
    blobs = {b for _, _, b in entries if set(b) != {"0"}}
    texts = _cat_blobs(root, sorted(blobs))
    return [
        Snapshot(f"{rel}@{commit[:10]}", texts.get(blob), date, commit, blob)
        for commit, date, blob in entries
    ]


def git_folder_log(folder: Path, *, limit: int = MAX_COMMITS) -> GitLog:
    """Every committed version of every YAML file under ``folder``, oldest first, by the file's
    path as seen from here (``folder/<name>``), without their texts (``content_id`` is the
    blob; :meth:`GitLog.read` reads blobs): one ``git log`` for the whole folder, however
    many units it holds."""
    root, rel = _repository(folder / "_")
    rel = rel.rsplit("/", 1)[0] if "/" in rel else "."
    by_file: dict[str, list[tuple[str, str, str]]] = {}
    for commit, date, changes in _raw_log(root, rel, limit):
        for blob, name in changes:
            if name.endswith((".yaml", ".yml")):
                by_file.setdefault(name, []).append((commit, date, blob))
    base = folder.resolve()
    files: dict[Path, list[Snapshot]] = {}
    for name, entries in sorted(by_file.items()):
        try:
            local = folder / (root / name).relative_to(base)
        except ValueError:
            continue
        files[local] = [
            Snapshot(f"{name}@{commit[:10]}", None, date, commit, blob)
            for commit, date, blob in reversed(entries)
            if set(blob) != {"0"}  # the file deleted in that commit
        ]
    return GitLog(root, files)


@dataclass(frozen=True)
class GitLog:
    """The versions of the files under a folder (see :func:`git_folder_log`)."""

    root: Path
    files: dict[Path, list[Snapshot]]

    def read(self, blobs: list[str]) -> dict[str, str]:
        """The texts of ``blobs``, with one ``git cat-file --batch``."""
        return _cat_blobs(self.root, sorted(set(blobs)))


def _cat_blobs(root: Path, blobs: list[str]) -> dict[str, str]:
    """Each blob's text, with one ``git cat-file --batch`` for all of them."""
    if not blobs:
        return {}
    out = _git(["cat-file", "--batch"], root, ("\n".join(blobs) + "\n").encode())
    texts: dict[str, str] = {}
    data, at = out.stdout, 0
    for blob in blobs:
        end = data.index(b"\n", at)
        header = data[at:end].decode().split()
        at = end + 1
        if len(header) < 3 or header[1] != "blob":
            continue
        size = int(header[2])
        texts[blob] = data[at : at + size].decode("utf-8", errors="replace")
        at += size + 1
    return texts


def git_revision(path: Path, revision: str) -> Snapshot:
    """``path`` as it was at ``revision``: a commit, a tag, ``HEAD~3`` (a date is
    :func:`git_in_force`'s)."""
    root, rel = _repository(path)
    if revision.startswith("-"):
        raise SnapshotError(f"phiên bản không hợp lệ: {revision}{SEP}not a revision: {revision}")
    resolved = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], root)
    if resolved.returncode != 0:
        raise SnapshotError(
            f"không có phiên bản git {revision!r}{SEP}no such git revision: {revision!r}"
        )
    sha = resolved.stdout.decode().strip()
    shown = _git(["show", f"{sha}:{rel}"], root)
    if shown.returncode != 0:
        raise SnapshotError(
            f"{rel} không có ở phiên bản {revision} (chưa tạo hoặc đã xóa){SEP}"
            f"{rel} does not exist at {revision} (not yet created, or deleted)"
        )
    date = _git(["show", "-s", "--format=%cs", sha], root).stdout.decode().strip()
    text = shown.stdout.decode("utf-8", errors="replace")
    return Snapshot(f"{rel}@{revision}", text, date or dt.date.min.isoformat(), sha, None)


_AS_OF = re.compile(r"(?m)^as_of:[ \t]*[\"']?(\d{4}-\d{2}-\d{2})")


def as_of_of(snapshot: Snapshot) -> str:
    """The assessment date a snapshot's text states (its date when the text states none)."""
    return stated_as_of(snapshot) or snapshot.date


def stated_as_of(snapshot: Snapshot) -> str | None:
    """The assessment date a snapshot's text states, if it states one it can be read by."""
    found = _AS_OF.search(snapshot.text or "")
    return found.group(1) if found else None


def git_in_force(path: Path, date: str) -> Snapshot:
    """The version of ``path`` in force on ``date``: of the committed versions, the newest
    whose assessment date (``as_of``) is on or before that day."""
    in_force = [s for s in git_snapshots(path) if s.text is not None and as_of_of(s) <= date]
    if not in_force:
        raise SnapshotError(
            f"{path} chưa có lần đánh giá nào đến ngày {format_iso_date(date, 'vi')}{SEP}"
            f"{path} has no assessment dated on or before {date}"
        )
    # stable sort: of the versions for the newest date, the last committed stands for it
    return sorted(in_force, key=as_of_of)[-1]
