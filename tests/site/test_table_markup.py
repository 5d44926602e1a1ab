"""The site's tables as HTML: every value escaped as the templates escape it (quotes, angle
brackets, ampersands), links and safe markup kept, the first cell heading its row."""

from __future__ import annotations

import jinja2
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from helpers.site import Page
from renkei.site.table_markup import data_table, pairs_table
from renkei.site.tables import table

TRICKY = "<b>\"A&B\"</b> 'x' 東京都"


def test_values_are_escaped_as_a_template_escapes_them() -> None:
    expected = jinja2.Environment(autoescape=True).from_string("{{ v }}").render(v=TRICKY)
    html = str(data_table(table("表", ["名前"], [[TRICKY]], "なし"), None))
    assert f'<th scope="row">{expected}</th>' in html
    assert "<b>" not in html
    assert str(pairs_table([(TRICKY, TRICKY)])).count(expected) == 2


@given(st.one_of(st.text(), st.text(alphabet="&<>'\"a東")))
def test_any_text_is_escaped_as_a_template_escapes_it(value: str) -> None:
    """Plain text taken as it is, text with a character to escape escaped: the same bytes as
    the template engine's escaping, whatever the text."""
    expected = jinja2.Environment(autoescape=True).from_string("{{ v }}").render(v=value)
    html = str(data_table(table("表", ["名前", "値"], [["行", value]], "なし"), None))
    assert f"<td>{expected}</td>" in html
    assert f"<td>{expected}</td>" in str(pairs_table([("名前", value)]))


def test_links_safe_markup_and_the_row_heading_in_the_registry_language() -> None:
    rows = [[{"href": "../p/?a=1&b=2", "text": "合成基盤"}, Markup("<code>x</code>"), 3]]
    page = Page(str(data_table(table("基盤", ["名前", "コード", "数"], rows, "なし"), "ja")))
    assert page.links == [("../p/?a=1&b=2", {"href": "../p/?a=1&b=2"})]
    assert ("th", {"scope": "row", "lang": "ja"}) in page.tags
    assert ("code", {}) in page.tags and "3" in page.text
    assert [a for t, a in page.tags if t == "div"] == [
        {"class": "scroll", "tabindex": "0", "role": "region", "aria-label": "基盤"}
    ]


def test_an_empty_table_is_a_sentence() -> None:
    """A sentence of its own is not preceded by the caption its section's heading already
    says; a bare word is (several tables share a heading)."""
    html = str(data_table(table("参加団体", ["名前"], [], "参加団体はありません。"), None))
    assert "<table" not in html and html == "<p>参加団体はありません。</p>"
    bare = table("サービス", ["名前"], [], "なし", empty_names_it=False)
    assert str(data_table(bare, None)) == "<p>サービス: なし</p>"


def test_rows_of_yes_no_unknown_or_a_figure_are_left_out_of_the_search() -> None:
    html = str(pairs_table([("状態", "稼働中"), ("個人認証", "はい"), ("費用", "1,200"),
                            ("主管", "不明"), ("技術", "FIWARE Orion")]))  # fmt: skip
    rows = [line for line in html.splitlines() if line.startswith("<tr")]
    ignored = [r for r in rows if "data-pagefind-ignore" in r]
    assert len(rows) == 5 and len(ignored) == 3
    assert not [r for r in ignored if "稼働中" in r or "FIWARE" in r]


def test_a_table_left_out_of_the_search_is_shown_and_marked() -> None:
    rows = [["合成データセット", "SYNTHETIC"]]
    shown = str(
        data_table(table("データセット", ["名前", "備考"], rows, "なし", searched=False), None)
    )
    assert "合成データセット" in shown and 'aria-label="データセット" data-pagefind-ignore' in shown
    empty = str(data_table(table("指標", ["名前"], [], "なし", searched=False), None))
    assert empty.startswith("<p data-pagefind-ignore>")
    assert "data-pagefind-ignore" not in str(
        data_table(table("サービス", ["名前"], rows, "なし"), None)
    )
