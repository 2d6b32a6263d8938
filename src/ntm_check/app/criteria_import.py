"""``ntm-check criteria import FILE.xlsx -o criteria/SET.yaml``: a criteria set's workbook (as
``criteria export`` or ``criteria template`` writes it, typed in from a decision's annex) read
into the set file ``validate`` accepts.

The workbook's own problems are said at their cells; the set it holds is then checked by the
one set validation, each problem said at the cell its value came from. A workbook whose set
sheet names a set it ``extends`` becomes an overlay file holding only what differs from that
set (:mod:`ntm_check.run.set_workbook_overlay`). The file is written through the one writer:
an existing file is replaced only with ``--force``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_check.app.formats import OFFICE
from ntm_check.app.outcome import EXIT_INVALID, EXIT_OK, WROTE, Outcome, Said, Stop, outcome_of
from ntm_check.app.workspace import Workspace
from ntm_check.text import Text

if TYPE_CHECKING:
    from ntm_check.load.set_workbook import SetRead
    from ntm_check.load.workbook_cells import Cells
    from ntm_check.run.sets import SetStore


@dataclass(frozen=True)
class SetImportRequest:
    workbook: Path
    output: Path


def _not_written(output: Path) -> Stop:
    return Stop(
        EXIT_INVALID,
        Text(
            f"{output}: chưa ghi: tệp Excel có lỗi (xem ở trên)",
            f"{output}: not written: the workbook has errors (above)",
        ),
    )


def run(request: SetImportRequest, ws: Workspace) -> Outcome[str]:
    """The set file's text, to be written to ``output``; exit 2 when the workbook, or the set
    it holds, has errors."""

    def body(said: Said) -> Outcome[str]:
        try:
            import openpyxl  # noqa: F401, PLC0415 - only to say which extra is missing

            from ntm_check.load.set_workbook import read_set_workbook  # noqa: PLC0415
        except ImportError:
            raise Stop(EXIT_INVALID, OFFICE) from None
        book, output = request.workbook, request.output
        if output.exists() and book.exists() and output.resolve() == book.resolve():
            raise Stop(
                EXIT_INVALID,
                Text(
                    f"{output}: là chính tệp Excel đang đọc; không ghi",
                    f"{output}: is the workbook being read; not written",
                ),
            )
        read = read_set_workbook(book)
        said.all(read.problems)
        if read.data is None or _errors(read.problems):
            raise _not_written(output)
        store = ws.sets([output])
        data, cells = _shaped(read, store, str(book), said)
        _named_as_its_id(data, cells, output)
        text = _checked(data, cells, store, request, said)
        # the set it extends was read: the one writer refuses to replace it with the overlay
        return Outcome(EXIT_OK, text, inputs=(book, *store.files_read()), wrote=WROTE)

    return outcome_of(body)


def _named_as_its_id(data: dict[str, Any], cells: Cells, output: Path) -> None:
    """A set is found by its file's name: one written under another name would be invisible
    to the units that name it (or, under its base's name, would replace the base)."""
    set_id = data.get("id")
    if not isinstance(set_id, str) or output.stem == set_id:
        return
    sheet, cell = cells.get(("id",), (None, None))
    where = f" ({sheet}!{cell})" if sheet and cell else ""
    raise Stop(
        EXIT_INVALID,
        Text(
            f"{output}: tên tệp phải là mã bộ tiêu chí{where}: {set_id}{output.suffix}",
            f"{output}: the file must be named by the set's id{where}: {set_id}{output.suffix}",
        ),
    )


def _errors(problems: Any) -> bool:
    return any(p.level.value == "error" for p in problems)


def _shaped(read: SetRead, store: SetStore, book: str, said: Said) -> tuple[dict[str, Any], Cells]:
    """The data as the file to write: a whole set, or an overlay of the set it extends."""
    from ntm_check.load.workbook_values import Problems  # noqa: PLC0415

    assert read.data is not None
    data, cells = read.data, read.cells
    problems = Problems(book)
    base_id = data.get("extends")
    if base_id is None:
        if data.get("remove"):
            sheet, cell = cells.get(("remove", 0), (None, None))
            problems.error(
                sheet,
                cell,
                "xlsx-remove-without-base",
                "chỉ quy định của tỉnh (có 'Mở rộng bộ') mới bỏ chỉ tiêu",
                "only a province's regulation ('Extends set' given) removes indicators",
            )
        said.all(problems.found)
        if problems.found:
            raise Stop(EXIT_INVALID)
        return data, cells
    base = store.get(str(base_id))
    if base.cset is None:
        sheet, cell = cells.get(("extends",), (None, None))
        problems.error(
            sheet,
            cell,
            "unknown-base",
            f"không tìm thấy bộ tiêu chí {base_id!r} (hoặc bộ có lỗi)",
            f"set {base_id!r} is not found (or has errors)",
        )
        said.all([*base.diagnostics, *problems.found])
        raise Stop(EXIT_INVALID)
    from ntm_check.run.set_workbook_overlay import overlay_data  # noqa: PLC0415

    shaped, moved, found = overlay_data(data, cells, base.cset, book, read.owners)
    said.all(found)
    if _errors(found):
        raise Stop(EXIT_INVALID)
    return shaped, moved


def _checked(
    data: dict[str, Any], cells: Cells, store: SetStore, request: SetImportRequest, said: Said
) -> str:
    """The YAML of the set, checked by the one set validation, each problem said at the cell
    its value came from; :class:`Stop` (2) on an error."""
    from ntm_check.app.import_ import at_cells  # noqa: PLC0415
    from ntm_check.load.set_workbook import to_set_yaml  # noqa: PLC0415

    text = to_set_yaml(data, request.workbook.name)
    digest = hashlib.sha256(text.encode()).hexdigest()
    _, problems = store.add_file(str(request.output), text, digest)
    said.all(at_cells(problems, text, cells, str(request.workbook)))
    if _errors(problems):
        raise _not_written(request.output)
    return text
