"""``ntm-check criteria list [PATH]...``: the criteria sets, what each extends, and the units
whose evidence names each (``ntm-check list``, sets and units alike, stays as it is)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_check.app.outcome import EXIT_INVALID, EXIT_OK, Outcome, Said, outcome_of
from ntm_check.app.workspace import Workspace, folders_here
from ntm_check.load.resolve import is_folder
from ntm_check.text import Text

if TYPE_CHECKING:
    from ntm_check.run.criteria_sets import ListedSet


@dataclass(frozen=True)
class SetListRequest:
    #: files and folders (none: criteria/ and districts/)
    paths: tuple[Path, ...] = ()


def run(request: SetListRequest, ws: Workspace) -> Outcome[tuple[ListedSet, ...]]:
    """List the sets; exit 2 when a path given cannot be read."""

    def body(said: Said) -> Outcome[tuple[ListedSet, ...]]:
        from ntm_check.run.catalog import catalog  # noqa: PLC0415
        from ntm_check.run.criteria_sets import listed_sets  # noqa: PLC0415

        paths = list(request.paths) or _here()
        found = catalog(paths)
        said.all(found.problems)
        store = ws.sets(paths)
        store.look_in(sorted({Path(s.path).parent for s in found.sets}))
        failed = any(p.level.value == "error" for p in found.problems)
        return Outcome(EXIT_INVALID if failed else EXIT_OK, listed_sets(found, store))

    return outcome_of(body)


def _here() -> list[Path]:
    """The folders read when none is named: ``criteria/`` and ``districts/``, whichever is
    here (sets are listed without units to judge); neither stops the command."""
    folders = [f for f in (Path("criteria"), Path("districts")) if is_folder(f)]
    named = Text(
        "ghi các thư mục: ntm-check criteria list PATH...",
        "name the folders: ntm-check criteria list PATH...",
    )
    return folders or folders_here([Path("criteria")], named)
