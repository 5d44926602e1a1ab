"""The YAML loader every positional parse uses: libyaml's (`CSafeLoader`) where PyYAML was built
with it, else the pure-Python `SafeLoader`. Both give the same events, nodes and marks (columns
count characters); libyaml's is many times faster. This module imports nothing else of renkei,
so the pre-commit hooks can use it."""

from __future__ import annotations

import yaml

try:
    FAST_LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    FAST_LOADER = yaml.SafeLoader
