"""Turn pydantic validation errors into located diagnostics with helpful messages.

Pydantic reports an error at a ``loc`` (a path of field names, keys and indices). The loaded
:class:`~ntm_check.load.sources.Document` knows where each path stands in the file, so each error
becomes ``path:line:col``; an unknown field points at its key and suggests the nearest valid
name; a number or boolean where text belongs shows the text as written and how to quote it.
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
import unicodedata
from collections import abc
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ntm_check.diagnostics import SEP, Diagnostic, Msg, error
from ntm_check.i18n import format_number
from ntm_check.load.sources import Document, PathKey

_CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "union_tag_not_found": "missing-field",
    "confusable_id": "confusable-id",
    "date_out_of_range": "invalid-value",
}


def suggest(word: str, choices: Iterable[str]) -> Msg:
    """``; did you mean 'x'?`` for the nearest choice, or an empty message.

    Letters are compared without their diacritics too, so ``Dat`` finds ``Đạt``.
    """
    options = list(choices)
    plain = {_plain(c): c for c in options}
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close and _plain(word) in plain:
        close = [plain[_plain(word)]]
    if not close:
        return Msg("", "")
    return Msg(f"; có phải ý bạn là {close[0]!r}?", f"; did you mean {close[0]!r}?")


@functools.lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    """Lowercase, without diacritics (đ as d): how a word typed without accents compares."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def data_path(data: Any, loc: Sequence[str | int]) -> PathKey:
    """The path in the plain data that a pydantic ``loc`` refers to.

    Pydantic inserts the tag of a discriminated union (``rule.threshold.at_least``); such
    elements name no key in the data and are dropped.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict):
            if part in node:
                path.append(part)
                node = node[part]
            elif node.get("kind") == part:
                continue
            else:
                path.append(part)
                node = None
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        else:
            path.append(part)
            node = None
    return tuple(path)


def model_diagnostics(
    exc: ValidationError, doc: Document, root: type[BaseModel], prefix: PathKey = ()
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, located in ``doc``."""
    return [_one(err, doc, root, prefix) for err in exc.errors(include_url=False)]


def _one(err: ErrorDetails, doc: Document, root: type[BaseModel], prefix: PathKey) -> Diagnostic:
    kind = err["type"]
    loc = (*prefix, *err["loc"])
    path = data_path(doc.data, loc)
    code = _CODES.get(kind, "wrong-type" if kind.endswith("_type") else "invalid-value")
    field = str(path[-1]) if path else ""
    if kind == "extra_forbidden":
        names = fields_at(root, err["loc"][:-1])
        return error(doc.path, doc.position(path, key=True), code, _unknown_field(field, names))
    if kind == "missing":
        said = Msg(f"thiếu trường bắt buộc {field!r}", f"missing required field {field!r}")
        return error(doc.path, doc.position(path[:-1], key=True), code, said)
    if kind == "union_tag_not_found":
        said = Msg("thiếu trường bắt buộc 'kind'", "missing required field 'kind'")
        return error(doc.path, doc.position(path, key=True), code, said)
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        tag, expected = ctx.get("tag"), ctx.get("expected_tags")
        said = Msg(
            f"loại {tag!r} không có; chọn một trong {expected}",
            f"unknown kind {tag!r}; expected one of {expected}",
        )
        return error(doc.path, doc.position((*path, "kind")), "invalid-value", said)
    return error(doc.path, doc.position(path), code, _message(err, doc, path, root, prefix))


def _unknown_field(field: str, names: set[str]) -> Msg:
    if names == {"vi", "en"} and (" " in field or not field.isascii()):
        # `{vi: thu gom, xử lý}`: YAML read the text after the comma as a second key
        return Msg(
            f"văn bản có dấu phẩy phải đặt trong ngoặc kép (phần {field!r} bị đọc thành một "
            'trường riêng): viết {vi: "thu gom, xử lý"}',
            f"text containing a comma needs quotes ({field!r} was read as a field of its own): "
            'write {vi: "thu gom, xử lý"}',
        )
    said = Msg(f"trường {field!r} không có", f"unknown field {field!r}") + suggest(field, names)
    if names:
        allowed = ", ".join(sorted(names))
        said = said + Msg(f" (các trường được dùng: {allowed})", f" (allowed: {allowed})")
    return said


