"""Strict CSV loading: encodings, rows, cell positions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from renkei.registry.loaders.csv_loader import load_csv_bytes


def test_bom_is_fine_and_positions_count_characters() -> None:
    table, findings = load_csv_bytes('\ufeffa,b\n東京,"x,y"\n'.encode(), "t.csv")
    assert not findings
    assert table.header == ["a", "b"]
    assert table.rows[0].cells == ["東京", "x,y"]
    assert table.cell_position(2, 1).column == 4


def test_embedded_newline_keeps_the_record_start_line() -> None:
    table, _ = load_csv_bytes(b'a,b\n"1\n2",3\n4,5\n', "t.csv")
    assert [r.line for r in table.rows] == [2, 4]
    assert [r.number for r in table.rows] == [2, 3]
    assert table.cell_position(2, 1).line == 3


def test_shift_jis_gets_the_conversion_command() -> None:
    _, findings = load_csv_bytes("a\n東京\n".encode("cp932"), "dir/t.csv")
    assert findings[0].code == "P002"
    assert (
        "iconv -f CP932 -t UTF-8 dir/t.csv > dir/t.csv.utf8 && mv dir/t.csv.utf8 dir/t.csv"
        in findings[0].hint_en
    )


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    table, findings = load_csv_bytes(data, "t.csv")
    line_count = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    for finding in findings:
        assert 1 <= finding.line <= line_count
    if table is not None:
        for row in table.rows:
            assert 1 <= row.line <= line_count
            for index in range(len(row.cells)):
                position = table.cell_position(row.line, index)
                assert 1 <= position.line <= line_count
