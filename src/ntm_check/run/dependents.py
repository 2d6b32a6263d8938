"""The files a changed criteria set puts in question: its overlays and the units judged on it.

A commit that changes only ``criteria/x.yaml`` (drops an indicator, renames a department) can
break every evidence file that names set ``x``, or names an overlay that extends it. The
pre-commit hook passes only the changed files to ``validate``; this finds the rest, so every
unit judged by a set is checked again whenever the set changes.

Read from the files' first bytes (``criteria_set:``, ``extends:``, ``id:``), without parsing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ntm_check.load.discover import SET_ID, expand, is_set_file, peek
from ntm_check.load.resolve import is_folder

_ID = re.compile(rb"(?m)^id:[ \t]*[\"']?([a-z0-9][a-z0-9-]*)")
_EXTENDS = re.compile(rb"(?m)^extends:[ \t]*[\"']?([a-z0-9][a-z0-9-]*)")


def _first(pattern: re.Pattern[bytes], raw: bytes) -> str | None:
    found = pattern.search(raw)
    return found.group(1).decode("ascii") if found else None


def dependents(given: Iterable[Path], units: Iterable[Path]) -> list[Path]:
    """The files to check besides ``given`` because a set among them changed: the overlays
    that extend such a set (from the folders the sets are in, through chains of overlays) and
    the evidence files under ``units`` (and ``<root>/districts`` beside a set's
    ``<root>/criteria``) that name one of them. ``given`` files are not repeated."""
    given = list(given)
    sets = _set_files(given)
    if not sets:
        return []
    ids = _ids(sets)
    folders = {p.parent for p in sets}
    overlays = _overlays(ids, folders)
    ids |= {set_id for set_id, _ in overlays}
    out = [p for _, p in overlays] + _naming(ids, [*units, *_beside(folders)])
    seen = {str(p) for p in given}
    return [p for p in dict.fromkeys(out) if str(p) not in seen]


def _set_files(paths: list[Path]) -> list[Path]:
    # peek reads regular files only (a folder, a pipe or a name too long is none)
    return [p for p in paths if is_set_file(peek(str(p)) or b"")]


def _ids(sets: list[Path]) -> set[str]:
    found = (_first(_ID, peek(str(p)) or b"") for p in sets)
    return {i for i in found if i}


def _naming(ids: set[str], folders: list[Path]) -> list[Path]:
    """The evidence files under ``folders`` that name one of the sets ``ids``."""
    files, _ = expand(sorted({f for f in folders if is_folder(f)}))
    return [Path(f) for f in files if _first(SET_ID, peek(f) or b"") in ids]


def _overlays(ids: set[str], folders: set[Path]) -> list[tuple[str, Path]]:
    """The overlays in ``folders`` that extend one of ``ids``, directly or through others."""
    heads = []
    for name in expand(sorted(folders))[0]:
        raw = peek(name) or b""
        base, own = _first(_EXTENDS, raw), _first(_ID, raw)
        if base and own:
            heads.append((own, base, Path(name)))
    found: list[tuple[str, Path]] = []
    reach = set(ids)
    while more := [(o, p) for o, b, p in heads if b in reach and o not in reach]:
        reach |= {own for own, _ in more}
        found += more
    return found


def _beside(folders: Iterable[Path]) -> list[Path]:
    """``<root>/districts`` for each ``<root>/criteria`` folder, where it exists."""
    return [f.parent / "districts" for f in folders if (f.parent / "districts").is_dir()]
