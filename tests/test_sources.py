"""Loader internals that the corpus cannot pin down on its own."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from ntm_check.load.sources import _INVISIBLE, load_text, nfc


def test_invisible_class_is_exactly_unicode_category_cf() -> None:
    expected = {c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    # The Unicode database of this Python may be newer than the class; it must never be older.
    missing = sorted(c for c in expected if not _INVISIBLE.match(chr(c)))
    assert missing == [], [f"U+{c:04X}" for c in missing]
    # Extra members may only be code points this database does not know yet (newer Unicode).
    extra = [c for c in range(sys.maxunicode + 1) if _INVISIBLE.match(chr(c)) and c not in expected]
    assert all(unicodedata.category(chr(c)) == "Cn" for c in extra)


def test_nfc_removes_invisible_characters_and_composes() -> None:
    assert nfc("Ta\u0300n\u200b") == "Tàn"
    assert nfc("tan-yen") == "tan-yen"


def test_positions_come_from_the_one_parse_and_match_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ntm_check.load import sources

    doc = load_text("a: 1\nb:\n  c: [x, 2024-01-01]\n", "t.yaml")
    assert doc.diagnostics == []

    def no_second_parse(*args: object) -> None:
        raise AssertionError("the file was parsed a second time for a position")

    monkeypatch.setattr(sources, "_Loader", no_second_parse)
    assert (doc.position(("b", "c", 1)).line, doc.position(("b", "c", 1)).col) == (3, 10)
    assert doc.position(("b", "c"), key=True).col == 3
    assert doc.raw_text(("b", "c", 1)) == "2024-01-01"
    assert doc.raw_text(("b", "c", 0)) is None  # text is not "raw": it is the value itself
    assert doc.position(("b", "missing", 3)) == doc.position(("b",))


def test_fast_resolver_agrees_with_pyyaml() -> None:
    import random

    import yaml
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    from ntm_check.load.sources import _Loader

    reference, mine = yaml.SafeLoader(""), _Loader("")
    samples = [
        "",
        "~",
        "null",
        "Null",
        "yes",
        "No",
        "on",
        "OFF",
        "true",
        "010",
        "097",
        "0x1F",
        "1_000",
        "1.5",
        ".5",
        "1e3",
        ".inf",
        "-.Inf",
        ".nan",
        "2024-01-01",
        "8.10",
        "<<",
        "=",
        "+1",
        "0b101",
        "1:30",
        "190:20:30",
        "loại 4",
        "Huyện",
        "y",
        "N",
    ]
    rnd = random.Random(7)
    alphabet = "0123456789.-+_:eExXbBoOnNyYtTfF~ aZ<="
    samples += [
        "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 7))) for _ in range(5000)
    ]
    for value in samples:
        for implicit in ((True, False), (False, True), (False, False)):
            want = reference.resolve(ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
            assert mine.resolve(ScalarNode, value, implicit) == want, (value, implicit)
    for kind in (MappingNode, SequenceNode):
        assert mine.resolve(kind, None, (True, False)) == reference.resolve(  # type: ignore[no-untyped-call]
            kind, None, (True, False)
        )
