"""The indicator rows of a criteria set's workbook grouped into its criteria: by the criterion's
number, each indicator under it in the order of its id (rows may have been re-sorted); the
criterion's name and departments as its rows give them (a row that gives others is an error
there). See :mod:`ntm_check.load.set_workbook`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ntm_check.load.workbook_values import cell_text

if TYPE_CHECKING:
    from ntm_check.load.set_workbook_cells import SheetReader
    from ntm_check.load.set_workbook_indicators import Row

#: an indicator's fields, in the order a set file writes them
_FIELDS = ("id", "name", "requirement", "applies_when", "rule", "department", "source")


class Criteria:
    """The rows grouped into criteria, by number; each value's cell kept in the reader's."""

    def __init__(
        self, reader: SheetReader, sheet: str, department: Callable[[object, str], str | None]
    ) -> None:
        self.r = reader
        self.sheet = sheet
        #: a department's id from the name a cell gives (an error there if unknown)
        self.department = department

    def assemble(self, parsed: list[Row]) -> list[Any]:
        groups: dict[int, list[Row]] = {}
        for row in parsed:
            if row.number is not None:
                groups.setdefault(row.number, []).append(row)
        out = []
        for index, number in enumerate(sorted(groups)):
            members = sorted(groups[number], key=lambda r: _order(r.indicator.get("id")))
            out.append(self._criterion(index, number, members))
        return out

    def _criterion(self, index: int, number: int, members: list[Row]) -> dict[str, Any]:
        first = members[0]
        self.r.cells[("criteria", index)] = (self.sheet, first.at["criterion"])
        self.r.cells[("criteria", index, "number")] = (self.sheet, first.at["criterion"])
        name = self._agreed(members, "criterion_name", index, "name")
        name_en = self._agreed(members, "criterion_name_en", index, "name")
        names = self._agreed(members, "criterion_departments", index, "departments")
        english = {k: v for k, v in first.at.items() if k == "criterion_name_en"}
        text = self.r.texts(name, name_en, self.sheet, "criterion_name", english)
        criterion: dict[str, Any] = {"number": number, "name": text}
        if criterion["name"] is None:
            at = first.at.get("criterion_name", first.at["criterion"])
            self.r.required(None, self.sheet, at, "criterion_name")
        departments = self._departments(members, names)
        if departments:
            criterion["departments"] = [d for d in departments if d]
        criterion["indicators"] = self._indicators(members, index)
        return criterion

    def _departments(self, members: list[Row], names: object) -> list[str | None]:
        """The criterion's departments (``names``, as its rows agree on them), by id
        (``None`` for a name that is no department's)."""
        at = self._at(members, "criterion_departments")
        return [self.department(n, at) for n in re.split(r"\s*;\s*", cell_text(names) or "") if n]

    def _indicators(self, members: list[Row], index: int) -> list[dict[str, Any]]:
        """The criterion's indicators, their empty fields left out, each value's cell kept."""
        out = []
        for place, row in enumerate(members):
            for path, cell in row.cells.items():
                self.r.cells[("criteria", index, "indicators", place, *path)] = cell
            ind = row.indicator
            out.append({k: ind[k] for k in _FIELDS if ind.get(k) is not None})
        return out

    def _at(self, members: list[Row], key: str) -> str:
        found = next((m.at[key] for m in members if cell_text(m.criterion.get(key))), None)
        return found or members[0].at["criterion"]

    def _agreed(self, members: list[Row], key: str, index: int, field: str) -> object:
        """A criterion's cell as its rows give it: the first filled one; a row that gives
        another is an error there."""
        chosen: object = None
        for row in members:
            value = cell_text(row.criterion.get(key))
            if value is None:
                continue
            if chosen is None:
                chosen = value
                self.r.cells[("criteria", index, field)] = (self.sheet, row.at[key])
            elif value != chosen:
                vi, en = self.r.words(self.sheet, key)
                self.r.problems.error(
                    self.sheet,
                    row.at[key],
                    "xlsx-criterion-differs",
                    f"{vi} khác dòng trên của cùng tiêu chí ({chosen!r})",
                    f"{en} differs from an earlier row of the criterion ({chosen!r})",
                )
        return chosen


def _order(ind_id: object) -> tuple[int, ...]:
    parts = str(ind_id or "").split(".")
    return tuple(int(p) if p.isdigit() else 0 for p in parts)
