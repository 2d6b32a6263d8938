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

from ntm_check.diagnostics import SEP, START, Diagnostic, Msg, error
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
    """A revision or a history cannot be read; the message is ``"vi ‖ en"``; ``problem``: the
    located problem, when it is one version's."""

    def __init__(self, message: str, problem: Diagnostic | None = None) -> None:
        super().__init__(message)
        self.problem = problem

    def located(self, where: str) -> Diagnostic:
        """The problem, located at ``where`` when it was not."""
        if self.problem is not None:
            return self.problem
        return error(where, START, "git-unreadable", Msg.parse(str(self)))


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
    #: why its text cannot be read (a corrupt or missing git object, a file the opener
    #: refuses): a version of the history all the same, shown as unreadable, never judged
    problem: Diagnostic | None = None

    @property
    def content(self) -> str | Diagnostic:
        """What is judged of it: its text, or why it has none."""
        return self.problem if self.problem is not None else self.text or ""


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
        # git refuses a repository owned by another user: say so, not "not in git"
        raise _git_failure(top.stderr, str(path)) or SnapshotError(
            f"{path} {NOT_IN_GIT}; lịch sử theo thư mục: districts/<mã>/<ngày>.yaml"
            f"{SEP}{path} is not in a git repository; without git, keep dated files in "
            "districts/<id>/<yyyy-mm-dd>.yaml"
        )
    root = Path(top.stdout.decode(errors="replace").strip())
    shallow = _git(["rev-parse", "--is-shallow-repository"], root)
    if shallow.stdout.decode().strip() == "true":
        raise SnapshotError(
            "kho git này là bản sao nông (shallow): thiếu lịch sử; chạy git fetch --unshallow"
            f"{SEP}this git repository is a shallow clone: its history is incomplete; run "
            "git fetch --unshallow"
        )
    target = path.resolve()
    if not target.is_relative_to(root):
        raise SnapshotError(
            f"{path} là liên kết tới {target}, nằm ngoài kho git {root}: lịch sử của tệp "
            f"không ở trong kho này{SEP}{path} is a symbolic link to {target}, outside the git "
            f"repository {root}: its history is not kept there"
        )
    return root, target.relative_to(root).as_posix()


#: words of git's messages for an object it cannot read (``corrupt loose object``, ``inflate:
#: data stream error``, ``unable to stream … to stdout``, ``bad object``, ``missing``)
_CORRUPT = ("corrupt", "inflate", "hash mismatch", "unable to stream", "unable to unpack",
            "garbage", "bad tree", "bad commit", "invalid object")  # fmt: skip
_MISSING = ("missing", "bad object", "unable to read", "could not read", "not a valid object")


def _git_failure(stderr: bytes, where: str) -> SnapshotError | None:
    """What git's message says went wrong, named (a repository owned by another user, a
    corrupt or missing object); ``None`` for other failures."""
    said = stderr.decode(errors="replace")
    words = said.lower()
    if "dubious ownership" in words:
        return _ownership(where, said)
    detail = _last_line(said)
    if any(w in words for w in _CORRUPT):
        return _object_error(where, "git-corrupt-object", detail)
    if any(w in words for w in _MISSING):
        return _object_error(where, "git-missing-object", detail)
    return None


def _last_line(said: str) -> str:
    """git's last ``fatal:`` line (else its last line), kept short."""
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    fatal = [line for line in lines if line.startswith("fatal:")]
    return (fatal or lines or ["?"])[-1][:300]


def _ownership(where: str, said: str) -> SnapshotError:
    found = re.search(r"repository at '([^']*)'", said)
    repo = found.group(1) if found else where
    return SnapshotError(
        f"git từ chối kho {repo}: kho thuộc người dùng khác (git gọi là 'dubious ownership'); "
        f"nếu tin kho này: git config --global --add safe.directory {repo}{SEP}"
        f"git refuses the repository {repo}: it is owned by another user (git's \"dubious "
        f'ownership"); if you trust it: git config --global --add safe.directory {repo}'
    )


def _object_error(where: str, code: str, detail: str) -> SnapshotError:
    """A located error for a git object that cannot be read (corrupt or missing)."""
    if code == "git-missing-object":
        said = Msg(
            f"thiếu đối tượng git trong kho ({detail}): kho bị hỏng hoặc sao chép thiếu; "
            "chạy git fsck để kiểm tra",
            f"a git object is missing from the repository ({detail}): the repository is "
            "damaged or incomplete; run git fsck to check it",
        )
    else:
        said = Msg(
            f"đối tượng git bị hỏng ({detail}); chạy git fsck để kiểm tra kho",
            f"a git object is corrupt ({detail}); run git fsck to check the repository",
        )
    return _refused(error(where, START, code, said))


#: the start of the message of a repository without a commit (git init, nothing committed)
NO_COMMITS = "chưa có commit nào"


