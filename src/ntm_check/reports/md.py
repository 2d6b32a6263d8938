"""Small markdown building blocks: escaped table cells, tables, text progress bars."""

from __future__ import annotations

from collections.abc import Sequence


def _no_html(text: str) -> str:
    # markdown passes raw HTML through (an <img onerror=…> in a note would run wherever the
    # report is rendered without GitHub's sanitiser): as entities it shows as typed
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _no_links(text: str) -> str:
    # a file's text must not become a link, or an image fetched from elsewhere wherever the
    # markdown is rendered (a tracking pixel in a CI job summary): "[a](url)" and "![a](url)"
    # need "](" together, and a reference ("[r]: url", then "![a][r]" anywhere) needs "]:";
    # escaped, they show as typed. (GitHub still links a bare address: a link, never an image.)
    return text.replace("](", "]\\(").replace("]:", "]\\:")


def cell(text: str) -> str:
    """Text safe inside a table cell: HTML, links, ``|`` and ``\\`` escaped, line breaks
    folded."""
    escaped = _no_html(text).replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(_no_links(escaped).split())


def inline(text: str) -> str:
    """Text safe on one markdown line outside a table: HTML and links escaped, line breaks
    folded, ``*``/``_`` kept."""
    return " ".join(_no_links(_no_html(text)).split())


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured markdown table; every row has exactly ``len(headers)`` cells."""
    lines = [
        "| " + " | ".join(cell(h) for h in headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"row has {len(row)} cells, table has {len(headers)} columns")
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    return "\n".join(lines) + "\n"


def bar(done: int, total: int, width: int = 10) -> str:
    """``███████░░░`` for 7 of 10: readable as plain text and in any markdown viewer."""
    filled = round(width * done / total) if total else 0
    return "█" * filled + "░" * (width - filled)
