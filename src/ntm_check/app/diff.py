"""``ntm-check diff OLD [NEW]``: what changed between two assessments of one unit (two files,
a git revision, or the version in force on a date)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_check.app.outcome import (
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    Outcome,
    Said,
    Stop,
    UsageStop,
    outcome_of,
)
from ntm_check.app.unit import missing_unit_hints, unit_path
from ntm_check.app.workspace import Workspace
from ntm_check.i18n import format_date
from ntm_check.text import Text

if TYPE_CHECKING:
    from ntm_check.engine import Assessment
    from ntm_check.run.diff import Diff, FailOn

#: ``(name, text)`` of one side
Side = tuple[str, str]


@dataclass(frozen=True)
class DiffRequest:
    old: str
    new: str | None = None
    #: the old side: a git revision, or a date (the version in force then)
    rev: str | None = None
    fail_on: FailOn = "regression"


@dataclass(frozen=True)
class Compared:
    """The changes between two assessments, and the names the sides are shown by."""

    diff: Diff
    old_name: str
    new_name: str


def run(request: DiffRequest, ws: Workspace) -> Outcome[Compared]:
    """Judge both sides; exit 1 when something regressed (as ``--fail-on`` says), 2 when a
    side cannot be read or judged, or the two are different units."""

    def body(said: Said) -> Outcome[Compared]:
        from ntm_check.run.diff import compare  # noqa: PLC0415

        unit_file = unit_path(request.old, ws, "OLD")
        (old_name, old_text), (new_name, new_text) = _sides(request, unit_file, ws, said)
        # the sets are looked for beside the unit's file, not beside the name a git revision
        # is shown by (relative to the repository, not to the current directory)
        new_file = Path(request.new) if request.new else unit_file
        ws.sets([unit_file, new_file])
        try:
            before = _judge(old_name, old_text, ws, said)
        except Stop:
            if request.rev is not None:  # perhaps valid then, and not by today's sets
                _sets_changed(old_text, ws, said)
            raise
        after = _judge(new_name, new_text, ws, said)
        if before.evidence.id != after.evidence.id:
            ids = f"{before.evidence.id}, {after.evidence.id}"
            raise Stop(
                EXIT_INVALID,
                Text(
                    f"hai bản là hai đơn vị khác nhau ({ids}): diff so sánh hai lần đánh giá của "
                    "cùng một đơn vị",
                    f"the two are different units ({ids}): diff compares two assessments of "
                    "one unit",
                ),
            )
        if request.rev is not None:  # an earlier version, judged with today's sets
            _sets_changed(old_text, ws, said)
        changes = compare(before, after)
        code = EXIT_FINDINGS if changes.fails(request.fail_on) else EXIT_OK
        return Outcome(code, Compared(changes, old_name, new_name))

    return outcome_of(body)


def _sides(request: DiffRequest, path: Path, ws: Workspace, said: Said) -> tuple[Side, Side]:
    """The old and the new assessment the arguments name; a ``--rev`` date after the judging
    date is refused (the version in force then is not known yet)."""
    from ntm_check.i18n import parse_typed_date  # noqa: PLC0415

    if request.rev is None:
        if request.new is None:
            raise UsageStop(Text("cần tệp mới hoặc --rev", "give the new file or --rev"), "NEW")
        return _unit_side(request.old, path, ws, said), _read_side(Path(request.new), said)
    latest = (
        _read_side(Path(request.new), said)
        if request.new
        else _unit_side(request.old, path, ws, said)
    )
    when = parse_typed_date(request.rev)
    if when is None:
        return _at_revision(path, request.rev), latest
    if isinstance(when, Text):  # looks like a date, is not one
        raise UsageStop(when, "--rev")
    if when > ws.judged_on:
        raise UsageStop(
            Text(
                f"ngày {format_date(when, 'vi')} sau ngày xét {format_date(ws.judged_on, 'vi')}: "
                "chưa biết bản nào có hiệu lực khi đó",
                f"{when.isoformat()} is after the judging date {ws.judged_on.isoformat()}: which "
                "version is in force then is not known yet",
            ),
            "--rev",
        )
    return _in_force(ws.districts / request.old, path, when.isoformat(), said), latest


def _read_side(path: Path, said: Said) -> Side:
    """``(name, text)`` of one file; unreadable: its problems said, :class:`Stop` (2)."""
    from ntm_check.load.files import read_text  # noqa: PLC0415

    text, problems, _ = read_text(path, str(path))
    said.all(problems)
    if text is None:
        raise Stop(EXIT_INVALID)
    return str(path), text


def _unit_side(unit: str, path: Path, ws: Workspace, said: Said) -> Side:
    """:func:`_read_side` of the unit named, with a hint when no such unit exists."""
    try:
        return _read_side(path, said)
    except Stop:
        said.all(missing_unit_hints(unit, path, ws.districts))
        raise


def _in_force(folder: Path, path: Path, date: str, said: Said) -> Side:
    """The assessment in force on ``date``: from the unit's dated folder, else from git."""
    from ntm_check.i18n import format_iso_date  # noqa: PLC0415
    from ntm_check.load.resolve import folder_snapshots, in_force_key  # noqa: PLC0415

    if not folder.is_dir():
        return _at_revision(path, date)
    dated = folder_snapshots(folder)
    newest = max(dated, key=lambda p: in_force_key(str(p), date), default=None)
    if newest is None or not in_force_key(str(newest), date)[0]:
        raise UsageStop(
            Text(
                f"{folder} chưa có bản nào đến ngày {format_iso_date(date, 'vi')}",
                f"{folder} has no file dated on or before {date}",
            ),
            "--rev",
        )
    return _read_side(newest, said)


