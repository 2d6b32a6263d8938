"""PyYAML's syntax errors, said the way a person who writes YAML by hand can act on.

The parser names what it expected in its own grammar ("mapping values are not allowed in
this context", "did not find expected '-' indicator"); the cause is nearly always one of a few
mistakes: wrong indentation, a colon or comma in unquoted text, an unclosed quote or bracket, a
tab. Each known problem gets a Vietnamese and an English message saying what was found, what
is expected and how to fix it, with an example; anything else keeps the parser's words.
"""

from __future__ import annotations

from collections.abc import Iterator

from ntm_check.diagnostics import Msg

_INDENT = Msg(
    "kiểm tra thụt lề của dòng này và dòng trên: các trường cùng cấp phải thẳng cột, "
    "thụt lề bằng dấu cách",
    "check the indentation of this line and the one above: fields of one level start in "
    "the same column, indented with spaces",
)

#: a phrase of the parser's problem → what to say instead
_KNOWN: tuple[tuple[str, Msg], ...] = (
    (
        "mapping values are not allowed",
        Msg(
            "không được có dấu hai chấm ở đây: thụt lề sai, hoặc văn bản có dấu ': ' chưa "
            'đặt trong ngoặc kép (ví dụ: note: "Ghi chú: ...")',
            "a colon is not allowed here: the indentation is wrong, or a text containing "
            "': ' needs quotes (e.g. note: \"Note: ...\")",
        )
        + Msg("; ", "; ")
        + _INDENT,
    ),
    (
        "did not find expected '-' indicator",
        Msg(
            "thụt lề sai trong danh sách: mỗi mục bắt đầu bằng '- ' và thẳng cột với các mục "
            "khác; các trường của một mục thẳng cột với trường đầu tiên sau '- '",
            "wrong indentation in a list: every item starts with '- ' in the same column, and "
            "the fields of an item line up with the first field after '- '",
        ),
    ),
    (
        "did not find expected key",
        Msg(
            "thụt lề sai hoặc thiếu dấu hai chấm: mỗi trường viết 'tên: giá trị', thẳng cột "
            "với các trường cùng cấp",
            "wrong indentation or a missing colon: write each field as 'name: value', in the "
            "same column as the fields of its level",
        ),
    ),
    (
        "could not find expected ':'",
        Msg(
            "thiếu dấu hai chấm sau tên trường (viết 'tên: giá trị')",
            "a colon is missing after a field name (write 'name: value')",
        ),
    ),
    (
        "found unexpected end of stream",
        Msg(
            'thiếu dấu ngoặc kép đóng: văn bản mở bằng " phải đóng bằng "',
            'a closing quote is missing: text opened with " must be closed with "',
        ),
    ),
    (
        "did not find expected ',' or ']'",
        Msg(
            "danh sách trong [ ] chưa đóng hoặc thiếu dấu phẩy giữa các mục "
            '(ví dụ: [a, b]; văn bản có dấu phẩy phải trong ngoặc kép: ["a, b"])',
            "a list in [ ] is not closed or lacks a comma between items "
            '(e.g. [a, b]; text with a comma needs quotes: ["a, b"])',
        ),
    ),
    (
        "did not find expected ',' or '}'",
        Msg(
            "{ } chưa đóng hoặc thiếu dấu phẩy; văn bản có dấu phẩy phải trong ngoặc kép "
            '(ví dụ: {vi: "thu gom, xử lý"})',
            "a { } is not closed or lacks a comma; text containing a comma needs quotes "
            '(e.g. {vi: "thu gom, xử lý"})',
        ),
    ),
    (
        "expected a single document",
        Msg(
            "tệp chỉ được chứa một tài liệu YAML: bỏ dòng '---' thứ hai hoặc tách thành hai tệp",
            "a file holds one YAML document: remove the second '---' or split the file",
        ),
    ),
    (
        "found character '\\t' that cannot start any token",
        Msg(
            "không được thụt lề bằng phím Tab; dùng dấu cách",
            "a tab character cannot indent YAML; use spaces",
        ),
    ),
    (
        "found undefined alias",
        Msg(
            "không dùng bí danh YAML (*tên); viết thẳng giá trị",
            "YAML aliases (*name) are not allowed; write the value out",
        ),
    ),
)

TAB = Msg(
    "không được thụt lề bằng phím Tab; dùng dấu cách",
    "a tab character cannot indent YAML; use spaces",
)


def syntax_message(problem: str, context: str | None, started: tuple[int, int] | None) -> Msg:
    """What to tell the user for the parser's ``problem``; where a block started, if known."""
    said = next((m for phrase, m in _KNOWN if phrase in f"{problem} {context or ''}"), None)
    if said is None:
        words = " ".join(f"{problem} ({context})".split()) if context else " ".join(problem.split())
        said = Msg(f"YAML không hợp lệ: {words}", f"invalid YAML: {words}")
    if started is not None:
        line, col = started
        said = said + Msg(
            f" (phần này bắt đầu ở dòng {line}, cột {col})",
            f" (it started at line {line}, column {col})",
        )
    return said


