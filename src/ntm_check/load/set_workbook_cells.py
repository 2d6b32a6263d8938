"""The cells of a criteria set's workbook as ``criteria import`` reads them, whatever the sheet:
a formula's saved value (never the formula), a number (a decimal comma too), a whole number,
a word chosen from a list (either language, any case or spacing), the sources a cell cites;
each problem an error at its cell. See :mod:`ntm_check.load.set_workbook`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ntm_check.load.workbook_cells import Cells
from ntm_check.load.workbook_read import Known, Reader
from ntm_check.load.workbook_sheets import Words, listed, one_line
from ntm_check.load.workbook_values import Problems, bilingual, cell_text, key_of, number_of
from ntm_check.set_workbook_layout import COLUMNS, HEADINGS, SET_FIELDS, SHEETS

#: what people type for the signs and the ellipsis of the kinds' words
_TYPED = {"...": "…", ">=": "≥", "<=": "≤"}


def split_list(text: str | None) -> list[str]:
    """The parts of a cell that lists several (``a; b``, one per line, or ``a, b``)."""
    return [p.strip() for p in re.split(r"[;\n,]", text or "") if p.strip()]


def field_words(key: str) -> Words:
    """A field's name in a message, (Vietnamese, English)."""
    if key == "set_id":
        return SET_FIELDS["id"][0]
    if key in SET_FIELDS:
        return SET_FIELDS[key][0]
    if key in COLUMNS:
        return COLUMNS[key][0], COLUMNS[key][1]
    return HEADINGS.get(key, (key, key))


def names_of(name: object) -> list[str]:
    """A name's words (Vietnamese first), as read: a text, or ``{vi, en}``."""
    if isinstance(name, dict):
        return [str(w) for w in (name.get("vi"), name.get("en")) if w]
    return [str(name)] if name else []


def by_name(named: Mapping[str, object]) -> dict[str, str]:
    """Each id of ``named`` (id → name) by its key and by its name's words, folded."""
    return {key_of(w): k for k, name in named.items() for w in (k, *names_of(name))}


def _folded(word: object) -> str:
    text = key_of(word)
    for typed, meant in _TYPED.items():
        text = text.replace(typed, meant)
    return text


def _titles(source: Any) -> list[str]:
    title = source.get("title") if isinstance(source, dict) else None
    if isinstance(title, dict):
        return [t for t in (title.get("vi"), title.get("en")) if t]
    return [title] if isinstance(title, str) else []


