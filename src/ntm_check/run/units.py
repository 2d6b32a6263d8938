"""What ``ntm-check units`` shows: a unit's official codes, its communes, and where each went on
1/7/2025; or, for a commune of the new map, the legacy communes that make it up.

A unit is named by an evidence file (its ``code``, else its name and province), by a code
(``216``: a district; ``07336``: a commune; ``24``: a province; codes of the map before
1/7/2025), or with ``--new`` by a commune of the new map: ``"Xã Tân Yên, Bắc Ninh"`` or its code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ntm_check.diagnostics import Msg
from ntm_check.load.registry import (
    AdminUnit,
    Era,
    Level,
    Predecessor,
    Registry,
    Successor,
    era_on,
)
from ntm_check.run.status import Row, Status

_BY_DIGITS: dict[int, Level] = {2: "province", 3: "district", 5: "commune"}


class UnitsError(ValueError):
    """A unit the registry cannot find as named; ``said`` tells why, in both languages."""

    def __init__(self, said: Msg) -> None:
        super().__init__(said.en)
        self.said = said


@dataclass(frozen=True)
class Fate:
    """A legacy commune and the commune(s) of the new map its area went to."""

    commune: AdminUnit
    successors: tuple[Successor, ...]


@dataclass(frozen=True)
class NowUnit:
    """A commune of the new map covering (part of) a legacy unit's area."""

    unit: AdminUnit
    #: every legacy commune it was made from lies in the unit asked about
    wholly_inside: bool


@dataclass(frozen=True)
class UnitsView:
    unit: AdminUnit
    province: AdminUnit | None
    #: of a legacy unit: the province its area belongs to from 1/7/2025
    now_province: AdminUnit | None
    #: of a legacy district: its communes; of a legacy commune: itself
    fates: tuple[Fate, ...]
    #: of a legacy unit: the communes of the new map covering its area
    now: tuple[NowUnit, ...]
    #: of a commune of the new map: the legacy communes it was made from
    predecessors: tuple[Predecessor, ...]
    #: where the data comes from: ``vietnamadminunits 1.0.4``
    source: str


def view(registry: Registry, unit: AdminUnit, source: str) -> UnitsView:
    """Everything ``units`` says of one unit."""
    province = registry.unit("province", unit.province_code, unit.era)
    if unit.era == "2025":
        predecessors = registry.predecessors(unit) if unit.level == "commune" else ()
        return UnitsView(unit, province, None, (), (), predecessors, source)
    if unit.level == "district":
        communes = registry.communes_of(unit)
    elif unit.level == "commune":
        communes = (unit,)
    else:
        communes = tuple(
            c for c in registry.units("commune", "legacy") if c.province_code == unit.code
        )
    fates = tuple(Fate(c, registry.successors(c)) for c in communes)
    inside = {c.code for c in communes}
    now: dict[str, NowUnit] = {}
    for fate in fates:
        for s in fate.successors:
            if s.unit.code not in now:
                made_of = registry.predecessors(s.unit)
                whole = all(p.unit.code in inside for p in made_of)
                now[s.unit.code] = NowUnit(s.unit, whole)
    now_province = registry.new_province_of(province) if province is not None else None
    ordered = tuple(sorted(now.values(), key=lambda n: n.unit.code))
    return UnitsView(unit, province, now_province, fates, ordered, (), source)


def by_code(registry: Registry, code: str, *, new: bool = False) -> AdminUnit:
    """The unit a code names: on the map before 1/7/2025, or with ``new`` the map after."""
    level = _BY_DIGITS.get(len(code)) if code.isascii() and code.isdigit() else None
    if level is None:
        raise UnitsError(
            Msg(
                f"{code!r} không phải mã đơn vị hành chính (2 chữ số: tỉnh, 3: huyện, 5: xã)",
                f"{code!r} is not an administrative code (2 digits: province, 3: district, "
                "5: commune)",
            )
        )
    era: Era = "2025" if new else "legacy"
    found = registry.unit(level, code, era)
    if found is None:
        when_vi = "từ" if new else "trước"
        when_en = "from" if new else "before"
        raise UnitsError(
            Msg(
                f"không có đơn vị nào mã {code!r} trong danh mục {when_vi} 01/7/2025",
                f"no unit has code {code!r} in the registry {when_en} 1 July 2025",
            )
        )
    return found


