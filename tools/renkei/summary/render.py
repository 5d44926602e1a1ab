"""Output formats for `renkei summary`: text, markdown, json, csv and svg."""

from __future__ import annotations

import csv
import io
import json
from typing import ClassVar

from renkei import __version__
from renkei.escape import markdown, spreadsheet, terminal
from renkei.escape import markdown_writer as writer
from renkei.summary.area import area_cells
from renkei.summary.build import CATEGORIES, NationalSummary, PrefectureSummary
from renkei.summary.map_svg import STYLE, render_map
from renkei.summary.national_status import comparison_document, comparison_rows, explanation
from renkei.summary.survey_round import survey_cell

JSON_FORMAT_VERSION = 1

COLUMNS: list[tuple[str, str, str]] = [
    ("code", "コード", "code"),
    ("name", "都道府県", "prefecture"),
    ("category", "共同利用の状況", "status"),
    ("types", "型（現在→目標）", "type (current→target)"),
    ("vision", "ビジョン", "vision"),
    ("latest", "最新の改定", "latest revision"),
    ("platforms", "基盤（種別・状態）", "platforms (kind, status)"),
    ("findings", "原則の指摘", "principle findings"),
    ("answered", "回答", "answered"),
    ("shared", "共同利用基盤上の市区町村", "municipalities on a shared platform"),
    ("models", "運営組織モデル", "operating models"),
    ("sent", "ビジョンの送付", "vision sent to the Agency"),
    ("survey", "市区町村調査（最新の回）", "municipal survey (latest round)"),
]
#: Short labels of the operating models (GB3 §9.6, the bold part of each model's name).
OPERATING_MODELS = {
    "prefecture_led_sequential": ("都道府県主導", "prefecture-led"),
    "consortium_external": ("コンソーシアム", "consortium"),
    "private_led_external": ("民間企業主導", "private-led"),
    "other": ("その他", "other"),
}
VISION = {
    "adopted": ("策定済", "adopted"),
    "draft": ("案", "draft"),
    "not_registered": ("未登録", "not registered"),
}
KINDS = {"cross_field": ("分野間", "cross-field"), "field_specific": ("分野別", "field"),
         "unknown": ("種別不明", "kind unknown")}  # fmt: skip
