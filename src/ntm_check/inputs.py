"""The files an output was computed from: what reports name, with their hashes, so that an
output can be reproduced; and what a written output must never replace."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

#: the day the two-tier local government took effect (no more districts; new communes and
#: provinces): Resolution 202/2025/QH15 and the National Assembly Standing Committee's
#: resolutions on the reorganisation of communes, all in force from 1/7/2025; a fact of the
#: map every stage may need (the registry, the report's dating)
REORGANISED = dt.date(2025, 7, 1)


@dataclass(frozen=True)
class InputFile:
    """A file an output was computed from, and the SHA-256 of the bytes read."""

    path: Path
    sha256: str