def by_new_name(registry: Registry, text: str) -> AdminUnit:
    """A commune of the new map named ``"Xã Tân Yên, Bắc Ninh"`` (commune, then province)."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) == 1 and parts[0].isdigit():
        return by_code(registry, parts[0], new=True)
    if len(parts) != 2:
        raise UnitsError(
            Msg(
                f'{text!r}: hãy ghi tên xã và tên tỉnh, ví dụ "Xã Tân Yên, Bắc Ninh"',
                f'{text!r}: give the commune and the province, e.g. "Xã Tân Yên, Bắc Ninh"',
            )
        )
    provinces = registry.find(parts[1], "province", "2025")
    if not provinces:
        hint = _hint(registry.near(parts[1], "province", "2025"))
        merged = [
            now
            for old in registry.find(parts[1], "province", "legacy")
            if (now := registry.new_province_of(old)) is not None
        ]
        if merged:
            hint = _hint(merged, Msg("; từ 01/7/2025 đã nhập vào ", "; since 1 July 2025 part of "))
        raise UnitsError(
            Msg(
                f"không có tỉnh {parts[1]!r} trong danh mục từ 01/7/2025",
                f"no province {parts[1]!r} in the registry from 1 July 2025",
            )
            + hint
        )
    found = registry.find(parts[0], "commune", "2025", provinces[0].code)
    if not found:
        hint = _hint(registry.near(parts[0], "commune", "2025", provinces[0].code))
        raise UnitsError(
            Msg(
                f"tỉnh {provinces[0].name} không có xã/phường {parts[0]!r} từ 01/7/2025",
                f"{provinces[0].name} has no commune or ward {parts[0]!r} from 1 July 2025",
            )
            + hint
        )
    return found[0]


def _hint(units: list[AdminUnit], lead: Msg | None = None) -> Msg:
    if not units:
        return Msg("", "")
    listed = ", ".join(f"{u.name} ({u.code})" for u in units)
    lead = lead or Msg("; gợi ý: ", "; did you mean ")
    return Msg(f"{lead.vi}{listed}", f"{lead.en}{listed}" + ("?" if "mean" in lead.en else ""))


def by_evidence(registry: Registry, data: dict[str, Any], where: str) -> AdminUnit:
    """The unit an evidence file describes: by its code, else by its name and province."""
    as_of = data.get("as_of")
    era = era_on(as_of) if isinstance(as_of, dt.date) else "legacy"
    code = data.get("code")
    if isinstance(code, str):
        if era == "2025" and len(code) == 3:
            era = "legacy"  # a district: only on the legacy map
        return by_code(registry, code, new=era == "2025")
    name = data.get("name")
    vi = name.get("vi") if isinstance(name, dict) else name
    province = data.get("province")
    p_code = province.get("code") if isinstance(province, dict) else None
    kind = data.get("unit")
    level: Level = "commune" if kind == "commune" else "district"
    if level == "district":
        era = "legacy"
    if isinstance(vi, str):
        found = registry.find(vi, level, era, p_code if isinstance(p_code, str) else None)
        if len(found) == 1:
            return found[0]
    raise UnitsError(
        Msg(
            f"{where}: hồ sơ không ghi mã đơn vị (code) và không tìm được đúng một đơn vị theo tên",
            f"{where}: the file gives no code and its name matches no single unit",
        )
    )


def area_today(
    registry: Registry, code: str | None, as_of: dt.date, judged_on: dt.date, source: str
) -> UnitsView | None:
    """For a report judged after 1/7/2025 on a unit of the earlier map: the units covering its
    area on the day it is judged; ``None`` when the map did not change in between, or the file
    gives no code the registry knows."""
    if code is None or era_on(judged_on) == era_on(as_of):
        return None
    try:
        unit = by_code(registry, code)
    except UnitsError:
        return None
    return view(registry, unit, source)


@dataclass(frozen=True)
class AreaRow:
    """A unit of ``status`` and the communes of the 1/7/2025 map its results now concern."""

    row: Row
    now: tuple[NowUnit, ...]


@dataclass(frozen=True)
class AreaGroup:
    """The units whose area lies in one province of the 1/7/2025 map (``None``: unknown)."""

    province: AdminUnit | None
    rows: tuple[AreaRow, ...]


def by_area(status: Status, registry: Registry) -> tuple[AreaGroup, ...]:
    """``status``'s units grouped by the province their area is in since 1/7/2025, each with
    the communes its results now concern (a district's: the communes covering its area)."""
    groups: dict[str, list[AreaRow]] = {}
    provinces: dict[str, AdminUnit] = {}
    for row in status.rows:
        province, now = _area_of(row, registry)
        key = province.code if province else ""
        if province is not None:
            provinces[key] = province
        groups.setdefault(key, []).append(AreaRow(row, now))
    return tuple(
        AreaGroup(provinces.get(key), tuple(rows))
        for key, rows in sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0]))
    )


def _area_of(row: Row, registry: Registry) -> tuple[AdminUnit | None, tuple[NowUnit, ...]]:
    s = row.summary
    if s is None:
        return None, ()
    era = era_on(dt.date.fromisoformat(s.as_of))
    level: Level = "commune" if s.kind == "commune" else "district"
    unit = (
        registry.unit(level, s.code, "legacy" if level == "district" else era) if s.code else None
    )
    if unit is not None and unit.era == "2025":
        return registry.unit("province", unit.province_code, "2025"), (NowUnit(unit, True),)
    if unit is not None:
        shown = view(registry, unit, "")
        return shown.now_province, shown.now
    province = registry.unit("province", s.province_code, era) if s.province_code else None
    if province is not None and province.era == "legacy":
        return registry.new_province_of(province), ()
    return province, ()
