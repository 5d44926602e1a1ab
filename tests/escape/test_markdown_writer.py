"""The one Markdown writer, rendered as GitHub renders it (markdown-it-py, GFM tables): bold
that renders next to Japanese punctuation, tables that are tables, items that never start a
nested list, every text escaped."""

from __future__ import annotations

from markdown_it import MarkdownIt

from renkei.escape import markdown_writer as writer


def render(text: str) -> str:
    """TEXT as GitHub's CommonMark with GFM tables renders it."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def test_bold_renders_beside_japanese_punctuation() -> None:
    for word in ("「構築中」", "基盤", "（合成）", "1.2"):
        html = render(f"状態は{writer.strong(word)}です。")
        assert "**" not in html and ("<strong>" in html or "<b>" in html), html
    # The plain delimiters next to 「」 would not render: the writer must not emit them there.
    assert "**" in render("状態は**「構築中」**です。")
    assert writer.strong("基盤") == "**基盤**"
    assert writer.strong("「x」") == "<b>「x」</b>"


def test_a_table_is_a_table_and_cells_are_escaped() -> None:
    lines = writer.table(["名称", "値"], [["a|b", "**x**"], [writer.Markup("`c`"), "1"]], "lr")
    html = render("\n".join(lines))
    assert html.count("<tr>") == 3 and html.count("<td") == 4, html
    assert "a|b" in html and "**x**" in html and "<strong>" not in html
    assert "<code>c</code>" in html and 'style="text-align:right"' in html


def test_bullets_never_start_a_nested_list_and_headings_are_escaped() -> None:
    html = render("\n".join(writer.bullets(["+ 追加", "- 削除", "1. 一"])))
    assert html.count("<li>") == 3 and "<ul>" in html and html.count("<ul>") == 1, html
    assert "<ol>" not in html
    assert render(writer.heading(2, "# 見出し *x*")) == "<h2># 見出し *x*</h2>\n"


def test_inserted_and_deleted_text_is_escaped_inside_its_tags() -> None:
    html = render(f"{writer.deleted('<b>旧</b>')} → {writer.inserted('[新](https://x.example)')}")
    assert (
        "<del>&lt;b&gt;旧&lt;/b&gt;</del>" in html and "<ins>[新](https\\://x.example)" not in html
    )
    assert "<a " not in html
