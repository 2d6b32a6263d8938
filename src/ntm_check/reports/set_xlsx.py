"""``ntm-check criteria export SET -o set.xlsx``: a criteria set as the table officials read and
type in; ``ntm-check criteria template``: the same workbook, blank, for a new set.

Sheets (named in the run's language; ``criteria import`` reads either; the layout is in
:mod:`ntm_check.set_workbook_layout`):

* **Chỉ tiêu / Indicators**: one row per indicator: criterion (number, name), id, name and
  requirement (Vietnamese and English), how it is judged in an official's words (chosen from a
  list: ``Giá trị ≥ …``, ``Tỷ lệ ≥ …%``, …), threshold, unit, what a share or a count is of,
  a level's scale, the condition it applies under, the responsible department (by name, from
  a list), its sources and how well it was checked (from a list); a column per region and per
  group of the set with their own values; then, written by ntm-check and never read back, the
  rule as ntm-check reads it and the row's origin (set and documents: an overlay's rows say
  whose they are).
* **Bộ tiêu chí / Criteria set**: id, title, kind of unit (a list), period, number of
  indicators, the set it extends.
* **Giá trị theo tỉnh / Province values**: indicator, province code, the province's value.
* **Căn cứ pháp lý / Legal basis**, **Nguồn / Sources**, **Vùng / Regions**, **Nhóm / Groups**,
  **Cơ quan / Departments**, **Chỉ tiêu bỏ / Removals** (an overlay's, with reasons), and a
  short guide.

Styled and printed as the self-assessment workbook is (:mod:`ntm_check.reports.xlsx`): A4
landscape, heading rows repeated, frozen panes, the cells ntm-check fills italic on grey; a
text starting with ``=`` is written as text, never a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import openpyxl  # the office extra: imported by ``criteria export`` and ``template`` only
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ntm_check.i18n import Lang, in_lang
from ntm_check.reports.xlsx_cells import (
    BOX,
    GREY,
    OUT_FILL,
    OUT_FONT,
    WRAP,
    choices,
    heading_cell,
    lines_needed,
    print_setup,
    put,
)
from ntm_check.run.criteria_sets import rule_words
from ntm_check.set_workbook_layout import (
    COLUMNS,
    GROUP_PREFIX,
    GUIDE,
    HEADER_ROW,
    HEADINGS,
    LAST_PRINTED,
    LIST_COLUMNS,
    LIST_OUTPUT,
    NOTE,
    OUTPUT_COLUMNS,
    REGION_PREFIX,
    RULE_CHOICES,
    SET_FIELDS,
    SHEETS,
    UNIT_CHOICES,
    VERIFICATION_CHOICES,
    WIDTHS,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ntm_check.fields import LocalText
    from ntm_check.model.criteria import CriteriaSet, Criterion, Indicator
    from ntm_check.run.set_book import SetBook

#: rows offered with the lists (and ids kept as text) below the last indicator
_SPARE_ROWS = 200


def workbook(book: SetBook, lang: Lang) -> bytes:
    """The set's workbook (blank when ``book.cset`` is ``None``)."""
    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = _name("indicators", lang)
    cset = book.cset
    _indicators(sheet, book, lang)
    _set_sheet(wb.create_sheet(_name("set", lang)), cset, lang, book.unit)
    _grid(wb.create_sheet(_name("provinces", lang)), "provinces", _province_rows(cset), lang)
    _grid(wb.create_sheet(_name("legal_basis", lang)), "legal_basis", _basis_rows(book), lang)
    _grid(wb.create_sheet(_name("sources", lang)), "sources", _source_rows(cset), lang)
    for key in ("regions", "groups", "departments"):
        names = getattr(cset, key) if cset is not None else {}
        rows: list[tuple[object, ...]] = [(k, t.vi, t.en) for k, t in names.items()]
        if cset is None and key == "groups":
            rows = [(k, *n) for k, n in book.group_names().items()]
        _grid(wb.create_sheet(_name(key, lang)), key, rows, lang)
    _removals(wb.create_sheet(_name("removals", lang)), book, lang)
    _guide(wb.create_sheet(_name("guide", lang)), lang)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _name(key: str, lang: Lang) -> str:
    return in_lang(SHEETS[key], lang)


def _vi(text: LocalText | None) -> str | None:
    return None if text is None else text.vi


def _en(text: LocalText | None) -> str | None:
    return None if text is None else text.en


# -- the indicator sheet ----------------------------------------------------------------------


