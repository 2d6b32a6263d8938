"""The shape of the code: data flows one way, and only the CLI touches the outside world.

Read from the source files themselves (``ast``), so a new module is held to the same rules
without anyone remembering to list it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "ntm_check"

#: Lowest first: a module may import its own layer and the layers before it, never after.
LAYERS: list[set[str]] = [
    {
        "__init__",
        "text",
        "vocabulary",
        "inputs",
        "diagnostics",
        "counting",
        "i18n",
        "output",
        "workbook_layout",
        "set_workbook_layout",
        "ids",
    },
    {"load"},  # strict YAML with positions, paths, discovery
    {"fields"},  # pydantic types shared by the rules and the models
    {"rules"},
    {"model"},
    # structure, cross-file and registry checks; the letterhead file
    {"locate", "validate", "overlay", "official_units", "letterhead"},
    {"engine"},  # the judgements
    {"run"},  # the one assessment path, many files, workers, cache
    {"reports"},
    {"app"},  # one application function per command, the workspace, the output registry
    {
        "schema",
        "cli_text",
        "cli_args",
        "cli_run",
        "cli_options",
        "cli_criteria",
        "cli",
        "entry",
        "__main__",
    },
]
#: The only modules that may print, exit or read the clock.
OUTER = {"cli", "cli_run", "cli_text", "cli_options", "cli_criteria", "entry", "__main__"}
#: Calls that print, exit or read the clock, as written in the source.
FORBIDDEN_CALLS = {
    "print",
    "exit",
    "sys.exit",
    "os._exit",
    "typer.echo",
    "sys.stdout.write",
    "sys.stderr.write",
    "date.today",
    "dt.date.today",
    "datetime.date.today",
    "datetime.now",
    "dt.datetime.now",
    "datetime.datetime.now",
    "datetime.today",
    "time.time",
}
MUTATORS = {"append", "extend", "update", "add", "pop", "clear", "setdefault", "remove", "insert"}


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        yield ".".join(parts), path


def layer_of(module: str) -> int:
    top = module.split(".", maxsplit=1)[0]
    for index, members in enumerate(LAYERS):
        if top in members:
            return index
    raise AssertionError(f"module {module} is in no layer: add it to LAYERS")


def imported(tree: ast.AST, module: str) -> Iterator[tuple[str, int]]:
    """``ntm_check`` modules imported anywhere in the file (type-only imports included)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            name = node.module
            if node.level:  # relative: resolve against this module's package
                base = module.split(".")[: -node.level]
                name = ".".join([*base, name])
            elif not name.startswith("ntm_check"):
                continue
            yield name.removeprefix("ntm_check.").removeprefix("ntm_check"), node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("ntm_check."):
                    yield alias.name.removeprefix("ntm_check."), node.lineno


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


@pytest.mark.parametrize(("module", "path"), list(modules()), ids=[m for m, _ in modules()])
def test_imports_point_down_the_layers(module: str, path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    mine = layer_of(module)
    for target, line in imported(tree, module):
        if not target:  # `from ntm_check import __version__`
            continue
        assert layer_of(target) <= mine, f"{path.name}:{line}: {module} imports {target}"


@pytest.mark.parametrize(("module", "path"), list(modules()), ids=[m for m, _ in modules()])
def test_only_the_cli_prints_exits_or_reads_the_clock(module: str, path: Path) -> None:
    if module.split(".", maxsplit=1)[0] in OUTER:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            assert name not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno}: {name}()"
        assert not isinstance(node, ast.Global), f"{path.name}:{node.lineno}: global"


def _is_container(value: ast.AST | None) -> bool:
    literal = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
    if isinstance(value, literal):
        return True
    return isinstance(value, ast.Call) and dotted(value.func) in {
        "list",
        "dict",
        "set",
        "defaultdict",
        "collections.defaultdict",
        "deque",
    }


def _constant_containers(path: Path, scopes: list[list[ast.stmt]]) -> set[str]:
    """Names of module- and class-level containers, each checked to be named as a constant."""
    containers: set[str] = set()
    for body in scopes:
        for stmt in body:
            if not (isinstance(stmt, ast.Assign) and _is_container(stmt.value)):
                continue
            for target in stmt.targets:
                name = dotted(target)
                assert name.lstrip("_").isupper(), (
                    f"{path.name}:{stmt.lineno}: {name} is mutable state at module or "
                    "class level; make it a constant (UPPER_CASE, never changed) or pass it"
                )
                containers.add(name)
    return containers


@pytest.mark.parametrize(("module", "path"), list(modules()), ids=[m for m, _ in modules()])
def test_no_mutable_module_or_class_state(module: str, path: Path) -> None:
    """Module- and class-level containers are constants: named so, and never changed."""
    if module.split(".", maxsplit=1)[0] in OUTER:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    scopes: list[list[ast.stmt]] = [tree.body]
    scopes += [n.body for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    containers = _constant_containers(path, scopes)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                if isinstance(target, ast.Subscript):
                    assert dotted(target.value) not in containers, (
                        f"{path.name}:{node.lineno}: changes the constant {dotted(target.value)}"
                    )
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = dotted(node.func.value)
            assert not (owner in containers and node.func.attr in MUTATORS), (
                f"{path.name}:{node.lineno}: changes the constant {owner}"
            )
