"""JSON Schemas of the file kinds (evidence, criteria set, overlay), for editors
(yaml-language-server) and other tools."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from ntm_check.model.criteria import CriteriaSet
from ntm_check.model.evidence import Evidence
from ntm_check.model.overlay import Overlay

SCHEMAS: dict[str, type[BaseModel]] = {
    "evidence": Evidence,
    "criteria": CriteriaSet,
    "overlay": Overlay,
}


def json_schema(kind: str) -> str:
    """The JSON Schema (draft 2020-12) of ``kind``: ``evidence``, ``criteria`` or ``overlay``."""
    schema = _closed(SCHEMAS[kind].model_json_schema())
    doc = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"ntm-check {kind} file",
        **schema,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _closed(node: Any) -> Any:
    """Maps keyed by pattern (indicator ids, document ids) accept no other key, as the tool.

    pydantic writes ``dict[Slug, X]`` as ``patternProperties`` alone, which lets any other key
    through with any value; the tool refuses such a key, so the schema must too.
    """
    if isinstance(node, dict):
        out = {key: _closed(value) for key, value in node.items()}
        if "patternProperties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [_closed(item) for item in node]
    return node
