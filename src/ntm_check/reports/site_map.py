"""The site's map pages: marks at the registry's centroids, drawn as inline SVG at build time.

No tiles, no script, nothing fetched: a map is the marks projected onto the page (longitude
scaled by the cosine of the middle latitude, so a province keeps its shape), a legend, and the
same marks as a table. Marks are sized by the square root of their size (area or number of
communes), so their areas compare as the sizes do. Every name is text in an autoescaped
template; a link goes only to a unit's page of the site.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ntm_check.i18n import Lang, format_date
from ntm_check.i18n import in_lang as _w
from ntm_check.reports.site_data import Table, table
from ntm_check.reports.site_words import word

if TYPE_CHECKING:
    import datetime as dt

    from ntm_check.run.map import Mark, ProvinceMap, Unplaced

#: the map's width and margin, in SVG units; its height follows the province's shape
_W, _PAD, _MAX_H = 640, 24, 720
VERDICTS = ("pass", "fail", "invalid", "none")


def _frame(marks: Sequence[Mark]) -> tuple[float, float, float, float, float]:
    """``(west, north, x scale, scale, height)`` fitting ``marks`` in the drawing."""
    lats = [m.lat for m in marks] or [0.0]
    lons = [m.lon for m in marks] or [0.0]
    cos = math.cos(math.radians((max(lats) + min(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * cos, 1e-3)
    span_y = max(max(lats) - min(lats), 1e-3)
    scale = min((_W - 2 * _PAD) / span_x, (_MAX_H - 2 * _PAD) / span_y)
    height = span_y * scale + 2 * _PAD
    return min(lons), max(lats), cos, scale, height


def _radius(size: float, largest: float, small: bool) -> float:
    low, high = (3.0, 8.0) if small else (5.0, 16.0)
    return round(low + (high - low) * math.sqrt(max(size, 0.0) / largest), 1) if largest else low


def _drawn(marks: Sequence[Mark], lang: Lang, small: bool) -> dict[str, Any]:
    """The SVG's values: its size and each mark where it is drawn, largest first (so a small
    mark lies on top of a large one), the unassessed below the assessed."""
    west, north, cos, scale, height = _frame(marks)
    largest = max((m.size for m in marks), default=0.0)
    dots = [
        {**_row(m, lang), "x": round(_PAD + (m.lon - west) * cos * scale, 1),
         "y": round(_PAD + (north - m.lat) * scale, 1), "r": _radius(m.size, largest, small)}
        for m in marks
    ]  # fmt: skip
    dots.sort(key=lambda d: (d["verdict"] != "none", -d["r"], d["code"], d["unit_id"] or ""))
    return {"width": _W, "height": round(height, 1), "dots": dots}


def _row(m: Mark, lang: Lang) -> dict[str, Any]:
    """A mark as the page shows it (its table row, its title)."""
    unit = _w(m.unit_name, lang) if m.unit_name else ""
    counts = f"{m.met}/{m.applicable}" if m.met is not None else ""
    return {
        "code": m.code,
        "registry_name": m.name if lang == "vi" else f"{m.name} ({m.kind_en})",
        "unit_id": m.unit_id,
        "unit": unit,
        "page": f"units/{m.unit_id}.html" if m.unit_id and m.verdict != "invalid" else None,
        "verdict": m.verdict,
        "verdict_text": word(f"maps.v.{m.verdict}", lang),
        "counts": counts,
        "as_of": format_date(_iso(m.as_of), lang) if m.as_of else "",
        "lat": m.lat,
        "lon": m.lon,
        "size": _size_text(m),
        "title": " · ".join(
            x for x in (unit or m.name, word(f"maps.v.{m.verdict}", lang), counts) if x
        ),
    }


def _size_text(m: Mark) -> str:
    return f"{m.size:g} km²" if m.by_area else f"{m.size:g}"


def _legend(marks: Sequence[Mark], lang: Lang) -> list[dict[str, Any]]:
    return [
        {"verdict": v, "text": word(f"maps.v.{v}", lang),
         "n": sum(1 for m in marks if m.verdict == v)}
        for v in VERDICTS
    ]  # fmt: skip


def _unplaced(items: Sequence[Unplaced], lang: Lang) -> list[dict[str, Any]]:
    return [
        {"unit_id": u.unit_id, "unit": _w(u.name, lang), "code": u.code or "—",
         "verdict": word(f"maps.v.{u.verdict}", lang), "why": _w(u.why, lang)}
        for u in items
    ]  # fmt: skip


def map_values(m: ProvinceMap, lang: Lang, judged_on: str) -> dict[str, Any]:
    """The values of one province's map page."""
    return {
        "title": word("maps.of", lang, province=m.province_name),
        "province": m.province_name,
        "subtitle": f"{word(f'maps.level.{m.level}', lang)}, {word(f'maps.era.{m.era}', lang)}",
        "when": _when(m.marks, lang, judged_on),
        "svg": _drawn(m.marks, lang, small=False),
        "legend": _legend(m.marks, lang),
        "size_note": word(
            "maps.by_area" if any(x.by_area for x in m.marks) else "maps.by_communes", lang
        ),
        "rows": [_row(x, lang) for x in m.marks],
        "unplaced": _unplaced(m.unplaced, lang),
    }


