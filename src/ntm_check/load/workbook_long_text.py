"""Where a text too long for an Excel cell is, and how long it really is: the slow pass of the
workbook safety checks, run only on the parts the fast pass found such a text in.

The fast pass (:mod:`ntm_check.load.workbook_safety`) counts the characters between tags and
stops at the end of the chunk where a run passed the limit, so its count is a lower bound
(73,727 of a typed 160,000) and it knows the zip part only. This pass reads the part again,
tag by tag: the cell (``<c r="F12">``) each long text is in and its whole length, entities
(``&amp;``) counted as the one character they stand for. A long shared string
(``xl/sharedStrings.xml``) is found in the sheets' cells that use it (``t="s"``, ``<v>k</v>``).
Sheets are named as the workbook names them (``xl/workbook.xml`` and its relationships, read
after the fast pass refused any ``DOCTYPE`` in them).
"""

from __future__ import annotations

import codecs
import posixpath
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

#: the most characters an Excel cell holds
MAX_CELL = 32_767
#: the workbook's own small parts are parsed only up to this size
_MAX_BOOK_PART = 2 * 1024 * 1024
_CHUNK = 1024 * 1024
_ENTITY = re.compile(r"&#?\w+;")
_CUT_ENTITY = re.compile(r"&#?\w{0,10}$")
_REF = re.compile(r"""\br\s*=\s*["']([A-Za-z]{1,3}[0-9]{1,7})["']""")
_SHARED = re.compile(r"""\bt\s*=\s*["']s["']""")
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
SHARED_STRINGS = "xl/sharedStrings.xml"


@dataclass(frozen=True)
class LongText:
    """A text longer than an Excel cell: its sheet and cell when known, and its length."""

    part: str
    sheet: str | None
    cell: str | None
    length: int


@dataclass
class _Reader:
    """The text runs of one XML part, tag by tag, as it streams."""

    #: the shared strings sought in a sheet's cells (index → length); ``None``: not sought
    sought: Mapping[int, int] | None = None
    cell: str | None = None
    shared_cell: bool = False
    si: int = -1
    run: int = 0
    tag: str | None = None
    #: the start of an entity cut at the end of a chunk (``&am``), counted with its end
    pending: str = ""
    value: str | None = None
    #: each long run: (cell, shared string index, length)
    long: list[tuple[str | None, int, int]] = field(default_factory=list)
    #: each cell using a sought shared string: (cell, index)
    uses: list[tuple[str, int]] = field(default_factory=list)

    def feed(self, text: str) -> None:
        pos = 0
        while pos < len(text):
            if self.tag is None:
                lt = text.find("<", pos)
                if lt < 0:  # the text goes on in the next chunk: an entity cut there waits
                    piece = self.pending + text[pos:]
                    cut = _CUT_ENTITY.search(piece)
                    self.pending = piece[cut.start() :] if cut else ""
                    self._text(piece[: cut.start()] if cut else piece)
                    return
                self._text(self.pending + text[pos:lt])
                self.pending = ""
                self.end_run()
                self.tag, pos = "", lt + 1
            else:
                gt = text.find(">", pos)
                if len(self.tag) < 256:  # a tag's name and attributes are at its start
                    self.tag += text[pos : len(text) if gt < 0 else gt][:256]
                if gt < 0:
                    return
                self._open(self.tag)
                self.tag, pos = None, gt + 1

    def _text(self, piece: str) -> None:
        self.run += len(piece) - sum(len(e) - 1 for e in _ENTITY.findall(piece))
        if self.value is not None and len(self.value) < 16:
            self.value += piece

    def end_run(self) -> None:
        if self.run > MAX_CELL:
            self.long.append((self.cell, self.si, self.run))
        self.run = 0

    def _open(self, tag: str) -> None:
        name = _tag_name(tag)
        if name == "c":
            self._cell(tag)
        elif name == "si":
            self.si += 1
        elif name == "v" and self.shared_cell and self.sought is not None:
            self.value = ""
        elif name == "/v" and self.value is not None:
            self._value_closed(self.value)

    def _cell(self, tag: str) -> None:
        """A cell opens: its reference, and whether its value is a shared string's index."""
        found = _REF.search(tag)
        self.cell = found.group(1).upper() if found else None
        self.shared_cell = bool(_SHARED.search(tag))

    def _value_closed(self, value: str) -> None:
        """A shared-string cell's value ends: the cell is a use of the string it names, when
        that string is sought."""
        index = int(value.strip()) if value.strip().isdigit() else -1
        if self.sought is not None and index in self.sought and self.cell:
            self.uses.append((self.cell, index))
        self.value = None


def _tag_name(tag: str) -> str:
    """A tag's local name (``c``, ``/v``), without its namespace prefix or attributes."""
    return tag.split(None, 1)[0].rsplit(":", 1)[-1] if tag.strip() else ""


def _read(archive: zipfile.ZipFile, part: str, reader: _Reader) -> _Reader:
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            reader.feed(decoder.decode(chunk))
    reader.feed(decoder.decode(b"", final=True) + "<")  # the last run ends with the part
    return reader


def long_texts(archive: zipfile.ZipFile, parts: list[str]) -> list[LongText]:
    """Every text longer than :data:`MAX_CELL` in ``parts`` (the ones the fast pass flagged),
    at its sheet and cell where the workbook says them, with its whole length."""
    names = sheet_names(archive)
    out: list[LongText] = []
    for part in parts:
        found = _read(archive, part, _Reader())
        if part == SHARED_STRINGS:
            out += _shared(archive, names, {si: n for _, si, n in found.long})
        else:
            sheet = names.get(part)
            out += [LongText(part, sheet, cell if sheet else None, n) for cell, _, n in found.long]
    return out


def _shared(
    archive: zipfile.ZipFile, names: Mapping[str, str], lengths: dict[int, int]
) -> Iterator[LongText]:
    """The cells of every sheet that use one of the long shared strings (``lengths``); a string
    no cell uses is said at its part."""
    used: set[int] = set()
    for part, sheet in names.items():
        if part not in archive.namelist():
            continue
        for cell, index in _read(archive, part, _Reader(sought=lengths)).uses:
            used.add(index)
            yield LongText(part, sheet, cell, lengths[index])
    for index, length in lengths.items():
        if index not in used:
            yield LongText(SHARED_STRINGS, None, None, length)


def sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet part's name in the workbook (``xl/worksheets/sheet1.xml`` → ``Bảng tự
    đánh giá``); empty when the workbook's parts cannot say it."""
    try:
        book = _small_xml(archive, "xl/workbook.xml")
        rels = _small_xml(archive, "xl/_rels/workbook.xml.rels")
    except (KeyError, ET.ParseError, ValueError):
        return {}
    targets = {
        rel.get("Id"): _target(rel.get("Target") or "")
        for rel in rels.iter()
        if rel.tag.endswith("Relationship")
    }
    return {
        targets[sheet.get(_REL)]: sheet.get("name") or ""
        for sheet in book.iter()
        if sheet.tag.endswith("}sheet") and sheet.get(_REL) in targets
    }


def _target(target: str) -> str:
    """A relationship's target as a part name (relative to ``xl/``, or absolute)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join("xl", target))


def _small_xml(archive: zipfile.ZipFile, part: str) -> ET.Element:
    if archive.getinfo(part).file_size > _MAX_BOOK_PART:
        raise ValueError(part)
    # safe: the fast pass refused any DOCTYPE or ENTITY in every part before this one runs
    return ET.fromstring(archive.read(part))
