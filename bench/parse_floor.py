"""The parse floor: load every YAML file under a directory with PyYAML's C loader, nothing else.

python bench/parse_floor.py DIR
"""

import sys
from pathlib import Path

import yaml

for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
