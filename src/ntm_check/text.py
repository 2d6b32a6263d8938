"""The one bilingual text type: what the tool says, in Vietnamese (the users' language) and in
English.

Every (vi, en) pair the tool carries is a :class:`Text`: a diagnostic's message, a line the
command line prints, a label. A text that travels as one string (an exception's message, a
validator's error) joins its two languages with :data:`SEP`; :func:`Text.parse` is the one
place that splits it again.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

Lang = Literal["vi", "en"]
#: Between the Vietnamese and the English text of a message carried as one string
SEP = " ‖ "


class Text(NamedTuple):
    """A text in Vietnamese and in English."""

    vi: str
    en: str

    def get(self, lang: Lang) -> str:
        """The text in ``lang``."""
        return self.en if lang == "en" else self.vi

    def __add__(self, other: object) -> Text:  # type: ignore[override,unused-ignore]
        """Join two texts language by language (``Text + Text``)."""
        if not isinstance(other, Text):
            return NotImplemented
        return Text(self.vi + other.vi, self.en + other.en)

    def joined(self) -> str:
        """Both languages as one string (``"vi ‖ en"``), for an exception's message."""
        return f"{self.vi}{SEP}{self.en}"

    @classmethod
    def parse(cls, text: str) -> Text:
        """A ``"vi ‖ en"`` string as a text; a string without both languages is the same in
        each."""
        if SEP in text:
            vi, en = text.split(SEP, 1)
            return cls(vi, en)
        return cls(text, text)


def pick(text: str, lang: Lang) -> str:
    """One language of a ``"vi ‖ en"`` string; other text as it is."""
    return Text.parse(text).get(lang)


#: control characters a terminal would act on (C0 but tab and newline, DEL, C1): from a file's
#: text they could set the window's title, clear the screen or hide what follows
_CONTROLS = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]")


def visible_controls(text: str) -> str:
    """``text`` with every control character shown as ``\\xNN`` instead of acted on by a
    terminal."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
