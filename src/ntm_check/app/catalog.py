"""``ntm-check list [PATH]...``: the criteria sets and the units a repository holds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_check.app.outcome import EXIT_INVALID, EXIT_OK, Outcome, Said, outcome_of
from ntm_check.app.workspace import Workspace, folders_here
from ntm_check.text import Text

if TYPE_CHECKING:
    from ntm_check.run.catalog import Catalog


@dataclass(frozen=True)
class ListRequest:
    #: files and folders (none: criteria/ and districts/)
    paths: tuple[Path, ...] = ()


def run(request: ListRequest, ws: Workspace) -> Outcome[Catalog]:
    """List them; exit 2 when a path given cannot be read."""
    del ws  # the catalog reads the files' heads only: no set, cache or date

    def body(said: Said) -> Outcome[Catalog]:
        from ntm_check.run.catalog import catalog  # noqa: PLC0415

        named = Text(
            "ghi các thư mục: ntm-check list PATH...", "name the folders: ntm-check list PATH..."
        )
        found = catalog(
            list(request.paths) or folders_here([Path("criteria"), Path("districts")], named)
        )
        said.all(found.problems)
        failed = any(p.level.value == "error" for p in found.problems)
        return Outcome(EXIT_INVALID if failed else EXIT_OK, found)

    return outcome_of(body)