def _message(
    err: ErrorDetails, doc: Document, path: PathKey, root: type[BaseModel], prefix: PathKey
) -> Msg:
    raw = doc.raw_text(path)
    said = _worded_here(err, raw, root)
    return said if said is not None else _pydantic_message(err)


def _worded_here(err: ErrorDetails, raw: str | None, root: type[BaseModel]) -> Msg | None:
    """The message for the error kinds this module words itself (with the text as written);
    ``None`` for the others, which pydantic's own words say."""
    kind = err["type"]
    value = err.get("input")
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return _structure_expected(err, value, raw, root)
    if kind == "string_type" and raw is not None:
        return _text_expected(value, raw)
    if kind in {"int_from_float", "float_type", "int_type", "float_parsing", "int_parsing"}:
        return _number_expected(value, raw, whole=kind.startswith("int"))
    if kind == "literal_error":
        return _choice_expected(err, value, raw)
    if kind == "finite_number" and raw and any(c.isdigit() for c in raw):  # 1.0e+400, not .inf
        return Msg(f"số {raw} quá lớn", f"the number {raw} is too large")
    return None


def _structure_expected(
    err: ErrorDetails, value: object, raw: str | None, root: type[BaseModel]
) -> Msg:
    """A mapping was expected where something else is written: text where the fields are a
    bilingual text's, else a mapping of the fields that belong there."""
    names = fields_at(root, err["loc"])
    if names == {"vi", "en"}:  # bilingual text: plain text is the usual way to write it
        return _text_expected(value, raw or repr(value))
    return _mapping_expected(value, raw, names)


def _pydantic_message(err: ErrorDetails) -> Msg:
    """An error in pydantic's words: a bilingual message a validator raised, as it is, else
    pydantic's message for its kind in both languages."""
    text = err["msg"]
    for lead in ("Value error, ", "Assertion failed, "):
        text = text.removeprefix(lead)
    if SEP in text:
        return Msg.parse(text)
    return _pydantic_words(err["type"], err, text)


def _mapping_expected(value: object, raw: str | None, names: set[str]) -> Msg:
    shown = raw if raw is not None else repr(value)
    if names:
        fields = ", ".join(sorted(names))
        return Msg(
            f"cần một bảng các trường ({fields}), ví dụ {{met: 18, total: 19}}; đang ghi {shown}"
            if {"met", "total"} <= names
            else f"cần một bảng các trường ({fields}); đang ghi {shown}",
            f"expected a mapping of fields ({fields}), e.g. {{met: 18, total: 19}}; got {shown}"
            if {"met", "total"} <= names
            else f"expected a mapping of fields ({fields}); got {shown}",
        )
    return Msg(
        f"cần một bảng các trường (tên: giá trị); đang ghi {shown}",
        f"expected a mapping of fields (name: value); got {shown}",
    )


def _text_expected(value: object, raw: str) -> Msg:
    if isinstance(value, bool):
        return Msg(
            f"cần văn bản, nhưng YAML đọc {raw!r} là giá trị đúng/sai; đặt trong ngoặc kép: "
            f'"{raw}"',
            f"expected text, got {raw!r}, which YAML reads as the boolean {str(value).lower()}; "
            f'quote it: "{raw}"',
        )
    if isinstance(value, (int, float)):
        read = f"{raw}" if str(value) == raw else f"{raw} (đọc thành số {value})"
        read_en = f"the number {raw}" if str(value) == raw else f"{raw}, read as the number {value}"
        return Msg(
            f'cần văn bản, nhưng đang ghi {read}; mã và tên là văn bản: viết "{raw}"',
            f'expected text, got {read_en}; codes and ids are text: quote it: "{raw}"',
        )
    if value is None:
        return Msg("cần văn bản nhưng trường đang để trống", "expected text, got nothing (empty)")
    return Msg(
        f'cần văn bản, nhưng YAML đọc {raw!r} là ngày; đặt trong ngoặc kép: "{raw}"',
        f'expected text, got {raw!r}, which YAML reads as a date; quote it: "{raw}"',
    )


