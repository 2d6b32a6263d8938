"""The site's maps as plain data: a mark per unit at the registry's centroid, by province.

Each unit with a summary is drawn on the map of the province its file names, on the map of its
assessment date (a district judged in 2024 on its legacy province's map; a commune judged after
1/7/2025 on the new map), coloured by its verdict; the other units of that level and province
in the registry are drawn as not yet assessed. A mark's size is the unit's area where the
registry has one (2025 communes), else its number of communes (a legacy district's; 1 for a
legacy commune). A unit the registry does not know (no code, an unknown code, no centroid) is
listed beside its province's map, or beside the overview when its province is unknown too.

Nothing here renders: ``reports.site`` draws what :func:`build_maps` returns, and never reads
the registry itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from ntm_check.load.registry import AdminUnit, Era, Level, Registry, era_on
from ntm_check.run.results import UnitSummary, Words
from ntm_check.run.status import Row, Status
from ntm_check.text import Text

MarkVerdict = Literal["pass", "fail", "invalid", "none"]


@dataclass(frozen=True)
class Mark:
    """One unit on a map: the registry's unit and, when a file assesses it, its result."""

    code: str
    #: the registry's full name (``Huyện Tân Yên``) and its English kind (``district``)
    name: str
    kind_en: str
    lat: float
    lon: float
    #: km² when ``by_area``, else the number of communes
    size: float
    by_area: bool
    #: ``none``: not yet assessed (no file names it)
    verdict: MarkVerdict = "none"
    unit_id: str | None = None
    #: the name the unit's file gives it (shown as text, never as markup)
    unit_name: Words | None = None
    met: int | None = None
    applicable: int | None = None
    as_of: str | None = None


@dataclass(frozen=True)
class Unplaced:
    """A unit a file names that the registry cannot place, and why."""

    unit_id: str
    name: Words
    code: str | None
    verdict: MarkVerdict
    why: Words


@dataclass(frozen=True)
class ProvinceMap:
    """One province's units of one level, on the map of one era."""

    era: Era
    level: Level
    province_code: str
    province_name: str
    marks: tuple[Mark, ...]
    unplaced: tuple[Unplaced, ...]

    @property
    def key(self) -> str:
        """The page's stable file name: ``legacy-24-district``."""
        return f"{self.era}-{self.province_code}-{self.level}"


@dataclass(frozen=True)
class Maps:
    """Every map of the site; ``available`` is false when the registry is not installed."""

    available: bool
    maps: tuple[ProvinceMap, ...] = ()
    #: units whose province the registry does not know either
    unplaced: tuple[Unplaced, ...] = ()


NO_CODE = Text("tệp không ghi mã đơn vị", "the file gives no unit code")
UNKNOWN_CODE = Text("danh mục không có mã này", "the registry has no such code")
NO_PLACE = Text("danh mục không có toạ độ", "the registry has no centroid for it")

_GroupKey = tuple[Era, str, Level]


def build_maps(status: Status, codes: Mapping[str, str], registry: Registry | None) -> Maps:
    """The maps of ``status``'s units; ``codes``: unit id → code, for units without a summary
    (an invalid file's code, as written)."""
    if registry is None:
        return Maps(available=False)
    marks: dict[_GroupKey, list[Mark]] = {}
    beside: dict[_GroupKey, list[Unplaced]] = {}
    nowhere: list[Unplaced] = []
    for row in status.rows:
        key, found = _placed(row, codes, registry)
        if isinstance(found, Mark):
            marks.setdefault(key, []).append(found)
        elif key[1]:
            beside.setdefault(key, []).append(found)
        else:
            nowhere.append(found)
    counts = registry.commune_counts
    maps = [
        _province_map(key, marks.get(key, []), beside.get(key, []), registry, counts)
        for key in sorted(marks.keys() | beside.keys())
    ]
    return Maps(True, tuple(m for m in maps if m is not None), tuple(nowhere))


