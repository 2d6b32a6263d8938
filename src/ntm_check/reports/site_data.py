"""The site's open data: every table a page shows, also as CSV and JSON beside the page.

``units/tan-yen.html`` shows its indicators, gaps and history: beside it are
``units/tan-yen.indicators.csv`` and ``units/tan-yen.indicators.json``, and so on. Names stay
the same across builds. CSV is UTF-8 with a byte-order mark (Excel then reads Vietnamese
correctly), a header row of the column names below, ``\\r\\n`` line ends; JSON holds
``schema_version``, the table's name, its columns and a row per object, keys in column order.
Statuses and verdicts are codes (``met``, ``pass``), names are in the page's language.
:data:`COLUMNS` is the data dictionary (``data.html``); a test holds every file to it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass

from ntm_check.text import visible_controls

SCHEMA_VERSION = 1
Value = str | int | float | bool | None

#: every column of every table: (type, meaning in Vietnamese, meaning in English)
COLUMNS: dict[str, tuple[str, str, str]] = {
    "unit_id": ("text", "mã hồ sơ của đơn vị (id)", "the unit's file id"),
    "unit": ("text", "tên đơn vị, như hồ sơ ghi", "the unit's name, as its file gives it"),
    "code": ("text", "mã đơn vị hành chính chính thức", "the official administrative code"),
    "province": ("text", "tỉnh", "province"),
    "criteria_set": ("text", "mã bộ tiêu chí", "the criteria set's id"),
    "criteria_set_title": ("text", "tên bộ tiêu chí", "the criteria set's title"),
    "met": ("integer", "số chỉ tiêu đạt", "indicators met"),
    "applicable": ("integer", "số chỉ tiêu áp dụng", "indicators applicable"),
    "share_met": ("integer", "tỷ lệ chỉ tiêu đạt (%)", "share of indicators met (%)"),
    "verdict": (
        "pass | fail | invalid | none",
        "kết quả: đạt, chưa đạt, hồ sơ lỗi, chưa đánh giá",
        "verdict: met, not met, invalid file, not yet assessed",
    ),
    "weakest_criterion": ("text", "tiêu chí yếu nhất", "the weakest criterion"),
    "gaps": ("integer", "số chỉ tiêu còn thiếu", "open gaps"),
    "overdue_actions": ("integer", "số nhiệm vụ quá hạn", "overdue actions"),
    "errors": ("integer", "số lỗi của hồ sơ", "errors in the file"),
    "as_of": ("date (ISO)", "ngày đánh giá", "assessment date"),
    "age_days": ("integer", "số ngày từ lần đánh giá", "days since the assessment"),
    "criterion": ("integer", "số thứ tự tiêu chí", "the criterion's number"),
    "indicator": ("text", "mã chỉ tiêu (3.1)", "the indicator's id (3.1)"),
    "indicator_name": ("text", "tên chỉ tiêu", "the indicator's name"),
    "status": (
        "met | unmet | no_data | not_applicable",
        "trạng thái chỉ tiêu",
        "the indicator's status",
    ),
    "required": ("text", "yêu cầu", "what is required"),
    "current": ("text", "hiện trạng", "the current state"),
    "department": ("text", "cơ quan phụ trách", "the department responsible"),
    "documents": ("text", "văn bản làm căn cứ", "documents cited"),
    "source": ("text", "nguồn của chỉ tiêu", "the indicator's source"),
    "date": ("date (ISO)", "ngày đánh giá", "assessment date"),
    "action": ("text", "mã nhiệm vụ", "the action's id"),
    "action_number": (
        "integer",
        "số thứ tự nhiệm vụ của đơn vị",
        "the action's number at its unit",
    ),
    "due": ("date (ISO)", "hạn", "deadline"),
    "overdue": ("boolean", "quá hạn", "overdue"),
    "path": ("text", "tệp đầu vào", "input file"),
    "sha256": ("text", "SHA-256 của tệp", "the file's SHA-256"),
    "registry_name": ("text", "tên trong danh mục", "name in the registry"),
    "lat": ("number", "vĩ độ trung tâm (danh mục)", "centroid latitude (registry)"),
    "lon": ("number", "kinh độ trung tâm (danh mục)", "centroid longitude (registry)"),
    "size": ("number", "kích thước dấu", "the mark's size"),
    "size_unit": ("km2 | communes", "đơn vị của kích thước", "what the size counts"),
    "why": ("text", "lý do chưa đặt lên bản đồ", "why it is not on the map"),
    "table": ("text", "tên bảng", "the table's name"),
    "column": ("text", "tên cột", "the column's name"),
    "type": ("text", "kiểu", "type"),
    "meaning": ("text", "ý nghĩa", "meaning"),
}

#: each table: where it is published, and its columns
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "units": ("index.units.*", ("unit_id", "unit", "code", "province", "criteria_set",
              "criteria_set_title", "met", "applicable", "share_met", "verdict",
              "weakest_criterion", "gaps", "overdue_actions", "errors", "as_of", "age_days")),
    "indicators": ("units/<id>.indicators.*", ("criterion", "indicator", "indicator_name",
                   "status", "required", "current", "department", "documents", "source")),
    "gaps": ("units/<id>.gaps.*", ("indicator", "indicator_name", "status", "required",
             "current", "department")),
    "history": ("units/<id>.history.*", ("date", "met", "applicable")),
    "department": ("departments/<id>.gaps.*", ("unit_id", "unit", "indicator",
                   "indicator_name", "status")),
    "owner": ("owners/<key>.actions.*", ("unit_id", "unit", "action", "action_number", "due",
              "overdue")),
    "inputs": ("sources.inputs.*", ("path", "sha256")),
    "marks": ("maps/<map>.marks.*", ("code", "registry_name", "unit_id", "unit", "verdict",
              "met", "applicable", "as_of", "lat", "lon", "size", "size_unit")),
    "unplaced": ("maps/<map>.unplaced.*", ("unit_id", "unit", "code", "verdict", "why")),
    "columns": ("data.columns.*", ("table", "column", "type", "meaning")),
}  # fmt: skip


@dataclass(frozen=True)
class Table:
    """One table of a page, as data: its name (a key of :data:`TABLES`) and its rows."""

    name: str
    rows: tuple[tuple[Value, ...], ...]
    #: the file name's middle part, when not the table's name (``gaps`` for a department)
    part: str = ""

    @property
    def columns(self) -> tuple[str, ...]:
        return TABLES[self.name][1]


def table(name: str, rows: Iterable[Iterable[Value]], part: str = "") -> Table:
    made = tuple(tuple(row) for row in rows)
    width = len(TABLES[name][1])
    assert all(len(row) == width for row in made), name
    return Table(name, made, part)


def to_csv(t: Table) -> str:
    """The table as CSV text, with the byte-order mark Excel needs to read UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(t.columns)
    for row in t.rows:
        writer.writerow([_cell(v) for v in row])
    return "\ufeff" + out.getvalue()


