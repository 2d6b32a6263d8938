"""Located problems found in input files, and their one text format.

Every stage reports problems as :class:`Diagnostic` values instead of raising or printing,
so that one run can collect every problem in every file. The text form is the one used by
compilers and yamllint: ``path:line:col: [level] message (code)``, 1-based.

Every message is written in Vietnamese and in English (:class:`Msg`); the code is the same in
both languages, so scripts and CI filters never depend on the language of the run.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from ntm_check.text import SEP, Lang, Text

__all__ = (
    "SEP", "START", "Diagnostic", "Lang", "Level", "Msg", "Position", "Text", "error",
    "has_errors", "msg", "sorted_diagnostics", "warning",
)  # fmt: skip

#: a diagnostic's message: the one bilingual text type (:class:`ntm_check.text.Text`)
Msg = Text


def msg(vi: str, en: str) -> Text:
    return Text(vi, en)


class Level(str, enum.Enum):
    """How serious a problem is: errors block a verdict, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    col: int


@dataclass(frozen=True)
class Diagnostic:
    """One problem at one place in one file."""

    path: str
    position: Position
    level: Level
    code: str
    text: Msg

    @property
    def message(self) -> str:
        """The message in Vietnamese, the default language."""
        return self.text.vi

    def format(self, lang: Lang = "vi") -> str:
        """Render as ``path:line:col: [level] message (code)``."""
        pos = self.position
        said = self.text.get(lang)
        return f"{self.path}:{pos.line}:{pos.col}: [{self.level.value}] {said} ({self.code})"

    def as_json(self, lang: Lang = "vi") -> dict[str, object]:
        """The form every JSON output uses for a diagnostic."""
        return {
            "path": self.path,
            "line": self.position.line,
            "col": self.position.col,
            "level": self.level.value,
            "code": self.code,
            "message": self.text.get(lang),
        }

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.position.line, self.position.col, self.code)


START = Position(1, 1)


def error(path: str, position: Position, code: str, message: Msg) -> Diagnostic:
    return Diagnostic(path, position, Level.ERROR, code, message)


def warning(path: str, position: Position, code: str, message: Msg) -> Diagnostic:
    return Diagnostic(path, position, Level.WARNING, code, message)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.level is Level.ERROR for d in diagnostics)


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Order by file, then position, so output is stable across runs."""
    return sorted(diagnostics, key=lambda d: d.sort_key)
