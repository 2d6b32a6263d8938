"""``ntm-check units``: a unit's official codes, its communes and where each went on 1/7/2025,
as text, JSON or markdown.

The JSON document (``schema_version`` 1) has ``unit`` and ``province`` (code, name, kind as the
registry writes it and ``kind_en``, level,
``map``: ``legacy`` before 1/7/2025 or ``2025`` from that day), ``now_province``, ``communes``
(each legacy commune with ``now``: the communes of the new map its area went to, ``whole`` when
all of it went to one, ``main`` for where most of a divided commune went), ``now`` (the
communes of the new map covering the area; ``wholly_inside`` when every legacy commune it was
made from lies in the unit), ``made_of`` (of a new commune: its legacy communes) and
``source`` (the registry and its version).
"""

from __future__ import annotations

import json
from typing import Any

from ntm_check.i18n import Lang, format_date, label
from ntm_check.reports.md import cell, table
from ntm_check.run.units import UnitRef, UnitsView, WentTo


def _kind(unit: UnitRef, lang: Lang) -> str:
    return unit.kind_en if lang == "en" else unit.kind


def _named(unit: UnitRef) -> str:
    return f"{unit.name} ({unit.code})"


def _went(successors: tuple[WentTo, ...], lang: Lang) -> str:
    if not successors:
        return "—"
    if len(successors) == 1:
        return _named(successors[0].unit)
    parts = []
    for s in successors:
        mark = label("units.main_part", lang) if s.main else label("units.part", lang)
        parts.append(f"{_named(s.unit)} ({mark})")
    return "; ".join(parts)


def _heading(found: UnitsView, lang: Lang) -> list[str]:
    unit = found.unit
    day = format_date(found.reorganised, lang)
    lines = [f"{unit.name} — {label('units.code', lang)} {unit.code} ({_kind(unit, lang)})"]
    if found.province is not None and unit.level != "province":
        lines.append(f"{label('units.province', lang)}: {_named(found.province)}")
    if unit.era == "2025":
        lines.append(label("units.new_map", lang, day=day))
    elif found.now_province is not None:
        lines.append(
            label("units.now_in", lang, day=day, province=_named(found.now_province))
            + (f" {label('units.no_districts', lang)}" if unit.level == "district" else "")
        )
    return lines


def _counts(found: UnitsView, lang: Lang) -> str:
    kinds: dict[str, int] = {}
    for fate in found.fates:
        kind = _kind(fate.commune, lang)
        kinds[kind] = kinds.get(kind, 0) + 1
    listed = ", ".join(
        f"{n} {_plural(k, n, lang)}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])
    )
    return label("units.counts", lang, units=len(found.fates), kinds=listed, now=len(found.now))


def _plural(kind: str, n: int, lang: Lang) -> str:
    if lang == "vi" or n == 1:
        return kind
    return kind[:-1] + "ies" if kind.endswith("y") else kind + "s"


def text(found: UnitsView, lang: Lang) -> str:
    day = format_date(found.reorganised, lang)
    lines = _heading(found, lang)
    if found.fates:
        lines += ["", *_fates_table(found, day, lang), "", _counts(found, lang)]
    if found.now:
        lines += ["", label("units.now_heading", lang, day=day)]
        lines += [f"  {_named(n.unit)} — {_where(n.wholly_inside, lang)}" for n in found.now]
    if found.predecessors:
        lines += ["", label("units.made_of", lang, day=day)]
        lines += [f"  {_named(p.unit)} — {_how(p.whole, lang)}" for p in found.predecessors]
    lines += ["", label("units.source", lang, source=found.source)]
    return "\n".join(lines) + "\n"


def _fates_table(found: UnitsView, day: str, lang: Lang) -> list[str]:
    """The communes and where each went, in columns padded to their widest cell."""
    rows = [(f.commune.code, f.commune.name, _went(f.successors, lang)) for f in found.fates]
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    head = (label("units.code", lang), label("units.unit", lang))
    widths = [max(w, len(h)) for w, h in zip(widths, head, strict=True)]
    lines = ["  ".join([*(h.ljust(w) for h, w in zip(head, widths, strict=True)),
                        label("units.since", lang, day=day)])]  # fmt: skip
    for row in rows:
        lines.append("  ".join([row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2]]))
    return lines


def _where(wholly_inside: bool, lang: Lang) -> str:
    """Whether a commune of the new map lies wholly or partly in the area, in words."""
    return label("units.wholly", lang) if wholly_inside else label("units.partly", lang)


def _how(whole: bool, lang: Lang) -> str:
    """Whether a legacy commune went whole or in part, in words."""
    return label("units.whole", lang) if whole else label("units.part", lang)


def markdown(found: UnitsView, lang: Lang) -> str:
    day = format_date(found.reorganised, lang)
    head = _heading(found, lang)
    parts = [f"### {cell(head[0])}", "", *[f"- {cell(line)}" for line in head[1:]]]
    if found.fates:
        headers = [label("units.code", lang), label("units.unit", lang),
                   label("units.since", lang, day=day)]  # fmt: skip
        rows = [[f.commune.code, f.commune.name, _went(f.successors, lang)] for f in found.fates]
        parts += ["", table(headers, rows), _counts(found, lang)]
    if found.now:
        parts += ["", label("units.now_heading", lang, day=day), ""]
        parts += [f"- {cell(_named(n.unit))}: {_where(n.wholly_inside, lang)}" for n in found.now]
    if found.predecessors:
        parts += ["", label("units.made_of", lang, day=day), ""]
        parts += [f"- {cell(_named(p.unit))}: {_how(p.whole, lang)}" for p in found.predecessors]
    parts += ["", f"_{cell(label('units.source', lang, source=found.source))}_"]
    return "\n".join(parts) + "\n"


def _unit(unit: UnitRef | None) -> dict[str, Any] | None:
    if unit is None:
        return None
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "kind_en": unit.kind_en,
        "level": unit.level,
        "map": unit.era,
    }


def json_document(found: UnitsView, lang: Lang) -> str:
    doc = {
        "schema_version": 1,
        "lang": lang,
        "unit": _unit(found.unit),
        "province": _unit(found.province),
        "now_province": _unit(found.now_province),
        "communes": [
            {
                **(_unit(f.commune) or {}),
                "now": [
                    {**(_unit(s.unit) or {}), "whole": s.whole, "main": s.main}
                    for s in f.successors
                ],
            }
            for f in found.fates
        ],
        "now": [{**(_unit(n.unit) or {}), "wholly_inside": n.wholly_inside} for n in found.now],
        "made_of": [{**(_unit(p.unit) or {}), "whole": p.whole} for p in found.predecessors],
        "source": found.source,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
