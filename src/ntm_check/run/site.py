"""What ``ntm-check site`` needs beyond ``status``: every unit's history, judged only for the
units whose pages must be made again.

The dated versions of every unit under a folder are listed without being judged: from git (one
``git log`` for the whole folder; each version known by its blob id) and from folders of dated
files (``districts/<id>/<yyyy-mm-dd>.yaml``; each known by the SHA-256 of its text). What a
unit's page shows of its history is fixed by that list (:meth:`SiteHistories.fingerprint`), so
a page cached with the same list is current and its history is never judged. A unit whose page
must be made is judged where the page is made (in a worker), each version on the one path,
the result cache answering for versions judged before (read only: workers never write it).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ntm_check.diagnostics import Diagnostic
from ntm_check.load.snapshots import (
    NOT_IN_GIT,
    GitLog,
    Snapshot,
    SnapshotError,
    dated_snapshots,
    git_folder_log,
    unit_file_id,
)
from ntm_check.run.assess import AssessOptions
from ntm_check.run.cache import ResultCache
from ntm_check.run.history import History, build
from ntm_check.run.many import assess_blobs, assess_texts
from ntm_check.run.sets import SetStore


class SiteHistories:
    """Every unit's versions (listed, not judged), and a unit's history judged when asked."""

    def __init__(
        self,
        folders: list[Path],
        store: SetStore,
        options: AssessOptions,
        cache: ResultCache | None = None,
        *,
        context: str = "",
    ) -> None:
        self.store = store
        self.options = options
        self.cache = cache
        #: what else every history depends on (the criteria files' contents, say)
        self.context = context
        self.versions: dict[str, list[Snapshot]] = {}
        self.logs: dict[str, GitLog] = {}
        #: blob texts read so far in this process (all of a log's at once: one ``git``), or
        #: why one cannot be read
        self._texts: dict[str, str | Diagnostic] = {}
        #: why git history could not be read, if so
        self.problems: list[str] = []
        dated: dict[str, list[Snapshot]] = {}
        for folder in folders:
            if folder.is_dir():
                self._from_git(folder)
                _from_dated_folders(folder, dated)
        for unit, snapshots in dated.items():  # a folder of dated files is that unit's history
            self.versions[unit] = snapshots
            self.logs.pop(unit, None)

    def _from_git(self, folder: Path) -> None:
        try:
            log = git_folder_log(folder)
        except SnapshotError as exc:
            # a folder outside git is normal (dated folders are the other way to keep history)
            if NOT_IN_GIT not in str(exc):
                self.problems.append(str(exc))
            return
        for path, snapshots in log.files.items():
            unit = unit_file_id(str(path))
            if unit and snapshots:
                self.versions.setdefault(unit, []).extend(snapshots)
                self.logs[unit] = log

    def fingerprint(self, unit: str | None) -> str:
        """The unit's versions (date and content id, in order): what its history shows."""
        listed = [(s.date, s.content_id or "") for s in self.versions.get(unit or "", ())]
        return hashlib.sha256(repr((self.context, listed)).encode("utf-8")).hexdigest()

    def history(self, unit: str | None) -> History | None:
        """The unit's history, its versions judged (the cache answering, read only)."""
        snapshots = self.versions.get(unit or "")
        if not snapshots:
            return None
        log = self.logs.get(unit or "")
        if log is not None:
            items = [(s.name, s.content_id or "") for s in snapshots]
            judged = assess_blobs(items, lambda blobs: self._read(log, blobs), self.store,
                                  self.options, self.cache, write=False)  # fmt: skip
        else:
            texts = [(s.name, s.content) for s in snapshots]
            judged = assess_texts(texts, self.store, self.options, self.cache, write=False)
        return build(list(zip(snapshots, judged, strict=True)), self.options.judged_on.isoformat())

    def _read(self, log: GitLog, blobs: list[str]) -> dict[str, str | Diagnostic]:
        """Blob texts: the first time a process needs one, every blob of the log is read with
        one ``git cat-file`` (a first build needs them all; one git per unit cost ~5 ms each)."""
        if any(b not in self._texts for b in blobs):
            every = {s.content_id for v in log.files.values() for s in v if s.content_id}
            self._texts.update(log.read(sorted(every - self._texts.keys())))
        return {b: self._texts[b] for b in blobs if b in self._texts}


def _from_dated_folders(folder: Path, found: dict[str, list[Snapshot]]) -> None:
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        try:
            dated = dated_snapshots(sub)
        except SnapshotError:  # the folder itself cannot be read: the main pass says so
            continue
        if dated:
            found[sub.name] = dated