class SheetReader:
    """Cells read as the self-assessment workbook's are (a formula's saved value, never the
    formula; a percentage as shown), with the checks every sheet shares."""

    def __init__(
        self, formulas: Any, values: Any, problems: Problems, found: Mapping[str, str] | None = None
    ) -> None:
        self.values = values
        #: each sheet's name in the workbook, by its key
        self.found = dict(found or {})
        self.problems = problems
        self._reader = Reader(formulas, values, problems, Known())
        #: where each value read came from, by its key path in the data
        self.cells: Cells = {}
        #: each column's (field's) heading (label) as the sheet writes it, by (sheet, key)
        self.headings: dict[tuple[str, str], str] = {}
        #: the empty English cells beside a Vietnamese text, by (sheet, English key)
        self.untranslated: dict[tuple[str, str], list[str]] = {}

    def texts(self, vi: object, en: object, sheet: str, key: str, at: Mapping[str, str]) -> Any:
        """A text in both languages (:func:`bilingual`); an English cell left empty beside a
        Vietnamese text is kept, to be said (:meth:`say_untranslated`): the set then has the
        Vietnamese in English too, never in silence."""
        text = bilingual(vi, en)
        if isinstance(text, str) and f"{key}_en" in at:
            self.untranslated.setdefault((sheet, f"{key}_en"), []).append(at[f"{key}_en"])
        return text

    def say_untranslated(self) -> None:
        """A warning per English column with empty cells, at the first, naming the others."""
        for (sheet, key), cells in self.untranslated.items():
            head = self.words(sheet, key)
            more = ", ".join(cells[:8]) + (", …" if len(cells) > 8 else "")
            self.problems.warning(
                sheet,
                cells[0],
                "xlsx-no-english",
                f"chưa có tiếng Anh ({head[0]!r}: {len(cells)} ô, {more}): "
                "bản tiếng Anh dùng chữ tiếng Việt",
                f"English text missing ({head[1]!r}: {len(cells)} cell(s), {more}): "
                "the Vietnamese is used",
            )

    def heading(self, sheet: str, key: str, head: object) -> None:
        """Keep the heading a column (a field) has in the sheet, to name it as the person
        reads it."""
        text = cell_text(head)
        if text is not None:
            self.headings[(sheet, key)] = one_line(text)

    def sheet_words(self, key: str) -> Words:
        """A sheet's name in a message: as the workbook names it, else in each language."""
        found = self.found.get(key)
        return (found, found) if found is not None else SHEETS[key]

    def words(self, sheet: str, key: str, words: Words | None = None) -> Words:
        """A column's (a field's) name in a message: its heading as the sheet writes it, in
        either language's sentence; else its words in each language."""
        found = self.headings.get((sheet, "id" if key == "set_id" else key))
        if found is not None:
            return found, found
        return words or field_words(key)

    def cell(self, sheet: str, row: int, col: int) -> object:
        return self._reader.cell(sheet, row, col)

    def where(self, sheet: str, row: int, col: int) -> str:
        return self._reader.where(sheet, row, col)

    def date(self, value: object, sheet: str, at: str) -> Any:
        return self._reader.date(value, sheet, at)

    def required(
        self, value: object, sheet: str, at: str, key: str, words: Words | None = None
    ) -> None:
        """An empty cell that must be filled: an error there, naming the field ``key`` (or its
        column, by its ``words``)."""
        if value is None or value in ("", []):
            vi, en = self.words(sheet, key, words)
            self.problems.error(
                sheet,
                at,
                "xlsx-empty",
                f"ô trống: cần ghi {vi!r}",
                f"the cell is empty: {en!r} is required",
            )

    def number(self, value: object, sheet: str, at: str) -> int | float | None:
        """A number (a decimal comma too); other text is an error at its cell."""
        found = number_of(value)
        if found is None:
            return None
        if isinstance(found, bool) or not isinstance(found, (int, float)):
            self.problems.error(
                sheet,
                at,
                "xlsx-number",
                f"{cell_text(value)!r} không phải một số",
                f"{cell_text(value)!r} is not a number",
            )
            return None
        return found

    def whole(self, value: object, sheet: str, at: str) -> int | None:
        """A whole number ≥ 0; anything else is an error at its cell."""
        found = self.number(value, sheet, at)
        if found is None:
            return None
        if not isinstance(found, int) or found < 0:
            self.problems.error(
                sheet,
                at,
                "xlsx-number",
                f"{found} không phải số nguyên ≥ 0",
                f"{found} is not a whole number ≥ 0",
            )
            return None
        return found

    def word(
        self, value: object, sheet: str, at: str, choices: Mapping[str, Words], code: str
    ) -> str | None:
        """The key of a word chosen from a list (either language, or the key itself); an
        unknown word is an error listing the choices."""
        word = _folded(value)
        if not word:
            return None
        known = {_folded(w): k for k, pair in choices.items() for w in (k, *pair)}
        if word in known:
            return known[word]
        self.problems.error(
            sheet,
            at,
            code,
            f"{cell_text(value)!r} không phải một trong: "
            + "; ".join(pair[0] for pair in choices.values()),
            f"{cell_text(value)!r} is not one of: "
            + "; ".join(pair[1] for pair in choices.values()),
        )
        return None

    def refs(self, value: object, sheet: str, at: str, sources: Mapping[str, Any]) -> list[str]:
        """The sources a cell cites, by id or title; one not on the sources sheet is an error."""
        titles = {key_of(t): k for k, s in sources.items() for t in _titles(s)}
        out = []
        for part in split_list(cell_text(value)):
            found = part if part in sources else titles.get(key_of(part))
            if found is None:
                ids = listed(sources)
                vi, en = self.sheet_words("sources")
                self.problems.error(
                    sheet,
                    at,
                    "xlsx-unknown-source",
                    f"không có nguồn {part!r} ở trang {vi!r} (các mã: {ids})",
                    f"no source {part!r} on the {en!r} sheet (its ids: {ids})",
                )
            else:
                out.append(found)
        return out

    def indicator_id(self, value: object, sheet: str, at: str) -> str | None:
        """An indicator id on a list sheet; one typed as a number (``1.10`` saved as 1.1, the
        id of another indicator) is an error at its cell."""
        if isinstance(value, (int, float)):
            self.problems.error(sheet, at, *id_as_number(value))
            return None
        return cell_text(value)


def id_as_number(value: object) -> tuple[str, str, str]:
    """The problem of an indicator id typed as a number: its code, its words."""
    return (
        "xlsx-id-as-number",
        f"mã chỉ tiêu ghi dạng số ({value}): ghi dạng chữ, ví dụ '1.10'",
        f"the indicator id is a number ({value}): write it as text, e.g. '1.10'",
    )
