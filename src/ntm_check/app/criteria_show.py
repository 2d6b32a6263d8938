"""``ntm-check criteria show SET``: a set as it applies, each indicator with its origin.

``SET`` is a set id (looked for in the criteria folders) or a path to a set file; an overlay
is shown resolved on the set it extends.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_check.app.outcome import EXIT_INVALID, EXIT_OK, Outcome, Said, Stop, outcome_of
from ntm_check.app.workspace import Workspace
from ntm_check.text import Text

if TYPE_CHECKING:
    from ntm_check.model.criteria import CriteriaSet
    from ntm_check.run.criteria_sets import ShownSet


@dataclass(frozen=True)
class ShowRequest:
    #: a set id, or a path to a set file
    set: str


def is_path(argument: str) -> bool:
    return argument.endswith((".yaml", ".yml")) or "/" in argument or "\\" in argument


def load_set(argument: str, ws: Workspace, said: Said) -> tuple[CriteriaSet, Path]:
    """The valid set ``argument`` names (its problems said), and the file it was read from;
    :class:`Stop` (exit 2) when it is missing or has errors."""
    path = Path(argument)
    store = ws.sets([path] if is_path(argument) else [])
    if is_path(argument):
        text, problems, digest = store.read(path)
        said.all(problems)
        if text is None or digest is None:
            raise Stop(EXIT_INVALID)
        cset, found = store.add_file(str(path), text, digest)
        said.all(found)
        if cset is None:
            raise Stop(EXIT_INVALID)
        return cset, path
    loaded = store.get(argument)
    said.all(loaded.diagnostics)
    if loaded.cset is None or loaded.path is None:
        raise Stop(EXIT_INVALID, *([] if loaded.found else [_missing(argument, store)]))
    return loaded.cset, loaded.path


def _missing(set_id: str, store: object) -> Text:
    folders = ", ".join(str(d) for d in getattr(store, "criteria_dirs", ()))
    return Text(
        f"không tìm thấy bộ tiêu chí {set_id!r} (đã tìm trong {folders})",
        f"criteria set {set_id!r} not found (looked in {folders})",
    )


def run(request: ShowRequest, ws: Workspace) -> Outcome[ShownSet]:
    """Show the set; exit 2 when it is missing or has errors."""

    def body(said: Said) -> Outcome[ShownSet]:
        from ntm_check.run.criteria_sets import shown  # noqa: PLC0415

        cset, path = load_set(request.set, ws, said)
        return Outcome(EXIT_OK, shown(cset), inputs=(path,))

    return outcome_of(body)
