"""Read a file's bytes as UTF-8 text, refusing what is not text, and hash them.

Apart from the YAML parser (:mod:`ntm_check.load.sources`), so that a run served by the result
cache, which reads and hashes every file but parses none, does not import PyYAML.
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from ntm_check.diagnostics import START, Diagnostic, Msg, Position, error
from ntm_check.i18n import format_number

#: Files larger than this are refused before parsing (bytes).
MAX_FILE_BYTES = 5 * 1024 * 1024


def size_problems(size: int, display: str) -> list[Diagnostic]:
    """The refusal of a content of ``size`` bytes over :data:`MAX_FILE_BYTES`, else nothing."""
    if size <= MAX_FILE_BYTES:
        return []
    said = Msg(
        f"tệp dài {format_number(size, 'vi')} byte; giới hạn là "
        f"{format_number(MAX_FILE_BYTES, 'vi')} byte",
        f"file is {format_number(size, 'en')} bytes; the limit is "
        f"{format_number(MAX_FILE_BYTES, 'en')} bytes",
    )
    return [error(display, START, "file-too-large", said)]


def read_text(path: Path, display: str) -> tuple[str | None, list[Diagnostic], str | None]:
    """Read a file as UTF-8 (a BOM is accepted), refusing what cannot be decoded.

    Returns the text (``None`` when unusable), the problems, and the SHA-256 of the bytes.
    """

    def refuse(code: str, message: Msg) -> list[Diagnostic]:
        return [error(display, START, code, message)]

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            said = Msg("là thư mục, không phải tệp", "is a directory, not a file")
            return None, refuse("not-a-file", said), None
        if not stat.S_ISREG(info.st_mode):
            # a FIFO or device would block or never end: never open one
            said = Msg(
                "không phải tệp thường (ống dẫn hoặc thiết bị)",
                "is not a regular file (pipe or device)",
            )
            return None, refuse("not-a-file", said), None
        too_large = size_problems(info.st_size, display)
        if too_large:
            return None, too_large, None
        data = path.read_bytes()
    except FileNotFoundError:
        return None, refuse("file-not-found", Msg("không có tệp này", "no such file")), None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        said = Msg(f"không đọc được tệp: {reason}", f"cannot read file: {reason}")
        return None, refuse("unreadable-file", said), None
    text, problems = decode_bytes(data, display)
    return text, problems, hashlib.sha256(data).hexdigest()


def decode_bytes(data: bytes, display: str) -> tuple[str | None, list[Diagnostic]]:
    """The text of an input's bytes, by the one opener's rules (a file's, a git blob's): at most
    :data:`MAX_FILE_BYTES`, UTF-8 (a BOM is accepted), not UTF-16, no NUL byte.

    Returns the text (``None`` when refused) and the problems, located in ``display``.
    """

    def refuse(code: str, message: Msg, where: Position = START) -> list[Diagnostic]:
        return [error(display, where, code, message)]

    too_large = size_problems(len(data), display)
    if too_large:
        return None, too_large
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        said = Msg("tệp mã hóa UTF-16; hãy lưu lại dạng UTF-8", "file is UTF-16; save it as UTF-8")
        return None, refuse("encoding", said)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        byte = f"0x{data[exc.start]:02x}"
        said = Msg(
            f"byte {byte} không hợp lệ trong UTF-8; hãy lưu tệp dạng UTF-8 "
            "(có thể tệp đang ở bảng mã Windows-1258 hoặc Latin-1)",
            f"byte {byte} is not valid UTF-8; save the file as UTF-8 "
            "(it may be Windows-1258 or Latin-1)",
        )
        return None, refuse("encoding", said, Position(line, col))
    if "\x00" in text:
        said = Msg(
            "tệp chứa byte NUL: không phải tệp văn bản",
            "file contains NUL bytes; not a text file",
        )
        return None, refuse("encoding", said)
    return text, []
