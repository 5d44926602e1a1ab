"""vision.html and vision.md: the prefecture's vision as a page it can publish as is.

Japanese, self-contained (inline CSS, no scripts, no external resources), printable. Every value
is escaped; `unknown` is shown as 「未確認」, not left out.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import jinja2

from renkei.escape import markdown
from renkei.escape import markdown_writer as writer
from renkei.registry.reference import Reference
from renkei.revisions.dates import reiwa_label

#: The page's label kinds and the vocabularies of registry/reference/vocabularies.csv they read.
VOCABULARY_OF = {
    "status": "vision_status",
    "migration_pattern": "migration_pattern",
    "scheme": "cost_sharing_scheme",
    "operating_model": "operating_model",
    "format": "vision_format",
    "consultation_with": "consultation_partner",
    "area_count": "area_count",
    "sharing_type": "sharing_type",
    "platform_status": "platform_status",
    "platform_kind": "platform_kind",
}
#: The rows of the area inventory (GB3 §4.2 基盤の数量), with GB3's names of the counts.
AREA_ROWS = [
    ("personal_auth_services", "個人認証サービスの数"),
    ("non_personal_platforms", "非パーソナルエリアデータ連携基盤の数"),
    ("personal_platforms", "パーソナルエリアデータ連携基盤の数"),
]
Labels = Mapping[str, Mapping[str, str]]


def page_labels(reference: Reference) -> dict[str, dict[str, str]]:
    """The Japanese labels the page shows, by kind then code, from the label vocabularies
    (GB3 §8.2 migration patterns, §9.5 cost-sharing schemes, §9.6 operating models)."""
    return {
        kind: {value: pair[0] for value, pair in reference.labels(name).items()}
        for kind, name in VOCABULARY_OF.items()
    }


SECTIONS = [
    ("vision", "ビジョン"),
    ("expected_effects", "期待される効果"),
    ("initiatives", "取組"),
    ("services", "サービス"),
    ("requirements", "要件"),
]

#: The page's content (no page around it), for the public site too.
HTML_BODY = """{% if draft %}<p class="draft">下書き（DRAFT）: 検証でエラーがあるため、提出用ではありません。</p>{% endif %}
<h1>{{ title }}</h1>
<p class="meta">{{ prefecture }} ／ 状態: {{ status }}{% if latest %} ／ 最新の改定: {{ latest }}{% endif %}</p>
<h2>改定履歴</h2>
{% if revisions %}
<table>
<tr><th>年度</th><th>版</th><th>策定日</th><th>改定内容</th><th>公開 URL</th></tr>
{% for r in revisions %}
<tr><td>{{ r.year }}</td><td>{{ r.number }}</td><td>{{ r.adopted_on | v }}</td><td>{{ r.summary | v }}</td>
<td>{% if r.url %}<a href="{{ r.url }}">{{ r.url }}</a>{% else %}<span class="unknown">未確認</span>{% endif %}</td></tr>
{% endfor %}
</table>
{% else %}<p class="unknown">登録された改定はありません。</p>{% endif %}
<h2>共同利用の型と移行</h2>
<table class="kv">
<tr><th>現在の型</th><td>{{ current_type | v }}</td></tr>
<tr><th>目標の型</th><td>{{ target_type | v }}</td></tr>
<tr><th>移行パターン</th><td>{{ pattern | v }}</td></tr>
<tr><th>分野間連携基盤</th><td>{{ designation | v }}</td></tr>
</table>
{% for heading, rows in blocks %}
<h2>{{ heading }}</h2>
<table class="kv">{% for key, value in rows %}<tr><th>{{ key }}</th><td>{{ value | v }}</td></tr>{% endfor %}</table>
{% endfor %}
<h2>本文</h2>
{% for key, value in sections %}<h3>{{ key }}</h3><p>{{ value | v }}</p>{% endfor %}
<h2>データ連携基盤</h2>
{% if platforms %}
<table>
<tr><th>名称</th><th>ID</th><th>種別</th><th>状態</th></tr>
{% for p in platforms %}<tr><td>{{ p.name }}</td><td>{{ p.id }}</td><td>{{ p.kind | v }}</td><td>{{ p.status | v }}</td></tr>{% endfor %}
</table>
{% else %}<p class="unknown">登録された基盤はありません。</p>{% endif %}
<h2>出典</h2>
<ul>{% for s in sources %}<li>{{ s }}</li>{% else %}<li class="unknown">なし</li>{% endfor %}</ul>
<p class="meta">出力: renkei {{ version }}（コミット {{ commit }}）。「未確認」は出典で確認できていない項目です。</p>
"""

HTML = (
    """<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; color: #1a1a1a;
       line-height: 1.8; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; border-bottom: 3px solid #0072B2; padding-bottom: .3rem; }
