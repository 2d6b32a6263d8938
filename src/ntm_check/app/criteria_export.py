"""``ntm-check criteria export SET -o set.xlsx``: a criteria set as the workbook officials read
and type in; an overlay resolved on its base, each row with its origin. ``ntm-check criteria
template -o new.xlsx``: the same workbook, blank, for a new set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntm_check.app.criteria_show import is_path, load_set
from ntm_check.app.outcome import EXIT_OK, WROTE, Outcome, Said, outcome_of
from ntm_check.app.workspace import Workspace

if TYPE_CHECKING:
    from pathlib import Path

    from ntm_check.model.overlay import Removal
    from ntm_check.run.set_book import SetBook


@dataclass(frozen=True)
class SetExportRequest:
    #: a set id or a path to a set file; ``None``: a blank workbook for a new set
    set: str | None = None


def run(request: SetExportRequest, ws: Workspace) -> Outcome[SetBook]:
    """The set (or nothing, for a blank workbook); exit 2 when it is missing or has errors."""

    def body(said: Said) -> Outcome[SetBook]:
        from ntm_check.run.set_book import SetBook  # noqa: PLC0415

        if request.set is None:
            return Outcome(EXIT_OK, SetBook(), wrote=WROTE)
        cset, path = load_set(request.set, ws, said)
        if cset.extends is None:
            return Outcome(EXIT_OK, SetBook(cset), inputs=(path,), wrote=WROTE)
        store = ws.sets([path] if is_path(request.set) else [])
        base = store.get(cset.extends)
        book = SetBook(cset, base.cset, _removals(path, said))
        return Outcome(EXIT_OK, book, inputs=(path, *filter(None, [base.path])), wrote=WROTE)

    return outcome_of(body)


def _removals(path: Path, said: Said) -> tuple[Removal, ...]:
    """The removals an overlay's own file lists (the resolved set no longer has them)."""
    from ntm_check.load.files import read_text  # noqa: PLC0415
    from ntm_check.load.sources import load_text  # noqa: PLC0415
    from ntm_check.model.overlay import Overlay  # noqa: PLC0415

    text, problems, _ = read_text(path, str(path))
    said.errors(problems)
    if text is None:
        return ()
    data = load_text(text, str(path)).data
    return tuple(Overlay.model_validate(data).remove) if isinstance(data, dict) else ()
