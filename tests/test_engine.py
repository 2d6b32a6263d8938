"""The engine on the mixed fixture: every status, conflicts, overrides, overdue boundary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ntm_check.engine import Assessment
from tests.conftest import FIXTURES, Cli, judge

# These tests read the English words of messages (NTM_CHECK_LANG=en);
# test_language.py holds the Vietnamese ones.
pytestmark = pytest.mark.usefixtures("english")


def assess(name: str, judged_on: dt.date = dt.date(2024, 6, 30)) -> Assessment:
    run = judge(FIXTURES / "districts" / f"{name}.yaml", FIXTURES / "criteria", judged_on)
    found = run.files[0].assessment
    assert found is not None, [d.format() for d in run.diagnostics]
    return found


def test_all_met_passes() -> None:
    a = assess("all-met")
    assert a.summary.passed
    assert (a.summary.met, a.summary.total) == (7, 7)
    assert {r.basis for r in a.results} == {"value", "document"}


def test_mixed_statuses() -> None:
    a = assess("mixed")
    status = {r.indicator.id: r.status for r in a.results}
    assert status == {
        "1.1": "no_data",  # declared met, but no document behind it
        "1.2": "unmet",  # 84.5 < 85, the province's own limit
        "1.3": "not_applicable",
        "1.10": "unmet",  # 7.25 > 5 (at most)
        "2.1": "unmet",
        "2.2": "unmet",  # 9 of 10 < 100 %
        "2.3": "no_data",  # no evidence entry
    }
    s = a.summary
    assert (s.met, s.unmet, s.no_data, s.not_applicable, s.total) == (0, 4, 2, 1, 7)
    assert s.met + s.unmet + s.no_data + s.not_applicable == s.total
    assert not s.passed


def test_value_wins_over_declared_status_and_conflict_is_kept() -> None:
    r = next(r for r in assess("mixed").results if r.indicator.id == "1.2")
    assert r.status == "unmet"
    assert r.basis == "value"
    assert r.conflict == "met"
    assert r.judgement is not None
    assert r.judgement.gap == pytest.approx(0.5)


def test_reasons_for_no_data() -> None:
    results = {r.indicator.id: r for r in assess("mixed").results}
    assert results["1.1"].reason_key == "no_document"
    assert results["2.3"].reason_key == "no_evidence"


@pytest.mark.parametrize(
    ("as_of", "overdue"),
    [
        (dt.date(2024, 6, 30), {"nuoc"}),  # the deadline day itself (30/6) is on time
        (dt.date(2024, 7, 1), {"nuoc", "dung-han"}),
    ],
)
def test_overdue_at_the_boundary(as_of: dt.date, overdue: set[str]) -> None:
    a = assess("mixed", as_of)
    assert {s.action.id for s in a.actions if s.overdue} == overdue
    assert a.summary.overdue_actions == len(overdue)


def test_done_action_is_never_overdue() -> None:
    a = assess("all-met", dt.date(2030, 1, 1))
    assert [s.overdue for s in a.actions] == [False]


def test_evaluation_is_deterministic() -> None:
    first = assess("mixed")
    second = assess("mixed")
    assert [(r.indicator.id, r.status) for r in first.results] == [
        (r.indicator.id, r.status) for r in second.results
    ]


def test_a_commune_set_is_data_alone(tmp_path: Path, cli: Cli) -> None:
    """A set for communes (as in 2026–2030) needs no code: only files."""
    crit = tmp_path / "criteria"
    crit.mkdir()
    text = (FIXTURES / "criteria" / "mini-set.yaml").read_text(encoding="utf-8")
    (crit / "xa-set.yaml").write_text(
        text.replace("id: mini-set", "id: xa-set").replace("unit: district", "unit: commune"),
        encoding="utf-8",
    )
    evidence = (FIXTURES / "districts" / "all-met.yaml").read_text(encoding="utf-8")
    commune = tmp_path / "xa-thu.yaml"
    commune.write_text(
        evidence.replace("criteria_set: mini-set", "criteria_set: xa-set\nunit: commune"),
        encoding="utf-8",
    )
    ok = cli(str(commune), "--criteria", str(crit), "--format", "json")
    assert ok.code == 0, ok.err
    assert '"unit": "commune"' in ok.out
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        evidence.replace("criteria_set: mini-set", "criteria_set: xa-set\nunit: district"),
        encoding="utf-8",
    )
    bad = cli(str(wrong), "--criteria", str(crit))
    assert bad.code == 2
    assert "assesses a commune, not a district (wrong-unit-kind)" in bad.err