def _no_commits(root: Path) -> SnapshotError | None:
    """A repository with no commit yet (its branch is unborn): there is no history, said in
    our words rather than git's; ``None`` when it has a commit."""
    if _git(["rev-parse", "-q", "--verify", "HEAD"], root).returncode == 0:
        return None
    return SnapshotError(
        f"kho git {root} {NO_COMMITS} nên chưa có lịch sử; commit các tệp hồ sơ để bắt đầu "
        f"lịch sử{SEP}the git repository {root} has no commits yet, so there is no history; "
        "commit the evidence files to start one"
    )


def _refused(problem: Diagnostic) -> SnapshotError:
    """A located problem as a :class:`SnapshotError` (``"vi ‖ en"``)."""
    return SnapshotError(f"{problem.format('vi')}{SEP}{problem.format('en')}", problem)


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
        raise (
            _git_failure(log.stderr, rel)
            or _no_commits(root)
            or SnapshotError(f"git log: {_last_line(log.stderr.decode(errors='replace'))}")
        )
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


def change_dates(path: Path, *, limit: int = MAX_COMMITS) -> list[str]:
    """The dates (ISO) of the commits that changed ``path``, newest first."""
    root, rel = _repository(path)
    return [date for _, date, changes in _raw_log(root, rel, limit) if changes]


def dated_snapshots(folder: Path) -> list[Snapshot]:
    """The dated files ``<yyyy-mm-dd>.yaml`` of a unit's folder, oldest first, with their
    texts, read by the one opener; ``content_id`` is the SHA-256 of the text. A file that
    cannot be read is a snapshot without text, with its located problem."""
    from ntm_check.load.files import read_text  # noqa: PLC0415

    found = []
    for path in folder_snapshots(folder):
        text, problems, _ = read_text(path, str(path))
        if text is None:
            found.append(Snapshot(str(path), None, path.stem, problem=problems[0]))
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        found.append(Snapshot(str(path), text, path.stem, None, digest))
    return found