def _extra_columns(book: SetBook, lang: Lang) -> list[tuple[str, str, str]]:
    """The region and group columns: (``region`` or ``group``, id, heading); a blank
    workbook's, its groups'."""
    cset = book.cset
    if cset is None:
        prefix = in_lang(GROUP_PREFIX, lang)
        return [
            ("group", k, f"{prefix}: {in_lang(n, lang)}") for k, n in book.group_names().items()
        ]
    out = [
        ("region", k, f"{in_lang(REGION_PREFIX, lang)}: {t.get(lang)}")
        for k, t in cset.regions.items()
    ]
    out += [
        ("group", k, f"{in_lang(GROUP_PREFIX, lang)}: {t.get(lang)}")
        for k, t in cset.groups.items()
    ]
    return out


def _indicators(ws: Worksheet, book: SetBook, lang: Lang) -> None:
    cset = book.cset
    extra = _extra_columns(book, lang)
    width = len(COLUMNS) + len(extra)
    last = get_column_letter(width)
    title = cset.title.get(lang) if cset is not None else in_lang(SHEETS["indicators"], lang)
    put(ws, 1, 1, title, font=Font(bold=True, size=13))
    ws.merge_cells(f"A1:{last}1")
    put(ws, 2, 1, in_lang(NOTE, lang), font=OUT_FONT, alignment=WRAP)
    ws.merge_cells(f"A2:{last}2")
    ws.row_dimensions[2].height = 45
    _headings(ws, extra, lang)
    row = HEADER_ROW + 1
    if cset is not None:
        names = {k: t.get(lang) for k, t in cset.departments.items()}
        for criterion, indicator in cset.indicator_pairs:
            values = _row(cset, book, criterion, indicator, names, lang)
            values += [_by(indicator, kind, key) for kind, key, _ in extra]
            _indicator_row(ws, row, values)
            row += 1
    _lists(ws, row + _SPARE_ROWS, lang)
    ws.freeze_panes = f"E{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(row - 1, HEADER_ROW)}"
    print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}", wide=2)
    printed = get_column_letter(list(COLUMNS).index(LAST_PRINTED) + 1)
    ws.print_area = f"A1:{printed}{max(row - 1, HEADER_ROW)}"


def _headings(ws: Worksheet, extra: list[tuple[str, str, str]], lang: Lang) -> None:
    heads = [
        (in_lang((vi, en), lang), key in OUTPUT_COLUMNS, width)
        for key, (vi, en, width) in COLUMNS.items()
    ]
    heads += [(heading, False, 12) for _, _, heading in extra]
    for col, (text, output, width) in enumerate(heads, start=1):
        heading_cell(ws, HEADER_ROW, col, text, output)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[HEADER_ROW].height = 48


_KEYS = list(COLUMNS)


def _indicator_row(ws: Worksheet, row: int, values: list[object]) -> None:
    # the height the printed columns need: a long note in a column typed into but never
    # printed would double the pages (the whole text stays in the cell)
    printed = _KEYS.index(LAST_PRINTED) + 1
    widths = [w for _, _, w in COLUMNS.values()][:printed]
    ws.row_dimensions[row].height = 15 * lines_needed(values[:printed], widths)
    for col, value in enumerate(values, start=1):
        output = col <= len(_KEYS) and _KEYS[col - 1] in OUTPUT_COLUMNS
        style: dict[str, Any] = {"font": OUT_FONT, "fill": OUT_FILL} if output else {}
        put(ws, row, col, value, border=BOX, alignment=WRAP, **style)
    ws.cell(row=row, column=_KEYS.index("id") + 1).number_format = "@"


def _row(
    cset: CriteriaSet,
    book: SetBook,
    criterion: Criterion,
    ind: Indicator,
    names: dict[str, str],
    lang: Lang,
) -> list[object]:
    """An indicator's cells, in the order of ``COLUMNS``."""
    cells: dict[str, object] = {
        "criterion": criterion.number,
        "criterion_name": criterion.name.vi,
        "criterion_name_en": criterion.name.en,
        "criterion_departments": "; ".join(names.get(d, d) for d in criterion.departments),
        "id": ind.id,
        "name": ind.name.vi,
        "name_en": ind.name.en,
        "requirement": ind.requirement.vi,
        "requirement_en": ind.requirement.en,
        **_rule_cells(ind, lang),
        "applies_when": _vi(ind.applies_when),
        "applies_when_en": _en(ind.applies_when),
        "department": names.get(ind.department, ind.department),
        "refs": "; ".join(ind.source.refs),
        "verification": in_lang(VERIFICATION_CHOICES[ind.source.verification], lang),
        "source_note": _vi(ind.source.note),
        "source_note_en": _en(ind.source.note),
        "read_as": rule_words(ind.rule, cset).get(lang),
        "origin": _origin(cset, book, ind.id),
    }
    return [cells.get(key) for key in COLUMNS]


