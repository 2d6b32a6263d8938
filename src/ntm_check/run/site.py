"""What ``ntm-check site`` needs beyond ``status``: every unit's history.

The dated assessments of every unit under a folder, from git (one ``git log`` for the whole
folder) and from folders of dated files (``districts/<id>/<yyyy-mm-dd>.yaml``), each distinct
text judged once on the one path (with the result cache and workers), then one
:class:`~ntm_check.run.history.History` per unit.
"""

from __future__ import annotations

from pathlib import Path

from ntm_check.load.resolve import folder_snapshots
from ntm_check.load.snapshots import (
    NOT_IN_GIT,
    GitLog,
    Snapshot,
    SnapshotError,
    git_folder_log,
    unit_file_id,
)
from ntm_check.run.assess import AssessOptions
from ntm_check.run.cache import ResultCache
from ntm_check.run.history import History, build
from ntm_check.run.many import assess_blobs, assess_texts
from ntm_check.run.sets import SetStore


def histories(
    folders: list[Path],
    store: SetStore,
    options: AssessOptions,
    cache: ResultCache | None = None,
    *,
    jobs: int = 1,
) -> tuple[dict[str, History], list[str]]:
    """Each unit's history, by unit id; and why git history could not be read, if so."""
    dated: dict[str, list[Snapshot]] = {}
    logs: list[GitLog] = []
    problems: list[str] = []
    for folder in folders:
        if folder.is_dir():
            problems += _git_log(folder, logs)
            _from_dated_folders(folder, dated)
    out = {}
    for log in logs:
        mine: dict[str, list[Snapshot]] = {}
        for path, snapshots in log.files.items():
            unit = unit_file_id(str(path))
            if unit and snapshots and unit not in dated:  # a dated folder is its history
                mine.setdefault(unit, []).extend(snapshots)
        items = [(s.name, s.content_id or "") for snapshots in mine.values() for s in snapshots]
        judged = iter(assess_blobs(items, log.read, store, options, cache, jobs=jobs))
        for unit, snapshots in mine.items():
            out[unit] = build([(s, next(judged)) for s in snapshots])
    items = [(s.name, s.text or "") for snapshots in dated.values() for s in snapshots]
    judged = iter(assess_texts(items, store, options, cache, jobs=jobs)) if items else iter(())
    for unit, snapshots in dated.items():
        out[unit] = build([(s, next(judged)) for s in snapshots])
    return out, problems


def _git_log(folder: Path, logs: list[GitLog]) -> list[str]:
    try:
        logs.append(git_folder_log(folder))
    except SnapshotError as exc:
        # a folder outside git is normal (dated folders are the other way to keep history)
        return [] if NOT_IN_GIT in str(exc) else [str(exc)]
    return []


def _from_dated_folders(folder: Path, found: dict[str, list[Snapshot]]) -> None:
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        try:
            texts = [
                Snapshot(str(f), f.read_text(encoding="utf-8-sig"), f.stem)
                for f in folder_snapshots(sub)
            ]
        except (OSError, UnicodeDecodeError):
            continue  # the main pass reports such a file
        if texts:
            found[sub.name] = texts
