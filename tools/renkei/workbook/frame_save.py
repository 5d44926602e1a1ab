"""The parts of a workbook frame as openpyxl saves them, byte for byte, without the zip round
trip or a temporary file per sheet, and with each sheet's comment parts made once per process
for the same comments.

A frame's comments are its data sheets' header notes: the same columns give the same comments
in every prefecture's workbook, and the comments part and its VML drawing depend on nothing else
(the cells, texts, authors and sizes), so they are kept by those. The parts are what
`openpyxl.Workbook.save` would put in the file: the same names, order and bytes
(tests/workbook/test_frame_save.py compares them).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments.comment_sheet import CommentSheet
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.packaging.relationship import Relationship
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.functions import tostring

#: The comments part and the VML drawing of a sheet's comments, by the comments.
_COMMENT_PARTS: dict[tuple[tuple[str, str, str, float, float], ...], tuple[bytes, bytes]] = {}
_COMMENT_PARTS_MAX = 256


class _Parts:
    """What openpyxl's writer writes into, in place of a zip file: name → bytes, in order."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def writestr(self, name: str, data: str | bytes) -> None:
        self.files[name] = data.encode() if isinstance(data, str) else data

    def write(self, filename: str, arcname: str) -> None:
        self.files[arcname] = Path(filename).read_bytes()  # a write-only sheet's file

    def namelist(self) -> list[str]:
        return list(self.files)

    def close(self) -> None:
        """Nothing to close: the parts are in memory."""


def _comments_key(ws: Worksheet) -> tuple[tuple[str, str, str, float, float], ...] | None:
    """What a sheet's comment parts are made of; None when a comment carries more than plain
    text (it is then written by openpyxl itself)."""
    key = []
    for record in ws._comments:  # type: ignore[attr-defined]
        text = record.text
        if text.r or record.guid is not None or record.commentPr is not None or record.shapeId:
            return None
        key.append((record.ref, record.author, text.t, record.height, record.width))
    return tuple(key)


class _FrameWriter(ExcelWriter):
    """openpyxl's writer, with a sheet's comment parts taken from `_COMMENT_PARTS`."""

    _write_comment_by_openpyxl = ExcelWriter._write_comment  # type: ignore[attr-defined]

    def write_worksheet(self, ws: Worksheet) -> None:
        """As ExcelWriter.write_worksheet, the sheet's XML written in memory, not to a
        temporary file that the zip then reads."""
        writer: Any = self
        if self.workbook.write_only:
            super().write_worksheet(ws)
            return
        sheet: Any = ws
        sheet._drawing = SpreadsheetDrawing()
        sheet._drawing.charts = sheet._charts
        sheet._drawing.images = sheet._images
        part: Any = WorksheetWriter(ws, io.BytesIO())
        part.write()
        sheet._rels = part._rels
        writer._archive.writestr(ws.path[1:], part.read())
        writer.manifest.append(ws)

    def _write_comment(self, ws: Worksheet) -> None:
        writer: Any = self  # the stubs leave out the writer's private parts
        key = _comments_key(ws)
        if key is None or ws.legacy_drawing is not None or self.workbook.vba_archive is not None:
            writer._write_comment_by_openpyxl(ws)
            return
        # As ExcelWriter._write_comment, with the two parts' bytes kept.
        sheet = CommentSheet.from_comments(ws._comments)  # type: ignore[attr-defined, no-untyped-call]
        writer._comments.append(sheet)
        sheet._id = len(writer._comments)
        parts = _COMMENT_PARTS.get(key)
        if parts is None:
            parts = (tostring(sheet.to_tree()), sheet.write_shapes(None))
            if len(_COMMENT_PARTS) >= _COMMENT_PARTS_MAX:
                _COMMENT_PARTS.clear()
            _COMMENT_PARTS[key] = parts
        writer._archive.writestr(sheet.path[1:], parts[0])
        self.manifest.append(sheet)
        ws.legacy_drawing = f"xl/drawings/commentsDrawing{sheet._id}.vml"
        writer._archive.writestr(ws.legacy_drawing, parts[1])
        self.vba_modified.add(ws.legacy_drawing)
        ws._rels.append(  # type: ignore[attr-defined]
            Relationship(Id="comments", type=sheet._rel_type, Target=sheet.path)
        )


def saved_parts(workbook: Workbook) -> dict[str, bytes]:
    """WORKBOOK's parts as `Workbook.save` writes them (file name → bytes, in its order); like
    it, the document's "modified" property is set to now."""
    now: Any = dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
    workbook.properties.modified = now
    parts = _Parts()
    archive: Any = parts  # a zip file as far as the writer can tell
    _FrameWriter(workbook, archive).save()
    return parts.files
