"""Checks an evidence file's unit and province against the official registry of units.

An evidence file names its unit by hand (``name``), and may give its official codes: ``code``
(a district's three digits, ``"216"``; a commune's five, ``"07336"``) and ``province.code``
(two digits, ``"24"``). When it does:

* a code of the wrong length is an error (``code-digits``), registry or not;
* with the registry installed (``pip install '.[units]'``), each code is looked up
  among the units in force on the assessment date (``as_of``): before 1/7/2025 the legacy
  provinces, districts and communes, from that day the new provinces and communes:

  - ``unknown-code``: no unit has that code, on either map; the registry's unit of that
    name, if there is one, is suggested;
  - ``unit-not-in-force``: the code is a unit's, but not on the assessment date (a district
    assessed after 1/7/2025, when districts were abolished; a commune merged away); where its
    area went is said;
  - ``name-mismatch``: the name is not the registry's for that code (after NFC, case, the kind
    word such as Huyện or Xã, and the placement of tone marks); the registry's name is
    suggested, and a letter from another script (a Cyrillic ``е``) is pointed out;
  - ``province-mismatch``: the unit is not in the province the file gives.

Passing::

    name: {vi: Huyện Tân Yên}
    code: "216"
    province: {name: {vi: Bắc Giang}, code: "24"}
    as_of: 2024-04-05

Failing (``unit-not-in-force`` on 2025-09-01, and ``name-mismatch``: code 216 was Tân Yên)::

    name: {vi: Huyện Yên Thế}
    code: "216"
    as_of: 2025-09-01
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ntm_check.diagnostics import Diagnostic, Msg, error, warning
from ntm_check.i18n import format_date
from ntm_check.inputs import REORGANISED
from ntm_check.load.registry import (
    CODE_DIGITS,
    AdminUnit,
    Era,
    Level,
    Registry,
    era_on,
    name_key,
    not_latin,
)

if TYPE_CHECKING:
    from ntm_check.load.sources import Document
    from ntm_check.model.evidence import Evidence
    from ntm_check.validate import CheckedEvidence


def check_codes(
    doc: Document, ev: Evidence, level: Level, registry: Registry | None
) -> list[Diagnostic]:
    """Every problem of the unit's and the province's codes (see the module docstring)."""
    problems = _digits(doc, ("province", "code"), ev.province.code, "province")
    problems += _digits(doc, ("code",), ev.code, level)
    if registry is None or problems:
        return problems
    era = era_on(ev.as_of)
    province = None
    if ev.province.code is not None:
        province, found = _lookup(
            doc,
            registry,
            "province",
            ev.province.code,
            ev.province.name.vi,
            ("province",),
            era,
            None,
        )
        problems += found
    if ev.code is not None:
        unit, found = _lookup(doc, registry, level, ev.code, ev.name.vi, (), era, ev.province.code)
        problems += found
        if unit is not None and province is not None and unit.province_code != province.code:
            problems.append(
                error(
                    doc.path,
                    doc.position(("province", "code")),
                    "province-mismatch",
                    Msg(
                        f"{unit.name} ({unit.code}) thuộc tỉnh mã {unit.province_code}, không "
                        f"phải {province.name} ({province.code})",
                        f"{unit.name} ({unit.code}) is in the province coded "
                        f"{unit.province_code}, not {province.name} ({province.code})",
                    ),
                )
            )
    return problems


def _digits(
    doc: Document, where: tuple[str, ...], code: str | None, level: Level
) -> list[Diagnostic]:
    want = CODE_DIGITS[level]
    if code is None or len(code) == want:
        return []
    vi_level = {"province": "tỉnh", "district": "huyện", "commune": "xã"}[level]
    return [
        error(
            doc.path,
            doc.position(where),
            "code-digits",
            Msg(
                f"mã {vi_level} gồm {want} chữ số (ví dụ {_EXAMPLE[level]}), không phải "
                f"{len(code)}: {code!r}",
                f"a {level} code has {want} digits (e.g. {_EXAMPLE[level]}), not {len(code)}: "
                f"{code!r}",
            ),
        )
    ]


_EXAMPLE: dict[Level, str] = {"province": '"24"', "district": '"216"', "commune": '"07336"'}


def _lookup(
    doc: Document,
    registry: Registry,
    level: Level,
    code: str,
    name: str,
    at: tuple[str, ...],
    era: Era,
    province_code: str | None,
) -> tuple[AdminUnit | None, list[Diagnostic]]:
    """The unit a code names on the assessment date, and the problems of the code and name."""
    other: Era = "2025" if era == "legacy" else "legacy"
    unit = registry.unit(level, code, era)
    if unit is None:
        gone = registry.unit(level, code, other)
        if gone is None:
            return None, [_unknown(doc, registry, level, code, name, at, era, province_code)]
        problems = [_not_in_force(doc, registry, gone, at, era)]
        if name_key(name) != name_key(gone.short):  # and the name is not that unit's either
            problems.append(_mismatch(doc, registry, gone, name, at, other, province_code))
        return None, problems
    if name_key(name) == name_key(unit.short):
        return unit, []
    return unit, [_mismatch(doc, registry, unit, name, at, era, province_code)]


def _unknown(
    doc: Document,
    registry: Registry,
    level: Level,
    code: str,
    name: str,
    at: tuple[str, ...],
    era: Era,
    province_code: str | None,
) -> Diagnostic:
    named = _named(registry, name, level, era, province_code)
    hint_vi = hint_en = ""
    if named:
        listed = _listed(named)
        hint_vi, hint_en = f"; gợi ý: {listed}", f"; did you mean {listed}?"
    day = format_date(REORGANISED, "vi")
    when_vi = "trước" if era == "legacy" else "từ"
    when_en = "before" if era == "legacy" else "from"
    return error(
        doc.path,
        doc.position((*at, "code")),
        "unknown-code",
        Msg(
            f"không có đơn vị nào mã {code!r} trong danh mục hành chính {when_vi} {day}{hint_vi}",
            f"no unit has code {code!r} in the registry of units {when_en} "
            f"{format_date(REORGANISED, 'en')}{hint_en}",
        ),
    )


def _mismatch(
    doc: Document,
    registry: Registry,
    unit: AdminUnit,
    name: str,
    at: tuple[str, ...],
    era: Era,
    province_code: str | None,
) -> Diagnostic:
    foreign = not_latin(name)
    others = [
        u for u in _named(registry, name, unit.level, era, province_code) if u.code != unit.code
    ]
    extra_vi = extra_en = ""
    if foreign:
        extra_vi = f"; tên có chữ không phải chữ Latin: {', '.join(foreign)}"
        extra_en = f"; the name has letters from another script: {', '.join(foreign)}"
    if others:
        listed = _listed(others)
        extra_vi += f"; tên này là của {listed}"
        extra_en += f"; that is the name of {listed}"
    return error(
        doc.path,
        doc.position((*at, "name", "vi")),
        "name-mismatch",
        Msg(
            f"mã {unit.code} là {unit.name}, không phải {name!r}{extra_vi} (gợi ý: {unit.short})",
            f"code {unit.code} is {unit.name}, not {name!r}{extra_en} (did you mean {unit.short}?)",
        ),
    )


def _named(
    registry: Registry, name: str, level: Level, era: Era, province_code: str | None
) -> list[AdminUnit]:
    """The units of ``level`` called ``name``: within the file's province, but a province
    among all provinces."""
    return registry.find(name, level, era, province_code if level != "province" else None)


def _listed(units: list[AdminUnit]) -> str:
    return ", ".join(f"{u.name} ({u.code})" for u in units)


def _not_in_force(
    doc: Document, registry: Registry, gone: AdminUnit, at: tuple[str, ...], era: Era
) -> Diagnostic:
    day_vi, day_en = format_date(REORGANISED, "vi"), format_date(REORGANISED, "en")
    if era == "legacy":  # a unit of the new map, assessed before it existed
        return error(
            doc.path,
            doc.position((*at, "code")),
            "unit-not-in-force",
            Msg(
                f"{gone.name} ({gone.code}) chỉ có từ {day_vi}; ngày đánh giá (as_of) trước đó",
                f"{gone.name} ({gone.code}) exists only from {day_en}; as_of is earlier",
            ),
        )
    now_vi, now_en = _where_it_went(registry, gone)
    return error(
        doc.path,
        doc.position((*at, "code")),
        "unit-not-in-force",
        Msg(
            f"{gone.name} ({gone.code}) không còn từ {day_vi}{now_vi}; ngày đánh giá (as_of) "
            "sau ngày đó",
            f"{gone.name} ({gone.code}) ceased to exist on {day_en}{now_en}; as_of is later",
        ),
    )


def _where_it_went(registry: Registry, gone: AdminUnit) -> tuple[str, str]:
    if gone.level == "province":
        merged = registry.new_province_of(gone)
        if merged is None:
            return "", ""
        return f"; nay thuộc {merged.name}", f"; it is now part of {merged.name}"
    communes = registry.communes_of(gone) if gone.level == "district" else (gone,)
    now = sorted({s.unit.name for c in communes for s in registry.successors(c)})
    if not now:
        return "", ""
    listed = ", ".join(now)
    return f"; địa bàn nay thuộc {listed}", f"; its area is now {listed}"


def resolve_parts(
    doc: Document,
    checked: CheckedEvidence,
    level: Level,
    registry: Registry | None,
) -> tuple[CheckedEvidence, list[Diagnostic]]:
    """Per-commune shares (``communes:`` in a ``share`` value) counted over the registry's list
    of the district's communes on the assessment date (see :mod:`ntm_check.rules.share`)."""
    from ntm_check.rules.share import ShareValue  # noqa: PLC0415 - only when judging

    listed = {
        ind_id: value
        for ind_id, value in checked.values.items()
        if isinstance(value, ShareValue) and value.communes is not None
    }
    if not listed:
        return checked, []
    district = _district_of(checked, level, registry)
    values = dict(checked.values)
    problems: list[Diagnostic] = []
    for ind_id, value in listed.items():
        at = ("indicators", ind_id, "value", "communes")
        assert value.communes is not None
        if district is None or registry is None:
            problems.append(_unchecked(doc, at, len(value.communes)))
            continue
        whole, found = _communes_of(doc, at, value.communes, district, registry)
        problems += found
        values[ind_id] = ShareValue.model_validate({"communes": whole})
    return dataclasses.replace(checked, values=values), problems


