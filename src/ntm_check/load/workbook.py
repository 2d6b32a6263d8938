"""``ntm-check import``: a self-assessment workbook (as ``export`` writes it, then filled in by
hand) read back into evidence data.

The workbook is hostile input like any other file:

* macros (``.xlsm``, a ``vbaProject.bin``) and external links are refused, and so is a file
  whose uncompressed size is out of proportion (a zip bomb: over :data:`MAX_UNPACKED` bytes in
  all, or one part over :data:`MAX_RATIO` times its packed size);
* formulas are never evaluated: a formula cell's value is the one Excel last saved, and a
  formula with no saved value is an error;
* every problem is located as ``file.xlsx:Sheet!C12``, all of them at once.

What a person changes by hand is expected: rows re-sorted, blank rows, merged title cells,
columns moved (headings are matched in either language), dates typed as text (``05/4/2024``),
decimal commas (``84,5``), status words with any case or spacing (``Đạt``, ``chưa  đạt``);
the sheets are read in :mod:`ntm_check.load.workbook_read`.
"""

from __future__ import annotations

import errno
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm_check.load.workbook_cells import Cells, data_changes
from ntm_check.load.workbook_read import CellProblem, Known, Problems, Reader, _key
from ntm_check.workbook_layout import SHEETS, UNIT_LABELS

__all__ = ("CellProblem", "Known", "Read", "criteria_set_named", "data_changes", "read_workbook",
           "to_yaml")  # fmt: skip

#: the most a workbook may unpack to, in all (bytes)
MAX_UNPACKED = 50 * 1024 * 1024
#: the most one part may unpack to, as a multiple of its packed size
MAX_RATIO = 200
#: the most rows and columns a sheet may use (a province's units, or a set's indicators,
#: are far fewer; a stray cell at XFD1048576 would otherwise cost gigabytes)
MAX_ROWS = 20_000
MAX_COLUMNS = 100


@dataclass(frozen=True)
class Read:
    """What a workbook holds: its evidence data (``None`` when it cannot be read), its problems,
    and the cell each value came from."""

    data: dict[str, Any] | None
    problems: list[CellProblem]
    cells: Cells = field(default_factory=dict)


def read_workbook(path: Path, display: str | None = None, known: Known | None = None) -> Read:
    """The evidence data a workbook holds, its problems, and where each value came from.

    ``known``: what the set tells (its indicator ids: any other is an error at its cell; its
    departments' names, read as their ids).
    """
    shown = display or str(path)
    problems = Problems(shown)
    if not _safe(path, problems):
        return Read(None, problems.found)
    books = _load(path, problems)
    if books is None:
        return Read(None, problems.found)
    formulas, values = books
    found = _sheets(values, problems)
    _check_sheet_sizes(values, found, problems)
    if problems.found:
        return Read(None, problems.found)
    reader = Reader(formulas, values, problems, known or Known())
    if "written" in found:
        reader.written = _written(values[found["written"]])
    data = reader.unit(found["unit"])
    data["documents"] = reader.documents(found["documents"])
    data["indicators"] = reader.indicators(found["table"])
    data["actions"] = reader.actions(found["actions"])
    return Read(data, problems.found, reader.cells)


def _written(ws: Any) -> dict[tuple[str, str], object]:
    """The hidden sheet of what export wrote in the cells only ntm-check fills."""
    return {
        (str(row[0]), str(row[1])): row[2]
        for row in ws.iter_rows(min_row=1, max_col=3, values_only=True)
        if row[0] is not None and row[1] is not None
    }


def _load(path: Path, problems: Problems) -> tuple[Any, Any] | None:
    """The workbook twice: with its formulas, and with the values Excel last saved."""
    import openpyxl  # noqa: PLC0415 - the office extra, for this command only

    try:
        formulas = openpyxl.load_workbook(path, data_only=False)
        values = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error on a broken file
        problems.error(None, None, "xlsx-unreadable", f"không đọc được tệp Excel: {exc}",
                       f"cannot read the workbook: {exc}")  # fmt: skip
        return None
    return formulas, values


def _sheets(values: Any, problems: Problems) -> dict[str, str]:
    """Each sheet's name by its key in ``SHEETS`` (named in either language); a sheet that
    ``export`` always writes is an error when missing."""
    sheets = {_key(name): name for name in values.sheetnames}
    found: dict[str, str] = {}
    for key, names in SHEETS.items():
        name = next((sheets[_key(n)] for n in names if _key(n) in sheets), None)
        if name is not None:
            found[key] = name
    for key in ("table", "unit", "actions", "documents"):  # export always writes them
        if key not in found:
            vi, en = SHEETS[key]
            problems.error(None, None, "xlsx-missing-sheet", f"thiếu trang tính {vi!r}",
                           f"no sheet {en!r} (or {vi!r})")  # fmt: skip
    return found


def _check_sheet_sizes(values: Any, found: dict[str, str], problems: Problems) -> None:
    """A sheet that reaches beyond :data:`MAX_ROWS` or :data:`MAX_COLUMNS` is an error."""
    for name in found.values():
        ws = values[name]
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
            problems.error(
                name, None, "xlsx-too-large",
                f"trang tính dùng tới ô {ws.dimensions.split(':')[-1]}; giới hạn {MAX_ROWS:,} "
                f"dòng, {MAX_COLUMNS} cột (hãy xóa ô lạc ở xa)",
                f"the sheet reaches cell {ws.dimensions.split(':')[-1]}; the limits are "
                f"{MAX_ROWS:,} rows and {MAX_COLUMNS} columns (delete the stray cell)",
            )  # fmt: skip