def git_snapshots(path: Path, *, limit: int = MAX_COMMITS) -> list[Snapshot]:
    """Every committed version of ``path``, oldest first; each distinct content read once. A
    version whose content cannot be read (a corrupt or missing object, over the size limit, not
    UTF-8) has no text and says why (``problem``); a version that deleted the file has
    neither."""
    root, rel = _repository(path)
    entries: list[tuple[str, str, str]] = []  # commit, date, blob (deleted: zeros)
    for commit, date, changes in _raw_log(root, rel, limit):
        blob = next((b for b, _ in changes), None)
        if blob is not None:
            entries.append((commit, date, blob))
    entries.reverse()
    names: dict[str, str] = {}  # each blob by the first version that has it
    for commit, _, blob in entries:
        if set(blob) != {"0"}:
            names.setdefault(blob, f"{rel}@{commit[:10]}")
    texts, failed = _cat_blobs(root, names)
    # a version that cannot be read is said, never left out
    return [
        Snapshot(
            f"{rel}@{commit[:10]}",
            texts.get(blob),
            date,
            commit,
            blob,
            failed[blob].located(names[blob]) if blob in failed else None,
        )
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

    def read(self, blobs: list[str]) -> dict[str, str | Diagnostic]:
        """The texts of ``blobs``, with one ``git cat-file --batch``; of a blob that cannot be
        read (corrupt, missing, refused by the opener's rules), why, located at the first
        version that has it."""
        first = {s.content_id: s.name for v in self.files.values() for s in v if s.content_id}
        names = {b: first.get(b, b) for b in sorted(set(blobs))}
        texts, failed = _cat_blobs(self.root, names)
        read: dict[str, str | Diagnostic] = dict(texts)
        read.update({b: why.located(names[b]) for b, why in failed.items()})
        return read


def _cat_blobs(
    root: Path, names: dict[str, str]
) -> tuple[dict[str, str], dict[str, SnapshotError]]:
    """Each blob's text (``names``: blob → the version it is shown as), decoded by the one
    opener's rules, and why each of the others cannot be read: sizes first (``git cat-file
    --batch-check``: a blob over the size limit is never read), then one ``--batch`` for the
    rest."""
    from ntm_check.load.files import decode_bytes, size_problems  # noqa: PLC0415

    wanted = []
    listed, failed = _cat(root, "batch-check", list(names), names)
    for blob, (header, _) in listed.items():
        too_large = size_problems(int(header[2]), names[blob])
        if too_large:
            failed[blob] = _refused(too_large[0])
        else:
            wanted.append(blob)
    read, unread = _cat(root, "batch", wanted, names)
    failed.update(unread)
    texts: dict[str, str] = {}
    for blob, (_, data) in read.items():
        text, problems = decode_bytes(data, names[blob])
        if text is None:
            failed[blob] = _refused(problems[0])
        else:
            texts[blob] = text
    return texts, failed


def _cat(
    root: Path, mode: str, blobs: list[str], names: dict[str, str]
) -> tuple[dict[str, tuple[list[str], bytes]], dict[str, SnapshotError]]:
    """``git cat-file --<mode>`` of ``blobs``: each blob's header and content (none with
    ``batch-check``), and why each of the others cannot be read. git stops at an object it
    cannot read: that one is corrupt, and the rest are asked again."""
    found: dict[str, tuple[list[str], bytes]] = {}
    failed: dict[str, SnapshotError] = {}
    left = blobs
    while left:
        out = _git(["cat-file", f"--{mode}"], root, ("\n".join(left) + "\n").encode())
        done = _entries(out.stdout, left, with_content=mode == "batch")
        for blob, header, data in done:
            if len(header) < 3:
                failed[blob] = _object_error(names[blob], "git-missing-object", blob)
            elif header[1] != "blob":
                failed[blob] = _not_a_file(names[blob], header[1])
            else:
                found[blob] = (header, data)
        if len(done) == len(left):
            break
        stopped = left[len(done)]
        said = _git_failure(out.stderr, names[stopped])
        failed[stopped] = said or _object_error(
            names[stopped], "git-corrupt-object", _last_line(out.stderr.decode(errors="replace"))
        )
        left = left[len(done) + 1 :]
    return found, failed


def _entries(
    data: bytes, blobs: list[str], *, with_content: bool
) -> list[tuple[str, list[str], bytes]]:
    """The complete entries of ``git cat-file`` output, in order, until it ends or is cut."""
    entries: list[tuple[str, list[str], bytes]] = []
    at = 0
    for blob in blobs:
        end = data.find(b"\n", at)
        if end < 0:
            break
        header = data[at:end].decode(errors="replace").split()
        at = end + 1
        content = b""
        if with_content and len(header) >= 3:
            size = int(header[2])
            if len(data) < at + size + 1:  # cut short: git stopped while writing it
                break
            content, at = data[at : at + size], at + size + 1
        entries.append((blob, header, content))
    return entries


def _not_a_file(where: str, kind: str) -> SnapshotError:
    said = Msg(
        f"ở phiên bản này đây không phải tệp (git {kind})",
        f"is not a file at this version (a git {kind})",
    )
    return _refused(error(where, START, "not-a-file", said))


def git_revision(path: Path, revision: str) -> Snapshot:
    """``path`` as it was at ``revision``: a commit, a tag, ``HEAD~3`` (a date is
    :func:`git_in_force`'s)."""
    root, rel = _repository(path)
    if revision.startswith("-"):
        raise SnapshotError(f"phiên bản không hợp lệ: {revision}{SEP}not a revision: {revision}")
    name = f"{rel}@{revision}"
    resolved = _git(["rev-parse", "--verify", f"{revision}^{{commit}}"], root)
    if resolved.returncode != 0:
        raise (
            _git_failure(resolved.stderr, name)
            or _no_commits(root)
            or SnapshotError(
                f"không có phiên bản git {revision!r}{SEP}no such git revision: {revision!r}"
            )
        )
    sha = resolved.stdout.decode().strip()
    blob = _blob_at(root, sha, rel, name)
    if blob is None:
        raise SnapshotError(
            f"{rel} không có ở phiên bản {revision} (chưa tạo hoặc đã xóa){SEP}"
            f"{rel} does not exist at {revision} (not yet created, or deleted)"
        )
    texts, failed = _cat_blobs(root, {blob: name})
    if failed:
        raise failed[blob]
    date = _git(["show", "-s", "--format=%cs", sha], root).stdout.decode().strip()
    return Snapshot(name, texts[blob], date or dt.date.min.isoformat(), sha, blob)


def _blob_at(root: Path, commit: str, rel: str, name: str) -> str | None:
    """The blob of ``rel`` in ``commit``'s tree; ``None`` when there is no such file."""
    listed = _git(["ls-tree", "-z", commit, "--", rel], root)
    if listed.returncode != 0:
        raise _git_failure(listed.stderr, name) or _object_error(
            name, "git-corrupt-object", _last_line(listed.stderr.decode(errors="replace"))
        )
    for entry in listed.stdout.split(b"\0"):
        fields, _, entry_path = entry.partition(b"\t")
        parts = fields.decode(errors="replace").split()
        if entry_path.decode(errors="replace") == rel and len(parts) == 3:
            if parts[1] != "blob":
                raise _not_a_file(name, parts[1])
            return parts[2]
    return None


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
    every = git_snapshots(path)
    unreadable = next((s.problem for s in every if s.problem is not None), None)
    if unreadable is not None:  # its date is unknown: it might be the one in force
        raise _refused(unreadable)
    in_force = [s for s in every if s.text is not None and as_of_of(s) <= date]
    if not in_force:
        raise SnapshotError(
            f"{path} chưa có lần đánh giá nào đến ngày {format_iso_date(date, 'vi')}{SEP}"
            f"{path} has no assessment dated on or before {date}"
        )
    # stable sort: of the versions for the newest date, the last committed stands for it
    return sorted(in_force, key=as_of_of)[-1]
