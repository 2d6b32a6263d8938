"""Read YAML files strictly into plain data, remembering where every key and value stands.

PyYAML's defaults are unsafe for hand-written compliance data: it keeps the last of two
duplicate keys, reads ``8.10`` as the float 8.1, constructs arbitrary tags and expands aliases
without bound. This module composes the node tree (with libyaml's C composer when available)
and converts it itself, so that:

* mapping keys are always the text as written (``8.10`` stays ``"8.10"``);
* duplicate keys, aliases, merge keys and any tag outside the YAML core schema are errors;
* invalid dates (``2024-02-30``) are located errors, not exceptions;
* all text is normalised to Unicode NFC;
* every key and value has a 1-based position, so later stages can report ``path:line:col``.

Nothing here raises on bad input: problems come back as diagnostics beside whatever data
could be read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ntm_check.diagnostics import START, Diagnostic, Msg, Position, error, warning
from ntm_check.load.files import read_text
from ntm_check.load.yaml_messages import (
    TAB,
    quote_run_on_message,
    quoted_text_ending_at,
    syntax_message,
    unclosed_quote_message,
    unclosed_quotes,
)

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_STR_TAG = "tag:yaml.org,2002:str"


class _Loader(_BaseLoader):
    """The safe loader with PyYAML's YAML 1.1 tag resolution, made cheaper to call.

    libyaml calls ``resolve`` back in Python for every node, so it dominates composing. The
    rules are PyYAML's own (a test compares them on many scalars); only the bookkeeping for
    path resolvers, which we never register, is skipped.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                table = _BY_FIRST
                for tag, pattern in table.get(value[:1], table[None]):
                    if pattern.match(value):
                        return tag
            return _STR_TAG
        result: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return result


def _implicit_table(
    resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]],
) -> dict[str | None, tuple[tuple[str, re.Pattern[str]], ...]]:
    """Resolvers by a scalar's first character, wildcard ones appended; ``None``: only those."""
    wildcard = tuple(resolvers.get(None, []))
    table: dict[str | None, tuple[tuple[str, re.Pattern[str]], ...]] = {
        key: (*value, *wildcard) for key, value in resolvers.items() if key is not None
    }
    table[None] = wildcard
    return table


#: PyYAML's implicit resolvers by first character, built once at import (it is constant)
_BY_FIRST = MappingProxyType(_implicit_table(_BaseLoader.yaml_implicit_resolvers))


#: Deepest nesting of mappings and sequences accepted.
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_TEXT_TAGS = {"!", f"{_CORE}str"}
_MAP_TAG = f"{_CORE}map"
_SEQ_TAG = f"{_CORE}seq"
_MERGE_TAG = f"{_CORE}merge"
#: Unicode format characters (category Cf): zero-width space and joiners, bidi controls, soft
#: hyphen, BOM… A test checks this class against unicodedata for every code point.
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)
_CONSTRUCTOR = SafeConstructor()


def nfc(text: str) -> str:
    """Normalise text: Unicode NFC, without invisible format characters (zero-width space…).

    Text pasted from Word, Excel or a web page often carries U+200B, U+FEFF or U+00AD; two ids
    that differ only by them must compare equal.
    """
    if text.isascii():
        return text
    # Format characters are never printable, so printable text needs no regex search.
    if not text.isprintable() and _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def invisible(text: str) -> list[str]:
    """The invisible format characters in ``text``, as ``U+200B`` codes."""
    if text.isascii():
        return []
    return sorted({f"U+{ord(ch):04X}" for ch in _INVISIBLE.findall(text)})