def _number_expected(value: object, raw: str | None, *, whole: bool = False) -> Msg:
    if whole and isinstance(value, float):  # 1.5 where a count belongs
        if raw is None:
            return Msg(
                f"cần số nguyên, đang ghi {format_number(value, 'vi')}",
                f"expected a whole number, got {format_number(value, 'en')}",
            )
        return Msg(f"cần số nguyên, đang ghi {raw}", f"expected a whole number, got {raw}")
    return _not_a_number(value, raw)


def _not_a_number(value: object, raw: str | None) -> Msg:
    if isinstance(value, str):
        said = _text_not_a_number(value)
        if said is not None:
            return said
    if isinstance(value, bool):
        return Msg(
            f"cần một số, nhưng YAML đọc {raw or value!r} là giá trị đúng/sai",
            f"expected a number, got {raw or value!r}, which YAML reads as a boolean",
        )
    if isinstance(value, int) and abs(value) > _LARGEST:  # said as 1e+400, not 401 digits
        return Msg(
            f"số {format_number(value, 'vi')} quá lớn",
            f"the number {format_number(value, 'en')} is too large",
        )
    shown = raw if raw is not None else repr(value)
    shown = shown if len(shown) <= _LONGEST_SHOWN else shown[:_LONGEST_SHOWN] + "…"
    return Msg(f"cần một số, đang ghi {shown}", f"expected a number, got {shown}")


def _text_not_a_number(value: str) -> Msg | None:
    """Why a text is not a number when it was meant as one (a decimal comma or a unit, an
    exponent YAML 1.1 leaves text); ``None`` for any other text."""
    if "," in value:
        number = re.sub(r"[^0-9,.-]", "", value).replace(",", ".")
        return Msg(
            f"{value!r} không phải số: dùng dấu chấm thập phân và không ghi đơn vị trong "
            f"value, viết {number} (đơn vị, nếu cần, ghi ở unit)",
            f"{value!r} is not a number: use a decimal point and no unit in the value, write "
            f"{number} (the unit, if any, goes in unit)",
        )
    if _LOOKS_NUMERIC.fullmatch(value.strip()):
        return Msg(
            f"YAML đọc {value!r} là văn bản, không phải số: viết số có dấu chấm thập phân, "
            "ví dụ 1.5e+3",
            f"YAML reads {value!r} as text, not a number: write it with a decimal point, "
            "e.g. 1.5e+3",
        )
    return None


#: what YAML 1.1 leaves a string though it reads as a number elsewhere (``1e400``, ``1e+5``)
_LOOKS_NUMERIC = re.compile(r"[-+]?[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+")
_LONGEST_SHOWN = 60
_LARGEST = 1.7976931348623157e308


def _choice_expected(err: ErrorDetails, value: object, raw: str | None) -> Msg:
    expected = str(err.get("ctx", {}).get("expected", ""))
    shown = repr(raw) if raw is not None else repr(value)
    choices = re.findall(r"'([^']*)'", expected)
    if set(choices) == {"met", "unmet"}:
        words = ["Đạt", "Chưa đạt", "met", "unmet"]
        hint = suggest(str(value), words) if isinstance(value, str) else Msg("", "")
        return (
            Msg(
                f"{shown} không phải kết quả: ghi Đạt (met) hoặc Chưa đạt (unmet)",
                f"{shown} is not a status: write Đạt (met) or Chưa đạt (unmet)",
            )
            + hint
        )
    if raw is not None and isinstance(value, bool):
        shown += f" (YAML đọc là {str(value).lower()})"
    listed = ", ".join(repr(c) for c in choices) or expected
    hint = suggest(str(value), choices) if isinstance(value, str) else Msg("", "")
    return (
        Msg(
            f"{shown} không hợp lệ: chọn một trong {listed}",
            f"{shown} is not allowed: expected one of {listed}",
        )
        + hint
    )


