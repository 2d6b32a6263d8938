"""What a repository holds: its criteria sets and the units that have evidence files.

For ``ntm-check list``: one line per set and per unit, read from the files' top-level fields
without judging them (``validate`` judges; a file too broken to read is listed with its
problem). Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ntm_check.diagnostics import START, Diagnostic, Msg, warning
from ntm_check.load.discover import expand, is_set_file, peek
from ntm_check.load.snapshots import is_snapshot_file
from ntm_check.load.sources import load_file


@dataclass(frozen=True)
class SetEntry:
    id: str
    title: dict[str, str]
    unit: str
    indicator_count: int | None
    path: str


@dataclass(frozen=True)
class UnitEntry:
    id: str
    name: dict[str, str]
    criteria_set: str
    as_of: str
    path: str


@dataclass(frozen=True)
class Catalog:
    sets: tuple[SetEntry, ...]
    units: tuple[UnitEntry, ...]
    #: files that could not be read as either kind (``validate`` says why in full)
    problems: tuple[Diagnostic, ...]


def _text(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        return {k: str(v) for k, v in value.items() if k in ("vi", "en")}
    return {"vi": str(value)} if value is not None else {"vi": "?"}


SKIPPED_FILE = "skipped-file"
_NEITHER = Msg(
    "không phải bộ tiêu chí (không có criteria: hay extends:) hay hồ sơ (không có "
    "criteria_set:): bỏ qua; ntm-check validate <tệp> nói rõ hơn",
    "neither a criteria set (no criteria: or extends:) nor an evidence file (no criteria_set:): "
    "skipped; ntm-check validate <file> says more",
)


def catalog(folders: Iterable[Path]) -> Catalog:
    """Every criteria set and evidence file under ``folders``."""
    files, problems = expand(folders)
    sets: list[SetEntry] = []
    units: list[UnitEntry] = []
    for name in files:
        doc = load_file(Path(name))
        data = doc.data if isinstance(doc.data, dict) else None
        if data is None:
            problems.extend(d for d in doc.diagnostics if d.level.value == "error")
        elif is_set_file(peek(name) or b""):
            sets.append(_set_entry(data, name))
        elif "criteria_set" in data:
            units.append(_unit_entry(data, name))
        else:  # never a silent pass: a file in the folders read is listed, or said
            problems.append(warning(name, START, SKIPPED_FILE, _NEITHER))
    return Catalog(tuple(sets), _newest_units(units), tuple(problems))


def _set_entry(data: dict[str, Any], name: str) -> SetEntry:
    """What ``list`` shows of a criteria set file."""
    count = data.get("indicator_count")
    return SetEntry(
        str(data.get("id", "?")),
        _text(data.get("title")),
        str(data.get("unit", "?")),
        count if isinstance(count, int) else None,
        name,
    )


def _unit_entry(data: dict[str, Any], name: str) -> UnitEntry:
    """What ``list`` shows of an evidence file."""
    return UnitEntry(
        str(data.get("id", "?")),
        _text(data.get("name")),
        str(data.get("criteria_set")),
        str(data.get("as_of", "?")),
        name,
    )


def _newest_units(units: list[UnitEntry]) -> tuple[UnitEntry, ...]:
    """One entry per unit: of a unit's folder of dated files, its newest."""
    latest: dict[str, UnitEntry] = {}
    for unit in units:
        key = str(Path(unit.path).parent) if is_snapshot_file(unit.path) else unit.path
        if key not in latest or unit.path > latest[key].path:
            latest[key] = unit
    return tuple(latest.values())
