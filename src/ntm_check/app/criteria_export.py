"""``ntm-check criteria export SET -o set.xlsx``: a criteria set as the workbook officials read
and type in; an overlay resolved on its base, each row with its origin. ``ntm-check criteria
template -o new.xlsx``: the same workbook, blank, for a new set (with ``--groups N``, the
groups ``nhom-1`` … and their columns; with ``--unit xa``, the kind of unit chosen)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntm_check.app.criteria_show import is_path, load_set
from ntm_check.app.outcome import EXIT_INVALID, EXIT_OK, WROTE, Outcome, Said, Stop, outcome_of
from ntm_check.app.workspace import Workspace
from ntm_check.text import Text

if TYPE_CHECKING:
    from pathlib import Path

    from ntm_check.model.overlay import Removal
    from ntm_check.run.set_book import SetBook


@dataclass(frozen=True)
class SetExportRequest:
    #: a set id or a path to a set file; ``None``: a blank workbook for a new set
    set: str | None = None
    #: a blank workbook's number of groups (each with its column on the indicator sheet)
    groups: int = 0
    #: a blank workbook's kind of unit as typed (``xa``, ``huyen``, ``xã``, ``commune`` …)
    unit: str | None = None


#: a kind of unit as typed on the command line (without diacritics too)
_UNITS = {"xa": "commune", "xã": "commune", "commune": "commune",
          "huyen": "district", "huyện": "district", "district": "district"}  # fmt: skip


def run(request: SetExportRequest, ws: Workspace) -> Outcome[SetBook]:
    """The set (or nothing, for a blank workbook); exit 2 when it is missing or has errors."""

    def body(said: Said) -> Outcome[SetBook]:
        from ntm_check.run.set_book import SetBook  # noqa: PLC0415

        if request.set is None:
            blank = SetBook(groups=request.groups, unit=_unit(request.unit))
            return Outcome(EXIT_OK, blank, wrote=WROTE)
        cset, path = load_set(request.set, ws, said)
        if cset.extends is None:
            return Outcome(EXIT_OK, SetBook(cset), inputs=(path,), wrote=WROTE)
        store = ws.sets([path] if is_path(request.set) else [])
        base = store.get(cset.extends)
        book = SetBook(cset, base.cset, _removals(path, said))
        return Outcome(EXIT_OK, book, inputs=(path, *filter(None, [base.path])), wrote=WROTE)

    return outcome_of(body)


def _unit(typed: str | None) -> str | None:
    """The kind of unit a blank workbook is for; an unknown word stops the command (2)."""
    if typed is None:
        return None
    unit = _UNITS.get(typed.strip().casefold())
    if unit is None:
        raise Stop(
            EXIT_INVALID,
            Text(
                f"--unit {typed!r}: ghi xa hoặc huyen",
                f"--unit {typed!r}: write xa (commune) or huyen (district)",
            ),
        )
    return unit


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
