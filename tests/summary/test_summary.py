"""renkei summary: derived status categories, formats, and the SVG tile map."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from helpers.browser import missing
from helpers.documents import platform, platforms_file, vision_file
from helpers.registry import Registry
from renkei.summary.map_svg import STYLE, TILES

SVG = "{http://www.w3.org/2000/svg}"
AS_OF = ("--as-of", "2025-06-01")  # principle findings depend on the fiscal year


def _set_up(registry: Registry) -> None:
    # SYNTHETIC: Tokyo shares a prefectural platform (the blank registry's platform, led by 東京都).
    # Kanagawa: a city's platform used by another city. Chiba: a platform nobody shares.
    # Saitama: a registered vision and no platform.
    kanagawa = (
        platform("k1", lead_body='"141003"')
        .replace('lg_code: "131016"', 'lg_code: "141305"')
        .replace("name: 千代田区", "name: 川崎市")
    )
    registry.write("registry/prefectures/14-kanagawa/platforms.yaml", platforms_file(kanagawa))
    chiba = platform("c1", lead_body='"120006"').replace(
        'participants:\n      - lg_code: "131016"\n        name: 千代田区\n        since: "2024"\n',
        "participants: []\n",
    )
    registry.write("registry/prefectures/12-chiba/platforms.yaml", platforms_file(chiba))
    registry.write(
        "registry/prefectures/11-saitama/vision.yaml", vision_file(cross_field_platform="none")
    )
    # Osaka: a platform whose participants are unknown. Tottori: a vision of FY2024.
    osaka = platform("o1", lead_body='"270008"').replace(
        'participants:\n      - lg_code: "131016"\n        name: 千代田区\n        since: "2024"\n',
        "participants: unknown\n",
    )
    registry.write("registry/prefectures/27-osaka/platforms.yaml", platforms_file(osaka))
    registry.write(
        "registry/prefectures/31-tottori/vision.yaml",
        vision_file(cross_field_platform="unknown").replace(
            "fiscal_year: 2025", "fiscal_year: 2024"
        ),
    )


def summary_json(registry: Registry) -> dict:
    result = registry.run(
        "summary", "--root", str(registry.root), "--format", "json", "--as-of", "2025-06-01"
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_categories_are_derived_from_the_data(registry: Registry) -> None:
    _set_up(registry)
    data = summary_json(registry)
    by_code = {p["code"]: p for p in data["prefectures"]}
    assert by_code["13"]["category"] == "prefectural_shared"
    assert by_code["14"]["category"] == "municipal_shared"
    assert by_code["12"]["category"] == "platforms_no_sharing"
    assert by_code["11"]["category"] == "no_platform"
    assert by_code["27"]["category"] == "not_reported"  # participants unknown
    assert by_code["31"]["latest_revision"] == {
        "fiscal_year": 2024,
        "fiscal_year_ja": "令和6年度",
        "number": 1,
    }
    assert by_code["13"]["municipalities"]["on_shared_platform"] == 1
    assert by_code["14"]["municipalities"]["on_shared_platform"] == 2
    assert by_code["11"]["principle_findings"] == ["A002"]
    assert data["counts"]["prefectural_shared"] == 1 and sum(data["counts"].values()) == 47
    assert data["agency_counts"]["counts"] == {
        "prefectural_shared": 13,
        "municipal_shared": 5,
        "platforms_no_sharing": 19,
        "no_platform": 10,
    }
    assert set(by_code["13"]) == {
        "code", "folder", "name", "category", "category_label", "current_type", "target_type",
        "vision_status", "latest_revision", "platforms_by_kind", "platforms_by_status",
        "principle_findings", "municipalities", "operating_models", "vision_notice",
        "area_inventory", "consent_methods",
        "survey_round", "provenance",
    }  # fmt: skip


def test_svg_map_has_47_labelled_tiles_coloured_by_status(registry: Registry) -> None:
    _set_up(registry)
    svg = registry.run(
        "summary", "--root", str(registry.root), "--format", "svg", "--as-of", "2025-06-01"
    ).output
    root = ET.fromstring(svg.encode("utf-8"))
    tiles = [g for g in root.iter(f"{SVG}g") if g.get("class") == "tile"]
    assert len(tiles) == 47 and {t.get("data-code") for t in tiles} == set(TILES)
    by_code = {t.get("data-code"): t for t in tiles}
    expected = {"13": "prefectural_shared", "14": "municipal_shared", "12": "platforms_no_sharing",
                "11": "no_platform", "27": "not_reported"}  # fmt: skip
    for code, category in expected.items():
        tile = by_code[code]
        assert tile.get("data-category") == category
        fills = [r.get("fill") for r in tile.iter(f"{SVG}rect")]
        assert fills[0] == STYLE[category][0]
        symbol = next(t for t in tile.iter(f"{SVG}text") if t.get("class") == "symbol")
        assert symbol.text == STYLE[category][2]  # readable without colour
    name = next(t for t in by_code["13"].iter(f"{SVG}text") if t.get("class") == "name")
    assert name.text == "東京"
    assert by_code["11"].get("data-findings") == "1"
    assert any(c.get("class") == "finding" for c in by_code["11"].iter(f"{SVG}circle"))
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    assert "凡例" in "".join(legend.itertext())


def test_text_markdown_and_csv(registry: Registry, tmp_path: Path) -> None:
    _set_up(registry)
    text = registry.run("summary", "--root", str(registry.root), "--lang", "ja", *AS_OF).output
    assert "都道府県基盤を共同利用している 1（デジタル庁 13）" in text  # GB3 §6.6 label
    target = tmp_path / "summary.md"
    result = registry.run(
        "summary", "--root", str(registry.root), "--format", "markdown", "-o", str(target), *AS_OF
    )
    assert result.exit_code == 0
    markdown = target.read_text(encoding="utf-8")
    assert "![Shared use of data platforms](summary.svg)" in markdown
    assert (tmp_path / "summary.svg").read_text(encoding="utf-8").startswith("<?xml")
    table = registry.run("summary", "--root", str(registry.root), "--format", "csv", *AS_OF).output
    rows = list(csv.DictReader(io.StringIO(table)))
    assert len(rows) == 47 and rows[12]["category"] == "prefectural_shared"


def test_map_renders_in_headless_chromium(registry: Registry, tmp_path: Path) -> None:
    """Debian's Chromium draws the map (a failure under CI when it is missing, never a skip)."""
    if shutil.which("chromium") is None:
        missing("chromium is not on PATH")
    _set_up(registry)
    svg = tmp_path / "map.svg"
    registry.run("summary", "--root", str(registry.root), "--format", "svg", "-o", str(svg))
    png = tmp_path / "map.png"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars",
         f"--screenshot={png}", "--window-size=800,1000", svg.as_uri()],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000