@dataclass
class Document:
    """The plain data read from one file, and the node tree it was read from.

    The tree is the one the loader composed to build ``data``: positions are looked up in it
    when a diagnostic asks for one, so no file is ever parsed twice.
    """

    path: str
    data: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: SHA-256 of the file's bytes, when it could be read
    sha256: str | None = None
    root: Node | None = field(default=None, repr=False)
    #: each mapping looked into so far (by ``id`` of its node): its entries by key, the first
    #: of a duplicated key; built once, so that locating every entry of a mapping is linear
    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def _walk(self, path: PathKey) -> list[tuple[Node | None, Node]]:
        """``(key node, value node)`` from the root down ``path``, as far as it exists."""
        if self.root is None:
            return []
        steps: list[tuple[Node | None, Node]] = [(None, self.root)]
        node: Node = self.root
        for part in path[:MAX_DEPTH]:
            found = self._child(node, part)
            if found is None:
                break
            steps.append(found)
            node = found[1]
        return steps

    def position(self, path: PathKey, *, key: bool = False) -> Position:
        """Where ``path`` stands; the nearest existing parent when it does not exist.

        With ``key``, a mapping entry is located at its key rather than at its value.
        """
        steps = self._walk(path)
        if not steps:
            return START
        key_node, value_node = steps[-1]
        return _pos(key_node if key and key_node is not None else value_node)

    def raw_text(self, path: PathKey) -> str | None:
        """The source text of a non-string scalar (number, boolean, date) at ``path``."""
        steps = self._walk(path)
        if len(steps) != len(path) + 1:
            return None
        node = steps[-1][1]
        if isinstance(node, ScalarNode) and node.tag not in _TEXT_TAGS:
            return str(node.value)
        return None

    def _child(self, node: Node, part: str | int) -> tuple[Node | None, Node] | None:
        """The entry ``part`` of a mapping (the first, if duplicated) or a sequence."""
        if isinstance(node, MappingNode) and isinstance(part, str):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = self._keys[id(node)] = _entries(node)
            return keys.get(part)
        if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            return None, node.value[part]
        return None


def _entries(node: MappingNode) -> dict[str, tuple[Node, Node]]:
    """A mapping's entries by key (NFC), the first of a duplicated key."""
    found: dict[str, tuple[Node, Node]] = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode):
            found.setdefault(nfc(key_node.value), (key_node, value_node))
    return found


def load_file(path: Path, display: str | None = None) -> Document:
    """Read and parse one YAML file; problems are returned in ``Document.diagnostics``."""
    shown = display if display is not None else str(path)
    text, problems, digest = read_text(path, shown)
    if text is None:
        return Document(shown, diagnostics=problems, sha256=digest)
    doc = load_text(text, shown)
    doc.sha256 = digest
    return doc


def load_text(text: str, display: str) -> Document:
    """Parse YAML text strictly (see the module docstring)."""
    doc = Document(display)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        doc.diagnostics.append(_syntax_error(exc, text, display))
        return doc
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        said = Msg(f"YAML không hợp lệ: {_clean(str(exc))}", f"invalid YAML: {_clean(str(exc))}")
        doc.diagnostics.append(error(display, START, "yaml-syntax", said))
        return doc
    except RecursionError:
        said = Msg(f"lồng nhau sâu quá {MAX_DEPTH} cấp", f"nesting deeper than {MAX_DEPTH} levels")
        doc.diagnostics.append(error(display, START, "too-deep", said))
        return doc
    finally:
        loader.dispose()
    if node is None:
        said = Msg(
            "tệp rỗng (hoặc chỉ có dòng chú thích)", "file is empty (or holds only comments)"
        )
        doc.diagnostics.append(error(display, START, "empty-file", said))
        return doc
    doc.root = node
    converter = _Converter(doc)
    doc.data = converter.convert(node, 0)
    if converter.aliases:
        doc.diagnostics.append(_alias_problem(text, display, converter.aliases))
    return doc


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, display: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    where = Position(mark.line + 1, mark.column + 1) if mark else START
    if mark is not None:
        likely = _likely_cause(text, mark, display, where)
        if likely is not None:
            return likely
    started = _started(exc.context_mark, mark)
    said = syntax_message(exc.problem or "invalid YAML", exc.context, started)
    return error(display, where, "yaml-syntax", said)


def _likely_cause(text: str, mark: yaml.Mark, display: str, where: Position) -> Diagnostic | None:
    """What most often breaks a file where the parser stopped, when it is that: a tab, a quote
    left open above, or a quoted text that ran on; else ``None``."""
    if _char_at(text, mark.line, mark.column) == "\t":
        return error(display, where, "yaml-syntax", TAB)
    blamed = _quote_to_blame(text, mark)
    if blamed is not None:
        line, col, quote = blamed
        said = unclosed_quote_message(quote, (mark.line + 1, mark.column + 1))
        return error(display, Position(line, col), "yaml-syntax", said)
    ran_on = _quote_run_on(text, mark)
    return ran_on_error(display, ran_on) if ran_on is not None else None


