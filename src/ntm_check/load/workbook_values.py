"""A cell's value as ``import`` reads it, in any workbook: its text (NFC, trimmed), its key (case
and spaces folded), a Vietnamese and English pair, a number (a decimal comma, dots between
thousands), an official code; and the problems found, each located at its cell
(``Sheet!C12``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ntm_check.diagnostics import Lang, Level, Msg

_DECIMAL = re.compile(r"^\s*-?\d+(?:[.,]\d+)?\s*$")
#: 1.000 or 1.234,5: dots between thousands, a comma before decimals (as Vietnamese write)
_THOUSANDS = re.compile(r"^\s*-?\d{1,3}(?:\.\d{3})+(?:,\d+)?\s*$")


@dataclass(frozen=True)
class CellProblem:
    """A problem of a workbook, located at a sheet and a cell (``Sheet!C12``)."""

    path: str
    sheet: str | None
    cell: str | None
    level: Level
    code: str
    text: Msg

    def format(self, lang: Lang) -> str:
        where = self.path
        if self.sheet is not None:
            where += f":{self.sheet}" + (f"!{self.cell}" if self.cell else "")
        return f"{where}: [{self.level.value}] {self.text.get(lang)} ({self.code})"


class Problems:
    """The problems of one workbook, in the order found: one diagnostic for one problem at one
    cell (the same said twice is said once), and none after a cell is refused (a cell whose
    value cannot be read: what would be said of its value, empty or not a number, is no
    problem of the person's)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.found: list[CellProblem] = []
        #: the cells refused, (sheet, cell)
        self._refused: set[tuple[str | None, str | None]] = set()

    def error(self, sheet: str | None, cell: str | None, code: str, vi: str, en: str) -> None:
        self._add(CellProblem(self.path, sheet, cell, Level.ERROR, code, Msg(vi, en)))

    def warning(self, sheet: str | None, cell: str | None, code: str, vi: str, en: str) -> None:
        self._add(CellProblem(self.path, sheet, cell, Level.WARNING, code, Msg(vi, en)))

    def refuse(self, sheet: str, cell: str, code: str, vi: str, en: str) -> None:
        """An error at a cell whose value cannot be read; nothing more is said at that cell."""
        self.error(sheet, cell, code, vi, en)
        self._refused.add((sheet, cell))

    def _add(self, problem: CellProblem) -> None:
        if problem.cell is not None and (problem.sheet, problem.cell) in self._refused:
            return
        if problem not in self.found:
            self.found.append(problem)


def cell_text(value: object) -> str | None:
    """A cell's text, NFC, trimmed; ``None`` for an empty cell."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text or None


def key_of(value: object) -> str:
    """A cell's text as a key: case folded, its spaces folded (``Chưa  Đạt`` is ``chưa đạt``)."""
    return " ".join((cell_text(value) or "").casefold().split())


def bilingual(vi: object, en: object) -> Any:
    """``{vi, en}``, or the Vietnamese text alone; ``None`` when there is none."""
    text_vi, text_en = cell_text(vi), cell_text(en)
    if text_vi is None:
        return None
    return {"vi": text_vi, "en": text_en} if text_en else text_vi


def code_of(value: object) -> str | None:
    """An official code as text, its leading zeros kept (a number typed as 7336 stays 7336)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return cell_text(value)


def number_of(value: object) -> object:
    """A number as it is; a text that is a number (a decimal comma too) as that number."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    text = cell_text(value)
    return None if text is None else _parsed(text)


def _parsed(text: str) -> object:
    """A text that is a number (dots between thousands, a decimal comma) as that number: a whole
    number written without a separator as an int; any other text as it is."""
    if _THOUSANDS.match(text):
        text = text.replace(".", "")
    if not _DECIMAL.match(text):
        return text
    number = float(text.replace(",", "."))
    whole = number.is_integer() and "," not in text and "." not in text
    return int(number) if whole else number