def _sets_changed(text: str, ws: Workspace, said: Said) -> None:
    """Say when the set an earlier version names was changed after that version's date: it
    is judged with today's sets (read from its text: the version may have no verdict now)."""
    import re  # noqa: PLC0415

    from ntm_check.app.set_changes import changed_since  # noqa: PLC0415

    named = re.search(r"(?m)^criteria_set:[ \t]*[\"']?([a-z0-9-]+)", text)
    when = re.search(r"(?m)^as_of:[ \t]*[\"']?([0-9]{4}-[0-9]{2}-[0-9]{2})", text)
    if named and when and (note := changed_since([named.group(1)], when.group(1), ws)):
        said.add(note)


def _at_revision(path: Path, rev: str) -> Side:
    """``path`` at a git revision, or the version in force on a date (``yyyy-mm-dd``)."""
    from ntm_check.load.resolve import ISO_DATE  # noqa: PLC0415
    from ntm_check.load.snapshots import SnapshotError, git_in_force, git_revision  # noqa: PLC0415

    try:
        snapshot = git_in_force(path, rev) if ISO_DATE.match(rev) else git_revision(path, rev)
    except SnapshotError as exc:
        raise Stop(EXIT_INVALID, Text.parse(str(exc))) from None
    return snapshot.name, snapshot.text or ""


def _judge(name: str, text: str, ws: Workspace, said: Said) -> Assessment:
    """One side judged on the one path: its errors said, its warnings counted (the diff lists
    those that changed); no verdict: :class:`Stop` (2)."""
    from ntm_check.load.snapshots import unit_file_id  # noqa: PLC0415
    from ntm_check.run.assess import assess_text  # noqa: PLC0415

    options = ws.judging(keep_assessments=True)
    found = assess_text(name, text, None, ws.sets(), options, named_as=unit_file_id(name))
    said.errors(found.diagnostics)
    warnings = sum(1 for p in found.diagnostics if p.level.value == "warning")
    if warnings:
        said.text(
            f"{name}: {warnings} cảnh báo (ntm-check validate liệt kê từng cảnh báo)",
            f"{name}: {warnings} warning(s) (ntm-check validate lists each)",
        )
    if found.assessment is None:
        raise Stop(
            EXIT_INVALID,
            Text(
                f"{name}: không có kết luận: hãy sửa các lỗi ở trên",
                f"{name}: no verdict: fix the errors above",
            ),
        )
    return found.assessment
