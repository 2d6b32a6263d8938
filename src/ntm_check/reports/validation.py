"""Validation results → text, for people and for CI. Each format returns a string.

- ``text``: one ``path:line:col: [level] message (code)`` line per problem;
- ``json``: a stable document (``schema_version`` 1) with every file, clean ones included;
- ``github``: GitHub Actions workflow commands, shown as annotations on the changed lines;
- ``junit``: one test case per file (named by its path), failed when the file has errors (or,
  with ``--strict``, warnings).

The registry of these formats is ``RUN_REPORTERS`` in :mod:`ntm_check.reports`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ntm_check.diagnostics import Diagnostic, Level, sorted_diagnostics
from ntm_check.text import Text

if TYPE_CHECKING:
    from ntm_check.reports import RunReportOptions
    from ntm_check.run.results import FileResult, RunResult

#: 2: files read because evidence named them are listed (``implicit``), YAML files that are
#: neither kind are listed as ``other``, ``summary`` has ``failed`` and ``skipped``; each valid
#: evidence file has its ``verdict`` (the counts ``check`` shows), others ``null``.
SCHEMA_VERSION = 2


def text(run: RunResult, options: RunReportOptions) -> str:
    return "".join(d.format(options.lang) + "\n" for d in run.diagnostics)


def failed(f: FileResult, options: RunReportOptions) -> bool:
    """Whether a file fails the run: an error, or with ``--strict`` a warning too."""
    return f.errors > 0 or (options.strict and f.warnings > 0)


def json_document(run: RunResult, options: RunReportOptions) -> str:
    doc = {
        "schema_version": SCHEMA_VERSION,
        "summary": {
            "files": len(run.files),
            "errors": run.errors,
            "warnings": run.warnings,
            # a path given that could not be read (no such file) fails the run as a file would
            "failed": sum(1 for f in run.files if failed(f, options)) + len(_missing(run)),
            "skipped": len(run.skipped),
            "strict": options.strict,
        },
        "arguments": [d.as_json(options.lang) for d in run.arguments],
        "files": [
            {
                "path": f.path,
                "kind": f.kind,
                "implicit": f.implicit,
                "errors": f.errors,
                "warnings": f.warnings,
                "problems": [d.as_json(options.lang) for d in f.diagnostics],
                "verdict": f.verdict.as_json() if f.verdict else None,
            }
            for f in run.files
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _missing(run: RunResult) -> list[Diagnostic]:
    """The errors of the paths given that could not be read at all (no such file)."""
    return [d for d in run.arguments if d.level is Level.ERROR]


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def github(run: RunResult, options: RunReportOptions) -> str:
    lines = []
    for d in sorted_diagnostics(run.diagnostics):
        props = (
            f"file={_gh_property(d.path)},line={d.position.line},col={d.position.col},"
            f"title={_gh_property(d.code)}"
        )
        lines.append(f"::{d.level.value} {props}::{_gh_data(d.text.get(options.lang))}\n")
    return "".join(lines)


def junit(run: RunResult, options: RunReportOptions) -> str:
    """JUnit XML: a test case per file, failed as the run fails it (so ``--strict`` too)."""
    cases = [f for f in run.files if f.kind != "other"]
    missing = _missing(run)  # paths given that are not there: a failed test case each
    failures = sum(1 for f in cases if failed(f, options)) + len(missing)
    skipped = len(run.files) - len(cases)
    tests = len(run.files) + len(missing)
    counts = f'tests="{tests}" failures="{failures}" errors="0" skipped="{skipped}"'
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="ntm-check validate" {counts}>',
        f'  <testsuite name="ntm-check validate" {counts}>',
    ]
    for d in missing:
        out += _missing_case(d, options)
    for f in run.files:
        out += _file_case(f, options)
    out += ["  </testsuite>", "</testsuites>", ""]
    return "\n".join(out)


def _missing_case(d: Diagnostic, options: RunReportOptions) -> list[str]:
    """The failed test case of a path given that is not there."""
    from xml.sax.saxutils import escape, quoteattr  # noqa: PLC0415 - pulls in urllib and ssl

    body = escape(d.format(options.lang))
    return [
        f'    <testcase classname="ntm-check.argument" name={quoteattr(d.path)}>',
        f'      <failure message={quoteattr(d.code)} type="ntm-check">{body}</failure>',
        "    </testcase>",
    ]


def _file_case(f: FileResult, options: RunReportOptions) -> list[str]:
    """A file's test case: skipped when it is neither kind; failed with the problems that fail
    it; the other problems as its output."""
    from xml.sax.saxutils import quoteattr  # noqa: PLC0415 - pulls in urllib and ssl

    shown = [d for d in f.diagnostics if options.strict or d.level is Level.ERROR]
    fails = failed(f, options)
    rest = [d for d in f.diagnostics if d not in shown or not fails]
    out = [f'    <testcase classname="ntm-check.{f.kind}" name={quoteattr(f.path)}>']
    if f.kind == "other":
        reason = Text(
            "không phải bộ tiêu chí hay hồ sơ", "neither a criteria set nor an evidence file"
        )
        out.append(f"      <skipped message={quoteattr(reason.get(options.lang))}/>")
    if fails:
        counts = Text(f"{f.errors} lỗi, {f.warnings} cảnh báo",
                      f"{f.errors} error(s), {f.warnings} warning(s)")  # fmt: skip
        message = quoteattr(counts.get(options.lang))
        body = _body(shown, options)
        out.append(f'      <failure message={message} type="ntm-check">{body}</failure>')
    if rest:
        out.append(f"      <system-out>{_body(rest, options)}</system-out>")
    out.append("    </testcase>")
    return out


def _body(diagnostics: list[Diagnostic], options: RunReportOptions) -> str:
    """Problems as an element's text: a line each, escaped."""
    from xml.sax.saxutils import escape  # noqa: PLC0415 - pulls in urllib and ssl

    return escape("\n".join(d.format(options.lang) for d in diagnostics))
