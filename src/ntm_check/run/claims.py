"""Two evidence files claiming one unit: one unit id in two files is an error in the later
one; one official code twice on one set (a unit written twice under two ids) a warning."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePath

from ntm_check.diagnostics import Msg, Position, error, sorted_diagnostics, warning
from ntm_check.load.snapshots import is_snapshot_file
from ntm_check.run.results import FileResult


def with_duplicates(results: list[FileResult]) -> list[FileResult]:
    """Two files claiming one unit id: the later one (in file order) gets the error. Two
    units with one official code on one set (``code: "216"`` twice: one unit written twice
    under two ids, shown twice by ``status`` and the map): the later one gets a warning.

    The dated files of one unit's folder (``districts/<id>/<date>.yaml``) are one claim.
    """
    owners: dict[str, str] = {}
    coded: dict[tuple[str, str | None], tuple[str, str]] = {}  # (code, set) → (claim, path)
    told: set[tuple[str, str | None, str]] = set()
    out = []
    for result in results:
        unit_id = result.unit_id if result.kind == "evidence" else None
        if unit_id is None:
            out.append(result)
            continue
        snapshot = is_snapshot_file(result.path)
        claim = str(PurePath(result.path).parent) if snapshot else result.path
        said = result
        if owners.setdefault(unit_id, claim) != claim:
            said = _with_duplicate(result, unit_id, owners[unit_id])
        elif result.code is not None and (result.code, result.set_id, claim) not in told:
            first, path = coded.setdefault((result.code, result.set_id), (claim, result.path))
            if first != claim:  # once a claim: not again for each of a unit's dated files
                told.add((result.code, result.set_id, claim))
                said = _with_duplicate_code(result, result.code, path)
        out.append(said)
    return out


def _with_duplicate(result: FileResult, unit_id: str, owner: str) -> FileResult:
    said = Msg(
        f"mã {unit_id!r} đã được tệp {owner} dùng; mỗi đơn vị một mã",
        f"id {unit_id!r} is also claimed by {owner}",
    )
    problem = error(result.path, _position(result, "id"), "duplicate-unit", said)
    diagnostics = tuple(sorted_diagnostics([*result.diagnostics, problem]))
    return replace(result, diagnostics=diagnostics, assessment=None, summary=None, verdict=None)


def _with_duplicate_code(result: FileResult, code: str, owner: str) -> FileResult:
    said = Msg(
        f"mã đơn vị hành chính {code!r} đã có ở tệp {owner}, theo cùng bộ tiêu chí: một đơn vị "
        "được ghi hai lần (status và bản đồ sẽ có hai dòng); bỏ một tệp, hoặc sửa code",
        f"official code {code!r} is also given by {owner}, on the same criteria set: one unit "
        "written twice (status and the map show it twice); remove one file, or fix the code",
    )
    problem = warning(result.path, _position(result, "code"), "duplicate-code", said)
    return replace(result, diagnostics=tuple(sorted_diagnostics([*result.diagnostics, problem])))


def _position(result: FileResult, key: str) -> Position:
    # Rare, so the file is read again for the position rather than kept in memory.
    from ntm_check.load.sources import load_file  # noqa: PLC0415 - not on a cached run

    return load_file(Path(result.path)).position((key,))
