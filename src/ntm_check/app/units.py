"""``ntm-check units UNIT``: a unit's official codes, its communes, and where each went on
1/7/2025 (the registry of administrative units)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntm_check.app.outcome import EXIT_INVALID, EXIT_OK, Outcome, Said, Stop, outcome_of
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
    return _unit_of_file(registry, unit, ws, said)


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
    if not isinstance(doc.data, dict):
        if not doc.diagnostics:
            said.text(
                f"{path}: không phải tệp hồ sơ (cần một bảng các trường: id, name, code…)",
                f"{path}: not an evidence file (expected a mapping: id, name, code…)",
            )
        raise Stop(EXIT_INVALID)
    return by_evidence(registry, doc.data, str(path))
