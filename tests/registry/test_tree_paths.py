"""Paths and entries read from Git trees: what a crafted tree can hold is refused with the
reason, and shown with its unprintable characters escaped."""

from __future__ import annotations

import pytest

from renkei.registry.tree_paths import (
    GITLINK_MODE,
    SYMLINK_MODE,
    LinkInTree,
    UnsafeTreePath,
    check_tree_entry,
    path_problem,
    printable,
    refuse_path,
)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("", "empty path"),
        ("registry\\prefectures", "backslash"),
        ("/etc/passwd", "absolute path"),
        ("registry/\udcff.yaml", "not UTF-8"),
        ("registry/a\x1bb", "control character"),
        ("registry/a\x7f", "control character"),
        ("registry//a.yaml", "empty part"),
        ("registry/", "empty part"),
        ("registry/./a.yaml", "'.' part"),
        ("registry/../../etc", "'..' part"),
    ],
)
def test_unsafe_paths_are_refused_with_their_reason(path: str, reason: str) -> None:
    assert path_problem(path) is not None and path_problem(path)[0] == reason
    with pytest.raises(UnsafeTreePath) as raised:
        refuse_path(path)
    assert raised.value.finding().code == "P020"


@pytest.mark.parametrize(
    "path", ["registry/prefectures/13-tokyo/platforms.yaml", "a", "東京/a.csv"]
)
def test_plain_relative_paths_pass(path: str) -> None:
    assert path_problem(path) is None
    refuse_path(path)
    check_tree_entry(path, "100644", "blob")
    check_tree_entry(path, "100755", "blob")


def test_printable_escapes_what_a_terminal_would_act_on() -> None:
    assert printable("a\x1b[31mb") == "a\\x1b[31mb"
    assert printable("a\udcffb") == "a\\xffb"
    assert printable("東京/a.csv") == "東京/a.csv"


def test_links_and_submodules_are_refused_where_files_belong() -> None:
    with pytest.raises(LinkInTree) as link:
        check_tree_entry("registry/a.yaml", SYMLINK_MODE, "blob")
    assert link.value.finding().code == "P021"
    for mode, kind in ((GITLINK_MODE, "commit"), ("100644", "commit")):
        with pytest.raises(LinkInTree) as submodule:
            check_tree_entry("registry/a", mode, kind)
        assert submodule.value.finding().code == "P021"


def test_an_unsafe_path_is_refused_before_its_mode_is_looked_at() -> None:
    with pytest.raises(UnsafeTreePath):
        check_tree_entry("../a", SYMLINK_MODE, "blob")
