"""GB3 §4.5 規約の記載状態: the three items of the terms of use, each a terms_state, and the
former keys refused with a hint that names their replacements."""

from __future__ import annotations

from helpers.registry import Registry

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"


def _terms(registry: Registry, block: str) -> None:
    registry.replace(PLATFORMS, "    terms_of_use: unknown\n", f"    terms_of_use:\n{block}")


def test_the_three_items_validate(registry: Registry) -> None:
    _terms(
        registry,
        "      responsibility_scope: stated\n"
        "      provider_certification: distinguished\n"
        "      periodic_audit: not_stated\n",
    )
    code, report = registry.validate()
    assert [f["code"] for f in report["findings"] if f["code"].startswith("S")] == []
    assert code == 0


def test_a_boolean_is_no_longer_a_terms_state(registry: Registry) -> None:
    _terms(
        registry,
        "      responsibility_scope: true\n"
        "      provider_certification: stated\n"
        "      periodic_audit: stated\n",
    )
    found = [f for f in registry.findings() if f["code"].startswith("S")]
    assert [f["code"] for f in found] == ["S004"]
    assert found[0]["where"].endswith("terms_of_use.responsibility_scope")


def test_the_former_keys_are_refused_with_the_new_keys_in_the_hint(registry: Registry) -> None:
    _terms(registry, "      responsibility_split: true\n      certification_audit: false\n")
    found = {f["where"].rsplit(".", 1)[-1]: f for f in registry.findings() if f["code"] == "S002"}
    assert set(found) == {"responsibility_split", "certification_audit"}
    assert "responsibility_scope" in str(found["responsibility_split"]["hint"])
    assert "provider_certification, periodic_audit" in str(found["certification_audit"]["hint"])
