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
from ntm_check.inputs import REORGANISED
from ntm_check.load.registry import (
    AdminUnit,
    Era,
    Level,
    Predecessor,
    Registry,
    Successor,
    era_on,
)
from ntm_check.run.results import NowUnit, UnitRef
from ntm_check.run.status import AreaGroup, AreaRow, Row, Status

#: the names other modules import from here (some are defined beside ``Status`` or in
#: ``run.results``, so that ``run.status`` need not import this module)
__all__ = (
    "AreaGroup",
    "AreaRow",
    "Fate",
    "MadeOf",
    "NowUnit",
    "UnitRef",
    "UnitsError",
    "UnitsView",
    "WentTo",
    "area_today",
    "by_area",
    "by_code",
    "by_evidence",
    "by_new_name",
    "unit_ref",
    "view",
)

_BY_DIGITS: dict[int, Level] = {2: "province", 3: "district", 5: "commune"}


class UnitsError(ValueError):
    """A unit the registry cannot find as named; ``said`` tells why, in both languages."""

    def __init__(self, said: Msg) -> None:
        super().__init__(said.en)
        self.said = said


@dataclass(frozen=True)
class WentTo:
    """A new commune that (part of) a legacy commune's area went to on 1/7/2025."""

    unit: UnitRef
    #: the legacy commune went to this one new commune, whole
    whole: bool
    #: of a divided commune, the new one most of it went to (the registry's default)
    main: bool


@dataclass(frozen=True)
class MadeOf:
    """A legacy commune whose area (or part of it) makes up a new commune."""

    unit: UnitRef
    whole: bool


@dataclass(frozen=True)
class Fate:
    """A legacy commune and the commune(s) of the new map its area went to."""

    commune: UnitRef
    successors: tuple[WentTo, ...]


@dataclass(frozen=True)
class UnitsView:
    """Everything ``units`` says of one unit, in plain values (reports render it as is)."""

    unit: UnitRef
    province: UnitRef | None
    #: of a legacy unit: the province its area belongs to from 1/7/2025
    now_province: UnitRef | None
    #: of a legacy district: its communes; of a legacy commune: itself
    fates: tuple[Fate, ...]
    #: of a legacy unit: the communes of the new map covering its area
    now: tuple[NowUnit, ...]
    #: of a commune of the new map: the legacy communes it was made from
    predecessors: tuple[MadeOf, ...]
    #: where the data comes from: ``vietnamadminunits 1.0.4``
    source: str
    #: the day the map changed (1/7/2025)
    reorganised: dt.date = REORGANISED


def unit_ref(unit: AdminUnit) -> UnitRef:
    """The registry's unit as plain values."""
    return UnitRef(unit.code, unit.name, unit.short, unit.kind, unit.kind_en, unit.level, unit.era)


def _ref_or_none(unit: AdminUnit | None) -> UnitRef | None:
    """The registry's unit as plain values, if there is one."""
    return unit_ref(unit) if unit is not None else None


def _went_to(successor: Successor) -> WentTo:
    """Where a legacy commune's area went, as plain values."""
    return WentTo(unit_ref(successor.unit), successor.whole, successor.main)


def _made_of(predecessor: Predecessor) -> MadeOf:
    """A legacy commune a new one was made from, as plain values."""
    return MadeOf(unit_ref(predecessor.unit), predecessor.whole)


def view(registry: Registry, unit: AdminUnit, source: str) -> UnitsView:
    """Everything ``units`` says of one unit."""
    province = registry.unit("province", unit.province_code, unit.era)
    if unit.era == "2025":
        made_of = registry.predecessors(unit) if unit.level == "commune" else ()
        return UnitsView(
            unit_ref(unit),
            _ref_or_none(province),
            None,
            (),
            (),
            tuple(_made_of(p) for p in made_of),
            source,
        )
    communes = _legacy_communes(registry, unit)
    successors = [registry.successors(c) for c in communes]
    fates = tuple(
        Fate(unit_ref(c), tuple(_went_to(s) for s in went))
        for c, went in zip(communes, successors, strict=True)
    )
    now_province = registry.new_province_of(province) if province is not None else None
    return UnitsView(
        unit_ref(unit),
        _ref_or_none(province),
        _ref_or_none(now_province),
        fates,
        _now_units(registry, communes, successors),
        (),
        source,
    )


def _legacy_communes(registry: Registry, unit: AdminUnit) -> tuple[AdminUnit, ...]:
    """A legacy district's communes, a legacy commune itself, or a legacy province's communes."""
    if unit.level == "district":
        return registry.communes_of(unit)
    if unit.level == "commune":
        return (unit,)
    return tuple(c for c in registry.units("commune", "legacy") if c.province_code == unit.code)


def _now_units(
    registry: Registry,
    communes: tuple[AdminUnit, ...],
    successors: list[tuple[Successor, ...]],
) -> tuple[NowUnit, ...]:
    """The communes of the new map the ``communes``' area went to, by code, each said to lie
    wholly inside them when every legacy commune it was made from is one of them."""
    inside = {c.code for c in communes}
    now: dict[str, NowUnit] = {}
    for went in successors:
        for s in went:
            if s.unit.code not in now:
                made_of = registry.predecessors(s.unit)
                whole = all(p.unit.code in inside for p in made_of)
                now[s.unit.code] = NowUnit(unit_ref(s.unit), whole)
    return tuple(sorted(now.values(), key=lambda n: n.unit.code))


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
    return _new_commune(registry, parts[0], _new_province(registry, parts[1]))


