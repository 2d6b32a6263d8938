"""A workbook's safety checks, run before openpyxl reads a byte of it (the opener of
workbooks): what a hostile ``.xlsx`` could do to a run is refused here, cheaply, with a
message that says why.

* Only a regular file is opened (a FIFO would block the run, ``/dev/zero`` never end), and only
  one of at most :data:`MAX_PACKED` bytes.
* Macros (``.xlsm``, a ``vbaProject.bin``) and external links are refused.
* A zip bomb is refused: over :data:`MAX_UNPACKED` bytes unpacked in all, or a part compressed
  more than :data:`MAX_RATIO` times.
* An XML part that declares a document type (``<!DOCTYPE``: entity expansion such as the
  "billion laughs", external entities that read local files) is refused; no workbook Excel or
  LibreOffice writes has one.
* A sheet of more than :data:`MAX_ROWS` rows, and a text longer than an Excel cell can hold
  (:data:`MAX_CELL` characters), are refused after one streaming pass over the part, before
  any XML is parsed; a long text is then said at its sheet and cell, with its whole length,
  by a second pass over the parts that hold one (:mod:`ntm_check.load.workbook_long_text`).

Budget: a workbook the checks let through is at most 50 MB of XML; reading one of the sizes
``export`` writes takes well under a second and under 200 MB.
"""

from __future__ import annotations

import codecs
import errno
import re
import stat
import zipfile
from pathlib import Path
from typing import IO

from ntm_check.i18n import Lang, format_number
from ntm_check.load.workbook_long_text import MAX_CELL, LongText, long_texts
from ntm_check.load.workbook_values import Problems

#: the largest workbook file opened (bytes)
MAX_PACKED = 20 * 1024 * 1024
#: the most a workbook may unpack to, in all (bytes)
MAX_UNPACKED = 50 * 1024 * 1024
#: the most one part may unpack to, as a multiple of its packed size
MAX_RATIO = 200
#: the most rows and columns a sheet may use (a province's units, or a set's indicators,
#: are far fewer; a stray cell at XFD1048576 would otherwise cost gigabytes)
MAX_ROWS = 20_000
MAX_COLUMNS = 100
_CHUNK = 1024 * 1024
_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ROW = re.compile(rb"<(?:\w+:)?row[\s>]")

#: why a file could not be read, in Vietnamese (the system says it in English)
_READ_FAILURES = {
    errno.ENOENT: "không có tệp này",
    errno.EISDIR: "là thư mục, không phải tệp",
    errno.EACCES: "không có quyền đọc",
    errno.EPERM: "không có quyền đọc",
}


def checked(path: Path, problems: Problems) -> bool:
    """Whether the workbook passes every check; its problems added to ``problems``."""
    if path.suffix.lower() in (".xlsm", ".xltm", ".xlam"):
        problems.error(
            None,
            None,
            "xlsx-macros",
            "tệp có macro (.xlsm) không được nhận",
            "a macro-enabled workbook (.xlsm) is refused",
        )
        return False
    if not _regular(path, problems):
        return False
    infos = _parts(path, problems)
    if infos is None:
        return False
    _check_parts(infos, problems)
    _check_unpacked(infos, problems)
    if not problems.found:
        _check_xml(path, infos, problems)
    return not problems.found


def _regular(path: Path, problems: Problems) -> bool:
    """A regular file within :data:`MAX_PACKED` bytes, or an error saying what it is."""
    try:
        info = path.stat()
    except OSError as exc:
        _unreadable(exc, problems)
        return False
    if stat.S_ISDIR(info.st_mode):
        problems.error(
            None,
            None,
            "xlsx-unreadable",
            "không đọc được tệp Excel: là thư mục, không phải tệp",
            "cannot read the workbook: Is a directory",
        )
        return False
    if not stat.S_ISREG(info.st_mode):
        problems.error(
            None,
            None,
            "not-a-file",
            "không phải tệp thường (ống dẫn hoặc thiết bị)",
            "is not a regular file (pipe or device)",
        )
        return False
    if info.st_size > MAX_PACKED:
        problems.error(
            None,
            None,
            "xlsx-too-large",
            f"tệp dài {_n(info.st_size, 'vi')} byte; giới hạn {_n(MAX_PACKED, 'vi')} byte",
            f"the workbook is {_n(info.st_size, 'en')} bytes; the limit is {_n(MAX_PACKED, 'en')}",
        )
        return False
    return True