def _rule_cells(ind: Indicator, lang: Lang) -> dict[str, object]:
    """How the indicator is judged: the kind's words, threshold, unit, what it is of, levels."""
    rule: Any = ind.rule
    key = rule.kind
    if rule.kind == "threshold":
        key = "threshold.at_least" if rule.at_least is not None else "threshold.at_most"
    cells: dict[str, object] = {"kind": in_lang(RULE_CHOICES[key], lang)}
    if rule.kind == "threshold":
        limit = rule.at_least if rule.at_least is not None else rule.at_most
        cells |= {
            "value": limit,
            "unit": rule.unit,
            "minimum": rule.minimum,
            "maximum": rule.maximum,
        }
    elif rule.kind in ("count", "share"):
        what = rule.noun if rule.kind == "count" else rule.of
        cells |= {"value": rule.at_least, "of": what.vi, "of_en": what.en}
        cells["unit"] = "%" if rule.kind == "share" else None
    elif rule.kind == "level":
        cells |= {"value": rule.at_least, "levels": "; ".join(rule.levels)}
    return cells


def _by(ind: Indicator, kind: str, key: str) -> object:
    """The indicator's own value for a region or a group (``None``: the set's)."""
    values = getattr(ind.rule, "by_region" if kind == "region" else "by_group", {})
    return values.get(key)


def _origin(cset: CriteriaSet, book: SetBook, ind_id: str) -> str:
    """``set-id (320/QĐ-TTg; 211/QĐ-TTg)``: the set file the row comes from, and its documents."""
    origin = cset.origin(ind_id)
    if origin is None:
        set_id, documents = cset.id, tuple(d.number for d in cset.legal_basis)
    else:
        set_id, documents = origin.set_id, origin.documents
    return f"{set_id} ({'; '.join(documents)})" if documents else set_id


def _lists(ws: Worksheet, last: int, lang: Lang) -> None:
    """The choices offered: how it is judged, the department, the verification."""
    first = HEADER_ROW + 1
    for key, words in (("kind", RULE_CHOICES), ("verification", VERIFICATION_CHOICES)):
        col = get_column_letter(_KEYS.index(key) + 1)
        choices(ws, (in_lang(pair, lang) for pair in words.values())).add(
            f"{col}{first}:{col}{last}"
        )
    departments = _name("departments", lang)
    name_col = "C" if lang == "en" else "B"
    rule = DataValidation(
        type="list", formula1=f"'{departments}'!${name_col}$2:${name_col}$300", allow_blank=True
    )
    ws.add_data_validation(rule)
    col = get_column_letter(_KEYS.index("department") + 1)
    rule.add(f"{col}{first}:{col}{last}")
    id_col = _KEYS.index("id") + 1
    for row in range(first, last + 1):  # an id typed later stays text: 1.10 is not 1.1
        ws.cell(row=row, column=id_col).number_format = "@"


# -- the other sheets -------------------------------------------------------------------------


def _set_sheet(ws: Worksheet, cset: CriteriaSet | None, lang: Lang, unit: str | None) -> None:
    """The set's own fields: label, value, what it means, and (hidden) the field's key; a
    blank workbook's kind of unit when chosen."""
    values: dict[str, object] = {"unit": in_lang(UNIT_CHOICES[unit], lang)} if unit else {}
    if cset is not None:
        unit = in_lang(UNIT_CHOICES[cset.unit], lang)
        values = {
            "id": cset.id,
            "title": cset.title.vi,
            "title_en": cset.title.en,
            "unit": unit,
            "period": cset.period,
            "indicator_count": cset.indicator_count,
            "extends": cset.extends,
        }
    heads = (("Trường", "Field"), ("Giá trị", "Value"), ("Ý nghĩa", "Meaning"))
    for col, pair in enumerate(heads, start=1):
        put(ws, 1, col, in_lang(pair, lang), font=Font(bold=True), fill=GREY, border=BOX)
    put(ws, 1, 4, "key", font=Font(bold=True), fill=GREY)
    for row, (key, (shown, meaning)) in enumerate(SET_FIELDS.items(), start=2):
        put(ws, row, 1, in_lang(shown, lang), border=BOX, alignment=WRAP)
        put(ws, row, 2, values.get(key), border=BOX, alignment=WRAP)
        put(ws, row, 3, in_lang(meaning, lang), border=BOX, alignment=WRAP, font=OUT_FONT)
        put(ws, row, 4, key)
        ws.row_dimensions[row].height = 30
    for letter, width in zip("ABC", (28, 60, 50), strict=True):
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["D"].hidden = True
    units = choices(ws, (in_lang(pair, lang) for pair in UNIT_CHOICES.values()))
    units.add(f"B{list(SET_FIELDS).index('unit') + 2}")
    print_setup(ws, "1:1")


