"""The indicator sheet of a criteria set's workbook read into the set's criteria: one row per
indicator, the rule from an official's words (``Giá trị ≥ …``, a threshold, its unit), a
region's or group's own value from its column, a province's from the province sheet. Every
problem is located at its cell; see :mod:`ntm_check.load.set_workbook`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ntm_check.load.workbook_cells import Cells
from ntm_check.load.workbook_read import (
    Known,
    Problems,
    Reader,
    _bilingual,
    _key,
    _number,
    _text,
)
from ntm_check.set_workbook_layout import (
    COLUMNS,
    GROUP_PREFIX,
    HEADER_ROW,
    HEADINGS,
    KIND_KEYS,
    OUTPUT_COLUMNS,
    REGION_PREFIX,
    RULE_CHOICES,
    SET_FIELDS,
    VERIFICATION_CHOICES,
)

#: the indicator sheet's columns an indicator cannot be read without
REQUIRED_COLUMNS = (
    "criterion",
    "id",
    "name",
    "requirement",
    "kind",
    "department",
    "refs",
    "verification",
)
#: an indicator's fields, in the order a set file writes them
_FIELDS = ("id", "name", "requirement", "applies_when", "rule", "department", "source")
_ID = re.compile(r"^[0-9]+\.[0-9]+$")
#: what people type for the signs and the ellipsis of the kinds' words
_TYPED = {"...": "…", ">=": "≥", "<=": "≤"}


def split_list(text: str | None) -> list[str]:
    """The parts of a cell that lists several (``a; b``, one per line, or ``a, b``)."""
    return [p.strip() for p in re.split(r"[;\n,]", text or "") if p.strip()]


def _what(key: str) -> tuple[str, str]:
    """A field's name in a message, (Vietnamese, English)."""
    if key == "set_id":
        return SET_FIELDS["id"][0]
    if key in SET_FIELDS:
        return SET_FIELDS[key][0]
    if key in COLUMNS:
        return COLUMNS[key][0], COLUMNS[key][1]
    return HEADINGS.get(key, (key, key))


def _folded(word: object) -> str:
    text = _key(word)
    for typed, meant in _TYPED.items():
        text = text.replace(typed, meant)
    return text


class SheetReader:
    """Cells read as the self-assessment workbook's are (a formula's saved value, never the
    formula; a percentage as shown), with the checks every sheet shares."""

    def __init__(self, formulas: Any, values: Any, problems: Problems) -> None:
        self.values = values
        self.problems = problems
        self._reader = Reader(formulas, values, problems, Known())
        #: where each value read came from, by its key path in the data
        self.cells: Cells = {}

    def cell(self, sheet: str, row: int, col: int) -> object:
        return self._reader.cell(sheet, row, col)

    def where(self, sheet: str, row: int, col: int) -> str:
        return self._reader.where(sheet, row, col)

    def date(self, value: object, sheet: str, at: str) -> Any:
        return self._reader.date(value, sheet, at)

    def required(self, value: object, sheet: str, at: str, key: str) -> None:
        """An empty cell that must be filled: an error there."""
        if value is None or value in ("", []):
            vi, en = _what(key)
            self.problems.error(
                sheet,
                at,
                "xlsx-empty",
                f"ô trống: cần ghi {vi!r}",
                f"the cell is empty: {en!r} is required",
            )

    def number(self, value: object, sheet: str, at: str) -> int | float | None:
        """A number (a decimal comma too); other text is an error at its cell."""
        found = _number(value)
        if found is None:
            return None
        if isinstance(found, bool) or not isinstance(found, (int, float)):
            self.problems.error(
                sheet,
                at,
                "xlsx-number",
                f"{_text(value)!r} không phải một số",
                f"{_text(value)!r} is not a number",
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
        self, value: object, sheet: str, at: str, choices: Mapping[str, tuple[str, str]], code: str
    ) -> str | None:
        """The key of a word chosen from a list (either language, or the key itself); an
        unknown word is an error listing the choices."""
        word = _folded(value)
        if not word:
            return None
        known = {_folded(w): k for k, pair in choices.items() for w in (k, *pair)}
        if word in known:
            return known[word]
        listed = "; ".join(pair[0] for pair in choices.values())
        listed_en = "; ".join(pair[1] for pair in choices.values())
        self.problems.error(
            sheet,
            at,
            code,
            f"{_text(value)!r} không phải một trong: {listed}",
            f"{_text(value)!r} is not one of: {listed_en}",
        )
        return None

    def refs(self, value: object, sheet: str, at: str, sources: Mapping[str, Any]) -> list[str]:
        """The sources a cell cites, by id or title; one not on the sources sheet is an error."""
        titles = {_key(t): k for k, s in sources.items() for t in _titles(s)}
        out = []
        for part in split_list(_text(value)):
            found = part if part in sources else titles.get(_key(part))
            if found is None:
                listed = ", ".join(sources) or "—"
                self.problems.error(
                    sheet,
                    at,
                    "xlsx-unknown-source",
                    f"không có nguồn {part!r} ở trang 'Nguồn' (các mã: {listed})",
                    f"no source {part!r} on the sources sheet (its ids: {listed})",
                )
            else:
                out.append(found)
        return out


