"""The one place that wires the stages: load → validate → evaluate.

The CLI calls these functions and renders what they return; they never print or exit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ntm_check.diagnostics import START, Diagnostic, error, has_errors, sorted_diagnostics
from ntm_check.engine import Assessment, assess
from ntm_check.locate import suggest
from ntm_check.model.criteria import CriteriaSet
from ntm_check.resolve import ResolveError, criteria_path
from ntm_check.sources import Document, InputFile, load_file
from ntm_check.validate import check_criteria, check_evidence, check_evidence_structure


@dataclass(frozen=True)
class Outcome:
    """What a check produced: an assessment when every input was valid, and all problems."""

    assessment: Assessment | None
    diagnostics: list[Diagnostic]
    #: every file read, in the order read, with its SHA-256 (for reproducibility footers)
    inputs: list[InputFile] = field(default_factory=list)


def load_criteria_set(
    set_id: str, criteria_dir: Path
) -> tuple[CriteriaSet | None, list[Diagnostic], InputFile | None]:
    """Load and validate the set ``set_id``; the file is ``None`` when no such file exists."""
    try:
        path = criteria_path(set_id, criteria_dir)
    except ResolveError as exc:
        return None, [error(str(criteria_dir), START, "unknown-criteria-set", str(exc))], None
    if not path.is_file():
        return None, [], None
    doc = load_file(path)
    cset, problems = check_criteria(doc)
    return cset, problems, InputFile(path, doc.sha256 or "")


def run_check(evidence: Path, criteria_dir: Path, as_of: dt.date | None = None) -> Outcome:
    """Validate one evidence file and the set it names, and assess it when both are valid."""
    doc = load_file(evidence)
    read = [InputFile(evidence, doc.sha256)] if doc.sha256 else []
    if has_errors(doc.diagnostics):
        return Outcome(None, sorted_diagnostics(doc.diagnostics), read)
    set_id = doc.data.get("criteria_set") if isinstance(doc.data, dict) else None
    if not isinstance(set_id, str):
        _, problems = check_evidence_structure(doc)
        return Outcome(None, sorted_diagnostics(problems), read)
    cset, problems, cfile = load_criteria_set(set_id, criteria_dir)
    inputs = read + ([cfile] if cfile else [])
    if cfile is None:
        _, structure = check_evidence_structure(doc)
        problems = problems + structure + [missing_set(doc, set_id, criteria_dir)]
        return Outcome(None, sorted_diagnostics(problems), inputs)
    if cset is None:
        _, structure = check_evidence_structure(doc)
        return Outcome(None, sorted_diagnostics(problems + structure), inputs)
    checked, more = check_evidence(doc, cset)
    problems = sorted_diagnostics(problems + more)
    if checked is None:
        return Outcome(None, problems, inputs)
    return Outcome(assess(cset, checked, as_of), problems, inputs)


def missing_set(doc: Document, set_id: str, criteria_dir: Path) -> Diagnostic:
    known = sorted(p.stem for p in criteria_dir.glob("*.yaml")) if criteria_dir.is_dir() else []
    hint = suggest(set_id, known) or (f"; available: {', '.join(known)}" if known else "")
    return error(
        doc.path,
        doc.position(("criteria_set",)),
        "unknown-criteria-set",
        f"criteria set {set_id!r} not found in {criteria_dir}{hint}",
    )
