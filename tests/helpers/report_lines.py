"""Every finding report format stays well-formed: JSON parses, each text line is a finding or
its hint, each GitHub line a workflow command."""

from __future__ import annotations

import json
import re

from renkei.report.reporters import REPORTERS

TEXT_LINE = re.compile(r"^[^:\n]+:\d+:\d+: (error|warning): [A-Z]\d{3} .*$")
GITHUB_LINE = re.compile(r"^::(error|warning) file=[^,\n]*,line=\d+,col=\d+,title=[^,\n]*::[^\n]*$")


def check_reports(report: object) -> None:
    """Assert that every format of `report` is well-formed."""
    assert json.loads(REPORTERS["json"].render(report, "ja"))["format_version"] == 1
    for line in REPORTERS["text"].render(report, "en").splitlines()[:-1]:
        assert TEXT_LINE.match(line) or line.startswith("    hint: "), line
    for line in REPORTERS["github"].render(report, "en").splitlines()[:-1]:
        assert GITHUB_LINE.match(line), line
