"""`saved_parts` gives the parts `Workbook.save` writes, byte for byte, and a sheet's comment
parts kept for its comments never stand in for another sheet's."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.worksheet.worksheet import Worksheet

from renkei.bundle.reprozip import modified_stamped
from renkei.workbook.frame_save import saved_parts

WHEN = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)


def by_openpyxl(workbook: Workbook) -> dict[str, bytes]:
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def book(notes: list[list[tuple[str, int, int]]]) -> Workbook:
    """A workbook with a sheet per entry of NOTES, each note (text, width, height) on a header
    cell of its own."""
    workbook = Workbook()
    # Fixed, as the bundle's workbook fixes it: openpyxl stamps the time it made the workbook.
    workbook.properties.created = WHEN.replace(tzinfo=None)
    first = workbook.active
    assert isinstance(first, Worksheet)
    for index, sheet_notes in enumerate(notes):
        ws = first if index == 0 else workbook.create_sheet(f"sheet{index}")
        for column, (text, width, height) in enumerate(sheet_notes, start=1):
            cell = ws.cell(row=1, column=column, value=f"h{column}")
            cell.comment = Comment(text, "renkei", height, width)
    return workbook


def same_parts(notes: list[list[tuple[str, int, int]]]) -> dict[str, bytes]:
    ours = modified_stamped(saved_parts(book(notes)), WHEN)
    theirs = modified_stamped(by_openpyxl(book(notes)), WHEN)
    assert list(ours) == list(theirs)
    assert ours == theirs
    return ours


def test_parts_are_openpyxl_s_with_and_without_comments() -> None:
    same_parts([[]])
    parts = same_parts(
        [[("field: a", 300, 120), ("必須 / required", 300, 120)], [], [("x", 80, 40)]]
    )
    assert "xl/comments/comment1.xml" in parts and "xl/comments/comment2.xml" in parts
    assert "xl/drawings/commentsDrawing2.vml" in parts


def test_kept_comment_parts_are_only_reused_for_the_same_comments() -> None:
    first = same_parts([[("field: a", 300, 120)]])
    other_text = same_parts([[("field: b", 300, 120)]])
    other_size = same_parts([[("field: a", 200, 120)]])
    other_cell = same_parts([[("", 1, 1), ("field: a", 300, 120)]])
    comments = "xl/comments/comment1.xml"
    assert b"field: a" in first[comments] and b"field: b" in other_text[comments]
    drawing = "xl/drawings/commentsDrawing1.vml"
    assert first[drawing] != other_size[drawing] and first[drawing] != other_cell[drawing]
    assert same_parts([[("field: a", 300, 120)]]) == first


def test_comments_of_two_authors_are_openpyxl_s() -> None:
    workbook, reference = book([[("plain", 300, 120)]]), book([[("plain", 300, 120)]])
    for each in (workbook, reference):
        ws = each.active
        assert isinstance(ws, Worksheet)
        ws["B1"].comment = Comment("second", "someone else", 50, 60)
    ours = modified_stamped(saved_parts(workbook), WHEN)
    assert ours == modified_stamped(by_openpyxl(reference), WHEN)
    assert b"someone else" in ours["xl/comments/comment1.xml"]
