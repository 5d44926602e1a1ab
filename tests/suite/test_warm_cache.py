"""The cache that `Registry.validate` lends (helpers.registry.warm_cache) gives the report of a
cold run: on the blank registry and with one folder edited, and it leaves no cache behind."""

from __future__ import annotations

import json
from typing import Any

from helpers.registry import CACHE_DIR, CACHE_FILE, CACHE_ON, Registry, warm_cache

ARGS = ("--format", "json", "--lang", "en")


def cold(registry: Registry) -> tuple[int, Any]:
    result = registry.run("validate", "--root", str(registry.root), *ARGS, "--no-cache")
    return result.exit_code, json.loads(result.output)


def lent(registry: Registry, rewritten: bool) -> tuple[int, Any]:
    """The report of a run with the lent cache; `rewritten`: whether the run checked a folder
    (renkei then replaces the cache file, which is otherwise the template's, a hard link)."""
    with warm_cache(registry.root) as warm:
        assert warm, "no cache was lent"
        result = registry.run("validate", "--root", str(registry.root), *ARGS, env=CACHE_ON)
        links = registry.path(f"{CACHE_DIR}/{CACHE_FILE}").stat().st_nlink
    assert (links == 1) is rewritten, f"{links} links"
    return result.exit_code, json.loads(result.output)


def test_the_lent_cache_gives_the_cold_report_of_the_blank_registry(registry: Registry) -> None:
    assert lent(registry, rewritten=False) == cold(registry)
    assert not registry.path(CACHE_DIR).exists()


def test_the_lent_cache_gives_the_cold_report_with_one_folder_edited(registry: Registry) -> None:
    registry.replace(registry.pref("platforms.yaml"), "status: operating", "status: nonsense")
    code, report = cold(registry)
    assert code == 1 and report["findings"], "the edit gives no finding"
    assert lent(registry, rewritten=True) == (code, report)
    assert registry.validate() == (code, report)
    assert not registry.path(CACHE_DIR).exists()


def test_a_registry_with_its_own_cache_folder_is_validated_cold(registry: Registry) -> None:
    registry.path(CACHE_DIR).mkdir()
    registry.write(f"{CACHE_DIR}/validate.json", "{not json")
    with warm_cache(registry.root) as warm:
        assert not warm
    assert registry.read(f"{CACHE_DIR}/validate.json") == "{not json"
