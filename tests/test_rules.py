"""Each rule kind on its own, with exact boundary values."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from ntm_check.fields import LocalText
from ntm_check.rules import RULES, Context
from ntm_check.rules.applicability import applicability_problem, is_not_applicable
from ntm_check.rules.count import CountParams
from ntm_check.rules.level import LevelParams
from ntm_check.rules.share import ShareParams
from ntm_check.rules.threshold import ThresholdParams

BUS = ["loại 1", "loại 2", "loại 3", "loại 4", "loại 5", "loại 6"]


def judge(params: Any, raw: object, ctx: Context | None = None) -> bool:
    rule = RULES[params.kind]
    value = rule.parse_value(raw)
    assert rule.check_value(params, value) is None
    return rule.evaluate(params, value, ctx or Context()).met


@pytest.mark.parametrize(
    ("value", "met"), [(89.99, False), (90, True), (90.0, True), (100, True), (0, False)]
)
def test_threshold_at_least_boundary(value: float, met: bool) -> None:
    params = ThresholdParams(kind="threshold", at_least=90, unit="%")
    assert judge(params, value) is met


@pytest.mark.parametrize(("value", "met"), [(5, True), (5.01, False), (0, True)])
def test_threshold_at_most_boundary(value: float, met: bool) -> None:
    params = ThresholdParams(kind="threshold", at_most=5, unit="%")
    assert judge(params, value) is met


def test_threshold_region_then_province_override() -> None:
    params = ThresholdParams.model_validate(
        {
            "kind": "threshold",
            "at_least": 90,
            "unit": "%",
            "by_region": {"mien-nui": 80},
            "by_province": {"24": 85},
        }
    )
    assert judge(params, 80, Context(region="mien-nui")) is True
    assert judge(params, 79.9, Context(region="mien-nui")) is False
    # the province's own value wins over its region's
    assert judge(params, 84, Context(region="mien-nui", province="24")) is False
    assert judge(params, 85, Context(region="mien-nui", province="24")) is True
    assert judge(params, 89, Context(region="other")) is False


def test_threshold_province_then_group_then_region() -> None:
    params = ThresholdParams.model_validate(
        {
            "kind": "threshold",
            "at_least": 90,
            "unit": "%",
            "by_region": {"mien-nui": 80},
            "by_group": {"nhom-1": 70},
            "by_province": {"24": 85},
        }
    )
    assert params.limit_for(Context(region="mien-nui", group="nhom-1")) == 70
    assert params.limit_for(Context(region="mien-nui", group="nhom-2")) == 80
    assert params.limit_for(Context(group="nhom-1", province="24")) == 85
    assert judge(params, 70, Context(group="nhom-1")) is True
    assert judge(params, 70, Context(group="nhom-2")) is False
    rule = RULES["threshold"]
    assert rule.requirement(params, Context(group="nhom-1"), "vi") == "≥ 70%"


def test_threshold_group_value_must_lie_in_the_unit_domain() -> None:
    with pytest.raises(ValidationError, match="outside the unit's domain"):
        ThresholdParams.model_validate(
            {"kind": "threshold", "at_least": 90, "unit": "%", "by_group": {"nhom-1": 120}}
        )


def test_threshold_gap_in_points() -> None:
    params = ThresholdParams(kind="threshold", at_least=90, unit="%")
    judgement = RULES["threshold"].evaluate(params, 77.5, Context())
    assert judgement.gap == pytest.approx(12.5)
    assert judgement.gap_unit == "%"


def test_threshold_domain_of_percent() -> None:
    params = ThresholdParams(kind="threshold", at_least=90, unit="%")
    rule = RULES["threshold"]
    assert rule.check_value(params, 100.0) is None
    above, below = rule.check_value(params, 100.5), rule.check_value(params, -0.1)
    assert above is not None and "above" in above.en and "lớn hơn" in above.vi
    assert below is not None and "below" in below.en and "nhỏ hơn" in below.vi


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "threshold", "unit": "%"},
        {"kind": "threshold", "at_least": 1, "at_most": 2, "unit": "%"},
        {"kind": "threshold", "at_least": 120, "unit": "%"},
    ],
)
def test_threshold_rejects_bad_parameters(params: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ThresholdParams.model_validate(params)


@pytest.mark.parametrize("raw", [True, "90", None, float("nan"), float("inf")])
def test_threshold_value_must_be_a_finite_number(raw: object) -> None:
    with pytest.raises(ValidationError):
        RULES["threshold"].parse_value(raw)


@pytest.mark.parametrize(
    ("value", "met"), [("loại 1", True), ("loại 3", True), ("loại 4", True), ("loại 5", False)]
)
def test_level_class_iv_or_better(value: str, met: bool) -> None:
    params = LevelParams(kind="level", levels=BUS, at_least="loại 4")
    assert judge(params, value) is met


def test_level_rejects_unknown_class_and_bad_scale() -> None:
    params = LevelParams(kind="level", levels=BUS, at_least="loại 4")
    assert RULES["level"].check_value(params, "loại 7") is not None
    with pytest.raises(ValidationError):
        LevelParams(kind="level", levels=BUS, at_least="loại 9")
    with pytest.raises(ValidationError):
        LevelParams(kind="level", levels=["a", "a"], at_least="a")


@pytest.mark.parametrize(("value", "met"), [(0, False), (1, True), (2, True)])
def test_count_boundary(value: int, met: bool) -> None:
    params = CountParams(kind="count", at_least=1, noun=LocalText(vi="mô hình"))
    assert judge(params, value) is met


def test_count_by_group_sets_the_number_each_group_needs() -> None:
    params = CountParams.model_validate(
        {"kind": "count", "at_least": 2, "noun": {"vi": "mô hình"}, "by_group": {"nhom-1": 1}}
    )
    assert judge(params, 1, Context(group="nhom-1")) is True
    assert judge(params, 1, Context(group="nhom-2")) is False
    assert judge(params, 1) is False
    assert RULES["count"].evaluate(params, 0, Context(group="nhom-1")).gap == 1
    assert RULES["count"].requirement(params, Context(group="nhom-1"), "vi") == "≥ 1 mô hình"
    assert RULES["count"].requirement(params, Context(group="nhom-2"), "vi") == "≥ 2 mô hình"


@pytest.mark.parametrize("by_group", [{"nhom-1": -1}, {"nhom-1": 1.5}, {"Nhóm 1": 1}])
def test_count_by_group_refuses_what_is_not_a_count_of_a_group(by_group: object) -> None:
    with pytest.raises(ValidationError):
        CountParams.model_validate(
            {"kind": "count", "at_least": 2, "noun": {"vi": "mô hình"}, "by_group": by_group}
        )


@pytest.mark.parametrize("raw", [-1, 1.5, "1", True])
def test_count_rejects_non_counts(raw: object) -> None:
    with pytest.raises(ValidationError):
        RULES["count"].parse_value(raw)


@pytest.mark.parametrize(
    ("met_n", "total", "at_least", "met"),
    [
        (19, 19, 100, True),
        (18, 19, 100, False),
        (9, 10, 90, True),
        (8, 10, 90, False),
        (1, 3, 33.33, True),
        (1, 3, 33.34, False),
    ],
)
def test_share_exact_boundaries(met_n: int, total: int, at_least: float, met: bool) -> None:
    params = ShareParams(kind="share", at_least=at_least, of=LocalText(vi="xã"))
    assert judge(params, {"met": met_n, "total": total}) is met


def test_share_by_group_sets_the_share_each_group_needs() -> None:
    params = ShareParams.model_validate(
        {"kind": "share", "at_least": 100, "of": {"vi": "xã"}, "by_group": {"nhom-3": 90}}
    )
    assert judge(params, {"met": 9, "total": 10}, Context(group="nhom-3")) is True
    assert judge(params, {"met": 9, "total": 10}, Context(group="nhom-1")) is False
    assert RULES["share"].requirement(params, Context(group="nhom-3"), "vi") == "≥ 90% số xã"
    assert RULES["share"].requirement(params, Context(group="nhom-1"), "vi") == "100% số xã"


@pytest.mark.parametrize("share", [-0.5, 100.5])
def test_share_by_group_lies_in_0_to_100(share: float) -> None:
    with pytest.raises(ValidationError):
        ShareParams.model_validate(
            {"kind": "share", "at_least": 90, "of": {"vi": "xã"}, "by_group": {"nhom-1": share}}
        )


@pytest.mark.parametrize(
    "raw", [{"met": 20, "total": 19}, {"met": 1, "total": 0}, {"met": -1, "total": 3}, 5]
)
def test_share_rejects_impossible_values(raw: object) -> None:
    with pytest.raises(ValidationError):
        RULES["share"].parse_value(raw)


def test_attested_takes_no_value() -> None:
    assert RULES["attested"].takes_value() is False


class _Declared:
    def __init__(self, applicable: bool, reason: str | None, documents: list[str]) -> None:
        self.applicable = applicable
        self.reason = LocalText(vi=reason) if reason else None
        self.documents = documents


def test_not_applicable_needs_condition_reason_and_document() -> None:
    cond = LocalText(vi="nếu có theo quy hoạch")
    good = _Declared(False, "không có trong quy hoạch", ["qh"])
    assert is_not_applicable(cond, good)
    assert applicability_problem(None, good) is not None
    assert applicability_problem(cond, _Declared(False, None, ["qh"])) is not None
    assert applicability_problem(cond, _Declared(False, "không có", [])) is not None
    assert not is_not_applicable(cond, _Declared(True, None, []))


def test_every_rule_module_documents_a_passing_and_failing_example() -> None:
    import importlib

    for kind in RULES:
        module = importlib.import_module(f"ntm_check.rules.{kind}")
        doc = module.__doc__ or ""
        assert "Passing evidence" in doc, kind
        assert "Failing evidence" in doc, kind
