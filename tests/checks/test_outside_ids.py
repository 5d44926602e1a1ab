"""The ids of the folders outside a selection: a folder is parsed only when its text may define
an id of the selection, and the registry-wide findings of a one-folder run stay those of a run
over every folder, however the other folder spells the id."""

from __future__ import annotations

import pytest

from helpers.registry import Registry
from renkei.checks.outside_ids import may_define

TOKYO = "registry/prefectures/13-tokyo"
PLATFORMS = f"{TOKYO}/platforms.yaml"
KANAGAWA = "registry/prefectures/14-kanagawa/platforms.yaml"
ID_LINE = "  - id: test-platform\n"

SPELLINGS = {
    "plain": ID_LINE,
    "double-quoted": '  - id: "test-platform"\n',
    "escaped": '  - id: "\\x74est-platform"\n',
    "invisible character inside": "  - id: test-\u200bplatform\n",
    "block scalar": "  - id: |\n      test-platform\n",
    "folded over two lines": "  - id: 'test-platform\n\n      '\n",
}


def _tokyo_x001(findings: list[dict[str, object]]) -> list[dict[str, object]]:
    return [f for f in findings if f["code"] in ("X001", "X002") and f["file"] == PLATFORMS]


@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_a_duplicate_in_another_folder_is_found_however_spelled(
    registry: Registry, spelling: str
) -> None:
    text = registry.read(PLATFORMS).replace('lead_body: "130001"', 'lead_body: "140007"')
    registry.write(KANAGAWA, text.replace(ID_LINE, spelling))
    everything = _tokyo_x001(registry.findings())
    selected = _tokyo_x001(registry.findings(str(registry.path(TOKYO))))
    assert selected == everything
    assert [f["code"] for f in selected] == ["X001"]


def test_a_folder_that_shares_no_id_adds_nothing(registry: Registry) -> None:
    text = registry.read(PLATFORMS).replace('lead_body: "130001"', 'lead_body: "140007"')
    registry.write(KANAGAWA, text.replace("test-platform", "other-platform"))
    assert _tokyo_x001(registry.findings(str(registry.path(TOKYO)))) == []


def test_may_define() -> None:
    assert may_define("  - id: abc\n", frozenset({"abc"}))
    assert may_define("  - id: [x, abc]\n", frozenset({"abc"}))
    assert not may_define("  - id: abcd\n  - id: xabc\n", frozenset({"abc"}))
    assert not may_define("  - id: abc-d\n", frozenset({"abc"}))
    assert may_define('  - id: "\\x61bc"\n', frozenset({"abc"}))  # an escape: always parsed
    assert may_define("  - id: ab\u200bc\n", frozenset({"abc"}))  # an invisible character
