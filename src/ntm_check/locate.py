"""Turn pydantic validation errors into located diagnostics with helpful messages.

Pydantic reports an error at a ``loc`` (a path of field names, keys and indices). The loaded
:class:`~ntm_check.load.sources.Document` knows where each path stands in the file, so each error
becomes ``path:line:col``; an unknown field points at its key and suggests the nearest valid
name; a number or boolean where text belongs shows the text as written and how to quote it.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ntm_check.diagnostics import Diagnostic, error
from ntm_check.load.sources import Document, PathKey

_CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "union_tag_not_found": "missing-field",
    "confusable_id": "confusable-id",
    "date_out_of_range": "invalid-value",
}


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest choice, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


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
        message = f"unknown field {field!r}{suggest(field, names)}"
        if names:
            message += f" (allowed: {', '.join(sorted(names))})"
        return error(doc.path, doc.position(path, key=True), code, message)
    if kind == "missing":
        return error(
            doc.path, doc.position(path[:-1], key=True), code, f"missing required field {field!r}"
        )
    if kind == "union_tag_not_found":
        return error(doc.path, doc.position(path, key=True), code, "missing required field 'kind'")
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        message = f"unknown kind {ctx.get('tag')!r}; expected one of {ctx.get('expected_tags')}"
        return error(doc.path, doc.position((*path, "kind")), "invalid-value", message)
    return error(doc.path, doc.position(path), code, _message(err, doc, path))


def _message(err: ErrorDetails, doc: Document, path: PathKey) -> str:
    kind = err["type"]
    raw = doc.raw_text(path)
    text_kinds = {"string_type", "model_type", "dict_type", "model_attributes_type"}
    if kind in text_kinds and raw is not None:
        value = err.get("input")
        if isinstance(value, bool):
            return (
                f"expected text, got {raw!r}, which YAML reads as the boolean {value}; "
                f'quote it: "{raw}"'
            )
        if isinstance(value, (int, float)):
            shown = (
                f"the number {raw}" if str(value) == raw else f"{raw}, read as the number {value}"
            )
            return f'expected text, got {shown}; codes and ids are text: quote it: "{raw}"'
        if value is None:
            return f"expected text, got {raw or 'nothing'!r} (empty); write the text"
        return f'expected text, got {raw!r}, which YAML reads as a date; quote it: "{raw}"'
    if (
        kind in {"float_type", "int_type"}
        and raw is not None
        and isinstance(err.get("input"), bool)
    ):
        return f"expected a number, got {raw!r}, which YAML reads as a boolean"
    msg = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    if kind == "literal_error":
        shown = repr(raw) if raw is not None else repr(err.get("input"))
        if raw is not None and isinstance(err.get("input"), bool):
            shown += f" (YAML reads it as the boolean {str(err.get('input')).lower()})"
        return f"{shown} is not allowed: {msg[0].lower()}{msg[1:]}"
    return msg[0].lower() + msg[1:] if msg else kind


def fields_at(root: type[BaseModel], loc: Sequence[str | int]) -> set[str]:
    """The field names of the model found at ``loc`` below ``root`` (empty when none)."""
    current: Any = root
    for part in loc:
        current = _step(current, part)
        if current is None:
            return set()
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return {f.alias or name for name, f in current.model_fields.items()}
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


def _step(tp: Any, part: str | int) -> Any:
    for member in _members(tp):
        if isinstance(member, type) and issubclass(member, BaseModel):
            field = member.model_fields.get(str(part))
            if field is not None:
                return field.annotation
            continue
        origin = typing.get_origin(member)
        args = typing.get_args(member)
        if origin in (tuple, list) and isinstance(part, int) and args:
            return args[0]
        if origin is dict and len(args) == 2:
            return args[1]
    # a discriminated union's tag: choose the member whose `kind` is the tag
    for member in _members(tp):
        if isinstance(member, type) and issubclass(member, BaseModel):
            kind = member.model_fields.get("kind")
            if kind is not None and typing.get_args(kind.annotation) == (part,):
                return member
    return None
