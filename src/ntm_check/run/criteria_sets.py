"""Criteria sets as officials read them: a set resolved with each indicator's origin, the sets
a repository holds, and what changed between two sets (two versions, or an overlay and its
base). Pure: sets in, frozen values out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ntm_check.i18n import LANGS, Lang
from ntm_check.load.discover import peek
from ntm_check.model.criteria import CriteriaSet, Indicator
from ntm_check.rules import RULES, Context, RuleParams
from ntm_check.run.catalog import Catalog
from ntm_check.run.sets import SetStore, extended_id
from ntm_check.text import Text
from ntm_check.vocabulary import VERIFICATION_WORDS

#: what can change about an indicator between two sets, in the order a diff lists them
ChangeKind = Literal[
    "added", "removed", "renamed", "rule", "requirement", "department", "verification"
]
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "added",
    "removed",
    "renamed",
    "rule",
    "requirement",
    "department",
    "verification",
)


def rule_words(rule: RuleParams, cset: CriteriaSet | None = None) -> Text:
    """A rule in an official's words: the set's level, then each region's, group's and
    province's own, as the rule says it to a unit there, regions and groups by the names
    ``cset`` gives them (``≥ 90% · Vùng B: ≥ 80% · Nhóm 1: ≥ 80% · tỉnh 01: ≥ 85%``)."""
    said = {lang: [RULES[rule.kind].requirement(rule, Context(), lang)] for lang in LANGS}
    for ctx, where in _places(rule, cset):
        _own(said, rule, ctx, where)
    return Text(" · ".join(said["vi"]), " · ".join(said["en"]))


def _places(rule: RuleParams, cset: CriteriaSet | None) -> list[tuple[Context, Text]]:
    """Each region, group and province with a value of its own in ``rule``, and its name
    (as ``cset`` names regions and groups; else its id)."""
    regions = {k: t.text for k, t in cset.regions.items()} if cset is not None else {}
    groups = {k: t.text for k, t in cset.groups.items()} if cset is not None else {}
    found = [
        (Context(region=k), regions.get(k) or Text(f"vùng {k}", f"region {k}"))
        for k in sorted(getattr(rule, "by_region", {}))
    ]
    found += [
        (Context(group=k), groups.get(k) or Text(f"nhóm {k}", f"group {k}"))
        for k in sorted(getattr(rule, "by_group", {}))
    ]
    found += [
        (Context(province=k), Text(f"tỉnh {k}", f"province {k}"))
        for k in sorted(getattr(rule, "by_province", {}))
    ]
    return found


def _own(said: dict[Lang, list[str]], rule: RuleParams, ctx: Context, where: Text) -> None:
    """One place's own value, after its name (its id when the set names it not)."""
    for lang in LANGS:
        said[lang].append(f"{where.get(lang)}: {RULES[rule.kind].requirement(rule, ctx, lang)}")


@dataclass(frozen=True)
class ShownIndicator:
    criterion: int
    id: str
    name: Text
    requirement: Text
    rule: Text
    department: str
    #: the department's name, as the set declares it
    department_name: Text
    verification: str
    #: the set file it comes from, and that file's legal basis
    origin: str
    documents: tuple[str, ...]


@dataclass(frozen=True)
class ShownSet:
    """A set as it applies: an overlay resolved on its base."""

    id: str
    title: Text
    unit: str
    period: str
    extends: str | None
    #: number, date, issuer of each document
    legal_basis: tuple[tuple[str, dt.date | None, str | None], ...]
    indicators: tuple[ShownIndicator, ...]
    unverified: int
    #: indicators of the base an overlay removed: id, reason, the overlay and its documents
    removed: tuple[tuple[str, Text, str, tuple[str, ...]], ...] = ()


def shown(cset: CriteriaSet) -> ShownSet:
    own = tuple(d.number for d in cset.legal_basis)
    items = []
    for criterion, ind in cset.indicator_pairs:
        origin = cset.origin(ind.id)
        items.append(
            ShownIndicator(
                criterion.number,
                ind.id,
                ind.name.text,
                ind.requirement.text,
                rule_words(ind.rule, cset),
                ind.department,
                _department(cset, ind.department),
                ind.source.verification,
                origin.set_id if origin else cset.id,
                origin.documents if origin else own,
            )
        )
    return ShownSet(
        cset.id,
        cset.title.text,
        cset.unit,
        cset.period,
        cset.extends,
        tuple((d.number, d.date, d.issuer) for d in cset.legal_basis),
        tuple(items),
        cset.unverified_total,
        tuple(
            (ind_id, gone.reason.text, gone.set_id, gone.documents)
            for ind_id, gone in sorted(cset.removals.items(), key=lambda kv: _id_key(kv[0]))
        ),
    )


