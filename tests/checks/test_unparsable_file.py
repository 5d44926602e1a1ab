"""A file that does not parse makes no finding elsewhere that depends on its content: its content
is unknown, not empty. A broken platforms.yaml whose platforms the tables of its own and of other
folders name gives its parse findings and nothing else."""

from __future__ import annotations

import pytest

from helpers.registry import Registry

TOKYO = "registry/prefectures/13-tokyo"
PLATFORMS = f"{TOKYO}/platforms.yaml"
SERVICES = f"{TOKYO}/services.csv"
LINKS = f"{TOKYO}/municipal-platforms.csv"
KANAGAWA_LINKS = "registry/prefectures/14-kanagawa/municipal-platforms.csv"
SERVICE_ROW = "test-platform,防災アプリ,,,,,,,s,2026-01-01,2025,1.3\n"

#: Ways platforms.yaml fails to parse: libyaml refuses it, or the scan does before.
BREAKAGES = {
    "unclosed quote": ("    name: テスト基盤", '    name: "テスト基盤'),
    "full-width colon": ("    operator: テスト部", "    operator：テスト部"),
    "full-width space": ("    kind: cross_field", "\u3000\u3000kind: cross_field"),
}


def _name_the_platform(registry: Registry) -> None:
    registry.write(SERVICES, registry.read(SERVICES) + SERVICE_ROW)
    registry.write(LINKS, registry.read(LINKS) + "131016,test-platform,uses,\n")


@pytest.mark.parametrize("breakage", BREAKAGES.values(), ids=BREAKAGES.keys())
def test_a_broken_platforms_file_gives_only_its_parse_findings(
    registry: Registry, breakage: tuple[str, str]
) -> None:
    _name_the_platform(registry)
    assert registry.findings() == []  # the rows are right while the file parses
    registry.replace(PLATFORMS, *breakage)
    exit_code, report = registry.validate()
    assert exit_code == 1
    found = [(f["code"], f["file"]) for f in report["findings"]]
    assert found and all(code.startswith("P") and file == PLATFORMS for code, file in found)


def test_another_folder_naming_the_broken_files_platform_is_not_reported(
    registry: Registry,
) -> None:
    registry.write(KANAGAWA_LINKS, registry.read(KANAGAWA_LINKS) + "141003,test-platform,uses,\n")
    assert registry.findings() == []
    registry.replace(PLATFORMS, "    name: テスト基盤", '    name: "テスト基盤')
    everything = [(f["code"], f["file"]) for f in registry.findings()]
    assert everything == [("P004", PLATFORMS)]
    # Also when only the other folder is checked (the broken one lies outside the selection).
    selected = registry.findings(str(registry.path("registry/prefectures/14-kanagawa")))
    assert selected == []


def test_an_id_the_broken_file_cannot_define_is_still_reported(registry: Registry) -> None:
    registry.write(
        KANAGAWA_LINKS, registry.read(KANAGAWA_LINKS) + "141003,no-such-platform,uses,\n"
    )
    registry.replace(PLATFORMS, "    name: テスト基盤", '    name: "テスト基盤')
    found = [(f["code"], f["file"]) for f in registry.findings()]
    assert found == [("P004", PLATFORMS), ("X002", KANAGAWA_LINKS)]