def unclosed_quote_message(quote: str, stopped: tuple[int, int]) -> Msg:
    """What to say at a quote that opens a text never closed (see :func:`unclosed_quote`)."""
    line, col = stopped
    mark = "dấu ngoặc kép" if quote == '"' else "dấu nháy đơn"
    return Msg(
        f"thiếu {mark} đóng: văn bản mở bằng {quote} ở đây chưa đóng trên dòng này (viết "
        f"{quote}...{quote}); trình đọc YAML dừng ở dòng {line}, cột {col}",
        f"a closing quote is missing: the text opened with {quote} here is not closed on this "
        f"line (write {quote}...{quote}); the YAML reader stopped at line {line}, column {col}",
    )


def unclosed_quotes(text: str, before: int) -> Iterator[tuple[int, int, str]]:
    """Each quoted text opened and not closed on its own line, among the ``before`` first
    lines, in order: ``(line, column, quote)``, 1-based.

    YAML lets a quoted text run on over several lines, so an unclosed quote is reported by
    the parser far below it, where the next quote of the file ends the text by mistake (in an
    evidence file full of ``"1.2":`` keys, a few lines on), as a problem of indentation. Where
    such a text opens is almost always the mistake. A quote counts as opening a text where a
    value or key may start: at the start of a line or after ``: ``, ``- ``, ``[``, ``{`` or
    ``,``; a quote inside plain text (``Nhà "văn hoá"``) is only a character.
    """
    for number, line in enumerate(text.split("\n")[:before], start=1):
        opened = _open_quote(line)
        if opened is not None:
            yield (number, opened[0] + 1, opened[1])


def _open_quote(line: str) -> tuple[int, str] | None:
    """Where a quoted text opens on ``line`` without closing on it: ``(index, quote)``."""
    last = None
    for start, end, quote in _quoted_texts(line):
        last = (start, quote) if end is None else None
    return last


def _quoted_texts(line: str) -> Iterator[tuple[int, int | None, str]]:
    """The quoted texts of a YAML line, in order: ``(opening index, closing index or None
    when the line ends first, quote)``; a comment ends the line."""
    at = 0
    while (start := _opening(line, at)) is not None:
        quote = line[start]
        end = _closing(line, start + 1, quote)
        yield start, end, quote
        if end is None:
            return
        at = end + 1


def _opening(line: str, at: int) -> int | None:
    """The index of the next quote from ``at`` that opens a quoted text; ``None`` when the
    line or a comment ends first."""
    for index in range(at, len(line)):
        char = line[index]
        if char in "\"'" and _may_open(line[:index]):
            return index
        if char == "#" and (index == 0 or line[index - 1] in " \t"):
            return None  # a comment
    return None


def _closing(line: str, at: int, quote: str) -> int | None:
    """The index of the ``quote`` that closes a text opened before ``at``; ``None`` when the
    line ends first."""
    while at < len(line):
        char = line[at]
        if quote == '"' and char == "\\":
            at += 2
            continue
        if char == quote:
            if quote == "'" and line[at + 1 : at + 2] == "'":  # '' is a quote inside '…'
                at += 2
                continue
            return at
        at += 1
    return None


def _may_open(before: str) -> bool:
    stripped = before.rstrip(" ")
    return not stripped or (
        stripped.endswith((":", "-", "[", "{", ","))
        and (len(stripped) < len(before) or stripped.endswith(("[", "{", ",")))
    )


def quoted_text_ending_at(line: str, end: int) -> int | None:
    """Where the quoted text whose closing quote is at index ``end`` of ``line`` opens (an
    index), or ``None`` when no quoted text closes there."""
    return next((start for start, closed, _ in _quoted_texts(line) if closed == end), None)


def quote_run_on_message(quote: str, closed: int, after: str) -> Msg:
    """What to say at a quoted text that ends at a quote followed by more text: most often the
    quote that should have closed it is missing, so it ran on to the next text's opening one."""
    mark = "dấu ngoặc kép" if quote == '"' else "dấu nháy đơn"
    return Msg(
        f"có thể thiếu {mark} đóng: văn bản mở bằng {quote} ở đây kéo đến dấu {quote} ở cột "
        f"{closed} và liền sau là {after!r}; mỗi văn bản đóng bằng {quote} của riêng nó",
        f"a closing quote may be missing: the text opened with {quote} here runs to the {quote} "
        f"at column {closed}, followed by {after!r}; close each text with its own {quote}",
    )
