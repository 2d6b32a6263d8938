"""Property-based tests: whatever the input, a documented exit code and no traceback; the
engine is deterministic and monotone."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from ntm_check.cli import main
from ntm_check.engine import assess
from ntm_check.load.sources import load_file, load_text
from ntm_check.model.criteria import CriteriaSet
from ntm_check.validate import check_criteria, check_evidence
from tests.conftest import FIXTURES

CRIT = str(FIXTURES / "criteria")
FIELDS = [
    "id",
    "name",
    "province",
    "criteria_set",
    "as_of",
    "indicators",
    "documents",
    "actions",
    "value",
    "status",
    "code",
    "1.1",
    "1.2",
    "2.1",
    "2.2",
    "unit",
    "met",
    "total",
]


def run(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, err.getvalue() + out.getvalue()


def run_on(content: bytes) -> list[tuple[int, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.yaml"
        path.write_bytes(content)
        return [
            run([str(path), "--criteria", CRIT]),
            run(["validate", str(path), "--criteria", CRIT]),
        ]


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(content: bytes) -> None:
    for code, output in run_on(content):
        assert code in (0, 1, 2)
        assert "Traceback" not in output
        assert "internal error" not in output


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates(),
    st.sampled_from(["met", "unmet", "Đạt", "mini-set", "2024-02-30", "010"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), children, max_size=6
        ),
    ),
    max_leaves=40,
)


@given(st.dictionaries(st.sampled_from(FIELDS), documents, max_size=8))
def test_arbitrary_documents_never_crash(doc: dict[str, Any]) -> None:
    content = yaml.safe_dump(doc, allow_unicode=True).encode("utf-8")
    for code, output in run_on(content):
        assert code in (0, 1, 2), output
        assert "Traceback" not in output
        assert "internal error" not in output


def mini_set() -> CriteriaSet:
    cset, problems = check_criteria(load_file(FIXTURES / "criteria" / "mini-set.yaml"))
    assert cset is not None, problems
    return cset


CSET = mini_set()
LEVELS = ["loại 1", "loại 2", "loại 3", "loại 4", "loại 5", "loại 6"]


@st.composite
def evidence(draw: st.DrawFn) -> dict[str, Any]:
    total = draw(st.integers(1, 40))
    return {
        "id": "gen",
        "name": "Huyện sinh",
        "province": {"name": "Tỉnh"},
        "region": draw(st.sampled_from(["vung-a", "vung-b"])),
        "criteria_set": "mini-set",
        "as_of": "2024-06-30",
        "indicators": {
            "1.1": {"status": draw(st.sampled_from(["met", "unmet"]))},
            "1.2": {"value": draw(st.floats(0, 100, allow_nan=False))},
            "1.3": {"value": draw(st.sampled_from(LEVELS))},
            "1.10": {"value": draw(st.floats(0, 100, allow_nan=False))},
            "2.1": {"value": draw(st.integers(0, 50))},
            "2.2": {"value": {"met": draw(st.integers(0, total)), "total": total}},
        },
    }


def statuses(doc: dict[str, Any]) -> dict[str, str]:
    loaded = load_text(yaml.safe_dump(doc, allow_unicode=True), "gen.yaml")
    checked, problems = check_evidence(loaded, CSET)
    assert checked is not None, [p.format() for p in problems]
    assessment = assess(CSET, checked, checked.evidence.as_of)
    s = assessment.summary
    counted = (s.met, s.unmet, s.no_data, s.not_applicable)
    assert counted == tuple(
        sum(1 for r in assessment.results if r.status == status)
        for status in ("met", "unmet", "no_data", "not_applicable")
    )
    assert sum(counted) == s.total == CSET.indicator_count
    return {r.indicator.id: r.status for r in assessment.results}


@given(evidence(), st.randoms(use_true_random=False))
def test_evaluation_does_not_depend_on_the_order_of_the_file(doc: dict[str, Any], rnd: Any) -> None:
    """The same facts written in another order are the same assessment."""
    items = list(doc["indicators"].items())
    rnd.shuffle(items)
    shuffled = {**doc, "indicators": dict(items)}
    keys = list(shuffled)
    rnd.shuffle(keys)
    assert statuses({k: shuffled[k] for k in keys}) == statuses(doc)


@given(evidence(), st.floats(0, 100, allow_nan=False), st.integers(0, 50), st.integers(0, 40))
def test_raising_a_value_never_turns_met_into_unmet(
    doc: dict[str, Any], more_pct: float, more_count: int, more_met: int
) -> None:
    before = statuses(doc)
    raised = yaml.safe_load(yaml.safe_dump(doc))
    ind = raised["indicators"]
    ind["1.2"]["value"] = min(100.0, ind["1.2"]["value"] + more_pct)
    ind["2.1"]["value"] += more_count
    share = ind["2.2"]["value"]
    share["met"] = min(share["total"], share["met"] + more_met)
    after = statuses(raised)
    for key in ("1.2", "2.1", "2.2"):  # the "at least" indicators
        if before[key] == "met":
            assert after[key] == "met", key
