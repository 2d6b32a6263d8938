"""Validate many files at once, for CI: every problem in every file, plus checks across files.

Each file is classified by content: a mapping with a ``criteria`` key is a criteria set,
anything else is an evidence file. Evidence is checked against the set it names, found among
the files given or in the criteria directory. Nothing here prints or exits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ntm_check.diagnostics import (
    START,
    Diagnostic,
    Level,
    error,
    has_errors,
    sorted_diagnostics,
    warning,
)
from ntm_check.model.criteria import CriteriaSet
from ntm_check.pipeline import load_criteria_set, missing_set
from ntm_check.resolve import YAML_SUFFIXES
from ntm_check.sources import Document, load_file
from ntm_check.validate import (
    check_criteria,
    check_evidence,
    check_evidence_structure,
    evidence_warnings,
)

FileKind = Literal["criteria", "evidence", "unknown"]


@dataclass(frozen=True)
class FileResult:
    path: str
    kind: FileKind
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> int:
        return _count(self.diagnostics, Level.ERROR)

    @property
    def warnings(self) -> int:
        return _count(self.diagnostics, Level.WARNING)


def _count(diagnostics: Iterable[Diagnostic], level: Level) -> int:
    return sum(1 for d in diagnostics if d.level is level)


@dataclass(frozen=True)
class ValidationRun:
    files: tuple[FileResult, ...]
    #: problems with the arguments themselves (a path that does not exist, an empty directory)
    arguments: tuple[Diagnostic, ...] = ()

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [*self.arguments, *(d for f in self.files for d in f.diagnostics)]

    @property
    def errors(self) -> int:
        return _count(self.diagnostics, Level.ERROR)

    @property
    def warnings(self) -> int:
        return _count(self.diagnostics, Level.WARNING)


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Files named, and YAML files under directories named (sorted, each once)."""
    files: list[Path] = []
    problems: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
            if not found:
                problems.append(warning(str(path), START, "no-files", "no .yaml files here"))
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(error(str(path), START, "file-not-found", "no such file or directory"))
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve() if f.exists() else f
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def validate_paths(
    paths: Iterable[Path], criteria_dir: Path, as_of: dt.date | None = None
) -> ValidationRun:
    """Validate every file under ``paths``; see the module docstring."""
    files, arg_problems = expand(paths)
    docs = [load_file(f) for f in files]
    sets: dict[str, CriteriaSet] = {}
    results: dict[str, FileResult] = {}
    evidence_docs: list[Document] = []
    for doc in docs:
        kind = _kind(doc)
        if kind == "criteria":
            cset, problems = check_criteria(doc)
            if cset is not None:
                problems += _set_file_name(doc, cset)
                sets.setdefault(cset.id, cset)
            results[doc.path] = FileResult(doc.path, kind, tuple(sorted_diagnostics(problems)))
        elif kind == "evidence":
            evidence_docs.append(doc)
        else:
            results[doc.path] = FileResult(doc.path, kind, tuple(doc.diagnostics))
    owners: dict[str, str] = {}
    for doc in evidence_docs:
        problems = _one_evidence(doc, sets, criteria_dir, as_of)
        ev_id = doc.data.get("id") if isinstance(doc.data, dict) else None
        if isinstance(ev_id, str):
            if ev_id in owners:
                problems.append(
                    error(
                        doc.path,
                        doc.position(("id",)),
                        "duplicate-district",
                        f"id {ev_id!r} is also claimed by {owners[ev_id]}",
                    )
                )
            else:
                owners[ev_id] = doc.path
        results[doc.path] = FileResult(doc.path, "evidence", tuple(sorted_diagnostics(problems)))
    ordered = tuple(results[d.path] for d in docs)
    return ValidationRun(ordered, tuple(arg_problems))


def _kind(doc: Document) -> FileKind:
    if not isinstance(doc.data, dict):
        return "unknown" if has_errors(doc.diagnostics) else "evidence"
    return "criteria" if "criteria" in doc.data else "evidence"


def _set_file_name(doc: Document, cset: CriteriaSet) -> list[Diagnostic]:
    stem = Path(doc.path).stem
    if stem == cset.id:
        return []
    return [
        warning(
            doc.path,
            doc.position(("id",)),
            "file-name-mismatch",
            f"set {cset.id!r} should live in {cset.id}.yaml so evidence files can find it",
        )
    ]


def _one_evidence(
    doc: Document, sets: dict[str, CriteriaSet], criteria_dir: Path, as_of: dt.date | None
) -> list[Diagnostic]:
    set_id = doc.data.get("criteria_set") if isinstance(doc.data, dict) else None
    cset = sets.get(set_id) if isinstance(set_id, str) else None
    set_problems: list[Diagnostic] = []
    if cset is None and isinstance(set_id, str):
        cset, set_problems, cfile = load_criteria_set(set_id, criteria_dir)
        if cset is not None:
            sets[cset.id] = cset
        elif cfile is None:
            set_problems = [missing_set(doc, set_id, criteria_dir)]
        else:
            set_problems = [
                error(
                    doc.path,
                    doc.position(("criteria_set",)),
                    "invalid-criteria-set",
                    f"criteria set {set_id!r} ({cfile.path}) has errors; validate it first",
                )
            ]
    if cset is None:
        _, problems = check_evidence_structure(doc)
        return problems + set_problems
    checked, problems = check_evidence(doc, cset)
    if checked is not None:
        problems += evidence_warnings(doc, checked, cset, as_of)
    return problems