def _titles(source: Any) -> list[str]:
    title = source.get("title") if isinstance(source, dict) else None
    if isinstance(title, dict):
        return [t for t in (title.get("vi"), title.get("en")) if t]
    return [title] if isinstance(title, str) else []


@dataclass
class _Row:
    """One indicator row read: its criterion's cells, the indicator, where each value is."""

    number: int | None
    criterion: dict[str, object]
    indicator: dict[str, Any]
    #: the indicator's cells, by key path inside the indicator
    cells: Cells = field(default_factory=dict)
    at: dict[str, str] = field(default_factory=dict)
    row: int = 0


@dataclass(frozen=True)
class _Extra:
    """A column of a region's (``by_region``) or a group's (``by_group``) own values."""

    field: str
    key: str
    col: int


class IndicatorRows:
    """Reads the indicator sheet into the set's criteria."""

    def __init__(self, reader: SheetReader, sheet: str, data: Mapping[str, Any]) -> None:
        self.r = reader
        self.sheet = sheet
        self.data = data
        self.departments = {
            _key(w): k
            for k, name in data.get("departments", {}).items()
            for w in (k, *_names(name))
        }

    def read(self, provinces: list[tuple[str, str, object, dict[str, str]]]) -> list[Any]:
        found = self._header()
        if found is None:
            return []
        start, cols, extra = found
        rows: list[_Row] = []
        seen: dict[str, str] = {}
        ws = self.r.values[self.sheet]
        for row in range(start + 1, ws.max_row + 1):
            parsed = self._row(row, cols, extra, seen)
            if parsed is not None:
                rows.append(parsed)
        if not rows:
            self.r.problems.error(
                self.sheet,
                f"A{start + 1}",
                "xlsx-empty",
                "chưa có chỉ tiêu nào: ghi mỗi chỉ tiêu một dòng",
                "no indicator yet: write one row per indicator",
            )
        self._provinces(rows, provinces)
        return _Criteria(self, rows).assemble()

    # -- the heading row -------------------------------------------------------------------

    def _header(self) -> tuple[int, dict[str, int], list[_Extra]] | None:
        """The heading row, each fixed column's place, the region and group columns."""
        ws = self.r.values[self.sheet]
        names = {_key(w): k for k, (vi, en, _) in COLUMNS.items() for w in (k, vi, en)}
        for row in range(1, min(ws.max_row, 20) + 1):
            heads = {c: _key(ws.cell(row=row, column=c).value) for c in range(1, ws.max_column + 1)}
            cols = {names[h]: c for c, h in heads.items() if h in names}
            if "id" in cols:
                extra = self._extras(row, heads, set(cols.values()))
                return self._complete(row, cols, extra)
        missing = ", ".join(repr(COLUMNS[k][0]) for k in REQUIRED_COLUMNS)
        self.r.problems.error(
            self.sheet,
            f"A{HEADER_ROW}",
            "xlsx-missing-column",
            f"không tìm thấy dòng tiêu đề (cột {missing})",
            "no heading row found (an 'Indicator id' column)",
        )
        return None

    def _complete(
        self, row: int, cols: dict[str, int], extra: list[_Extra]
    ) -> tuple[int, dict[str, int], list[_Extra]] | None:
        missing = [k for k in REQUIRED_COLUMNS if k not in cols]
        if missing:
            vi = ", ".join(repr(COLUMNS[k][0]) for k in missing)
            en = ", ".join(repr(COLUMNS[k][1]) for k in missing)
            self.r.problems.error(
                self.sheet,
                f"{row}:{row}",
                "xlsx-missing-column",
                f"thiếu cột: {vi}",
                f"missing column(s): {en}",
            )
            return None
        return row, cols, extra

    def _extras(self, row: int, heads: dict[int, str], fixed: set[int]) -> list[_Extra]:
        """The ``Vùng: …`` and ``Nhóm: …`` columns; one naming no region (group) of the set is
        an error at its heading."""
        out = []
        kinds = (("regions", "by_region", REGION_PREFIX), ("groups", "by_group", GROUP_PREFIX))
        for col, head in heads.items():
            prefix, _, name = head.partition(":")
            for key, by, words in kinds:
                if col in fixed or prefix.strip() not in {_key(w) for w in words}:
                    continue
                known = {
                    _key(w): k for k, n in self.data.get(key, {}).items() for w in (k, *_names(n))
                }
                if name.strip() in known:
                    out.append(_Extra(by, known[name.strip()], col))
                    continue
                listed = ", ".join(self.data.get(key, {})) or "—"
                self.r.problems.error(
                    self.sheet,
                    self.r.where(self.sheet, row, col),
                    "xlsx-unknown-column",
                    f"cột {head!r}: không có {words[0].lower()} {name.strip()!r} ở trang "
                    f"'{words[0]}' (các mã: {listed})",
                    f"column {head!r}: no {words[1].lower()} {name.strip()!r} on that sheet "
                    f"(its ids: {listed})",
                )
        return out

    # -- a row -----------------------------------------------------------------------------

    def _row(
        self, row: int, cols: dict[str, int], extra: list[_Extra], seen: dict[str, str]
    ) -> _Row | None:
        sheet = self.sheet

        def get(key: str) -> object:
            return self.r.cell(sheet, row, cols[key]) if key in cols else None

        at = {k: self.r.where(sheet, row, c) for k, c in cols.items()}
        extras = {e: self.r.cell(sheet, row, e.col) for e in extra}
        read = [k for k in cols if k not in OUTPUT_COLUMNS]
        if all(_text(get(k)) is None for k in read) and all(v is None for v in extras.values()):
            return None
        number = self.r.whole(get("criterion"), sheet, at["criterion"])
        self.r.required(number, sheet, at["criterion"], "criterion")
        ind_id = self._id(get("id"), at["id"], seen, number)
        out = _Row(
            number,
            {k: get(k) for k in cols if k.startswith("criterion")},
            {"id": ind_id},
            at=at,
            row=row,
        )
        self._texts(out, get, at)
        _RuleCells(self, out, get, at).read(extras)
        self._source(out, get, at)
        return out

    def _id(self, raw: object, at: str, seen: dict[str, str], number: int | None) -> str | None:
        """The indicator's id: as text, ``2.3``, once in the sheet, under its criterion."""
        problem = None
        if raw is None:
            problem = (
                "xlsx-missing-id",
                "ô trống: dòng có dữ liệu nhưng không có mã chỉ tiêu",
                "the cell is empty: the row has data but no indicator id",
            )
        elif isinstance(raw, (int, float)):
            problem = (
                "xlsx-id-as-number",
                f"mã chỉ tiêu ghi dạng số ({raw}): ghi dạng chữ, ví dụ '1.10'",
                f"the indicator id is a number ({raw}): write it as text, e.g. '1.10'",
            )
        elif not _ID.match(_text(raw) or ""):
            problem = (
                "xlsx-id",
                f"{_text(raw)!r} không phải mã chỉ tiêu (số tiêu chí, dấu chấm, số thứ tự: 2.3)",
                f"{_text(raw)!r} is not an indicator id (2.3)",
            )
        elif (_text(raw) or "") in seen:
            problem = (
                "xlsx-duplicate-indicator",
                f"chỉ tiêu {_text(raw)} đã có ở ô {seen[_text(raw) or '']}",
                f"indicator {_text(raw)} is also in cell {seen[_text(raw) or '']}",
            )
        elif number is not None and (_text(raw) or "").split(".")[0] != str(number):
            problem = (
                "xlsx-wrong-criterion",
                f"chỉ tiêu {_text(raw)} nằm dưới tiêu chí {number}: mã phải bắt đầu bằng {number}.",
                f"indicator {_text(raw)} is "
                f"under criterion {number}: its id must start with {number}.",
            )
        if problem is not None:
            self.r.problems.error(self.sheet, at, *problem)
            return None
        ind_id = _text(raw) or ""
        seen[ind_id] = at
        return ind_id

    def _texts(self, out: _Row, get: Callable[[str], object], at: dict[str, str]) -> None:
        ind = out.indicator
        for key in ("name", "requirement", "applies_when"):
            ind[key] = _bilingual(get(key), get(f"{key}_en"))
            if key != "applies_when":
                self.r.required(ind[key], self.sheet, at[key], key)
            if key in at:
                out.cells[(key,)] = (self.sheet, at[key])
        ind["department"] = self._department(get("department"), at["department"])
        out.cells[("department",)] = (self.sheet, at["department"])
        out.cells[()] = (self.sheet, at["id"])
        out.cells[("id",)] = (self.sheet, at["id"])

    def department(self, name: object, at: str) -> str | None:
        return self._department(name, at)

    def _department(self, name: object, at: str) -> str | None:
        """A department's id from its name (either language) or id; an unknown one is an
        error listing the names there are."""
        text = _text(name)
        if text is None:
            self.r.required(None, self.sheet, at, "department")
            return None
        if _key(text) in self.departments:
            return str(self.departments[_key(text)])
        listed = "; ".join(_names(n)[0] for n in self.data.get("departments", {}).values()) or "—"
        self.r.problems.error(
            self.sheet,
            at,
            "xlsx-department",
            f"không có cơ quan {text!r} ở trang 'Cơ quan' (có: {listed})",
            f"no department {text!r} on the departments sheet ({listed})",
        )
        return None

    def _source(self, out: _Row, get: Callable[[str], object], at: dict[str, str]) -> None:
        sheet = self.sheet
        refs = self.r.refs(get("refs"), sheet, at["refs"], self.data.get("sources", {}))
        self.r.required(
            refs if _text(get("refs")) is None else ["given"], sheet, at["refs"], "refs"
        )
        verification = self.r.word(
            get("verification"),
            sheet,
            at["verification"],
            VERIFICATION_CHOICES,
            "xlsx-verification",
        )
        self.r.required(_text(get("verification")), sheet, at["verification"], "verification")
        source: dict[str, Any] = {"refs": refs, "verification": verification}
        note = _bilingual(get("source_note"), get("source_note_en"))
        if note is not None:
            source["note"] = note
        out.indicator["source"] = source
        for key, col in (
            ("refs", "refs"),
            ("verification", "verification"),
            ("note", "source_note"),
        ):
            if col in at:
                out.cells[("source", key)] = (sheet, at[col])
        out.cells[("source",)] = (sheet, at["refs"])

    # -- the province sheet ----------------------------------------------------------------

    def _provinces(
        self, rows: list[_Row], provinces: list[tuple[str, str, object, dict[str, str]]]
    ) -> None:
        """Each province's value into its indicator's rule (a threshold's only)."""
        by_id = {r.indicator["id"]: r for r in rows if r.indicator.get("id")}
        for ind_id, code, value, at in provinces:
            sheet = at["_sheet"]
            row = by_id.get(ind_id)
            rule = row.indicator.get("rule") if row is not None else None
            problem = None
            if row is None:
                problem = (
                    at["indicator"],
                    "xlsx-unknown-indicator",
                    f"không có chỉ tiêu {ind_id!r} ở trang 'Chỉ tiêu'",
                    f"no indicator {ind_id!r} on the indicators sheet",
                )
            elif not isinstance(rule, dict) or rule.get("kind") != "threshold":
                problem = (
                    at["value"],
                    "xlsx-no-province-values",
                    f"chỉ tiêu {ind_id} không đánh giá theo ngưỡng giá trị: không có "
                    "ngưỡng riêng của tỉnh",
                    f"indicator {ind_id} is not judged by a threshold: it takes no province values",
                )
            elif code in rule.setdefault("by_province", {}):
                problem = (
                    at["province"],
                    "xlsx-duplicate-province",
                    f"tỉnh {code} đã có ngưỡng cho chỉ tiêu {ind_id}",
                    f"province {code} already has a value for indicator {ind_id}",
                )
            if problem is not None:
                self.r.problems.error(sheet, *problem)
                continue
            assert row is not None and isinstance(rule, dict)
            _percent(self.r, rule, value, sheet, at["value"])
            rule["by_province"][code] = value
            row.cells[("rule", "by_province", code)] = (sheet, at["value"])


