"""A registry CSV table as renkei writes it: LF line endings and minimal quoting, so that
scaffolding and the spreadsheet import write the same bytes for the same rows."""

from __future__ import annotations

import csv
import io


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """The CSV text of a header and its rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
