"""The site's words: the labels of the one catalogue (:mod:`ntm_check.i18n`), under the name
the site's modules use."""

from __future__ import annotations

from ntm_check.i18n import Lang, label


def word(key: str, lang: Lang, **values: object) -> str:
    """The site's word ``key`` in ``lang``, its ``{placeholders}`` filled."""
    return label(key, lang, **values)