def _names(name: object) -> list[str]:
    """A name's words (Vietnamese first), as read: a text, or ``{vi, en}``."""
    if isinstance(name, dict):
        return [str(w) for w in (name.get("vi"), name.get("en")) if w]
    return [str(name)] if name else []


def _percent(reader: SheetReader, rule: dict[str, Any], value: object, sheet: str, at: str) -> None:
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


class _RuleCells:
    """A row's rule: its kind from the words chosen, its threshold, unit, what it is of, its
    levels, and its regions' and groups' own values."""

    def __init__(
        self, rows: IndicatorRows, out: _Row, get: Callable[[str], object], at: dict[str, str]
    ) -> None:
        self.rows, self.out, self.get, self.at = rows, out, get, at
        self.r = rows.r
        self.sheet = rows.sheet

    def read(self, extras: dict[_Extra, object]) -> None:
        at = self.at
        key = self.r.word(self.get("kind"), self.sheet, at["kind"], RULE_CHOICES, "xlsx-kind")
        self.r.required(_text(self.get("kind")), self.sheet, at["kind"], "kind")
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
        self.r.required(_text(self.get("value")), self.sheet, at, "value")
        return value

    def _attested(self, rule: dict[str, Any], direction: str | None) -> None:
        for column in ("value", "unit", "of", "levels"):
            if column in self.at and _text(self.get(column)) is not None:
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
        unit = _text(self.get("unit"))
        self.r.required(unit, self.sheet, self.at.get("unit", self.at["kind"]), "unit")
        rule |= {direction: self._value(), "unit": unit}
        for bound in ("minimum", "maximum"):
            if bound in self.at:
                rule[bound] = self.r.number(self.get(bound), self.sheet, self.at[bound])
                self._place(bound, bound)
        self._place(direction, "value")
        self._place("unit", "unit")
        _percent(self.r, rule, rule[direction], self.sheet, self.at.get("value", ""))

    def _of(self, rule: dict[str, Any], field: str) -> None:
        rule[field] = _bilingual(self.get("of"), self.get("of_en"))
        self.r.required(rule[field], self.sheet, self.at.get("of", self.at["kind"]), "of")
        self._place(field, "of")

    def _share(self, rule: dict[str, Any], direction: str | None) -> None:
        rule["at_least"] = self._value()
        self._place("at_least", "value")
        _percent(self.r, rule, rule["at_least"], self.sheet, self.at.get("value", ""))
        self._of(rule, "of")

    def _count(self, rule: dict[str, Any], direction: str | None) -> None:
        rule["at_least"] = self._value(whole=True)
        self._place("at_least", "value")
        self._of(rule, "noun")

    def _level(self, rule: dict[str, Any], direction: str | None) -> None:
        levels = [
            p.strip() for p in re.split(r"[;\n]", _text(self.get("levels")) or "") if p.strip()
        ]
        at = self.at.get("levels", self.at["kind"])
        self.r.required(levels, self.sheet, at, "levels")
        chosen = _text(self.get("value"))
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

    def _extras(self, rule: dict[str, Any], extras: dict[_Extra, object]) -> None:
        """The regions' and groups' own values; one the kind cannot take is an error."""
        takes = {
            "threshold": ("by_region", "by_group"),
            "share": ("by_group",),
            "count": ("by_group",),
        }.get(rule["kind"], ())
        for extra, raw in extras.items():
            at = self.r.where(self.sheet, self.out.row, extra.col)
            if raw is None or _text(raw) is None:
                continue
            if extra.field not in takes:
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
            _percent(self.r, rule, value, self.sheet, at)
            rule.setdefault(extra.field, {})[extra.key] = value
            self.out.cells[("rule", extra.field, extra.key)] = (self.sheet, at)


