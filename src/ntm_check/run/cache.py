"""A content-hash cache of validation results, so that CI re-runs skip unchanged files.

An entry is found by the SHA-256 of the file's bytes, the tool version, the cache format and
the date warnings are judged on. An evidence entry also records the criteria set it was
checked against and that set file's SHA-256, and is used only when the set is still
byte-for-byte the same. Changed bytes, another tool version or a changed set can therefore
never be served a stale result.

The cache is one SQLite database (``results.sqlite3``) in the user's cache directory. It is
best-effort: an unreadable, corrupt or unwritable cache behaves like an empty one. Workers only
read; the parent process writes all new entries in one transaction at the end of a run.
Delete the directory at any time to empty it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ntm_check import __version__

#: 2: evidence entries hold the verdict's counts too; 3: messages in Vietnamese and English;
#: 4: the unit's summary for the province-wide commands; 5: the verdict and the summary apart;
#: 6: every indicator's status and the actions done, in the summary; 7: the summary as
#: positional arrays, without the texts no province-wide command shows; 8: the unit's code;
#: 9: the code in every evidence entry, and a site's pages
#: 10: unverified indicators; 11: summaries without their set's names and tallies (SetFacts)
#: 12: messages reworded (an overdue action numbered in English; a quote left open);
#: 13: no verdict for a dated file whose name is not its as_of
FORMAT = 13


def default_directory() -> Path:
    """``$NTM_CHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/ntm-check``, else ``~/.cache/ntm-check``."""
    explicit = os.environ.get("NTM_CHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ntm-check"


class ResultCache:
    """Entries in ``directory/results.sqlite3``; ``None`` disables the cache."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self._broken = False

    @property
    def enabled(self) -> bool:
        return self.directory is not None and not self._broken

    @staticmethod
    def key(content_sha256: str, context: str) -> str:
        # the parts themselves, not a hash of them: as unique, and nothing to compute per file
        return f"{FORMAT}\0{__version__}\0{content_sha256}\0{context}"

    def _db(self) -> sqlite3.Connection | None:
        if not self.enabled or self.directory is None:
            return None
        if self._connection is None or self._pid != os.getpid():  # a forked worker reconnects
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                path = self.directory / "results.sqlite3"
                connection = sqlite3.connect(path, timeout=5, isolation_level=None)
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT)"
                )
            except (OSError, sqlite3.Error):
                self._broken = True
                return None
            self._connection, self._pid = connection, os.getpid()
        return self._connection

    def get(self, key: str) -> dict[str, Any] | None:
        db = self._db()
        if db is None:
            return None
        try:
            row = db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return _decoded(row[0] if row else None)

    def get_many(self, keys: list[str]) -> Iterator[dict[str, Any] | None]:
        """The entry of each key, in order, or ``None``: one query per 500 keys, not one per
        key, and each entry decoded only when the caller comes to it."""
        db = self._db()
        for start in range(0, len(keys), 500):  # below SQLite's limit on bound parameters
            chunk = keys[start : start + 500]
            found: dict[str, str] = {}
            if db is not None:
                marks = ",".join("?" * len(chunk))
                with contextlib.suppress(sqlite3.Error):
                    query = f"SELECT key, value FROM entries WHERE key IN ({marks})"
                    found = dict(db.execute(query, chunk).fetchall())
            for key in chunk:
                yield _decoded(found.get(key))

    def put_many(self, entries: Iterable[tuple[str, dict[str, Any]]]) -> None:
        rows = [(key, json.dumps(value, ensure_ascii=False)) for key, value in entries]
        db = self._db()
        if db is None or not rows:
            return
        with contextlib.suppress(sqlite3.Error):
            db.execute("BEGIN")
            try:
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", rows)
                db.execute("COMMIT")
            except sqlite3.Error:
                db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        if self._connection is not None and self._pid == os.getpid():
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
        self._connection = None


def _decoded(value: object) -> dict[str, Any] | None:
    """An entry as stored, or ``None`` for no entry or one that is not ours."""
    if not isinstance(value, str):
        return None
    try:
        entry = json.loads(value)
    except ValueError:
        return None
    return entry if isinstance(entry, dict) else None
