"""`renkei fix` on the ways values are written: quoted and multi-line CSV cells, numbers and
dates in full-width, YAML quoting styles, block scalars, partial dates, a BOM, a linked file.
Real CLI on temporary registries; all data synthetic."""

from __future__ import annotations

import os
from typing import Any

from helpers.registry import TOKYO_PLATFORMS, Registry

MUNI = "registry/prefectures/13-tokyo/municipalities.csv"
CHIYODA = "131016,千代田区,not_answered,,,,,"


def fix(registry: Registry, *args: str) -> Any:
    return registry.run("fix", "--root", str(registry.root), "--lang", "en", *args)


def test_csv_cells_keep_their_quotes_and_multi_line_cells_their_text(registry: Registry) -> None:
    row = '131016,千代田区,"回答済み",２０２４-０４-０１,none,２０２５,"情報政策課 ","一行目  \n二行目"'
    registry.replace(MUNI, CHIYODA, row)
    registry.replace(MUNI, "131024,中央区,not_answered", "131024,中央区,未回答")
    result = fix(registry, "--write")
    assert result.exit_code == 0, result.output
    text = registry.read(MUNI)
    assert '131016,千代田区,"answered",2024-04-01,none,2025,"情報政策課","一行目  \n二行目"' in text
    assert "131024,中央区,not_answered" in text
    # What is left is the line break, which renkei fix does not remove (R014, a warning).
    assert [f["code"] for f in registry.findings()] == ["R014"]


def test_yaml_quoting_styles_block_scalars_and_partial_dates(registry: Registry) -> None:
    registry.replace(TOKYO_PLATFORMS, "status: operating", "status: '構築中'")
    registry.replace(TOKYO_PLATFORMS, 'operating: "2024-04"', "operating: 令和6年4月")
    registry.replace(TOKYO_PLATFORMS, "kind: cross_field", 'kind: "cross_field "')
    registry.replace(TOKYO_PLATFORMS, "vendor: unknown", "vendor: |\n      テスト  \n      二行目")
    result = fix(registry, "--write")
    assert result.exit_code == 0, result.output
    text = registry.read(TOKYO_PLATFORMS)
    assert "status: 'building'" in text
    assert 'operating: "2024-04"' in text
    assert 'kind: "cross_field"' in text
    assert "vendor: |\n      テスト  \n      二行目" in text
    assert registry.validate()[0] == 0


def test_a_bom_is_kept_and_a_plain_code_is_quoted(registry: Registry) -> None:
    text = registry.read(TOKYO_PLATFORMS).replace('lead_body: "130001"', "lead_body: １３０００１")
    registry.write(TOKYO_PLATFORMS, ("\ufeff" + text).encode("utf-8"))
    result = fix(registry, "--write")
    assert result.exit_code == 0, result.output
    data = registry.path(TOKYO_PLATFORMS).read_bytes()
    assert data.startswith("\ufeff".encode()) and b'lead_body: "130001"' in data


def test_a_linked_file_is_reported_and_not_followed(registry: Registry, tmp_path: Any) -> None:
    target = tmp_path / "elsewhere.yaml"
    target.write_text(registry.read(TOKYO_PLATFORMS).replace("kind: cross_field", "kind: 分野間"))
    os.remove(registry.path(TOKYO_PLATFORMS))
    os.symlink(target, registry.path(TOKYO_PLATFORMS))
    result = fix(registry, "--write")
    assert result.exit_code == 1, result.output
    assert "P015" in result.output
    assert "kind: 分野間" in target.read_text(encoding="utf-8")


def test_a_missing_path_is_a_usage_error(registry: Registry) -> None:
    result = fix(registry, str(registry.root / "registry" / "no-such-file.yaml"))
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_paths_limit_the_files_and_other_files_are_skipped(registry: Registry) -> None:
    registry.replace(TOKYO_PLATFORMS, "kind: cross_field", "kind: 分野間")
    registry.replace(MUNI, CHIYODA, "131016,千代田区,回答済み,,,,,")
    result = fix(registry, str(registry.path(MUNI)), str(registry.root / "schemas"))
    assert result.exit_code == 1, result.output
    assert "municipalities.csv" in result.output and "platforms.yaml" not in result.output