class _Criteria:
    """The rows grouped into criteria, by number; each indicator under its criterion in the
    order of its id (rows may have been re-sorted)."""

    def __init__(self, rows: IndicatorRows, parsed: list[_Row]) -> None:
        self.rows = rows
        self.parsed = parsed

    def assemble(self) -> list[Any]:
        groups: dict[int, list[_Row]] = {}
        for row in self.parsed:
            if row.number is not None:
                groups.setdefault(row.number, []).append(row)
        out = []
        for index, number in enumerate(sorted(groups)):
            members = sorted(groups[number], key=lambda r: _order(r.indicator.get("id")))
            out.append(self._criterion(index, number, members))
        return out

    def _criterion(self, index: int, number: int, members: list[_Row]) -> dict[str, Any]:
        r, sheet = self.rows.r, self.rows.sheet
        first = members[0]
        r.cells[("criteria", index)] = (sheet, first.at["criterion"])
        r.cells[("criteria", index, "number")] = (sheet, first.at["criterion"])
        name = self._agreed(members, "criterion_name", index, "name")
        name_en = self._agreed(members, "criterion_name_en", index, "name")
        names = self._agreed(members, "criterion_departments", index, "departments")
        criterion: dict[str, Any] = {"number": number, "name": _bilingual(name, name_en)}
        if criterion["name"] is None:
            at = first.at.get("criterion_name", first.at["criterion"])
            r.required(None, sheet, at, "criterion_name")
        departments = [
            self.rows.department(n, self._at(members, "criterion_departments"))
            for n in re.split(r"\s*;\s*", _text(names) or "")
            if n
        ]
        if departments:
            criterion["departments"] = [d for d in departments if d]
        criterion["indicators"] = []
        for place, row in enumerate(members):
            for path, cell in row.cells.items():
                r.cells[("criteria", index, "indicators", place, *path)] = cell
            ind = row.indicator
            criterion["indicators"].append({k: ind[k] for k in _FIELDS if ind.get(k) is not None})
        return criterion

    def _at(self, members: list[_Row], key: str) -> str:
        found = next((m.at[key] for m in members if _text(m.criterion.get(key))), None)
        return found or members[0].at["criterion"]

    def _agreed(self, members: list[_Row], key: str, index: int, field: str) -> object:
        """A criterion's cell as its rows give it: the first filled one; a row that gives
        another is an error there."""
        r, sheet = self.rows.r, self.rows.sheet
        chosen: object = None
        for row in members:
            value = _text(row.criterion.get(key))
            if value is None:
                continue
            if chosen is None:
                chosen = value
                r.cells[("criteria", index, field)] = (sheet, row.at[key])
            elif value != chosen:
                vi, en = _what(key)
                r.problems.error(
                    sheet,
                    row.at[key],
                    "xlsx-criterion-differs",
                    f"{vi} khác dòng trên của cùng tiêu chí ({chosen!r})",
                    f"{en} differs from an earlier row of the criterion ({chosen!r})",
                )
        return chosen


def _order(ind_id: object) -> tuple[int, ...]:
    parts = str(ind_id or "").split(".")
    return tuple(int(p) if p.isdigit() else 0 for p in parts)
