"""``ntm-check list``: the criteria sets and units a repository holds, as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ntm_check.i18n import Lang, label
from ntm_check.i18n import format_iso_date as _date
from ntm_check.run.catalog import Catalog


def table(found: Catalog, lang: Lang) -> str:
    """Two aligned lists: sets (id, unit kind, indicators, title); units (id, set, date, name)."""
    lines = [f"{label('list.sets', lang)} ({len(found.sets)}):"]
    rows = [
        (s.id, label(f"kind.{s.unit}", lang) if s.unit in ("district", "commune") else s.unit,
         str(s.indicator_count or "?"), s.title.get(lang) or s.title.get("vi", "?"))
        for s in found.sets
    ]  # fmt: skip
    lines += _aligned(rows)
    lines += ["", f"{label('list.units', lang)} ({len(found.units)}):"]
    rows = [
        (u.id, u.criteria_set, _date(u.as_of, lang), u.name.get(lang) or u.name.get("vi", "?"))
        for u in found.units
    ]
    lines += _aligned(rows)
    return "\n".join(lines) + "\n"


def _aligned(rows: Sequence[tuple[str, ...]]) -> list[str]:
    if not rows:
        return ["  —"]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return ["  " + "  ".join([*(c.ljust(w) for c, w in zip(r, widths, strict=False)), r[-1]])
            for r in rows]  # fmt: skip


def json_document(found: Catalog, lang: Lang) -> str:
    doc = {
        "schema_version": 1,
        "criteria_sets": [
            {"id": s.id, "title": s.title.get(lang) or s.title.get("vi"), "unit": s.unit,
             "indicator_count": s.indicator_count, "path": s.path}
            for s in found.sets
        ],
        "units": [
            {"id": u.id, "name": u.name.get(lang) or u.name.get("vi"),
             "criteria_set": u.criteria_set, "as_of": u.as_of, "path": u.path}
            for u in found.units
        ],
        "diagnostics": [d.as_json(lang) for d in found.problems],
    }  # fmt: skip
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