#: why a file could not be read, in Vietnamese (the system says it in English)
_READ_FAILURES = {
    errno.ENOENT: "không có tệp này",
    errno.EISDIR: "là thư mục, không phải tệp",
    errno.EACCES: "không có quyền đọc",
    errno.EPERM: "không có quyền đọc",
}


def _safe(path: Path, problems: Problems) -> bool:
    """Refuse macros, external links and zip bombs before any XML is parsed."""
    if path.suffix.lower() in (".xlsm", ".xltm", ".xlam"):
        problems.error(None, None, "xlsx-macros", "tệp có macro (.xlsm) không được nhận",
                       "a macro-enabled workbook (.xlsm) is refused")  # fmt: skip
        return False
    infos = _parts(path, problems)
    if infos is None:
        return False
    _check_parts(infos, problems)
    _check_unpacked(infos, problems)
    return not problems.found


def _parts(path: Path, problems: Problems) -> list[zipfile.ZipInfo] | None:
    """The parts of the workbook's zip archive; ``None`` when it cannot be read as one."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.infolist()
    except zipfile.BadZipFile:
        problems.error(None, None, "xlsx-unreadable",
                       "không phải tệp Excel (.xlsx): không đọc được dạng nén của nó",
                       "not an Excel workbook (.xlsx): it is not a zip archive")  # fmt: skip
        return None
    except OSError as exc:
        why = _READ_FAILURES.get(exc.errno or 0, "không đọc được")
        problems.error(None, None, "xlsx-unreadable", f"không đọc được tệp Excel: {why}",
                       f"cannot read the workbook: {exc.strerror or exc}")  # fmt: skip
        return None


def _check_parts(infos: list[zipfile.ZipInfo], problems: Problems) -> None:
    """Macros (a ``vbaProject.bin``) and external links are errors."""
    names = [i.filename for i in infos]
    if any(n.endswith("vbaProject.bin") for n in names):
        problems.error(None, None, "xlsx-macros", "tệp có macro (vbaProject.bin)",
                       "the workbook holds macros (vbaProject.bin)")  # fmt: skip
    if any(n.startswith("xl/externalLinks/") for n in names):
        problems.error(None, None, "xlsx-external-links",
                       "tệp có liên kết ra tệp khác (external links)",
                       "the workbook links to other files (external links)")  # fmt: skip


def _check_unpacked(infos: list[zipfile.ZipInfo], problems: Problems) -> None:
    """A zip bomb is an error: over :data:`MAX_UNPACKED` bytes in all, or a part compressed
    more than :data:`MAX_RATIO` times."""
    unpacked = sum(i.file_size for i in infos)
    ratio = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
    if unpacked > MAX_UNPACKED or ratio > MAX_RATIO:
        problems.error(
            None, None, "xlsx-too-large",
            f"tệp giải nén ra {unpacked:,} byte (tỷ lệ nén {ratio:.0f}); giới hạn "
            f"{MAX_UNPACKED:,} byte, tỷ lệ {MAX_RATIO}",
            f"the workbook unpacks to {unpacked:,} bytes (ratio {ratio:.0f}); the limits are "
            f"{MAX_UNPACKED:,} bytes and a ratio of {MAX_RATIO}",
        )  # fmt: skip


_ORDER = ("id", "name", "unit", "code", "province", "region", "criteria_set", "as_of", "note",
          "documents", "indicators", "actions")  # fmt: skip


def to_yaml(data: dict[str, Any], source: str) -> str:
    """Evidence data as the YAML file ``validate`` reads (empty fields left out)."""
    import yaml  # noqa: PLC0415

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v is not None and v != []}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    ordered = {key: data[key] for key in _ORDER if key in data}
    body = yaml.safe_dump(clean(ordered), allow_unicode=True, sort_keys=False, width=100)
    return (
        f"# Imported by ntm-check from {source}; edit the workbook or this file, not both.\n{body}"
    )


def criteria_set_named(workbook: Path) -> str | None:
    """The criteria set id a workbook's unit sheet names (``None`` when it cannot be told;
    the workbook's own problems are reported, located, when it is read)."""
    try:
        import openpyxl  # noqa: PLC0415 - the office extra, for import only

        book = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
    except Exception:
        return None
    try:
        for name in SHEETS["unit"]:
            if name in book.sheetnames:
                for row in book[name].iter_rows(min_row=2, max_row=50, values_only=True):
                    if _is_set_row(row):
                        return str(row[1]).strip()
    finally:
        book.close()
    return None


def _is_set_row(row: tuple[object, ...]) -> bool:
    """Whether a row of the unit sheet is the criteria set's (named in the hidden column D, or
    in column A by its field name or label)."""
    names = ("criteria_set", *(w.casefold() for w in UNIT_LABELS["criteria_set"]))
    keys = [str(v).strip().casefold() for v in (row[3:4] or (None,)) + row[:1] if v is not None]
    return len(row) > 1 and isinstance(row[1], str) and any(k in names for k in keys)