#: what makes a spreadsheet read a cell as a formula (or a command, in some programs)
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A CSV cell as a spreadsheet should show it: a file's text never runs as a formula
    (``'`` before ``=``, ``+``, ``-``, ``@``, as OWASP advises) and its control characters
    are shown, not written raw; numbers stay numbers."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    text = visible_controls(value)
    return f"'{text}" if text.startswith(_FORMULA_LEADS) else text


def to_json(t: Table) -> str:
    document = {
        "schema_version": SCHEMA_VERSION,
        "table": t.name,
        "columns": list(t.columns),
        "rows": [dict(zip(t.columns, row, strict=True)) for row in t.rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def data_files(page: str, tables: Iterable[Table]) -> list[tuple[str, str]]:
    """The CSV and JSON files of a page's tables: ``(path in the site, text)``."""
    stem = page.removesuffix(".html")
    out = []
    for t in tables:
        name = f"{stem}.{t.part or t.name}"
        out += [(f"{name}.csv", to_csv(t)), (f"{name}.json", to_json(t))]
    return out


def links(page: str, tables: Iterable[Table]) -> list[dict[str, str]]:
    """What a page links to: each table's CSV and JSON, relative to the page."""
    stem = page.removesuffix(".html").rsplit("/", 1)[-1]
    return [
        {"name": t.part or t.name, "csv": f"{stem}.{t.part or t.name}.csv",
         "json": f"{stem}.{t.part or t.name}.json"}
        for t in tables
    ]  # fmt: skip


def dictionary(lang: str) -> Table:
    """The data dictionary as a table of its own (``data.columns``)."""
    rows = [
        (name, column, COLUMNS[column][0], COLUMNS[column][1 if lang == "vi" else 2])
        for name, (_, columns) in TABLES.items()
        for column in columns
    ]
    return table("columns", rows)
