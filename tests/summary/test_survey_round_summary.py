"""The summary shows each prefecture's latest survey round (surveys.yaml): its id, due date, the
date the results were sent to the Agency or 「未確認」, and answered/total (notice 記2(1)). All
data SYNTHETIC."""

from __future__ import annotations

import csv
import io
import json

from helpers.registry import Registry
from helpers.surveys import OWN_FORMAT_ROUND, SURVEYS, surveys_file

AS_OF = ("--as-of", "2025-06-01")


def _summary(registry: Registry, *args: str) -> str:
    result = registry.run("summary", "--root", str(registry.root), *AS_OF, *args)
    assert result.exit_code == 0, result.output
    return str(result.output)


def _tokyo_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("13 "))


def test_unknown_submission_and_coverage_read_unconfirmed(registry: Registry) -> None:
    registry.write(SURVEYS, surveys_file())
    line = _tokyo_line(_summary(registry, "--lang", "ja"))
    assert "fy2024-bessoe1（期限 2024-05-31T18:00+09:00、送付 未確認、把握 未確認）" in line
    english = _tokyo_line(_summary(registry, "--lang", "en"))
    assert (
        "fy2024-bessoe1 (due 2024-05-31T18:00+09:00, sent unconfirmed, answered unconfirmed)"
        in english
    )


def test_the_latest_round_with_its_date_and_coverage(registry: Registry) -> None:
    registry.write(SURVEYS, surveys_file(extra_round=OWN_FORMAT_ROUND))
    line = _tokyo_line(_summary(registry, "--lang", "ja"))
    assert "fy2025-own（期限 2025-06-30、送付 2025-06-27、把握 40/62）" in line
    document = json.loads(_summary(registry, "--format", "json"))
    tokyo = next(p for p in document["prefectures"] if p["code"] == "13")
    assert tokyo["survey_round"] == {
        "id": "fy2025-own",
        "instrument": "own_format",
        "fiscal_year": 2025,
        "due": "2025-06-30",
        "submitted_on": "2025-06-27",
        "answered": 40,
        "total": 62,
    }
    osaka = next(p for p in document["prefectures"] if p["code"] == "27")
    assert osaka["survey_round"] is None
    rows = {
        r["code"]: r for r in csv.DictReader(io.StringIO(_summary(registry, "--format", "csv")))
    }
    assert (rows["13"]["survey_round"], rows["13"]["survey_due"]) == ("fy2025-own", "2025-06-30")
    assert (rows["13"]["survey_answered"], rows["13"]["survey_total"]) == ("40", "62")
    assert rows["27"]["survey_round"] == "" and rows["27"]["survey_submitted_on"] == ""


def test_a_prefecture_without_surveys_shows_a_dash(registry: Registry) -> None:
    line = _tokyo_line(_summary(registry, "--lang", "ja"))
    assert line.rstrip().endswith("—")