def _district_of(
    checked: CheckedEvidence, level: Level, registry: Registry | None
) -> AdminUnit | None:
    """The registry's district a district's evidence names by its code, on its date."""
    ev = checked.evidence
    if registry is None or ev.code is None or level != "district":
        return None
    return registry.unit("district", ev.code, era_on(ev.as_of))


def _communes_of(
    doc: Document,
    at: tuple[str, ...],
    communes: Mapping[str, str],
    district: AdminUnit,
    registry: Registry,
) -> tuple[dict[str, str], list[Diagnostic]]:
    """A share's results by commune, with the district's communes it does not list as no data;
    and the problems: a listed code not of the district, the communes not listed."""
    parts = {c.code: c for c in registry.communes_of(district)}
    problems = [
        _not_a_part(doc, (*at, code), code, district, registry)
        for code in communes
        if code not in parts
    ]
    missing = [c for code, c in parts.items() if code not in communes]
    if missing:
        problems.append(_missing_parts(doc, at, missing))
    return {**communes, **{c.code: "no_data" for c in missing}}, problems


def _unchecked(doc: Document, at: tuple[str, ...], n: int) -> Diagnostic:
    return warning(
        doc.path,
        doc.position(at),
        "communes-unchecked",
        Msg(
            f"danh sách xã chưa đối chiếu được với danh mục hành chính (cần code của huyện và "
            f"pip install '.[units]'): mẫu số là {n} xã được ghi",
            f"the communes are not checked against the registry (needs the district's code and "
            f"pip install '.[units]'): the share is of the {n} listed",
        ),
    )


def _not_a_part(
    doc: Document, at: tuple[str, ...], code: str, district: AdminUnit, registry: Registry
) -> Diagnostic:
    elsewhere = registry.unit("commune", code, district.era)
    said_vi = (
        f"; mã này là {elsewhere.name} (huyện mã {elsewhere.district_code})" if elsewhere else ""
    )
    said_en = (
        f"; that code is {elsewhere.name} (district {elsewhere.district_code})" if elsewhere else ""
    )
    return error(
        doc.path,
        doc.position(at, key=True),
        "commune-not-in-unit",
        Msg(
            f"xã mã {code} không thuộc {district.name} ({district.code}){said_vi}",
            f"commune {code} is not in {district.name} ({district.code}){said_en}",
        ),
    )


def _missing_parts(doc: Document, at: tuple[str, ...], missing: list[AdminUnit]) -> Diagnostic:
    listed = ", ".join(f"{c.name} ({c.code})" for c in missing)
    return warning(
        doc.path,
        doc.position(at),
        "commune-missing",
        Msg(
            f"{len(missing)} xã của địa bàn không có trong danh sách, tính là chưa có số liệu: "
            f"{listed}",
            f"{len(missing)} commune(s) of the unit are not listed and count as no data: {listed}",
        ),
    )
