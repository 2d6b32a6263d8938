"""The data we ship: the advanced-district set and the Tân Yên evidence, checked as law-derived."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ntm_check.diagnostics import Level
from ntm_check.load.sources import load_file
from ntm_check.model.criteria import CriteriaSet
from ntm_check.validate import check_criteria
from tests.conftest import ROOT, judge

#: the notice's date, and the assessment date of districts/tan-yen.yaml
NOTICE_DATE = dt.date(2024, 4, 5)

SET = ROOT / "criteria" / "huyen-ntm-nang-cao-2021-2025.yaml"
NOTICE = "tb-bac-giang-2024-04-05"


@pytest.fixture(scope="module")
def cset() -> CriteriaSet:
    result, problems = check_criteria(load_file(SET))
    assert result is not None, [p.format() for p in problems]
    assert problems == []
    return result


def test_shape_nine_criteria_38_indicators(cset: CriteriaSet) -> None:
    assert cset.unit == "district"
    assert [c.number for c in cset.criteria] == list(range(1, 10))
    assert len(cset.indicators()) == cset.indicator_count == 38
    assert {d.number for d in cset.legal_basis} == {"320/QĐ-TTg", "211/QĐ-TTg"}


def test_nothing_is_presented_as_verified(cset: CriteriaSet) -> None:
    """We have not read the official annex: no indicator may claim to be verified."""
    assert {i.source.verification for _, i in cset.indicators()} <= {"notice", "draft"}
    assert cset.unverified_count() == 38


@pytest.mark.parametrize("ind_id", ["2.3", "8.1", "8.2", "8.9", "5.4"])
def test_indicators_named_by_the_notice_cite_it(cset: CriteriaSet, ind_id: str) -> None:
    ind = cset.indicator(ind_id)
    assert ind is not None
    assert ind.source.verification == "notice"
    assert NOTICE in ind.source.refs
    assert ind.source.note is not None


def test_no_threshold_is_invented(cset: CriteriaSet) -> None:
    """No source gives a numeric threshold, so every indicator is decided by appraisal."""
    assert {i.rule.kind for _, i in cset.indicators()} == {"attested"}


def test_tan_yen_as_of_the_notice() -> None:
    run = judge(ROOT / "districts" / "tan-yen.yaml", ROOT / "criteria", NOTICE_DATE)
    assert [d.format() for d in run.diagnostics if d.level is Level.ERROR] == []
    a = run.files[0].assessment
    assert a is not None
    assert (a.summary.met, a.summary.unmet, a.summary.total) == (29, 9, 38)
    results = {r.indicator.id: r for r in a.results}
    for named in ("2.3", "5.4", "8.1", "8.2", "8.9"):
        assert (results[named].status, results[named].basis) == ("unmet", "notice")
    inferred_unmet = {
        i for i, r in results.items() if r.status == "unmet" and r.basis == "inferred"
    }
    assert len(inferred_unmet) == 4
    assert {i.split(".")[0] for i in inferred_unmet} <= {"7", "9"}  # environment, security
    for r in results.values():
        if r.basis == "inferred":
            assert r.evidence is not None and r.evidence.reason is not None


def test_tan_yen_actions_from_the_notice() -> None:
    run = judge(ROOT / "districts" / "tan-yen.yaml", ROOT / "criteria", NOTICE_DATE)
    assessment = run.files[0].assessment
    assert assessment is not None
    due = {s.action.id: s.action.due for s in assessment.actions}
    assert str(due["ho-so-xa-tham-tra"]) == "2024-09-30"
    assert str(due["ho-so-xa-trinh-tinh"]) == "2024-10-31"
    assert str(due["hoc-tap-kinh-nghiem"]) == "2024-04-30"
    assert str(due["ho-so-huyen"]) == "2025-03-31"
    owners = {s.action.owner for s in assessment.actions}
    supports = {x for s in assessment.actions for x in s.action.support}
    assert "UBND huyện Tân Yên" in owners
    assert any("DNP" in x for x in supports)


def test_shipped_files_are_nfc_utf8() -> None:
    import unicodedata

    for path in [*Path(ROOT / "criteria").glob("*.yaml"), *Path(ROOT / "districts").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path
