"""renkei hygiene warns about a source URL that registry/SOURCES.md does not list, at the URL's
line and column, and never fails for it: the data is valid, only the list is incomplete."""

from __future__ import annotations

from helpers.registry import Registry
from renkei.workflow.source_listing import cited_urls, listed_urls, unlisted

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
VISION = "registry/prefectures/13-tokyo/vision.yaml"
LISTED = "https://example.org/synthetic"


def test_cited_urls_are_found_at_their_positions() -> None:
    text = (
        "platforms:\n"
        "  - id: a\n"
        "    sources:\n"
        "      - {title: t, url: 'https://example.org/a'}\n"
        "      - title: u\n"
        "        url: https://example.org/b\n"
        "      - {title: 県の頁です, url: 'https://example.org/d'}\n"
        "revisions:\n"
        "  - publication_url: https://example.org/c\n"
        "notes: https://example.org/not-a-source\n"
    )
    found = [(c.url, c.line, c.column) for c in cited_urls(text)]
    assert found == [
        ("https://example.org/a", 4, 25),
        ("https://example.org/b", 6, 14),
        ("https://example.org/d", 7, 29),  # columns count characters, not bytes
        ("https://example.org/c", 9, 22),
    ]


def test_percent_encoded_and_decoded_urls_are_one_address() -> None:
    listed = listed_urls(
        "- 県の頁 — <https://example.jp/%E7%9C%8C/>.\n- https://example.jp/b, later"
    )
    assert unlisted("url: https://example.jp/県/\n", listed) == []
    assert unlisted("url: https://example.jp/b\n", listed) == []
    assert [c.url for c in unlisted("url: https://example.jp/c\n", listed)] == [
        "https://example.jp/c"
    ]


def test_a_file_that_does_not_parse_cites_nothing() -> None:
    assert cited_urls("url: [https://example.org/a\n") == []


def test_unlisted_source_is_a_warning_at_its_line(registry: Registry) -> None:
    registry.write("registry/SOURCES.md", f"# Sources\n\n- synthetic — <{LISTED}>\n")
    before = registry.read(PLATFORMS)
    result = registry.run("hygiene", str(registry.path(PLATFORMS)), "--lang", "en")
    assert result.exit_code == 0
    assert "source-not-listed" not in result.output

    registry.replace(PLATFORMS, LISTED, "https://example.org/new-page")
    edited = registry.read(PLATFORMS)
    line = next(n for n, text in enumerate(edited.split("\n"), 1) if "new-page" in text)
    result = registry.run("hygiene", str(registry.path(PLATFORMS)), "--lang", "en")
    assert result.exit_code == 0  # a warning never fails
    assert f"platforms.yaml:{line}:14: warning: source-not-listed" in result.output
    assert "https://example.org/new-page" in result.output
    result = registry.run("hygiene", str(registry.path(PLATFORMS)), "--lang", "ja")
    assert "registry/SOURCES.md の一覧にありません" in result.output
    assert registry.read(PLATFORMS) == edited != before  # only read


def test_an_error_beside_the_warning_still_fails(registry: Registry) -> None:
    registry.write("registry/SOURCES.md", "# Sources\n")
    registry.write(PLATFORMS, registry.read(PLATFORMS) + "trailing: x \n")
    result = registry.run("hygiene", str(registry.path(PLATFORMS)), "--lang", "en")
    assert result.exit_code == 1
    assert "error: trailing-space" in result.output
    assert "warning: source-not-listed" in result.output


def test_without_a_list_nothing_is_checked(registry: Registry) -> None:
    assert not registry.path("registry/SOURCES.md").exists()
    result = registry.run("hygiene", str(registry.path(PLATFORMS)), "--lang", "en")
    assert result.exit_code == 0
    assert result.output == ""


def test_files_outside_the_prefectures_are_not_checked(registry: Registry) -> None:
    registry.write("registry/SOURCES.md", "# Sources\n")
    registry.write("notes.yaml", "url: https://example.org/elsewhere\n")
    result = registry.run("hygiene", str(registry.path("notes.yaml")), "--lang", "en")
    assert result.output == ""


def test_without_paths_every_registry_file_is_checked(registry: Registry) -> None:
    """`renkei hygiene` alone checks the whole registry/ folder of the root: the unlisted
    source and a trailing space in a CSV are both reported, the validation cache is not."""
    registry.write("registry/SOURCES.md", f"# Sources\n\n- synthetic — <{LISTED}>\n")
    result = registry.run("hygiene", "--root", str(registry.root), "--lang", "en")
    assert (result.exit_code, result.output) == (0, "")

    registry.replace(PLATFORMS, LISTED, "https://example.org/new-page")
    table = "registry/prefectures/13-tokyo/municipalities.csv"
    registry.write(table, registry.read(table).replace("\n", " \n", 1))
    registry.path("registry/.renkei-cache").mkdir()
    registry.write("registry/.renkei-cache/x.json", "{} ")
    result = registry.run("hygiene", "--root", str(registry.root), "--lang", "en")
    assert result.exit_code == 1
    assert "13-tokyo/platforms.yaml:" in result.output
    assert "warning: source-not-listed" in result.output
    assert "13-tokyo/municipalities.csv:1:" in result.output
    assert "error: trailing-space" in result.output
    assert ".renkei-cache" not in result.output


def test_without_paths_outside_a_registry_is_a_usage_error(registry: Registry) -> None:
    result = registry.run("hygiene", "--root", str(registry.path("registry")), "--lang", "en")
    assert result.exit_code == 2
    assert "not a registry root" in result.output
