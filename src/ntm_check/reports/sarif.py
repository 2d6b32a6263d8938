"""``validate --format sarif``: SARIF 2.1.0, the format GitHub code scanning reads.

One run of the tool ``ntm-check``; a rule per diagnostic code found (its id is the code, as in
``path:line:col: [level] message (code)``); a result per problem, located at its file's line
and column (1-based, as everywhere in ntm-check), its message in the run's language and both
languages under the result's ``properties``.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from ntm_check import __version__
from ntm_check.diagnostics import Diagnostic

if TYPE_CHECKING:
    from ntm_check.reports import RunReportOptions
    from ntm_check.run.results import RunResult

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def sarif(run: RunResult, options: RunReportOptions) -> str:
    diagnostics = list(run.diagnostics)
    codes = sorted({d.code for d in diagnostics})
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ntm-check",
                        "version": __version__,
                        "rules": [_rule(code, diagnostics) for code in codes],
                    }
                },
                "results": [_result(d, codes, options) for d in diagnostics],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _rule(code: str, diagnostics: list[Diagnostic]) -> dict[str, Any]:
    first = next(d for d in diagnostics if d.code == code)
    return {
        "id": code,
        "name": code,
        "shortDescription": {"text": code},
        "defaultConfiguration": {"level": first.level.value},
    }


def _result(d: Diagnostic, codes: list[str], options: RunReportOptions) -> dict[str, Any]:
    return {
        "ruleId": d.code,
        "ruleIndex": codes.index(d.code),
        "level": d.level.value,
        "message": {"text": d.text.get(options.lang)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": PurePath(d.path).as_posix()},
                    "region": {"startLine": d.position.line, "startColumn": d.position.col},
                }
            }
        ],
        "properties": {"vi": d.text.vi, "en": d.text.en},
    }
