"""Every reviewer output in labels: on a realistic change (a new platform, a platform's status
and fields changed, a new vision revision with a consultation desk; all synthetic), the diff in
three formats, CHANGES.md, vision.html and vision.md, the summary (text and Markdown) and the job
summary show no snake_case word (code spans included; hyphenated platform ids and URLs aside)
and no JSON."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from helpers.registry import Registry
from helpers.reviewer_change import NEW_PLATFORM, changed_registry

URL = re.compile(r"https?\\?://[^\s<>)\]|`]+")
HYPHENATED = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


class _Visible(HTMLParser):
    """The text a browser shows (no <style>, no tags)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible(html: str) -> str:
    """The visible text of an HTML page."""
    parser = _Visible()
    parser.feed(html)
    return "".join(parser.parts)


def rendered(markdown: str) -> str:
    """Markdown as GitHub renders it (GFM tables), then its visible text."""
    return visible(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown))


def raw_words(text: str) -> list[str]:
    """The snake_case words of TEXT once URLs and hyphenated ids are taken out."""
    return SNAKE.findall(HYPHENATED.sub(" ", URL.sub(" ", text)))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("reviewer")
    repo = changed_registry(tmp / "repo")
    root = str(repo.root)
    out: dict[str, str] = {}
    for fmt in ("text", "markdown", "html"):
        result = repo.run("diff", "--root", root, "--lang", "ja", "--format", fmt, "HEAD~1", "HEAD")
        assert result.exit_code == 0, result.output
        out[f"diff.{fmt}"] = result.output
    out.update(_bundle(repo, tmp))
    for fmt in ("text", "markdown"):
        result = repo.run("summary", "--root", root, "--lang", "ja", "--format", fmt,
                          "--as-of", "2026-01-01")  # fmt: skip
        assert result.exit_code == 0, result.output
        out[f"summary.{fmt}"] = result.output
    job = tmp / "job-summary.md"
    result = repo.run("annotate", "--root", root, "--lang", "ja", "--base", "HEAD~1",
                      "--summary", str(job), "--as-of", "2026-01-01")  # fmt: skip
    assert "Traceback" not in result.output
    out["job-summary"] = job.read_text(encoding="utf-8")
    return out


def _bundle(repo: Registry, tmp: Path) -> dict[str, str]:
    root = str(repo.root)
    first = repo.run("bundle", "13", "--root", root, "--out", str(tmp / "a"), "--revision",
                     "HEAD~1", "--tag")  # fmt: skip
    assert first.exit_code == 0, first.output
    second = repo.run("bundle", "13", "--root", root, "--out", str(tmp / "b"), "--revision",
                      "HEAD")  # fmt: skip
    assert second.exit_code == 0, second.output
    (path,) = (tmp / "b").glob("*.zip")
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode() for name in ("CHANGES.md", "vision.html",
                                                             "vision.md")}  # fmt: skip


NAMES = ["diff.text", "diff.markdown", "diff.html", "CHANGES.md", "vision.html", "vision.md",
         "summary.text", "summary.markdown", "job-summary"]  # fmt: skip


def readable(name: str, text: str) -> str:
    """What a reviewer reads of an output: HTML's visible text; Markdown as written and as
    rendered (code spans included); text as it is."""
    if name.endswith(".html"):
        return visible(text)
    if name.endswith((".md", ".markdown")) or name == "job-summary":
        return text + "\n" + rendered(text)
    return text


@pytest.mark.parametrize("name", NAMES)
def test_no_raw_key_id_or_json(outputs: dict[str, str], name: str) -> None:
    text = readable(name, outputs[name])
    assert raw_words(text) == [], (name, raw_words(text), text)
    assert "{" not in text and "}" not in text, (name, text)


def test_the_scan_finds_what_it_must() -> None:
    assert raw_words("consultation_desk: unknown → x") == ["consultation_desk"]
    assert raw_words(f"`{NEW_PLATFORM}` https://example.org/a_b") == []
    assert raw_words(rendered("`target_type`")) == ["target_type"]


def test_an_added_platform_shows_its_facts_by_label(outputs: dict[str, str]) -> None:
    for name in ("diff.text", "diff.markdown", "CHANGES.md"):
        text = readable(name, outputs[name])
        assert "テスト健康基盤（合成）（tokyo-health-hub）" in text, name
        for shown in ("種別: 分野別", "状態: 構築中", "分野: 健康・医療", "主管団体: 千代田区（131016）",
                      "技術 ID: NGSI v2 FIWARE Orion"):  # fmt: skip
            assert shown in text, (name, shown)


def test_a_new_revision_shows_its_summary_and_the_desk_as_sub_rows(outputs: dict[str, str]) -> None:
    text = outputs["diff.text"]
    assert (
        "  ~ 変更 改定履歴\n        2025年度 第2版 › 策定日: 2025-09-01\n        2025年度 第2版 › 改定内容: 相談窓口を設置し、目標の型を見直した（合成）"
        in text
    )
    assert "  ~ 変更 相談窓口\n        相談窓口: 不明\n        部署: 情報政策課（合成）" in text
    assert "        相談体制の構築: はい" in text
    assert "状態: 運用中 → 構築中" in text


def test_the_vision_page_names_types_status_and_the_cross_field_platform(
    outputs: dict[str, str],
) -> None:
    page = visible(outputs["vision.html"])
    assert "型1.2 単独運営・フル機能" in page and "テスト基盤（test-platform）" in page
    assert "構築中" in page and "operating" not in page and "building" not in page


def test_the_summary_shows_each_type_with_its_name(outputs: dict[str, str]) -> None:
    assert "「型2.1" in outputs["summary.text"] or "「型1.2" in outputs["summary.text"]
    assert "「型1.2 単独運営・フル機能（非パーソナル＋パーソナル）」" in outputs["summary.markdown"]


MARKDOWN = ["diff.markdown", "CHANGES.md", "vision.md", "summary.markdown", "job-summary"]


@pytest.mark.parametrize("name", MARKDOWN)
def test_markdown_outputs_render_as_github_renders_them(outputs: dict[str, str], name: str) -> None:
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(outputs[name])
    shown = visible(html)
    assert "**" not in shown and "`" not in shown and "~~" not in shown, (name, shown)
    assert not re.search(r"<li>\s*[-+*−~]\s", html), (name, html)
    if name in ("vision.md", "summary.markdown", "job-summary"):
        assert "<table>" in html and "<td>" in html, name
        assert "| ---" not in shown, name
    if name in ("diff.markdown", "CHANGES.md"):
        assert "<strong>基盤</strong>" in html and "<ins>構築中</ins>" in html, name
