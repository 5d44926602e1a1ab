"""`renkei log` as text: the vision revisions found in Git history, one tab-separated row each,
or the same entries as JSON."""

from __future__ import annotations

import datetime as dt
import json

from renkei.escape.terminal import text as show
from renkei.revisions.dates import reiwa_label
from renkei.revisions.history import VisionRevision


def render_log(entries: list[VisionRevision], lang: str, output_format: str = "text") -> str:
    """The log in `text` (a header row, then one row per revision, commit times in UTC) or
    `json`; every line ends with a newline."""
    if output_format == "json":
        return json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2) + "\n"
    if lang == "ja":
        lines = ["都道府県\t年度\t版\t策定日\tコミット\tコミット日時"]
    else:
        lines = ["prefecture\tfiscal year\trevision\tadopted\tcommit\tcommit date"]
    for entry in entries:
        when = dt.datetime.fromtimestamp(entry.commit_time, dt.UTC).strftime("%Y-%m-%d %H:%M")
        year = f"{reiwa_label(entry.fiscal_year)} (FY{entry.fiscal_year})"
        lines.append(
            f"{show(entry.folder)}\t{year}\t{show(entry.number)}\t{show(entry.adopted_on)}\t"
            f"{entry.commit[:10]}\t{when}"
        )
    return "\n".join(lines) + "\n"
