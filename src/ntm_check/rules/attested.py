"""Rule kind ``attested``: met when the competent body declares it met, backed by a document.

Use it for indicators decided by an appraisal ("Đạt"/"Chưa đạt") rather than a number, and
for every indicator whose official threshold has not been entered yet. The evidence gives a
``status`` and at least one document; a ``met`` status without a document is *no data*,
never a silent pass.

Criteria set::

    rule: {kind: attested}

Passing evidence (met)::

    "1.1":
      status: met            # or "Đạt"
      documents: [qd-1234]   # a key of the file's `documents`

Failing evidence (not met)::

    "1.1":
      status: unmet          # or "Chưa đạt"

A ``value`` is an error for this kind: there is nothing to compare it with.
"""

from __future__ import annotations

from typing import Literal

from ntm_check.fields import Strict
from ntm_check.i18n import Lang, label
from ntm_check.rules.base import Context, Judgement, Rule


class AttestedParams(Strict):
    kind: Literal["attested"]


class Attested(Rule[AttestedParams, None]):
    kind = "attested"
    value_type = None

    def evaluate(self, params: AttestedParams, value: None, ctx: Context) -> Judgement:
        raise TypeError("an attested indicator is decided by its declared status")

    def requirement(self, params: AttestedParams, ctx: Context, lang: Lang) -> str:
        return label("appraisal", lang)


RULE = Attested()