def overview_values(
    maps: Sequence[ProvinceMap], nowhere: Sequence[Unplaced], lang: Lang, judged_on: str
) -> dict[str, Any]:
    """The values of the overview across provinces: every assessed mark, each province's map."""
    assessed = [x for m in maps for x in m.marks if x.verdict != "none"]
    return {
        "title": word("maps.title", lang),
        "province": "",
        "subtitle": word("maps.all", lang),
        "when": _when(assessed, lang, judged_on),
        "svg": _drawn(assessed, lang, small=True),
        "legend": _legend(assessed, lang),
        "size_note": "",
        "rows": [_row(x, lang) for x in assessed],
        "unplaced": _unplaced([*nowhere, *(u for m in maps for u in m.unplaced)], lang),
        "maps": [
            {"page": f"{m.key}.html", "name": word("maps.of", lang, province=m.province_name),
             "what": f"{word(f'maps.level.{m.level}', lang)}, {word(f'maps.era.{m.era}', lang)}",
             "count": word("maps.count", lang, n=_n(m, True), others=_n(m, False))}
            for m in maps
        ],
    }  # fmt: skip


def _when(marks: Sequence[Mark], lang: Lang, judged_on: str) -> str:
    """The dates the marks were assessed on (the first and last), and the judging date."""
    dates = sorted({x.as_of for x in marks if x.as_of})
    shown = " – ".join(format_date(_iso(d), lang) for d in dict.fromkeys(dates[:1] + dates[-1:]))
    judged = format_date(_iso(judged_on), lang) if judged_on else "—"
    return word("maps.judged", lang, dates=shown or "—", judged=judged)


def _n(m: ProvinceMap, assessed: bool) -> int:
    return sum(1 for x in m.marks if (x.verdict != "none") == assessed)


def map_tables(marks: Sequence[Mark], unplaced: Sequence[Unplaced], lang: Lang) -> list[Table]:
    """The map's marks and its unplaced units, as open data."""
    rows = [
        (m.code, m.name, m.unit_id, _w(m.unit_name, lang) if m.unit_name else None, m.verdict,
         m.met, m.applicable, m.as_of, m.lat, m.lon, m.size, "km2" if m.by_area else "communes")
        for m in marks
    ]  # fmt: skip
    out = [table("marks", rows)]
    if unplaced:
        out.append(table("unplaced", [(u.unit_id, _w(u.name, lang), u.code, u.verdict,
                                       _w(u.why, lang)) for u in unplaced]))  # fmt: skip
    return out


def _iso(text: str) -> dt.date:
    import datetime as dt  # noqa: PLC0415

    return dt.date.fromisoformat(text)