#: pydantic's own words for the errors that reach users, in both languages
_PYDANTIC: dict[str, Msg] = {
    "bool_type": Msg("cần true hoặc false", "expected true or false"),
    "list_type": Msg("cần một danh sách, ví dụ [a, b]", "expected a list, e.g. [a, b]"),
    "date_type": Msg("cần một ngày yyyy-mm-dd", "expected a date, yyyy-mm-dd"),
    "date_from_datetime_parsing": Msg("cần một ngày yyyy-mm-dd", "expected a date, yyyy-mm-dd"),
    "too_short": Msg("không được để trống", "must not be empty"),
    "string_too_short": Msg("không được để trống", "must not be empty"),
    "string_pattern_mismatch": Msg("không đúng dạng", "does not have the expected form"),
    "finite_number": Msg("cần một số hữu hạn", "expected a finite number"),
}


def _pydantic_words(kind: str, err: ErrorDetails, text: str) -> Msg:
    ctx = err.get("ctx", {})
    if kind in {"greater_than_equal", "greater_than"}:
        limit = ctx.get("ge", ctx.get("gt"))
        return Msg(f"phải từ {limit} trở lên", f"must be at least {limit}")
    if kind in {"less_than_equal", "less_than"}:
        limit = ctx.get("le", ctx.get("lt"))
        return Msg(f"không được vượt quá {limit}", f"must be at most {limit}")
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == r"^[0-9]+\.[0-9]+$":
            return Msg(
                'mã chỉ tiêu viết như trong quyết định, ví dụ "2.3" hoặc "8.10"',
                'an indicator id is written as in the decision, e.g. "2.3" or "8.10"',
            )
    said = _PYDANTIC.get(kind)
    if said is not None:
        return said
    return Msg(text[:1].lower() + text[1:], text[:1].lower() + text[1:])


def fields_at(root: type[BaseModel], loc: Sequence[str | int]) -> set[str]:
    """The field names of the model found at ``loc`` below ``root`` (empty when none)."""
    current: Any = root
    for part in loc:
        current = _step(current, part)
        if current is None:
            return set()
    for member in _members(current):  # through `Text | None` and the like
        if isinstance(member, type) and issubclass(member, BaseModel):
            return {f.alias or name for name, f in member.model_fields.items()}
    return set()


def _unwrap(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _members(tp: Any) -> tuple[Any, ...]:
    tp = _unwrap(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return tuple(_unwrap(m) for m in typing.get_args(tp) if m is not type(None))
    return (tp,)


#: what :func:`_member_step` gives when a member has nothing at ``part``
_NOWHERE = object()


def _step(tp: Any, part: str | int) -> Any:
    """The type found at ``part`` (a field, an item, a tag) below ``tp``; ``None``: none."""
    for member in _members(tp):
        found = _member_step(member, part)
        if found is not _NOWHERE:
            return found
    return _tagged(tp, part)


def _member_step(member: Any, part: str | int) -> Any:
    """A model's field, a sequence's item or a mapping's value at ``part``."""
    if isinstance(member, type) and issubclass(member, BaseModel):
        field = member.model_fields.get(str(part))
        return field.annotation if field is not None else _NOWHERE
    origin = typing.get_origin(member)
    args = typing.get_args(member)
    if origin in (tuple, list, abc.Sequence) and isinstance(part, int) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return _NOWHERE


def _tagged(tp: Any, part: str | int) -> Any:
    """Of a discriminated union, the member whose ``kind`` is the tag ``part``; else ``None``."""
    for member in _members(tp):
        if isinstance(member, type) and issubclass(member, BaseModel):
            kind = member.model_fields.get("kind")
            if kind is not None and typing.get_args(kind.annotation) == (part,):
                return member
    return None
