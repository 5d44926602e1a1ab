"""`plain_cells` lets a table's rows go to the CSV writer as they are only when no cell needs
escaping: the CSV written that way is the one written cell by cell, for any text."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renkei.bundle.package import csv_bytes
from renkei.bundle.tables import Table
from renkei.escape.spreadsheet import csv_row, plain_cells
from renkei.registry.machine_readability import writable

#: Text with the characters that matter here often: formula starts, line breaks, controls.
CELLS = st.text(
    alphabet=st.sampled_from("=+-@\t\r\n\x00\x0b\x1f a1.日本語'\""), max_size=6
) | st.text(max_size=6)


def _cell_by_cell(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(csv_row([writable(v) for v in row]) for row in rows)
    return out.getvalue()


def _as_they_are(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@given(st.lists(st.lists(CELLS, min_size=1, max_size=4), max_size=5))
def test_rows_said_to_be_plain_write_the_same_csv_as_cell_by_cell(rows: list[list[str]]) -> None:
    if plain_cells(rows):
        assert _as_they_are(rows) == _cell_by_cell(rows)


@pytest.mark.parametrize(
    "cell",
    ["=1+1", "+81", "-", "-5", "@SUM(A1)", "\tx", "\rx", "a\n=1", "bell\x07", "\x00"],
)
def test_a_cell_that_may_need_escaping_is_not_plain(cell: str) -> None:
    assert not plain_cells([["ok", "テキスト"], ["fine", cell]])


def test_text_that_needs_nothing_is_plain() -> None:
    assert plain_cells([["東京都", "a=b", "1-2", "x@y", "改行\nあり"], []])
    assert not plain_cells([["1", 2]])  # type: ignore[list-item]  # a cell that is not text


def test_a_table_with_a_formula_is_still_escaped() -> None:
    fields = [{"name": "id", "type": "string"}, {"name": "note", "type": "string"}]
    table = Table("t", "T", fields, [["a", "plain"], ["b", '=HYPERLINK("x")']], ["id"])
    text = csv_bytes(table, "utf-8").decode()
    assert "'=HYPERLINK" in text and "\r\na,plain\r\n" in text