STATUSES = {
    "planned": ("計画", "planned"),
    "building": ("構築中", "building"),
    "operating": ("運用中", "operating"),
    "to_be_retired": ("廃止予定", "to be retired"),
    "retired": ("廃止", "retired"),
    "unknown": ("状態不明", "status unknown"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "ja" else pair[1]


def type_cell(pref: PrefectureSummary, types: dict[str, tuple[str, str]], lang: str) -> str:
    """The current and target shared-use types with their names (「型1.2 …」→「型2.4 …」)."""

    def shown(value: str | None) -> str:
        if value is None or value == "unknown":
            return "不明" if lang == "ja" else "unknown"
        return _pick(types[value], lang) if value in types else value

    return f"「{shown(pref.current_type)}」→「{shown(pref.target_type)}」"


def cells(
    pref: PrefectureSummary, lang: str, types: dict[str, tuple[str, str]] | None = None
) -> dict[str, str]:
    """One prefecture's row as text cells in the message language (TYPES: the shared-use
    types' labels)."""
    total = sum(pref.platforms_by_kind.values())
    if total:
        kinds = " ".join(
            f"{_pick(KINDS.get(k, (k, k)), lang)} {n}"
            for k, n in sorted(pref.platforms_by_kind.items())
        )
        statuses = " ".join(
            f"{_pick(STATUSES.get(k, (k, k)), lang)} {n}"
            for k, n in sorted(pref.platforms_by_status.items())
        )
        platforms = f"{total}: {kinds} / {statuses}"
    else:
        platforms = "0"
    share = pref.shared_share
    return {
        "code": pref.code,
        "name": pref.name,
        "category": f"{STYLE[pref.category][2]} {_pick(pref.category_label, lang)}",
        "types": type_cell(pref, types or {}, lang),
        "vision": _pick(VISION.get(pref.vision_status, (pref.vision_status,) * 2), lang),
        "latest": pref.latest_label(lang),
        "platforms": platforms,
        "findings": ", ".join(pref.principle_findings) or "—",
        "answered": f"{pref.municipalities_answered}/{pref.municipalities_total}",
        "shared": "—" if share is None else f"{share:.0%}",
        "models": " ".join(
            f"{_pick(OPERATING_MODELS.get(k, (k, k)), lang)} {n}"
            for k, n in sorted(pref.operating_models.items())
        ) or "—",
        "sent": _sent(pref.vision_notice.get("sent_to_agency_on"), lang),
        "survey": survey_cell(pref.survey_round, lang),
    }  # fmt: skip


def _sent(value: object, lang: str) -> str:
    if value is None:
        return "—"
    if value == "unknown":
        return "未確認" if lang == "ja" else "unconfirmed"
    return str(value)


def _counts_line(summary: NationalSummary, lang: str) -> str:
    counts = summary.counts()
    sep = "、" if lang == "ja" else ", "
    parts = []
    for category in CATEGORIES:
        pair = summary.label(category)
        agency = summary.agency_counts.get(category)
        extra = ""
        if agency is not None:
            extra = f"（デジタル庁 {agency}）" if lang == "ja" else f" (Agency: {agency})"
        parts.append(f"{_pick(pair, lang)} {counts[category]}{extra}")
    return sep.join(parts)


class SummaryRenderer:
    """One output format of the national summary, picked by its `name`."""

    name: ClassVar[str]

    def render(self, summary: NationalSummary, lang: str, map_file: str = "summary.svg") -> str:
        """The summary in this format; `map_file` is the map a Markdown page links to."""
        raise NotImplementedError


class TextSummary(SummaryRenderer):
    """A fixed-width table for the terminal."""

    name = "text"

    def render(self, summary: NationalSummary, lang: str, map_file: str = "summary.svg") -> str:
        """The summary as a table of text."""
        rows = [[_pick((ja, en), lang) for _, ja, en in COLUMNS]]
        rows += [[terminal.text(c) for c in cells(p, lang, summary.type_labels).values()]
                 for p in summary.prefectures]  # fmt: skip

        def width(text: str) -> int:
            return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

        widths = [max(width(r[i]) for r in rows) for i in range(len(COLUMNS))]
        lines = [
            "  ".join(cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)).rstrip()
            for row in rows
        ]
        lines.append("")
        lines.append(_counts_line(summary, lang))
        if summary.agency_counts:
            table = comparison_rows(summary, lang)
            column = [max(width(r[i]) for r in table) for i in range(len(table[0]))]
            lines.append("")
            lines += [
                "  ".join(c + " " * (column[i] - width(c)) for i, c in enumerate(r)).rstrip()
                for r in table
            ]
            lines.append(explanation(summary, lang))
        return "\n".join(lines) + "\n"


class MarkdownSummary(SummaryRenderer):
    """A Markdown page: the map, the counts and the table."""

    name = "markdown"

    def render(self, summary: NationalSummary, lang: str, map_file: str = "summary.svg") -> str:
        """The summary as Markdown linking to `map_file`."""
        title = "データ連携基盤の共同利用の状況" if lang == "ja" else "Shared use of data platforms"
        lines = [
            writer.heading(1, title),
            "",
            f"![{title}]({map_file})",
            "",
            _counts_line(summary, lang),
            "",
        ]
        rows: list[list[str]] = []
        for pref in summary.prefectures:
            rows.append(list(cells(pref, lang, summary.type_labels).values()))
        lines += writer.table([_pick((ja, en), lang) for _, ja, en in COLUMNS], rows)
        note = (
            f"{summary.as_of.isoformat()} 時点。区分はレジストリのデータから導出（手入力しない）。"
            if lang == "ja"
            else f"As of {summary.as_of.isoformat()}; categories are derived from the registry's data."
        )
        lines += ["", note]
        if summary.agency_counts:
            table = comparison_rows(summary, lang)
            lines += ["", *writer.table(table[0], table[1:], align="lrrr")]
            lines += ["", markdown.text(explanation(summary, lang))]
        return "\n".join(lines) + "\n"


class JsonSummary(SummaryRenderer):
    """The stable JSON document of docs/output.md."""

    name = "json"

    def render(self, summary: NationalSummary, lang: str, map_file: str = "summary.svg") -> str:
        """The summary as indented JSON."""
        document = {
            "format_version": JSON_FORMAT_VERSION,
            "tool": {"name": "renkei", "version": __version__},
            "as_of": summary.as_of.isoformat(),
            "counts": summary.counts(),
            "agency_counts": {"as_of": summary.agency_as_of, "counts": summary.agency_counts},
            "agency_comparison": comparison_document(summary),
            "prefectures": [p.to_dict() for p in summary.prefectures],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class CsvSummary(SummaryRenderer):
    """One row per prefecture, ASCII column names, codes for categories (machine-readable)."""

    name = "csv"
    header: ClassVar[list[str]] = [
        "code", "prefecture", "category", "current_type", "target_type", "vision_status",
        "latest_fiscal_year", "latest_revision", "platforms", "principle_findings",
        "municipalities_total", "municipalities_answered", "municipalities_on_shared_platform",
        "operating_models", "vision_sent_to_agency_on", "vision_format", "consultation_held",
        "hub_established", "area_personal_auth_services", "area_non_personal_platforms",
        "area_personal_platforms", "consent_methods", "platform_provenance", "survey_round", "survey_due", "survey_submitted_on",
        "survey_answered", "survey_total",
    ]  # fmt: skip

    def render(self, summary: NationalSummary, lang: str, map_file: str = "summary.svg") -> str:
        """The summary as CSV, one row per prefecture."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.header)
        for p in summary.prefectures:
            writer.writerow(
                spreadsheet.csv_row(
                    [
                    p.code, p.name, p.category, p.current_type, p.target_type, p.vision_status,
                    p.latest_fiscal_year or "", p.latest_revision or "",
                    sum(p.platforms_by_kind.values()), len(p.principle_findings),
                    p.municipalities_total, p.municipalities_answered, p.municipalities_on_shared,
                    ";".join(f"{k}:{n}" for k, n in sorted(p.operating_models.items())),
                    *(_csv_value(p.vision_notice.get(k)) for k in (
                        "sent_to_agency_on", "format", "consultation_held", "hub_established")),
                    *area_cells(p.area_inventory),
                    ";".join(f"{k}:{n}" for k, n in sorted(p.consent_methods.items())),
                    ";".join(f"{k}:{n}" for k, n in sorted(p.provenance.items())),
                    *(_csv_value((p.survey_round or {}).get(k)) for k in (
                        "id", "due", "submitted_on", "answered", "total")),
                    ]
                )
            )  # fmt: skip
        return out.getvalue()


def _csv_value(value: object) -> str:
    """A notice fact as a CSV cell: true/false, the text, or empty when not recorded."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


class SvgSummary(SummaryRenderer):
    """The tile map of Japan."""

    name = "svg"

    def render(self, summary: NationalSummary, lang: str, map_file: str = "summary.svg") -> str:
        """The summary as the SVG tile map."""
        return render_map(summary)


RENDERERS: dict[str, SummaryRenderer] = {
    r.name: r for r in (TextSummary(), MarkdownSummary(), JsonSummary(), CsvSummary(), SvgSummary())
}
