"""JSON Schemas of the two file kinds, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import json

from pydantic import BaseModel

from ntm_check.model.criteria import CriteriaSet
from ntm_check.model.evidence import Evidence

SCHEMAS: dict[str, type[BaseModel]] = {"evidence": Evidence, "criteria": CriteriaSet}


def json_schema(kind: str) -> str:
    """The JSON Schema (draft 2020-12) of ``kind``: ``evidence`` or ``criteria``."""
    schema = SCHEMAS[kind].model_json_schema()
    doc = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"ntm-check {kind} file",
        **schema,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