@dataclass(frozen=True)
class Change:
    id: str
    kind: ChangeKind
    old: Text | None
    new: Text | None


@dataclass(frozen=True)
class SetDiff:
    old: str
    new: str
    changes: tuple[Change, ...]
    #: indicators in both sets and unchanged
    unchanged: int


def _department(cset: CriteriaSet, key: str) -> Text:
    """A department by the name its set gives it (its id, when the set names none)."""
    found = cset.departments.get(key)
    return found.text if found is not None else Text(key, key)


def set_diff(old: CriteriaSet, new: CriteriaSet) -> SetDiff:
    """What changed from ``old`` to ``new``, indicator by indicator, in the sets' order."""
    changes: list[Change] = []
    unchanged = 0
    for ind_id, before in old.by_id.items():
        after = new.by_id.get(ind_id)
        if after is None:
            changes.append(Change(ind_id, "removed", before.name.text, None))
            continue
        found = _changed(ind_id, (old, before), (new, after))
        unchanged += not found
        changes += found
    changes += [
        Change(ind_id, "added", None, ind.name.text)
        for ind_id, ind in new.by_id.items()
        if ind_id not in old.by_id
    ]
    order = {kind: i for i, kind in enumerate(CHANGE_KINDS)}
    changes.sort(key=lambda c: (_id_key(c.id), order[c.kind]))
    return SetDiff(old.id, new.id, tuple(changes), unchanged)


def _id_key(ind_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in ind_id.split("."))


def _changed(
    ind_id: str, old: tuple[CriteriaSet, Indicator], new: tuple[CriteriaSet, Indicator]
) -> list[Change]:
    (old_set, before), (new_set, after) = old, new
    pairs: list[tuple[ChangeKind, Text, Text]] = [
        ("renamed", before.name.text, after.name.text),
        ("rule", rule_words(before.rule, old_set), rule_words(after.rule, new_set)),
        ("requirement", before.requirement.text, after.requirement.text),
        (
            "department",
            _department(old_set, before.department),
            _department(new_set, after.department),
        ),
        (
            "verification",
            VERIFICATION_WORDS[before.source.verification],
            VERIFICATION_WORDS[after.source.verification],
        ),
    ]
    out = [Change(ind_id, kind, old, new) for kind, old, new in pairs if old != new]
    if before.rule != after.rule and not any(c.kind == "rule" for c in out):
        was, now = rule_words(before.rule, old_set), rule_words(after.rule, new_set)
        out.append(Change(ind_id, "rule", was, now))
    return out


@dataclass(frozen=True)
class ListedSet:
    id: str
    title: Text | None
    path: str
    extends: str | None
    indicators: int | None
    unverified: int | None
    #: ids of the units whose evidence names the set
    units: tuple[str, ...]
    #: the set's errors (a broken set is listed, with them counted)
    errors: int


def listed_sets(found: Catalog, store: SetStore) -> tuple[ListedSet, ...]:
    """Each set file ``found`` holds, resolved through ``store``, with the units naming it."""
    return tuple(_listed(entry.id, entry.path, found, store) for entry in found.sets)


def _listed(set_id: str, path: str, found: Catalog, store: SetStore) -> ListedSet:
    loaded = store.get(set_id)
    units = tuple(sorted(u.id for u in found.units if u.criteria_set == set_id))
    errors = sum(1 for d in loaded.diagnostics if d.level.value == "error")
    cset = loaded.cset
    if cset is None:
        return ListedSet(set_id, None, path, _extends_of(path), None, None, units, max(errors, 1))
    return ListedSet(
        set_id,
        cset.title.text,
        path,
        cset.extends,
        len(cset.indicator_pairs),
        cset.unverified_total,
        units,
        errors,
    )


def _extends_of(path: str) -> str | None:
    text = (peek(path) or b"").decode("utf-8", "replace")
    return extended_id(text)
