"""Reports render results, never the loader's types; ``run.status`` and ``run.units`` do not
import each other.

Read from the source files themselves (``ast``, type-only imports included), as in
``test_architecture``: a new report module is held to the rule without being listed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.test_architecture import PACKAGE, imported, modules


def _imports(module: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {target for target, _ in imported(tree, module)}


def _is_load(target: str) -> bool:
    return target == "load" or target.startswith("load.")


REPORTS = [(m, p) for m, p in modules() if m.startswith("reports.")]


@pytest.mark.parametrize(("module", "path"), REPORTS, ids=[m for m, _ in REPORTS])
def test_reports_do_not_import_the_loader(module: str, path: Path) -> None:
    found = {(module, t) for t in _imports(module, path) if _is_load(t)}
    assert not found, f"{path.name}: imports the loader: {sorted(found)}"


@pytest.mark.parametrize("module", ["reports.units", "reports.view"])
def test_unit_reports_import_no_loader_at_all(module: str) -> None:
    path = PACKAGE / (module.replace(".", "/") + ".py")
    assert not {t for t in _imports(module, path) if _is_load(t)}


def test_status_and_units_do_not_import_each_other() -> None:
    """``run.units`` builds on ``run.status`` (it groups a status by area); never the reverse,
    not even for a type."""
    status = _imports("run.status", PACKAGE / "run" / "status.py")
    units = _imports("run.units", PACKAGE / "run" / "units.py")
    assert "run.units" not in status, "run.status imports run.units"
    assert not ("run.status" in units and "run.units" in status)
