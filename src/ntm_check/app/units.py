"""``ntm-check units UNIT``: a unit's official codes, its communes, and where each went on
1/7/2025 (the registry of administrative units)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntm_check.app.outcome import EXIT_INVALID, EXIT_OK, Outcome, Said, Stop, outcome_of
from ntm_check.app.unit import missing_unit_hints
from ntm_check.app.workspace import Workspace
from ntm_check.text import Text

if TYPE_CHECKING:
    from ntm_check.load.registry import AdminUnit, Registry
    from ntm_check.run.units import UnitsView


@dataclass(frozen=True)
class UnitsRequest:
    #: an evidence id or file, or an official code
    unit: str | None = None
    #: a commune or ward of the map from 1/7/2025, by name or code
    new: str | None = None


def run(request: UnitsRequest, ws: Workspace) -> Outcome[UnitsView]:
    """The unit in the registry; exit 2 when it is not found or the registry not installed."""

    def body(said: Said) -> Outcome[UnitsView]:
        from ntm_check.load.registry import (  # noqa: PLC0415
            RegistryUnavailable,
            open_registry,
            package_version,
        )
        from ntm_check.run.units import UnitsError, view  # noqa: PLC0415

        if (request.unit is None) == (request.new is None):
            raise Stop(
                EXIT_INVALID, Text("hãy ghi một đơn vị, hoặc --new", "name one unit, or --new")
            )
        try:
            registry = open_registry()
            found = _unit(request, registry, ws, said)
            shown = view(registry, found, f"vietnamadminunits {package_version()} (MIT)")
        except RegistryUnavailable as exc:
            raise Stop(EXIT_INVALID, Text.parse(str(exc))) from None
        except UnitsError as exc:
            raise Stop(EXIT_INVALID, Text(exc.said.vi, exc.said.en)) from None
        return Outcome(EXIT_OK, shown)

    return outcome_of(body)


def _unit(request: UnitsRequest, registry: Registry, ws: Workspace, said: Said) -> AdminUnit:
    """The registry's unit the request names."""
    from ntm_check.run.units import by_code, by_new_name  # noqa: PLC0415

    if request.new is not None:
        return by_new_name(registry, request.new)
    unit = request.unit or ""
    if unit.isdigit():
        found = by_code(registry, unit)
        other = registry.unit(found.level, found.code, "2025")
        if other is not None and other.name != found.name:  # codes were reused on 1/7/2025
            said.text(
                f"mã {found.code} từ 01/7/2025 là {other.name}: xem bằng --new {found.code}",
                f"from 1 July 2025 code {found.code} is {other.name}: see it with --new "
                f"{found.code}",
            )
        return found
    if _is_name(unit):
        return _by_name(registry, unit)
    return _unit_of_file(registry, unit, ws, said)


def _is_name(unit: str) -> bool:
    """``Huyện Tân Yên`` or ``Tân Yên, Bắc Giang``: a name, not an evidence id or a path."""
    from ntm_check.load.resolve import YAML_SUFFIXES  # noqa: PLC0415

    return not unit.endswith(YAML_SUFFIXES) and "/" not in unit and unit != unit.lower()


def _by_name(registry: Registry, text: str) -> AdminUnit:
    """A unit of the map before 1/7/2025 by its name (``Huyện Tân Yên``), with its province
    after a comma when the name alone is not enough (``Tân Yên, Bắc Giang``)."""
    from ntm_check.run.units import UnitsError  # noqa: PLC0415

    name, _, province = (p.strip() for p in text.partition(","))
    found = _named(registry, name, province)
    if len(found) == 1:
        return found[0]
    if not found:
        raise UnitsError(
            Text(
                f"không có đơn vị nào tên {text!r} trên bản đồ trước 01/7/2025",
                f"no unit is named {text!r} on the map before 1 July 2025",
            )
        )
    listed = "; ".join(f"{u.name} ({_province_name(registry, u)})" for u in found[:6])
    example = _province_name(registry, found[0]).removeprefix("Tỉnh ").removeprefix("Thành phố ")
    raise UnitsError(
        Text(
            f"{text!r}: có {len(found)} đơn vị tên này: {listed}; ghi thêm tỉnh, "
            f'ví dụ "{name}, {example}"',
            f"{text!r}: {len(found)} units have this "
            f'name: {listed}; add the province, e.g. "{name}, {example}"',
        )
    )


def _named(registry: Registry, name: str, province: str) -> list[AdminUnit]:
    """The districts and communes of that name (in that province, when given); the kind word
    a name starts with chooses among them ("Huyện Tân Yên": the district)."""
    codes = {p.code for p in registry.find(province, "province", "legacy")} if province else None
    found = [
        u
        for level in ("district", "commune")
        for u in registry.find(name, level, "legacy")
        if codes is None or u.province_code in codes
    ]
    kind = next((k for k in _KINDS if name.lower().startswith(f"{k} ")), None)
    return [u for u in found if u.kind == kind] or found if kind is not None else found


#: the kind words a unit's name may start with (before 1/7/2025), longest first
_KINDS = ("thành phố", "thị trấn", "thị xã", "huyện", "quận", "phường", "xã")


def _province_name(registry: Registry, unit: AdminUnit) -> str:
    """The name of a unit's province (before 1/7/2025)."""
    province = registry.unit("province", unit.province_code, "legacy")
    return province.name if province is not None else unit.province_code


def _unit_of_file(registry: Registry, unit: str, ws: Workspace, said: Said) -> AdminUnit:
    """The registry's unit for an evidence file (by its code, else its name and province)."""
    from ntm_check.load.resolve import ResolveError, evidence_path  # noqa: PLC0415
    from ntm_check.load.sources import load_file  # noqa: PLC0415
    from ntm_check.run.units import by_evidence  # noqa: PLC0415

    try:
        path = evidence_path(unit, ws.districts)
    except ResolveError as exc:
        raise Stop(EXIT_INVALID, Text.parse(str(exc))) from None
    doc = load_file(path)
    said.all(doc.diagnostics)
    said.all(missing_unit_hints(unit, path, ws.districts))  # as check says of a unit not found
    if not isinstance(doc.data, dict):
        if not doc.diagnostics:
            said.text(
                f"{path}: không phải tệp hồ sơ (cần một bảng các trường: id, name, code…)",
                f"{path}: not an evidence file (expected a mapping: id, name, code…)",
            )
        raise Stop(EXIT_INVALID)
    return by_evidence(registry, doc.data, str(path))
