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
    Snapshot,
    SnapshotError,
    git_folder_snapshots,
    unit_file_id,
)
from ntm_check.run.assess import AssessOptions
from ntm_check.run.cache import ResultCache
from ntm_check.run.history import History, build
from ntm_check.run.many import assess_texts
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
    found: dict[str, list[Snapshot]] = {}
    problems: list[str] = []
    for folder in folders:
        if folder.is_dir():
            problems += _from_git(folder, found)
            _from_dated_folders(folder, found)
    items = [(s.name, s.text or "") for snapshots in found.values() for s in snapshots]
    judged = iter(assess_texts(items, store, options, cache, jobs=jobs)) if items else iter(())
    out = {}
    for unit, snapshots in found.items():
        results = [next(judged) for _ in snapshots]
        out[unit] = build(list(zip(snapshots, results, strict=True)))
    return out, problems


def _from_git(folder: Path, found: dict[str, list[Snapshot]]) -> list[str]:
    try:
        by_file = git_folder_snapshots(folder)
    except SnapshotError as exc:
        # a folder outside git is normal (dated folders are the other way to keep history)
        return [] if NOT_IN_GIT in str(exc) else [str(exc)]
    for path, snapshots in by_file.items():
        unit = unit_file_id(str(path))
        if unit and not (path.parent / unit).is_dir():
            found.setdefault(unit, []).extend(s for s in snapshots if s.text is not None)
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
