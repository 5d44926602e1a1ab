"""Every attack of tests/attacks.py: a clear finding code and exit 1 or 2 (or, for escaping
attacks, safe output), in under 5 s and 500 MB, and no file of the registry changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.attacks import ATTACKS, Attack, run, tree_hash
from helpers.registry import copy_registry

MAX_SECONDS = 5.0
MAX_MEGABYTES = 500.0


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_attack(attack: Attack, tmp_path: Path) -> None:
    registry = copy_registry(tmp_path / "repo")
    args = attack.prepare(registry)
    before = tree_hash(registry)
    outcome = run(registry, args)
    assert outcome.exit_code in attack.exits, outcome.output[-2000:]
    assert "Traceback" not in outcome.output
    for code in attack.codes:
        assert f" {code} " in outcome.output or f"{code} " in outcome.output, outcome.output[-2000:]
    if attack.check is not None:
        attack.check(registry, outcome.output)
    assert outcome.seconds < MAX_SECONDS, f"{outcome.seconds:.2f} s"
    assert outcome.max_rss_mb < MAX_MEGABYTES, f"{outcome.max_rss_mb:.0f} MB"
    assert tree_hash(registry) == before, "a registry file changed"