def _started(start: yaml.Mark | None, mark: yaml.Mark | None) -> tuple[int, int] | None:
    """Where the construct the parser was reading started, when on another line (1-based)."""
    if start is not None and mark is not None and start.line != mark.line:
        return (start.line + 1, start.column + 1)
    return None


def _quote_to_blame(text: str, mark: yaml.Mark) -> tuple[int, int, str] | None:
    """A quote opened above the parser's error and never closed on its line, when closing it
    on that line lets the parser read further (see :func:`unclosed_quotes`); else ``None``.
    A text quoted over several lines on purpose, above the mistake, is passed over."""
    lines = text.split("\n")
    for found in islice(unclosed_quotes(text, mark.line + 1), _MAX_QUOTES_TRIED):
        line = lines[found[0] - 1]
        # where the closing quote was probably meant: at the end of the line, or before what
        # ends a key (":"), a flow mapping or list ("}", "]", ",")
        body = line.rstrip()
        ends = [len(body)] + [len(body.rstrip(tail)) for tail in (":", "}", "]", ",", "},", "],")]
        for end in sorted(set(ends), reverse=True):
            if end <= found[1] - 1:
                continue
            fixed = [*lines[: found[0] - 1], body[:end] + found[2] + body[end:], *lines[found[0] :]]
            if _reads_further("\n".join(fixed), mark):
                return found
    return None


#: quotes tried, each with a few re-reads of the file: a file full of texts quoted over
#: several lines is rare, and this runs only once a file has failed to parse
_MAX_QUOTES_TRIED = 20


#: text glued to a closing quote; not ":" (a quoted key), "," "]" "}" (the next item) or "#"
_GLUED = re.compile(r"[^\s\"',:\]}#]+")


def _quote_run_on(text: str, mark: yaml.Mark) -> tuple[int, int, int, str, str] | None:
    """A quoted text that ends at a quote right before the parser's error, with more text
    glued to it (``["so-tnmt, "ca-tinh"]``): ``(line, opening column, closing column, quote,
    what follows)``, 1-based; ``None`` otherwise."""
    lines = text.split("\n")
    if mark.line >= len(lines) or mark.column < 1:
        return None
    line = lines[mark.line]
    closing = mark.column - 1
    glued = _GLUED.match(line, mark.column)  # the text right after the quote, no space between
    if closing >= len(line) or line[closing] not in "\"'" or glued is None:
        return None
    opened = quoted_text_ending_at(line, closing)
    if opened is None:
        return None
    return (mark.line + 1, opened + 1, closing + 1, line[closing], glued.group(0))


def ran_on_error(display: str, found: tuple[int, int, int, str, str]) -> Diagnostic:
    line, opened, closed, quote, after = found
    said = quote_run_on_message(quote, closed, after)
    return error(display, Position(line, opened), "yaml-syntax", said)


def _reads_further(text: str, mark: yaml.Mark) -> bool:
    """Whether the parser gets past ``mark`` in ``text`` (or reads it all)."""
    loader = _Loader(text)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as again:
        still = again.problem_mark or again.context_mark
        return still is None or (still.line, still.column) > (mark.line, mark.column)
    except (yaml.YAMLError, RecursionError):
        return False
    finally:
        loader.dispose()
    return True


def _alias_problem(text: str, display: str, count: int) -> Diagnostic:
    """One error for all aliases of a file, at the first one (found by re-reading events)."""
    where = START
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            where = Position(event.start_mark.line + 1, event.start_mark.column + 1)
            break
    said = Msg(
        "không dùng bí danh YAML (*tên); viết thẳng giá trị",
        "YAML aliases (*name) are not allowed; write the value out",
    )
    if count > 1:
        said = said + Msg(f" ({count} lần; lần đầu ở đây)", f" ({count} uses; the first is here)")
    return error(display, where, "alias", said)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


def _clean(message: str) -> str:
    return " ".join(message.split())


