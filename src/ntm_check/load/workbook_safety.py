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
  any XML is parsed.

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
#: the most characters an Excel cell holds
MAX_CELL = 32_767
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
            f"tệp dài {info.st_size:,} byte; giới hạn {MAX_PACKED:,} byte",
            f"the workbook is {info.st_size:,} bytes; the limit is {MAX_PACKED:,}",
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
            f"tệp giải nén ra {unpacked:,} byte (tỷ lệ nén {ratio:.0f}); giới hạn "
            f"{MAX_UNPACKED:,} byte, tỷ lệ {MAX_RATIO}",
            f"the workbook unpacks to {unpacked:,} bytes (ratio {ratio:.0f}); the limits are "
            f"{MAX_UNPACKED:,} bytes and a ratio of {MAX_RATIO}",
        )


def _check_xml(path: Path, infos: list[zipfile.ZipInfo], problems: Problems) -> None:
    """One streaming pass over each XML part: no document type, no sheet past
    :data:`MAX_ROWS` rows, no text longer than :data:`MAX_CELL` characters. The zip's own
    sizes are not trusted: reading stops at :data:`MAX_UNPACKED` bytes whatever they say."""
    budget = MAX_UNPACKED
    try:
        with zipfile.ZipFile(path) as archive:
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    budget = _scan(archive, info, budget, problems)
                    if problems.found:
                        return
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        problems.error(
            None,
            None,
            "xlsx-unreadable",
            f"không đọc được tệp Excel: {exc}",
            f"cannot read the workbook: {exc}",
        )


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, problems: Problems) -> int:
    """Check one part as it streams; what is left of the budget."""
    name = info.filename
    sheet = name.startswith("xl/worksheets/")
    rows, run, head = 0, _TextRun(), b""
    with archive.open(info) as part:
        first = part.peek(4)[:4] if hasattr(part, "peek") else b""
        if first.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in first:
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
            if run.feed(chunk) > MAX_CELL:
                _too_long(name, run.longest, problems)
                return budget
    return budget


class _TextRun:
    """The longest run of characters between two tags seen so far (a cell's text)."""

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
        f"tệp giải nén ra hơn {MAX_UNPACKED:,} byte",
        f"the workbook unpacks to more than {MAX_UNPACKED:,} bytes",
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
        f"trang tính {name} có hơn {MAX_ROWS:,} dòng",
        f"the sheet {name} has more than {MAX_ROWS:,} rows",
    )


def _too_long(name: str, longest: int, problems: Problems) -> None:
    problems.error(
        None,
        None,
        "xlsx-cell-too-long",
        f"{name}: một ô có {longest:,} ký tự; ô Excel chứa tối đa {MAX_CELL:,}",
        f"{name}: a cell holds {longest:,} characters; an Excel cell holds at most {MAX_CELL:,}",
    )