def _new_province(registry: Registry, name: str) -> AdminUnit:
    """The province of the new map named ``name``; the error hints at near names, or at the
    province a legacy province of that name became part of."""
    provinces = registry.find(name, "province", "2025")
    if provinces:
        return provinces[0]
    hint = _hint(registry.near(name, "province", "2025"))
    merged = [
        now
        for old in registry.find(name, "province", "legacy")
        if (now := registry.new_province_of(old)) is not None
    ]
    if merged:
        hint = _hint(merged, Msg("; từ 01/7/2025 đã nhập vào ", "; since 1 July 2025 part of "))
    raise UnitsError(
        Msg(
            f"không có tỉnh {name!r} trong danh mục từ 01/7/2025",
            f"no province {name!r} in the registry from 1 July 2025",
        )
        + hint
    )


def _new_commune(registry: Registry, name: str, province: AdminUnit) -> AdminUnit:
    """The commune of the new map named ``name`` in ``province``."""
    found = registry.find(name, "commune", "2025", province.code)
    if found:
        return found[0]
    hint = _hint(registry.near(name, "commune", "2025", province.code))
    raise UnitsError(
        Msg(
            f"tỉnh {province.name} không có xã/phường {name!r} từ 01/7/2025",
            f"{province.name} has no commune or ward {name!r} from 1 July 2025",
        )
        + hint
    )


def _hint(units: list[AdminUnit], lead: Msg | None = None) -> Msg:
    if not units:
        return Msg("", "")
    listed = ", ".join(f"{u.name} ({u.code})" for u in units)
    lead = lead or Msg("; gợi ý: ", "; did you mean ")
    return Msg(f"{lead.vi}{listed}", f"{lead.en}{listed}" + ("?" if "mean" in lead.en else ""))


def by_evidence(registry: Registry, data: dict[str, Any], where: str) -> AdminUnit:
    """The unit an evidence file describes: by its code, else by its name and province."""
    as_of = data.get("as_of")
    era: Era = era_on(as_of) if isinstance(as_of, dt.date) else "legacy"
    code = data.get("code")
    if isinstance(code, str):
        if era == "2025" and len(code) == 3:
            era = "legacy"  # a district: only on the legacy map
        return by_code(registry, code, new=era == "2025")
    found = _by_name(registry, data, era)
    if found is not None:
        return found
    raise UnitsError(
        Msg(
            f"{where}: hồ sơ không ghi mã đơn vị (code) và không tìm được đúng một đơn vị theo tên",
            f"{where}: the file gives no code and its name matches no single unit",
        )
    )


def _by_name(registry: Registry, data: dict[str, Any], era: Era) -> AdminUnit | None:
    """The one unit of the file's name (and province, when it gives its code), if just one."""
    name = data.get("name")
    vi = name.get("vi") if isinstance(name, dict) else name
    if not isinstance(vi, str):
        return None
    province = data.get("province")
    p_code = province.get("code") if isinstance(province, dict) else None
    level: Level = "commune" if data.get("unit") == "commune" else "district"
    if level == "district":
        era = "legacy"
    found = registry.find(vi, level, era, p_code if isinstance(p_code, str) else None)
    return found[0] if len(found) == 1 else None


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


def by_area(status: Status, registry: Registry) -> tuple[AreaGroup, ...]:
    """``status``'s units grouped by the province their area is in since 1/7/2025, each with
    the communes its results now concern (a district's: the communes covering its area)."""
    groups: dict[str, list[AreaRow]] = {}
    provinces: dict[str, UnitRef] = {}
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


def _area_of(row: Row, registry: Registry) -> tuple[UnitRef | None, tuple[NowUnit, ...]]:
    """The province of the new map a row's unit lies in, and the communes covering its area."""
    s = row.summary
    if s is None:
        return None, ()
    era = era_on(dt.date.fromisoformat(s.as_of))
    unit = _unit_of_summary(registry, s.code, s.kind, era)
    if unit is not None and unit.era == "2025":
        province = registry.unit("province", unit.province_code, "2025")
        return _ref_or_none(province), (NowUnit(unit_ref(unit), True),)
    if unit is not None:
        shown = view(registry, unit, "")
        return shown.now_province, shown.now
    province = registry.unit("province", s.province_code, era) if s.province_code else None
    if province is not None and province.era == "legacy":
        province = registry.new_province_of(province)
    return _ref_or_none(province), ()


def _unit_of_summary(registry: Registry, code: str | None, kind: str, era: Era) -> AdminUnit | None:
    """The registry's unit of a summary's code: a district on the legacy map, a commune on the
    map of its date."""
    if not code:
        return None
    level: Level = "commune" if kind == "commune" else "district"
    return registry.unit(level, code, "legacy" if level == "district" else era)
