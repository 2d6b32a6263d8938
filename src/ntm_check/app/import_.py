"""``ntm-check import FILE.xlsx -o districts/UNIT.yaml``: a self-assessment workbook read back
into the evidence file ``validate`` accepts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_check.app.formats import OFFICE
from ntm_check.app.outcome import (
    EXIT_INVALID,
    EXIT_OK,
    WROTE,
    Line,
    Outcome,
    Said,
    Stop,
    outcome_of,
)
from ntm_check.app.workspace import Workspace
from ntm_check.text import Text

if TYPE_CHECKING:
    from ntm_check.diagnostics import Diagnostic
    from ntm_check.load.workbook import CellProblem, Known, Read
    from ntm_check.load.workbook_cells import Cells


@dataclass(frozen=True)
class ImportRequest:
    workbook: Path
    output: Path
    #: replace an evidence file that exists (after saying what changes)
    force: bool = False


def run(request: ImportRequest, ws: Workspace) -> Outcome[str]:
    """The evidence file's text, to be written to ``output``; exit 2 when the workbook has
    errors, or ``output`` exists and ``force`` is not given."""

    def body(said: Said) -> Outcome[str]:
        try:
            import openpyxl  # noqa: F401, PLC0415 - only to say which extra is missing

            from ntm_check.load.workbook import read_workbook, to_yaml  # noqa: PLC0415
        except ImportError:
            raise Stop(EXIT_INVALID, OFFICE) from None
        book, output = request.workbook, request.output
        _importable(book, output)
        store = ws.sets([output])
        read = read_workbook(book, known=lambda set_id: _known(set_id, store))
        said.all(read.problems)
        if read.data is None or any(p.level.value == "error" for p in read.problems):
            raise Stop(EXIT_INVALID)
        text = to_yaml(read.data, book.name)
        if output.exists() and _same_data(output, text):  # nothing would be written
            raise Stop(
                EXIT_OK,
                Text(
                    f"{output}: không có thay đổi nào; không ghi",
                    f"{output}: nothing changes; not written",
                ),
            )
        _judge(text, request, ws, said, read)
        if output.exists():
            said.all(_changes(output, text, book))
            if not request.force:
                raise Stop(
                    EXIT_INVALID,
                    Text(
                        f"{output} đã có: thêm --force để ghi đè (phần thay đổi ở trên)",
                        f"{output} exists: add --force to replace it (the changes are above)",
                    ),
                )
        return Outcome(EXIT_OK, text, inputs=(book,), wrote=WROTE)

    return outcome_of(body)


def _judge(text: str, request: ImportRequest, ws: Workspace, said: Said, read: Read) -> None:
    """The data read, judged as the YAML it would write, each problem said at the cell its
    data came from; :class:`Stop` (2) on an error."""
    from ntm_check.load.snapshots import unit_file_id  # noqa: PLC0415
    from ntm_check.run.assess import assess_text  # noqa: PLC0415

    output, book = request.output, request.workbook
    judged = assess_text(
        str(output), text, None, ws.sets(), ws.judging(), named_as=unit_file_id(str(output))
    )
    said.all(at_cells(judged.diagnostics, text, read.cells, str(book)))
    if judged.errors:
        raise Stop(
            EXIT_INVALID,
            Text(
                f"{output}: chưa ghi: dữ liệu đọc được có lỗi (xem ở trên)",
                f"{output}: not written: the data read has errors (above)",
            ),
        )


def _importable(workbook: Path, output: Path) -> None:
    """Refuse an output that is the workbook itself, or a criteria set."""
    from ntm_check.load.discover import has_criteria_key, peek  # noqa: PLC0415

    why = None  # a folder, a device: the writer refuses them before
    if output.exists() and workbook.exists() and output.resolve() == workbook.resolve():
        why = ("là chính tệp Excel đang đọc", "is the workbook being read")
    elif output.is_file() and has_criteria_key(peek(str(output)) or b""):
        why = ("là một bộ tiêu chí, không phải hồ sơ", "is a criteria set, not evidence")
    if why is not None:
        raise Stop(
            EXIT_INVALID, Text(f"{output}: {why[0]}; không ghi", f"{output}: {why[1]}; not written")
        )


def at_cells(
    diagnostics: Sequence[Diagnostic], text: str, cells: Cells, book: str
) -> list[CellProblem]:
    """Problems of the data read, located at the cells it came from (``book:Sheet!K11``; the
    workbook alone when no cell holds it), never at a line of a file not written."""
    from ntm_check.load.workbook import CellProblem  # noqa: PLC0415
    from ntm_check.load.workbook_cells import cell_at  # noqa: PLC0415

    out = []
    for d in diagnostics:
        where = cell_at(text, d.position.line, d.position.col, cells)
        sheet, cell = where if where else (None, None)
        out.append(CellProblem(book, sheet, cell, d.level, d.code, d.text))
    return out


def _known(set_id: str | None, store: Any) -> Known:
    """What the set a workbook names tells of its cells: its indicator ids, its departments by
    name (nothing when the set cannot be told)."""
    from ntm_check.load.workbook import Known  # noqa: PLC0415

    cset = store.get(set_id).cset if set_id else None
    if cset is None:
        return Known()
    names = {
        " ".join(name.casefold().split()): key
        for key, text in cset.departments.items()
        for name in (text.vi, text.en)
        if name
    }
    return Known(frozenset(cset.by_id), names)


def _same_data(output: Path, text: str) -> bool:
    """Whether ``output`` already holds the data ``text`` would write (comments aside)."""
    from ntm_check.load.sources import load_text  # noqa: PLC0415

    existing = _existing(output)
    if existing is None:
        return False
    before = load_text(existing, str(output))
    return not before.diagnostics and before.data == load_text(text, str(output)).data


def _existing(output: Path) -> str | None:
    """The evidence file about to be replaced, read by the one opener (``None``: unreadable)."""
    from ntm_check.load.files import read_text  # noqa: PLC0415

    return read_text(output, str(output))[0]


def _changes(output: Path, text: str, workbook: Path) -> list[Line | Text]:
    """What importing would change in ``output``: field by field when it holds data (the
    whole file is rewritten, so a diff of lines is mostly layout), else a diff of lines."""
    import difflib  # noqa: PLC0415

    from ntm_check.load.sources import load_text  # noqa: PLC0415
    from ntm_check.load.workbook import data_changes  # noqa: PLC0415

    existing = _existing(output) or ""
    before = load_text(existing, str(output))
    if isinstance(before.data, dict) and not before.diagnostics:
        after = load_text(text, str(output)).data
        changes = data_changes(before.data, after, "vi")
        listed = "\n".join(changes) + "\n"
        listed_en = "\n".join(data_changes(before.data, after, "en")) + "\n"
        return [
            Line(Text(listed, listed_en), out=True),
            Text(
                f"{output}: {len(changes)} trường thay đổi (ở trên); tệp được ghi lại toàn bộ: "
                "chú thích (#) và cách trình bày của nó không được giữ",
                f"{output}: {len(changes)} field(s) change (above); the file is written anew: "
                "its comments (#) and layout are not kept",
            ),
        ]
    lines = "".join(
        difflib.unified_diff(
            existing.splitlines(keepends=True),
            text.splitlines(keepends=True),
            str(output),
            f"{output} ← {workbook.name}",
        )
    )
    return [Line(Text(lines, lines), out=True)]
