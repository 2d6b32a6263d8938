"""Whether a set that judged a unit's earlier versions has changed since: ``history`` and
``diff --rev`` judge every version with the sets as they are now (one yardstick for every
point), and say so when a set was changed after the oldest version judged, for a past result
may then differ from the one given at the time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from ntm_check.app.workspace import Workspace
from ntm_check.i18n import format_date
from ntm_check.text import Text

#: commits of a set file looked at (a set changes a few times a year)
_LIMIT = 200


def changed_since(set_ids: Iterable[str], since: str, ws: Workspace) -> Text | None:
    """A note when a set of ``set_ids`` (or a set one extends) has a commit dated after
    ``since`` (ISO); ``None`` when none has, or its file is not in git."""
    try:
        dt.date.fromisoformat(since)
    except ValueError:  # a version's own date that is no date: its errors say so
        return None
    store = ws.sets()
    for set_id in sorted({base for named in set_ids for base in store.chain(named)}):
        path = store.path(set_id)
        changed = _changed_after(path, since) if path is not None and path.is_file() else None
        if changed is not None:
            return _note(set_id, str(path), changed, since)
    return None


def _changed_after(path: Path, since: str) -> str | None:
    """The latest date (ISO) ``path`` was committed after ``since``; ``None`` when it was not,
    or when it is not in a repository (nothing is known of its changes)."""
    from ntm_check.load.snapshots import SnapshotError, change_dates  # noqa: PLC0415

    try:
        later = [d for d in change_dates(path, limit=_LIMIT) if d > since]
    except SnapshotError:
        return None
    return max(later) if later else None


def _note(set_id: str, path: str, changed: str, since: str) -> Text:
    when = dt.date.fromisoformat(changed)
    first = dt.date.fromisoformat(since)
    return Text(
        f"ghi chú: mọi phiên bản được đánh giá theo bộ tiêu chí hiện nay; {set_id} ({path}) "
        f"đã sửa ngày {format_date(when, 'vi')}, sau phiên bản ngày {format_date(first, 'vi')}: "
        "kết quả của các phiên bản trước có thể khác kết quả khi đó",
        f"note: every version is judged with the criteria sets as they are now; {set_id} "
        f"({path}) was changed on {format_date(when, 'en')}, after the version of "
        f"{format_date(first, 'en')}: an earlier version's result may differ from the one "
        "given at the time",
    )
