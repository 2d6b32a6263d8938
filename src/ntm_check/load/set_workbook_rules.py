"""An indicator's rule read from the cells of its row in a criteria set's workbook: its kind
from an official's words (``Giá trị ≥ …``), its threshold, unit, what a share or a count is
of, a level's scale, a region's or group's own value from its column; then each province's
own value from the province sheet. Every problem is located at its cell; see
:mod:`ntm_check.load.set_workbook`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ntm_check.load.workbook_values import cell_text
from ntm_check.set_workbook_layout import KIND_KEYS, RULE_CHOICES

if TYPE_CHECKING:
    from ntm_check.load.set_workbook_cells import SheetReader
    from ntm_check.load.set_workbook_indicators import Extra, Row
    from ntm_check.load.set_workbook_lists import ProvinceValue

#: the columns of region's and group's own values each kind of rule takes
_TAKES = {
    "threshold": ("by_region", "by_group"),
    "share": ("by_group",),
    "count": ("by_group",),
}


class RuleCells:
    """A row's rule: its kind from the words chosen, its threshold, unit, what it is of, its
    levels, and its regions' and groups' own values."""

    def __init__(
        self,
        reader: SheetReader,
        sheet: str,
        out: Row,
        get: Callable[[str], object],
        at: dict[str, str],
    ) -> None:
        self.r, self.sheet, self.out, self.get, self.at = reader, sheet, out, get, at

    def read(self, extras: dict[Extra, object]) -> None:
        at = self.at
        key = self.r.word(self.get("kind"), self.sheet, at["kind"], RULE_CHOICES, "xlsx-kind")
        self.r.required(cell_text(self.get("kind")), self.sheet, at["kind"], "kind")
        self.out.cells[("rule",)] = (self.sheet, at["kind"])
        self.out.cells[("rule", "kind")] = (self.sheet, at["kind"])
        if key is None:
            return
        kind, direction = KIND_KEYS[key]
        rule: dict[str, Any] = {"kind": kind}
        {
            "attested": self._attested,
            "threshold": self._threshold,
            "share": self._share,
            "count": self._count,
            "level": self._level,
        }[kind](rule, direction)
        self._extras(rule, extras)
        self.out.indicator["rule"] = rule

    def _place(self, field: str, column: str) -> None:
        if column in self.at:
            self.out.cells[("rule", field)] = (self.sheet, self.at[column])

    def _value(self, whole: bool = False) -> int | float | None:
        at = self.at.get("value", self.at["kind"])
        value = (self.r.whole if whole else self.r.number)(self.get("value"), self.sheet, at)
        self.r.required(cell_text(self.get("value")), self.sheet, at, "value")
        return value

    def _attested(self, rule: dict[str, Any], direction: str | None) -> None:
        for column in ("value", "unit", "of", "levels"):
            if column in self.at and cell_text(self.get(column)) is not None:
                self.r.problems.error(
                    self.sheet,
                    self.at[column],
                    "xlsx-not-for-kind",
                    "chỉ tiêu đánh giá theo thẩm định không có ngưỡng: "
                    "xóa ô này hoặc chọn cách đánh giá khác",
                    "an indicator judged by appraisal has no threshold: "
                    "empty this cell or choose another kind",
                )

    def _threshold(self, rule: dict[str, Any], direction: str | None) -> None:
        assert direction is not None
        unit = cell_text(self.get("unit"))
        self.r.required(unit, self.sheet, self.at.get("unit", self.at["kind"]), "unit")
        rule |= {direction: self._value(), "unit": unit}
        for bound in ("minimum", "maximum"):
            if bound in self.at:
                rule[bound] = self.r.number(self.get(bound), self.sheet, self.at[bound])
                self._place(bound, bound)
        self._place(direction, "value")
        self._place("unit", "unit")
        check_percent(self.r, rule, rule[direction], self.sheet, self.at.get("value", ""))

    def _of(self, rule: dict[str, Any], field: str) -> None:
        rule[field] = self.r.texts(self.get("of"), self.get("of_en"), self.sheet, "of", self.at)
        self.r.required(rule[field], self.sheet, self.at.get("of", self.at["kind"]), "of")
        self._place(field, "of")

    def _share(self, rule: dict[str, Any], direction: str | None) -> None:
        rule["at_least"] = self._value()
        self._place("at_least", "value")
        check_percent(self.r, rule, rule["at_least"], self.sheet, self.at.get("value", ""))
        self._of(rule, "of")

    def _count(self, rule: dict[str, Any], direction: str | None) -> None:
        rule["at_least"] = self._value(whole=True)
        self._place("at_least", "value")
        self._of(rule, "noun")

    def _level(self, rule: dict[str, Any], direction: str | None) -> None:
        text = cell_text(self.get("levels")) or ""
        levels = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
        at = self.at.get("levels", self.at["kind"])
        self.r.required(levels, self.sheet, at, "levels")
        chosen = cell_text(self.get("value"))
        self.r.required(chosen, self.sheet, self.at.get("value", at), "value")
        if chosen is not None and levels and chosen not in levels:
            self.r.problems.error(
                self.sheet,
                self.at.get("value", at),
                "xlsx-level",
                f"mức {chosen!r} không có trong các mức: {'; '.join(levels)}",
                f"level {chosen!r} is not one of: {'; '.join(levels)}",
            )
        rule |= {"levels": levels, "at_least": chosen}
        self._place("levels", "levels")
        self._place("at_least", "value")

    def _extras(self, rule: dict[str, Any], extras: dict[Extra, object]) -> None:
        """The regions' and groups' own values; one the kind cannot take is an error."""
        for extra, raw in extras.items():
            at = self.r.where(self.sheet, self.out.row, extra.col)
            if raw is None or cell_text(raw) is None:
                continue
            if extra.field not in _TAKES.get(rule["kind"], ()):
                self.r.problems.error(
                    self.sheet,
                    at,
                    "xlsx-not-for-kind",
                    "cách đánh giá này không có ngưỡng riêng theo vùng, nhóm ở cột này: xóa ô",
                    "this kind of rule takes no value of its own in this column: empty the cell",
                )
                continue
            whole = rule["kind"] == "count"
            value = (self.r.whole if whole else self.r.number)(raw, self.sheet, at)
            if value is None:
                continue
            check_percent(self.r, rule, value, self.sheet, at)
            rule.setdefault(extra.field, {})[extra.key] = value
            self.out.cells[("rule", extra.field, extra.key)] = (self.sheet, at)


def check_percent(
    reader: SheetReader, rule: dict[str, Any], value: object, sheet: str, at: str
) -> None:
    """A percentage outside 0–100 is an error at its cell."""
    percent = rule.get("kind") == "share" or (
        rule.get("unit") == "%" and rule.get("minimum") is None and rule.get("maximum") is None
    )
    if percent and isinstance(value, (int, float)) and not 0 <= value <= 100:
        reader.problems.error(
            sheet,
            at,
            "xlsx-percent",
            f"tỷ lệ {value}% nằm ngoài 0–100%",
            f"a share of {value}% is outside 0–100%",
        )


def add_province_values(
    reader: SheetReader, rows: list[Row], provinces: list[ProvinceValue]
) -> None:
    """Each province's value into its indicator's rule (a threshold's only)."""
    by_id = {r.indicator["id"]: r for r in rows if r.indicator.get("id")}
    for given in provinces:
        row = by_id.get(given.indicator)
        rule = row.indicator.get("rule") if row is not None else None
        problem = _province_problem(given, row, rule)
        if problem is not None:
            reader.problems.error(given.sheet, *problem)
            continue
        assert row is not None and isinstance(rule, dict)
        check_percent(reader, rule, given.value, given.sheet, given.at["value"])
        rule.setdefault("by_province", {})[given.code] = given.value
        row.cells[("rule", "by_province", given.code)] = (given.sheet, given.at["value"])


def _province_problem(
    given: ProvinceValue, row: Row | None, rule: object
) -> tuple[str, str, str, str] | None:
    """Why a province's value cannot go into its indicator's rule (its cell, code, words)."""
    ind_id, code = given.indicator, given.code
    if row is None:
        return (
            given.at["indicator"],
            "xlsx-unknown-indicator",
            f"không có chỉ tiêu {ind_id!r} ở trang 'Chỉ tiêu'",
            f"no indicator {ind_id!r} on the indicators sheet",
        )
    if not isinstance(rule, dict) or rule.get("kind") != "threshold":
        return (
            given.at["value"],
            "xlsx-no-province-values",
            f"chỉ tiêu {ind_id} không đánh giá theo ngưỡng giá trị: không có ngưỡng riêng của tỉnh",
            f"indicator {ind_id} is not judged by a threshold: it takes no province values",
        )
    if code in rule.get("by_province", {}):
        return (
            given.at["province"],
            "xlsx-duplicate-province",
            f"tỉnh {code} đã có ngưỡng cho chỉ tiêu {ind_id}",
            f"province {code} already has a value for indicator {ind_id}",
        )
    return None
