"""The latest survey round of a prefecture (surveys.yaml) as the summary shows it: its id, due
date, the date the results were sent to the Agency (「未確認」 when no source states it) and how
many municipalities had answered of how many (notice of 2024-05-10, 記2(1): 「調査結果について、
【5/31(金)18 時】で把握できた内容について、デジタル庁に送付」)."""

from __future__ import annotations

from typing import Any


def latest_survey_round(surveys: dict[str, Any]) -> dict[str, Any] | None:
    """The newest round (by fiscal year, then due date) of a loaded surveys.yaml, with the
    fields the summary shows; None when the file is absent or lists no round."""
    rounds = [
        r for r in surveys.get("rounds") or []
        if isinstance(r, dict) and isinstance(r.get("fiscal_year"), int)
    ]  # fmt: skip
    if not rounds:
        return None
    latest = max(rounds, key=lambda r: (r["fiscal_year"], str(r.get("due") or "")))
    coverage = latest.get("coverage")
    answered = total = None
    if isinstance(coverage, dict):
        answered, total = coverage.get("answered"), coverage.get("total")
    return {
        "id": latest.get("id"),
        "instrument": latest.get("instrument"),
        "fiscal_year": latest["fiscal_year"],
        "due": latest.get("due"),
        "submitted_on": latest.get("submitted_on"),
        "answered": answered,
        "total": total,
    }


def survey_cell(survey: dict[str, Any] | None, lang: str) -> str:
    """The summary table's cell: id, due date, submission and coverage, or a dash."""
    if survey is None:
        return "—"
    unconfirmed = "未確認" if lang == "ja" else "unconfirmed"

    def shown(value: object) -> str:
        return unconfirmed if value in (None, "unknown") else str(value)

    due = shown(survey.get("due"))
    sent = shown(survey.get("submitted_on"))
    answered, total = survey.get("answered"), survey.get("total")
    coverage = unconfirmed if answered is None or total is None else f"{answered}/{total}"
    if lang == "ja":
        return f"{survey['id']}（期限 {due}、送付 {sent}、把握 {coverage}）"
    return f"{survey['id']} (due {due}, sent {sent}, answered {coverage})"
