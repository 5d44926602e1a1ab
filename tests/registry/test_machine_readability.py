"""The machine-readability rules on a CSV file as written: the places of the characters the
rules forbid are those a look at every cell finds, in the same order, whatever the cells."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from renkei.registry.machine_readability import check_csv, text_problems

FIELDS = [{"name": "a", "type": "string"}, {"name": "n", "type": "integer"}]
#: Plain text, digits, and one character of each kind the rules look for: a line feed and a
#: carriage return, a control character, a surrogate's neighbour (a non-character), 機種依存文字.
ALPHABET = 'ab東京 019-,"\n\r\x07\ufffe①㈱\u2028'
cells = st.text(alphabet=ALPHABET, max_size=6)


def _reference(rows: list[list[str]]) -> tuple[str, str]:
    """The first line-break (or unwritable) and the first platform-dependent place, cell by
    cell: the rules' meaning, written the plain way."""
    breaks, dependent = [], []
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            for problem in text_problems(value):
                where = f"row {i + 1} column {j + 1}: {problem.codepoint}"
                (dependent if problem.kind == "platform-dependent" else breaks).append(where)
    return (breaks[0] if breaks else "", dependent[0] if dependent else "")


@given(st.lists(st.lists(cells, min_size=2, max_size=2), min_size=1, max_size=5))
def test_the_forbidden_characters_are_found_where_each_cell_has_them(
    body: list[list[str]],
) -> None:
    rows = [["a", "n"], *body]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    results = {r.rule: r for r in check_csv("t.csv", out.getvalue().encode(), "utf-8", FIELDS)}
    first_break, first_dependent = _reference(rows)
    assert results["L1-08"].passed is (first_dependent == "")
    assert results["L1-08"].detail == first_dependent
    assert results["L1-14"].detail == first_break
    if first_break:
        assert not results["L1-14"].passed


def test_a_number_column_names_each_value_that_is_no_number_in_order() -> None:
    text = "a,n\r\nx,1\r\ny,1.5e3\r\nz,abc\r\nw,\r\nv,-2\r\nu,1,000\r\n"
    results = {r.rule: r for r in check_csv("t.csv", text.encode(), "utf-8", FIELDS)}
    assert not results["L2-01"].passed
    assert results["L2-01"].detail == "row 4 column 2"
    assert results["L1-08"].passed and results["L1-14"].passed
