"""Validation results → text, for people and for CI. Each format returns a string.

- ``text``: one ``path:line:col: [level] message (code)`` line per problem;
- ``json``: a stable document (``schema_version`` 1) with every file, clean ones included;
- ``github``: GitHub Actions workflow commands, shown as annotations on the changed lines;
- ``junit``: one test case per file (named by its path), failed when the file has errors.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from ntm_check.diagnostics import Diagnostic, sorted_diagnostics

if TYPE_CHECKING:
    from ntm_check.batch import ValidationRun

SCHEMA_VERSION = 1


def text(run: ValidationRun) -> str:
    return "".join(d.format() + "\n" for d in run.diagnostics)


def json_document(run: ValidationRun) -> str:
    def problem(d: Diagnostic) -> dict[str, object]:
        return {
            "path": d.path,
            "line": d.position.line,
            "col": d.position.col,
            "level": d.level.value,
            "code": d.code,
            "message": d.message,
        }

    doc = {
        "schema_version": SCHEMA_VERSION,
        "summary": {"files": len(run.files), "errors": run.errors, "warnings": run.warnings},
        "arguments": [problem(d) for d in run.arguments],
        "files": [
            {
                "path": f.path,
                "kind": f.kind,
                "errors": f.errors,
                "warnings": f.warnings,
                "problems": [problem(d) for d in f.diagnostics],
            }
            for f in run.files
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def github(run: ValidationRun) -> str:
    lines = []
    for d in sorted_diagnostics(run.diagnostics):
        props = (
            f"file={_gh_property(d.path)},line={d.position.line},col={d.position.col},"
            f"title={_gh_property(d.code)}"
        )
        lines.append(f"::{d.level.value} {props}::{_gh_data(d.message)}\n")
    return "".join(lines)


def junit(run: ValidationRun) -> str:
    from xml.sax.saxutils import escape, quoteattr  # noqa: PLC0415 - pulls in urllib and ssl

    failures = sum(1 for f in run.files if f.errors)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="ntm-check validate" tests="{len(run.files)}" '
        f'failures="{failures}" errors="0">',
        f'  <testsuite name="ntm-check validate" tests="{len(run.files)}" '
        f'failures="{failures}" errors="0" skipped="0">',
    ]
    for f in run.files:
        out.append(f'    <testcase classname="ntm-check.{f.kind}" name={quoteattr(f.path)}>')
        errors = [d for d in f.diagnostics if d.level.value == "error"]
        warnings = [d for d in f.diagnostics if d.level.value == "warning"]
        if errors:
            body = escape("\n".join(d.format() for d in errors))
            message = quoteattr(f"{len(errors)} error(s)")
            out.append(f'      <failure message={message} type="ntm-check">{body}</failure>')
        if warnings:
            body = escape("\n".join(d.format() for d in warnings))
            out.append(f"      <system-out>{body}</system-out>")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>", ""]
    return "\n".join(out)


#: format name → renderer; the CLI's --format choices come from here
VALIDATION_FORMATS: dict[str, Callable[[ValidationRun], str]] = {
    "text": text,
    "json": json_document,
    "github": github,
    "junit": junit,
}