def _grid(ws: Worksheet, sheet: str, rows: Iterable[Sequence[object]], lang: Lang) -> None:
    """A list sheet: its headings on row 1, a row per item, the rows below kept for typing."""
    keys = LIST_COLUMNS[sheet]
    for col, key in enumerate(keys, start=1):
        heading_cell(ws, 1, col, in_lang(HEADINGS[key], lang), key in LIST_OUTPUT)
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS[key]
    count = 0
    for count, values in enumerate(rows, start=1):
        _grid_row(ws, count + 1, keys, values)
    _spare_rows(ws, keys, count + 2, lang)
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "B2"
    print_setup(ws, "1:1", wide=2)


def _grid_row(ws: Worksheet, row: int, keys: Sequence[str], values: Sequence[object]) -> None:
    ws.row_dimensions[row].height = 15 * lines_needed(values, [WIDTHS[k] for k in keys])
    for col, (key, value) in enumerate(zip(keys, values, strict=True), start=1):
        style = {"font": OUT_FONT, "fill": OUT_FILL} if key in LIST_OUTPUT else {}
        put(ws, row, col, value, border=BOX, alignment=WRAP, **style)


def _spare_rows(ws: Worksheet, keys: Sequence[str], first: int, lang: Lang) -> None:
    """The rows below a list, from ``first``: ids and codes typed later stay text, the
    verification is chosen from its list."""
    last = first + _SPARE_ROWS - 1
    for key in ("id", "indicator", "province"):
        if key in keys:
            place = keys.index(key) + 1
            for row in range(first, last + 1):
                ws.cell(row=row, column=place).number_format = "@"
    if "verification" in keys:
        letter = get_column_letter(keys.index("verification") + 1)
        words = (in_lang(pair, lang) for pair in VERIFICATION_CHOICES.values())
        choices(ws, words).add(f"{letter}2:{letter}{last}")


def _province_rows(cset: CriteriaSet | None) -> list[tuple[object, ...]]:
    """Each province's own value of each indicator."""
    if cset is None:
        return []
    rows: list[tuple[object, ...]] = []
    for _, ind in cset.indicator_pairs:
        for code, value in getattr(ind.rule, "by_province", {}).items():
            rows.append((ind.id, code, value))
    return rows


def _basis_rows(book: SetBook) -> list[tuple[object, ...]]:
    """The legal basis; for an overlay, each document with the set it belongs to."""
    cset = book.cset
    if cset is None:
        return []
    base = {(d.number, d.date) for d in book.base.legal_basis} if book.base else set()
    rows: list[tuple[object, ...]] = []
    for doc in cset.legal_basis:
        of_set = (cset.extends or cset.id) if (doc.number, doc.date) in base else cset.id
        rows.append(
            (
                doc.number,
                doc.date,
                doc.issuer,
                doc.title.vi,
                doc.title.en,
                _vi(doc.note),
                _en(doc.note),
                of_set,
            )
        )
    return rows


def _source_rows(cset: CriteriaSet | None) -> list[tuple[object, ...]]:
    if cset is None:
        return []
    return [
        (key, s.title.vi, s.title.en, s.date, s.issuer, s.url, _vi(s.note), _en(s.note))
        for key, s in cset.sources.items()
    ]


def _removals(ws: Worksheet, book: SetBook, lang: Lang) -> None:
    rows = [
        (
            r.id,
            r.reason.vi,
            r.reason.en,
            "; ".join(r.source.refs),
            in_lang(VERIFICATION_CHOICES[r.source.verification], lang),
            _vi(r.source.note),
            _en(r.source.note),
        )
        for r in book.removals
    ]
    _grid(ws, "removals", rows, lang)


def _guide(ws: Worksheet, lang: Lang) -> None:
    for row, pair in enumerate(GUIDE, start=1):
        put(ws, row, 1, in_lang(pair, lang), alignment=WRAP, font=Font(bold=row == 1))
        ws.row_dimensions[row].height = 32
    ws.column_dimensions["A"].width = 110
    print_setup(ws, "1:1")