h2 { font-size: 1.2rem; border-left: 6px solid #0072B2; padding-left: .5rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef4fa; }
.kv th { width: 30%; }
.unknown { color: #666; }
.draft { border: 3px solid #a3141e; color: #a3141e; font-weight: bold; padding: .5rem; }
.meta { color: #444; font-size: .9rem; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; }
               table { page-break-inside: avoid; } }
</style>
</head>
<body>
"""
    + HTML_BODY
    + """</body>
</html>
"""
)


def _label(labels: Labels, kind: str, value: object) -> object:
    """The Japanese label of a code of LABELS[kind]; any other value as it is."""
    return labels.get(kind, {}).get(value, value) if isinstance(value, str) else value


def _show(value: Any) -> str:
    if value is None or value == "unknown" or value == "":
        return "未確認"
    if value == "none":
        return "なし"
    if isinstance(value, bool):
        return "あり" if value else "なし"
    if isinstance(value, list):
        return "、".join(_show(v) for v in value) if value else "なし"
    if isinstance(value, dict):
        return "、".join(f"{k}: {_show(v)}" for k, v in value.items())
    return str(value)


def _notice_rows(revisions: object, labels: Labels) -> list[tuple[str, Any]]:
    """The notice's facts (記2(2)) of the newest revision: sent to the Agency, format, host
    document and consultation; empty without a revision."""
    if not isinstance(revisions, list):
        return []
    dated = [r for r in revisions if isinstance(r, dict) and isinstance(r.get("fiscal_year"), int)]
    if not dated:
        return []
    latest = max(dated, key=lambda r: (r["fiscal_year"], r.get("number") or 0))
    host = latest.get("host_document")
    consultation = latest.get("consultation")
    held = consultation.get("held") if isinstance(consultation, dict) else None
    partner = consultation.get("with") if isinstance(consultation, dict) else None
    rows: list[tuple[str, Any]] = [
        ("デジタル庁への送付日", latest.get("sent_to_agency_on")),
        ("様式", _label(labels, "format", latest.get("format"))),
    ]
    if isinstance(host, dict):
        rows.append(("盛り込んだ計画", " ".join(str(host[k]) for k in ("title", "section", "url")
                                              if host.get(k))))  # fmt: skip
    rows += [
        ("市区町村との協議", held),
        ("協議の相手", _label(labels, "consultation_with", partner)),
    ]
    if isinstance(consultation, dict) and consultation.get("forum"):
        rows.append(("協議の場", consultation["forum"]))
    return rows


def _context(
    vision: dict[str, Any],
    prefecture: str,
    platforms: list[dict[str, Any]],
    version: str,
    commit: str,
    draft: bool,
    labels: Labels,
) -> dict[str, Any]:
    revisions = []
    for r in vision.get("revisions") or []:
        if not isinstance(r, dict) or not isinstance(r.get("fiscal_year"), int):
            continue
        url = r.get("publication_url")
        revisions.append(
            {
                "year": f"{reiwa_label(r['fiscal_year'])}（{r['fiscal_year']}年度）",
                "number": r.get("number"),
                "adopted_on": r.get("adopted_on"),
                "summary": r.get("summary"),
                "url": url if isinstance(url, str) and url.startswith("http") else None,
            }
        )
    latest = revisions[-1]["year"] if revisions else None
    names = {p.get("id"): p.get("name") for p in platforms if isinstance(p.get("name"), str)}
    designation = vision.get("cross_field_platform")
    if isinstance(designation, dict):
        chosen = designation.get("platform_id")
        if isinstance(chosen, str) and chosen != "unknown":
            designation = f"{names[chosen]}（{chosen}）" if chosen in names else chosen
        else:
            designation = designation.get("plan") or chosen
    cost = vision.get("cost_sharing")
    governance = vision.get("governance")
    interop = vision.get("interoperability")
    desk = vision.get("consultation_desk")
    blocks = [
        (
            "費用負担",
            [
                ("方式", _label(labels, "scheme", cost.get("scheme")) if isinstance(cost, dict) else cost),
                ("内容", cost.get("description") if isinstance(cost, dict) else None),
            ],
        ),
        (
            "推進体制",
            [
                ("運営組織モデル", _label(labels, "operating_model", governance.get("operating_model")) if isinstance(governance, dict) else governance),
                ("主管部署", governance.get("lead_department") if isinstance(governance, dict) else None),
                ("内容", governance.get("description") if isinstance(governance, dict) else None),
            ],
        ),
        (
            "相互運用性・データの最小化",
            [
                ("標準", interop.get("standards") if isinstance(interop, dict) else interop),
                ("移行ロードマップの段階", interop.get("roadmap_phase") if isinstance(interop, dict) else None),
                ("データの最小化", vision.get("data_minimisation")),
            ],
        ),
        (
            "相談窓口・スケジュール",
            [
                ("相談窓口", desk.get("department") if isinstance(desk, dict) else desk),
                ("連絡先", desk.get("contact") if isinstance(desk, dict) else None),
                ("スケジュール", vision.get("schedule")),
            ],
        ),
    ]  # fmt: skip
    if isinstance(desk, dict):
        blocks[-1][1][2:2] = [("相談体制の構築（通知 記2(3)）", desk.get("established")),
                              ("構築の時期", desk.get("since"))]  # fmt: skip
    inventory = vision.get("area_inventory")
    if isinstance(inventory, dict):
        blocks.append(("域内の基盤の数量（GB3 §4.2）", [("時点", inventory.get("as_of"))] + [
            (title, _label(labels, "area_count", inventory.get(key))) for key, title in AREA_ROWS
        ]))  # fmt: skip
    notice = _notice_rows(vision.get("revisions"), labels)
    if notice:
        blocks.append(("最新の改定の送付・様式・協議（通知 記2(2)）", notice))
    body = vision.get("sections")
    sections = [
        (label, body.get(key) if isinstance(body, dict) else body) for key, label in SECTIONS
    ]
    sources = []
    for s in vision.get("sources") or []:
        if isinstance(s, dict):
            where = s.get("url") or ""
            if s.get("section"):
                where = f"{where} {s['section']}".strip()
            sources.append(f"{s.get('title')}: {where}（確認日 {s.get('confirmed_on')}）")
    title = vision.get("title")
    return {
        "title": title if isinstance(title, str) and title != "unknown" else f"{prefecture} 共同利用ビジョン",
        "prefecture": prefecture,
        "status": _label(labels, "status", str(vision.get("status"))),
        "latest": latest,
        "revisions": revisions,
        "current_type": _label(labels, "sharing_type", vision.get("current_type")),
        "target_type": _label(labels, "sharing_type", vision.get("target_type")),
        "pattern": _label(labels, "migration_pattern", vision.get("migration_pattern")),
        "designation": designation,
        "blocks": blocks,
        "sections": sections,
        "platforms": [
            {
                "id": p.get("id"),
                "name": p.get("name"),
                "kind": _label(labels, "platform_kind", p.get("kind")),
                "status": _label(labels, "platform_status", p.get("status")),
            }
            for p in platforms
        ],
        "sources": sources,
        "version": version,
        "commit": commit,
        "draft": draft,
    }  # fmt: skip


def vision_html(vision: dict[str, Any], prefecture: str, platforms: list[dict[str, Any]],
                version: str, commit: str, labels: Labels, draft: bool = False) -> str:  # fmt: skip
    """vision.html: the vision and its platforms as one web page (LABELS: `page_labels`)."""
    return _render(HTML, _context(vision, prefecture, platforms, version, commit, draft, labels))


def vision_body_html(vision: dict[str, Any], prefecture: str, platforms: list[dict[str, Any]],
                     version: str, commit: str, labels: Labels) -> str:  # fmt: skip
    """The content of vision.html without the page around it (for a page of one's own)."""
    return _render(
        HTML_BODY, _context(vision, prefecture, platforms, version, commit, False, labels)
    )


def _render(source: str, context: dict[str, Any]) -> str:
    return _template(source).render(**context)


@functools.cache
def _template(source: str) -> jinja2.Template:
    # Compiling the template costs more than rendering it: once per process, not per page.
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    environment.filters["v"] = _show
    return environment.from_string(source)


def _md(value: Any) -> str:
    return markdown.text(_show(value))


def vision_markdown(vision: dict[str, Any], prefecture: str, platforms: list[dict[str, Any]],
                    version: str, commit: str, labels: Labels, draft: bool = False) -> str:  # fmt: skip
    """vision.md: the vision and its platforms as Markdown (LABELS: `page_labels`)."""
    c = _context(vision, prefecture, platforms, version, commit, draft, labels)
    lines = []
    if draft:
        lines += [
            f"> {writer.strong('下書き（DRAFT）')}: 検証でエラーがあるため、提出用ではありません。",
            "",
        ]
    lines += [
        writer.heading(1, _show(c["title"])),
        "",
        _md(f"{prefecture} ／ 状態: {c['status']}"),
        "",
    ]
    lines += [writer.heading(2, "改定履歴"), ""]
    if c["revisions"]:
        lines += writer.table(
            ["年度", "版", "策定日", "改定内容", "公開 URL"],
            [[r["year"], _show(r["number"]), _show(r["adopted_on"]), _show(r["summary"]),
              writer.Markup(markdown.url(r["url"])) if r["url"] else _show(None)]
             for r in c["revisions"]],
        )  # fmt: skip
    else:
        lines.append("登録された改定はありません。")
    lines += ["", writer.heading(2, "共同利用の型と移行"), ""]
    for key, value in (("現在の型", c["current_type"]), ("目標の型", c["target_type"]),
                       ("移行パターン", c["pattern"]), ("分野間連携基盤", c["designation"])):  # fmt: skip
        lines += writer.bullets([f"{key}: {_show(value)}"])
    for heading, rows in c["blocks"]:
        lines += ["", writer.heading(2, heading), ""]
        lines += writer.bullets([f"{key}: {_show(value)}" for key, value in rows])
    lines += ["", writer.heading(2, "本文")]
    for key, value in c["sections"]:
        lines += ["", writer.heading(3, key), "", markdown.block(_show(value))]
    lines += ["", writer.heading(2, "データ連携基盤"), ""]
    lines += writer.table(
        ["名称", "ID", "種別", "状態"],
        [[_show(p["name"]), _show(p["id"]), _show(p["kind"]), _show(p["status"])] for p in c["platforms"]],
    ) if c["platforms"] else ["なし"]  # fmt: skip
    lines += ["", writer.heading(2, "出典"), ""]
    lines += writer.bullets(c["sources"] or ["なし"])
    lines += [
        "",
        f"出力: renkei {version}（コミット {commit}）。「未確認」は出典で確認できていない項目です。",
    ]
    return "\n".join(lines) + "\n"
