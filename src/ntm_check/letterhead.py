"""A letterhead file read and checked: the strict model, problems located at line and column."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ntm_check.diagnostics import Diagnostic, Msg, error, has_errors
from ntm_check.load.sources import load_file
from ntm_check.locate import model_diagnostics
from ntm_check.model.letterhead import LetterheadFile


def read_letterhead(path: Path) -> tuple[LetterheadFile | None, list[Diagnostic]]:
    """The letterhead in ``path``, or its located problems."""
    doc = load_file(path)
    problems = list(doc.diagnostics)
    if has_errors(problems):
        return None, problems
    if not isinstance(doc.data, dict):
        fields = ", ".join(LetterheadFile.model_fields)
        said = Msg(f"cần một bảng các trường: {fields}", f"expected a mapping of: {fields}")
        return None, [*problems, error(doc.path, doc.position(()), "not-a-mapping", said)]
    try:
        return LetterheadFile.model_validate(doc.data), problems
    except ValidationError as exc:
        return None, problems + model_diagnostics(exc, doc, LetterheadFile)