def _pos(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Converter:
    """Turn a composed node tree into plain data, reporting problems where they stand.

    This is the hot path of every command: it records no positions; ``Document`` finds them in
    the node tree when asked.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.seen: set[int] = set()
        self.aliases = 0

    def fail(self, node: Node, code: str, message: Msg) -> None:
        self.doc.diagnostics.append(error(self.doc.path, _pos(node), code, message))

    def convert(self, node: Node, depth: int) -> Any:
        if id(node) in self.seen:
            # Reported once per file, after conversion (see load_text): an alias bomb would
            # otherwise yield thousands of identical lines.
            self.aliases += 1
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            said = Msg(
                f"lồng nhau sâu quá {MAX_DEPTH} cấp", f"nesting deeper than {MAX_DEPTH} levels"
            )
            self.fail(node, "too-deep", said)
            return None
        kind = type(node)
        if kind is ScalarNode:
            return self.scalar(node)
        if kind is MappingNode:
            return self.mapping(node, depth)
        if node.tag != _SEQ_TAG:
            self.fail(node, "unsafe-tag", _tag_refused(node.tag))
            return None
        return [self.convert(item, depth + 1) for item in node.value]

    def mapping(self, node: Node, depth: int) -> dict[str, Any]:
        if node.tag != _MAP_TAG:
            self.fail(node, "unsafe-tag", _tag_refused(node.tag))
            return {}
        result: dict[str, Any] = {}
        first_keys: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                said = Msg(
                    "tên trường phải là văn bản, không phải danh sách hay bảng",
                    "a key must be plain text, not a list or map",
                )
                self.fail(key_node, "complex-key", said)
                continue
            if key_node.tag == _MERGE_TAG:
                said = Msg(
                    "không dùng khóa gộp (<<); viết thẳng các trường",
                    "merge keys (<<) are not allowed; write keys out",
                )
                self.fail(key_node, "merge-key", said)
                continue
            key = key_node.value
            if not key.isascii():
                key = nfc(key)
            if key in first_keys:
                first = _pos(first_keys[key])
                said = Msg(
                    f"trường {key!r} lặp lại (lần đầu ở dòng {first.line}, cột {first.col}); "
                    "giá trị sau sẽ âm thầm thay giá trị trước: giữ một trong hai",
                    f"duplicate key {key!r} (first defined at line {first.line}, "
                    f"column {first.col}); the second would silently replace the first",
                )
                self.fail(key_node, "duplicate-key", said)
                continue
            if key is not key_node.value and invisible(key_node.value):
                hidden = ", ".join(invisible(key_node.value))
                self.doc.diagnostics.append(
                    warning(
                        self.doc.path,
                        _pos(key_node),
                        "invisible-character",
                        Msg(
                            f"tên trường {key!r} có ký tự ẩn ({hidden}); đã bỏ các ký tự này",
                            f"key {key!r} contained invisible characters ({hidden}); "
                            "they were removed",
                        ),
                    )
                )
            first_keys[key] = key_node
            result[key] = self.convert(value_node, depth + 1)
        return result

    def scalar(self, node: Node) -> Any:
        tag = node.tag
        if tag in _TEXT_TAGS:
            text: str = node.value
            return text if text.isascii() else nfc(text)
        if tag not in _SCALAR_TAGS:
            self.fail(node, "unsafe-tag", _tag_refused(tag))
            return None
        try:
            # Call the per-tag constructor directly: construct_object() would cache every
            # node for the life of the process.
            return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
        except (ValueError, OverflowError, ConstructorError) as exc:
            kind = "date" if tag.endswith("timestamp") else tag.rsplit(":", 1)[-1]
            if kind == "date":
                said = Msg(
                    f"{node.value!r} không phải ngày có thật (viết yyyy-mm-dd, ví dụ 2024-04-05)",
                    f"{node.value!r} is not a valid date: {exc}",
                )
            else:
                said = Msg(
                    f"{node.value!r} không phải giá trị {kind} hợp lệ: {exc}",
                    f"{node.value!r} is not a valid {kind}: {exc}",
                )
            self.fail(node, "invalid-value", said)
            return None


def _tag_refused(tag: str) -> Msg:
    return Msg(
        f"không được dùng thẻ {tag!r} (thẻ không bao giờ được thực thi)",
        f"tag {tag!r} is not allowed (it is never executed)",
    )
