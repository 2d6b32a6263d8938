"""The form of an id (``tan-yen``, ``nhom-1``), and the one rule that turns what a person
typed into it: for every id, in a file, on the command line or in a workbook (no pydantic
here: a run served by the cache imports this, and nothing heavier)."""

from __future__ import annotations

import re
import unicodedata

#: an id: lowercase a-z and 0-9 in words joined by single hyphens
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def id_of(typed: str) -> str | None:
    """The normal form of an id a person typed: ``Tan-Yen``, ``tân-yên``, ``tan_yen``,
    ``Nhóm 1`` and ``Lục Ngạn`` become ``tan-yen``, ``nhom-1`` and ``luc-ngan``. The one rule
    for every id typed, in a file, on the command line or in a workbook: an id is never
    rewritten silently, this is suggested. ``None`` when nothing of it is left."""
    text = unicodedata.normalize("NFD", typed.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in text if not unicodedata.combining(c)).lower()
    normal = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return normal if normal and re.fullmatch(ID_PATTERN, normal) else None
