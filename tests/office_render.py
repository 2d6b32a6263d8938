"""LibreOffice as the tests' real client of the office files: is the component installed that
opens a file (Writer for .docx, Calc for .xlsx), a file rendered to PDF, and the size of the
smallest text on each of its pages (read with pdfminer.six)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

#: the library each LibreOffice component brings (Debian: libreoffice-writer, -calc)
_COMPONENTS = {"writer": "libswlo.so", "calc": "libsclo.so"}


def has_component(name: str) -> bool:
    """Whether ``soffice`` is installed with the component that opens the file (a LibreOffice
    with Calc alone cannot convert a .docx)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return False
    program = Path(soffice).resolve().parent
    return any((folder / _COMPONENTS[name]).exists() for folder in (program, *program.parents[:2]))


def to_pdf(path: Path, work: Path) -> Path:
    """``path`` rendered by LibreOffice, headless, beside it."""
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{work}/lo", "--convert-to",
         "pdf", "--outdir", str(path.parent), str(path)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    pdf = path.with_suffix(".pdf")
    assert done.returncode == 0 and pdf.exists(), done.stderr
    return pdf


def page_texts(pdf: Path) -> list[tuple[float, str]]:
    """Each page's smallest text size (points, as rendered) and its text."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    def chars(item: object) -> list[LTChar]:
        if isinstance(item, LTChar):
            return [item] if item.get_text().strip() else []
        if hasattr(item, "__iter__"):
            return [c for child in item for c in chars(child)]
        return []

    pages = []
    for page in extract_pages(str(pdf)):
        found = chars(page)
        pages.append((min((c.size for c in found), default=99.0), _read(found)))
    return pages


def _read(chars: list[Any]) -> str:
    """A page's characters in reading order: lines from the top (characters whose baselines are
    within 1.5 pt), each from the left. A PDF draws a letter with its diacritics (Ộ, Ề) apart
    from the letters around it, so the order it draws them in is not the order they read."""
    lines: list[list[Any]] = []
    for char in sorted(chars, key=lambda c: -c.y0):
        if lines and abs(lines[-1][0].y0 - char.y0) <= 1.5:
            lines[-1].append(char)
        else:
            lines.append([char])
    return "\n".join("".join(c.get_text() for c in sorted(line, key=lambda c: c.x0))
                     for line in lines)  # fmt: skip