def _unreadable(exc: OSError, problems: Problems) -> None:
    """Why the system could not read the workbook, in the user's words."""
    why = _READ_FAILURES.get(exc.errno or 0, "không đọc được")
    problems.error(
        None,
        None,
        "xlsx-unreadable",
        f"không đọc được tệp Excel: {why}",
        f"cannot read the workbook: {exc.strerror or exc}",
    )


def _parts(path: Path, problems: Problems) -> list[zipfile.ZipInfo] | None:
    """The parts of the workbook's zip archive; ``None`` when it cannot be read as one."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.infolist()
    except zipfile.BadZipFile:
        problems.error(
            None,
            None,
            "xlsx-unreadable",
            "không phải tệp Excel (.xlsx): không đọc được dạng nén của nó",
            "not an Excel workbook (.xlsx): it is not a zip archive",
        )
        return None
    except OSError as exc:
        _unreadable(exc, problems)
        return None


def _check_parts(infos: list[zipfile.ZipInfo], problems: Problems) -> None:
    """Macros (a ``vbaProject.bin``) and external links are errors."""
    names = [i.filename for i in infos]
    if any(n.endswith("vbaProject.bin") for n in names):
        problems.error(
            None,
            None,
            "xlsx-macros",
            "tệp có macro (vbaProject.bin)",
            "the workbook holds macros (vbaProject.bin)",
        )
    if any(n.startswith("xl/externalLinks/") for n in names):
        problems.error(
            None,
            None,
            "xlsx-external-links",
            "tệp có liên kết ra tệp khác (external links)",
            "the workbook links to other files (external links)",
        )


def _check_unpacked(infos: list[zipfile.ZipInfo], problems: Problems) -> None:
    """A zip bomb is an error: over :data:`MAX_UNPACKED` bytes in all, or a part compressed
    more than :data:`MAX_RATIO` times."""
    unpacked = sum(i.file_size for i in infos)
    ratio = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
    if unpacked > MAX_UNPACKED or ratio > MAX_RATIO:
        problems.error(
            None,
            None,
            "xlsx-too-large",
            f"tệp giải nén ra {_n(unpacked, 'vi')} byte (tỷ lệ nén {_n(round(ratio), 'vi')}); "
            f"giới hạn {_n(MAX_UNPACKED, 'vi')} byte, tỷ lệ {MAX_RATIO}",
            f"the workbook unpacks to {_n(unpacked, 'en')} bytes (ratio "
            f"{_n(round(ratio), 'en')}); the limits are {_n(MAX_UNPACKED, 'en')} bytes and a "
            f"ratio of {MAX_RATIO}",
        )


def _check_xml(path: Path, infos: list[zipfile.ZipInfo], problems: Problems) -> None:
    """One streaming pass over each XML part: no document type, no sheet past
    :data:`MAX_ROWS` rows, no text longer than :data:`MAX_CELL` characters. The zip's own
    sizes are not trusted: reading stops at :data:`MAX_UNPACKED` bytes whatever they say."""
    budget = MAX_UNPACKED
    long: list[str] = []  # the parts holding a text too long for a cell
    try:
        with zipfile.ZipFile(path) as archive:
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    budget = _scan(archive, info, budget, problems, long)
                    if problems.found:
                        return
            # only now, every part free of DOCTYPE: the slow pass parses the workbook's parts
            for found in long_texts(archive, long):
                _too_long(found, problems)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        problems.error(
            None,
            None,
            "xlsx-unreadable",
            f"không đọc được tệp Excel: {exc}",
            f"cannot read the workbook: {exc}",
        )


def _scan(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    budget: int,
    problems: Problems,
    long: list[str],
) -> int:
    """Check one part as it streams; what is left of the budget. A part with a text too long
    for a cell is added to ``long`` (its count here is a lower bound, and its cell unknown:
    :func:`~ntm_check.load.workbook_long_text.long_texts` reads it again for both)."""
    name = info.filename
    sheet = name.startswith("xl/worksheets/")
    rows, run, head = 0, _TextRun(), b""
    with archive.open(info) as part:
        if _not_utf8_start(part):
            _not_utf8(name, problems)  # Excel writes UTF-8; UTF-16 would hide a DOCTYPE
            return budget
        while chunk := part.read(_CHUNK):
            budget -= len(chunk)
            if budget < 0:
                _too_large(problems)
                return budget
            window = head + chunk
            if _DOCTYPE.search(window):
                _entities(name, problems)
                return budget
            rows += len(_ROW.findall(window)) - len(_ROW.findall(head))
            head = window[-16:]
            if sheet and rows > MAX_ROWS:
                _too_many_rows(name, problems)
                return budget
            if name not in long and run.feed(chunk) > MAX_CELL:
                long.append(name)
    return budget


def _not_utf8_start(part: IO[bytes]) -> bool:
    """Whether a part's first bytes say it is not UTF-8: a UTF-16 byte order mark, or a NUL
    (UTF-16 without one)."""
    first = part.peek(4)[:4] if hasattr(part, "peek") else b""
    return first.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in first


class _TextRun:
    """The longest run of characters between two tags seen so far (a cell's text, or a long
    tag or comment: a lower bound the second pass makes exact, or clears)."""

    def __init__(self) -> None:
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.current = 0
        self.longest = 0

    def feed(self, chunk: bytes) -> int:
        text = self.decoder.decode(chunk)
        pieces = re.split("[<>]", text)
        if len(pieces) == 1:
            self.current += len(text)
        else:
            self.longest = max(
                self.longest, self.current + len(pieces[0]), *(len(p) for p in pieces[1:-1])
            )
            self.current = len(pieces[-1])
        self.longest = max(self.longest, self.current)
        return self.longest


def _not_utf8(name: str, problems: Problems) -> None:
    problems.error(
        None,
        None,
        "xlsx-encoding",
        f"phần {name} không ở dạng UTF-8 như Excel ghi (có thể là tệp độc hại)",
        f"the part {name} is not UTF-8 as Excel writes it (possibly hostile)",
    )


def _too_large(problems: Problems) -> None:
    problems.error(
        None,
        None,
        "xlsx-too-large",
        f"tệp giải nén ra hơn {_n(MAX_UNPACKED, 'vi')} byte",
        f"the workbook unpacks to more than {_n(MAX_UNPACKED, 'en')} bytes",
    )


def _entities(name: str, problems: Problems) -> None:
    problems.error(
        None,
        None,
        "xlsx-entities",
        f"phần {name} khai báo DOCTYPE/ENTITY (có thể là tệp độc hại); Excel không "
        "bao giờ ghi như vậy",
        f"the part {name} declares a DOCTYPE or ENTITY (possibly hostile); Excel never writes one",
    )


def _too_many_rows(name: str, problems: Problems) -> None:
    problems.error(
        None,
        None,
        "xlsx-too-large",
        f"trang tính {name} có hơn {_n(MAX_ROWS, 'vi')} dòng",
        f"the sheet {name} has more than {_n(MAX_ROWS, 'en')} rows",
    )


def _too_long(found: LongText, problems: Problems) -> None:
    vi, en = _n(found.length, "vi"), _n(found.length, "en")
    limit_vi, limit_en = _n(MAX_CELL, "vi"), _n(MAX_CELL, "en")
    if found.sheet is not None:
        what_vi, what_en = ("ô", "the cell") if found.cell else ("một ô", "a cell")
    else:  # a text no sheet's cell shows (an unused shared string, a comment): its part
        what_vi, what_en = f"{found.part}: một đoạn văn bản", f"{found.part}: a text"
    problems.error(
        found.sheet,
        found.cell,
        "xlsx-cell-too-long",
        f"{what_vi} có {vi} ký tự, quá giới hạn {limit_vi} của Excel",
        f"{what_en} holds {en} characters, past Excel's limit of {limit_en}",
    )


def _n(value: int, lang: Lang) -> str:
    return format_number(value, lang)
