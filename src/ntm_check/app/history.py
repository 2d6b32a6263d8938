"""``ntm-check history UNIT``: a unit's assessments through time, from git or from its folder
of dated files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ntm_check.app.outcome import EXIT_INVALID, EXIT_OK, Outcome, Said, Stop, outcome_of
from ntm_check.app.unit import missing_unit_hints
from ntm_check.app.workspace import Workspace
from ntm_check.diagnostics import START, Msg, error
from ntm_check.i18n import format_date
from ntm_check.load.resolve import is_file, is_folder
from ntm_check.text import Text

if TYPE_CHECKING:
    from ntm_check.load.snapshots import Snapshot
    from ntm_check.run.history import History
    from ntm_check.run.results import FileResult


@dataclass(frozen=True)
class HistoryRequest:
    unit: str
    #: read at most this many of the latest commits (git)
    limit: int = 2000


def run(request: HistoryRequest, ws: Workspace) -> Outcome[History]:
    """Judge every version; exit 0, or 2 when no history can be read or no version judged."""

    def body(said: Said) -> Outcome[History]:
        from ntm_check.load.resolve import ResolveError, evidence_path  # noqa: PLC0415
        from ntm_check.run.history import build  # noqa: PLC0415
        from ntm_check.run.many import assess_texts  # noqa: PLC0415

        try:
            path = evidence_path(request.unit, ws.districts)
        except ResolveError as exc:
            from ntm_check.app.outcome import UsageStop  # noqa: PLC0415

            raise UsageStop(Text.parse(str(exc)), "UNIT") from None
        snapshots = _versions(request, path, ws, said)
        texts = [(s.name, s.content) for s in snapshots]
        options = ws.judging(keep_summaries=True)
        judged = assess_texts(texts, ws.sets([path]), options, ws.cache, jobs=ws.settings.jobs)
        found = build(list(zip(snapshots, judged, strict=True)), ws.judged_on.isoformat())
        _problems(found, judged, path, ws, said)
        from ntm_check.app.set_changes import changed_since  # noqa: PLC0415

        named = {f.set_id for f in judged if f.set_id}
        if len(snapshots) > 1 and (note := changed_since(named, snapshots[0].date, ws)):
            said.add(note)
        return Outcome(EXIT_OK, found)

    return outcome_of(body)


def _versions(request: HistoryRequest, path: Path, ws: Workspace, said: Said) -> list[Snapshot]:
    """The unit's versions, oldest first: its dated files, else its file's commits."""
    folder = ws.districts / request.unit
    if not is_folder(folder) and not is_file(path):
        _no_unit(request, path, ws)
    snapshots = _snapshots(request, folder, path)
    if not snapshots:
        raise Stop(
            EXIT_INVALID, Text(f"{path}: chưa có lần đánh giá nào", f"{path}: no assessment yet")
        )
    newest = snapshots[-1]
    if not is_folder(folder) and newest.problem is None and _uncommitted(path, newest.text):
        said.text(
            f"{path} có thay đổi chưa commit: chưa có trong lịch sử (check xét tệp hiện tại)",
            f"{path} has uncommitted changes: not in the history yet (check "
            "judges the file as it is)",
        )
    return snapshots


def _no_unit(request: HistoryRequest, path: Path, ws: Workspace) -> NoReturn:
    """:class:`Stop` (2): the unit has neither a folder of dated files nor a file."""
    from ntm_check.load.files import read_text  # noqa: PLC0415

    problems = read_text(path, str(path))[1] or [
        error(str(path), START, "file-not-found", Msg("không có tệp này", "no such file"))
    ]  # the opener says what it is: missing, a pipe, a folder
    raise Stop(EXIT_INVALID, *problems, *missing_unit_hints(request.unit, path, ws.districts))


def _snapshots(request: HistoryRequest, folder: Path, path: Path) -> list[Snapshot]:
    """The unit's dated files in ``folder``, else its file's commits (those that have it);
    :class:`Stop` (2) when they cannot be read."""
    from ntm_check.load.snapshots import SnapshotError, dated_snapshots, git_snapshots  # noqa: PLC0415

    try:
        if is_folder(folder):
            return dated_snapshots(folder)
        every = git_snapshots(path, limit=request.limit)
        # a version that deleted the file is none; one that cannot be read is one
        return [s for s in every if s.text is not None or s.problem is not None]
    except SnapshotError as exc:
        raise Stop(EXIT_INVALID, Text.parse(str(exc))) from None


def _uncommitted(path: Path, committed: str | None) -> bool:
    """Whether the unit's file differs from its last committed version (read by the one
    opener; a file it refuses is not said to differ)."""
    from ntm_check.load.files import read_text  # noqa: PLC0415

    text = read_text(path, str(path))[0]
    return text is not None and text != committed


def _problems(
    found: History, judged: list[FileResult], path: Path, ws: Workspace, said: Said
) -> None:
    """The errors of the versions shown without a verdict, the versions left out because they
    are dated after the judging date; :class:`Stop` (2) when no version is left or none could
    be judged."""
    shown = {point.source for point in found.points if point.summary is None}
    for result in judged:
        if result.path in shown:
            said.errors(result.diagnostics)
    vi, en = format_date(ws.judged_on, "vi"), format_date(ws.judged_on, "en")
    if found.later:
        said.text(
            f"{found.later} bản đánh giá sau ngày xét {vi} (--as-of) không được tính",
            f"{found.later} assessment(s) dated after the judging date {en} (--as-of) left out",
        )
    if not found.points:
        raise Stop(
            EXIT_INVALID,
            Text(
                f"{path}: chưa có lần đánh giá nào đến ngày {vi}",
                f"{path}: no assessment on or before {en}",
            ),
        )
    if all(point.summary is None for point in found.points):
        raise Stop(
            EXIT_INVALID,
            Text(
                f"{path}: không đánh giá được bản nào (xem các lỗi ở trên)",
                f"{path}: no version could be judged (see the errors above)",
            ),
        )