def _placed(
    row: Row, codes: Mapping[str, str], registry: Registry
) -> tuple[_GroupKey, Mark | Unplaced]:
    """The map a row belongs on, and its mark (or why it has none)."""
    s = row.summary
    if s is None:
        return _invalid(row, codes.get(row.unit_id or ""), registry)
    level: Level = "commune" if s.kind == "commune" else "district"
    era: Era = "legacy" if level == "district" else era_on(dt.date.fromisoformat(s.as_of))
    unit = registry.unit(level, s.code, era) if s.code else None
    key = (era, _province_of(s, unit, era, registry), level)
    mark = _mark(unit, registry, 1.0) if unit is not None else None
    if mark is None:
        return key, Unplaced(s.unit_id, s.name, s.code, _verdict(s), _why(s.code, unit))
    return key, _assessed(mark, s, s.verdict.met, s.verdict.applicable)


def _province_of(s: UnitSummary, unit: AdminUnit | None, era: Era, registry: Registry) -> str:
    """The province whose map a unit is drawn on: the one its file names, when the registry
    knows it on that map; else the unit's own; ``""`` when neither is known."""
    if s.province_code and registry.unit("province", s.province_code, era) is not None:
        return s.province_code
    return unit.province_code if unit is not None else ""


def _why(code: str | None, unit: AdminUnit | None) -> Words:
    """Why a unit has no mark."""
    if not code:
        return NO_CODE
    return UNKNOWN_CODE if unit is None else NO_PLACE


def _assessed(mark: Mark, s: UnitSummary, met: int, applicable: int) -> Mark:
    return replace(mark, verdict=_verdict(s), unit_id=s.unit_id, unit_name=s.name, met=met,
                   applicable=applicable, as_of=s.as_of)  # fmt: skip


def _verdict(s: UnitSummary) -> MarkVerdict:
    return "pass" if s.verdict.passed else "fail"


def _invalid(row: Row, code: str | None, registry: Registry) -> tuple[_GroupKey, Mark | Unplaced]:
    """An invalid file's unit, found by its code alone."""
    name = Text(row.unit_id or row.path, row.unit_id or row.path)
    unit = _by_code(code, registry)
    mark = _mark(unit, registry, 1.0) if unit is not None else None
    if unit is None or mark is None:
        unplaced = Unplaced(row.unit_id or "", name, code, "invalid", _why(code, unit))
        return ("legacy", "", "district"), unplaced
    assessed = replace(mark, verdict="invalid", unit_id=row.unit_id, unit_name=name)
    return (unit.era, unit.province_code, unit.level), assessed


def _by_code(code: str | None, registry: Registry) -> AdminUnit | None:
    """Three digits: a legacy district; five: a commune of the 2025 map, else the legacy one."""
    if not code:
        return None
    if len(code) == 3:
        return registry.unit("district", code, "legacy")
    return registry.unit("commune", code, "2025") or registry.unit("commune", code, "legacy")


def _mark(unit: AdminUnit, registry: Registry, communes: float) -> Mark | None:
    place = registry.place(unit)
    if place is None:
        return None
    by_area = place.area_km2 is not None
    size = place.area_km2 if place.area_km2 is not None else communes
    return Mark(unit.code, unit.name, unit.kind_en, place.lat, place.lon, size, by_area)


def _province_map(
    key: _GroupKey,
    assessed: list[Mark],
    unplaced: list[Unplaced],
    registry: Registry,
    communes: Mapping[str, int],
) -> ProvinceMap | None:
    """A province's map: its assessed units, then the others of the level, by code."""
    era, code, level = key
    province = registry.unit("province", code, era)
    if province is None:
        return None
    drawn = [m if m.by_area else replace(m, size=_communes(m.code, level, communes))
             for m in assessed]  # fmt: skip
    taken = {m.code for m in assessed}
    for unit in registry.units(level, era):
        if unit.province_code == code and unit.code not in taken:
            mark = _mark(unit, registry, _communes(unit.code, level, communes))
            if mark is not None:
                drawn.append(mark)
    marks = tuple(sorted(drawn, key=lambda m: (m.code, m.unit_id or "")))
    return ProvinceMap(era, level, code, province.name, marks, tuple(unplaced))


def _communes(code: str, level: Level, communes: Mapping[str, int]) -> float:
    """A legacy district's number of communes; 1 for a commune."""
    return float(communes.get(code, 1)) if level == "district" else 1.0
