"""The bundle's tables: the registry's CSV tables plus platforms.yaml flattened into long-format
tables (one datum per cell, machine-readability rule L1-07), each with its Table Schema."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from renkei.registry.machine_readability import LINE_BREAK
from renkei.registry.snapshot import PrefectureState

UNKNOWN = "unknown"


@dataclass
class Table:
    """One table of a bundle: its fields (Table Schema), rows and primary key."""

    name: str
    title: str
    fields: list[dict[str, Any]]
    rows: list[list[str]]
    primary_key: list[str]

    @property
    def header(self) -> list[str]:
        """The field names, in order."""
        return [f["name"] for f in self.fields]

    def schema(self) -> dict[str, Any]:
        """The table's Table Schema for datapackage.json."""
        return {"fields": self.fields, "primaryKey": self.primary_key, "missingValues": [""]}


def _field(name: str, title: str, kind: str = "string", **constraints: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "title": title, "type": kind}
    if constraints:
        out["constraints"] = constraints
    return out


def cell(value: Any) -> str:
    """A YAML value as one CSV cell: text as is (its lines joined by spaces, rule L1-14),
    booleans as true/false, `unknown` kept, absent as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = str(value)
    return " ".join(text.split()) if LINE_BREAK.search(text) else text


PLATFORM_SCALARS = [
    ("id", "基盤 ID / Platform id"),
    ("name", "名称 / Name"),
    ("lead_body", "主管団体コード / Lead body code"),
    ("operator", "運営主体 / Operator"),
    ("kind", "種別 / Kind"),
    ("status", "状態 / Status"),
    ("service_provision", "サービス提供スキーム / Service provision scheme"),
    ("platform_provision", "基盤提供スキーム / Platform provision scheme"),
    ("user_scope", "サービス利用者の範囲 / Service user scope"),
    ("cross_prefecture", "都道府県を越える共同利用 / Cross-prefecture"),
    ("broker_data_management", "ブローカーのデータ管理方式 / Broker data-management method"),
    ("personal_data", "個人データ / Personal data"),
    ("vendor", "事業者 / Vendor"),
    ("notes", "備考 / Notes"),
]
#: Columns after the timeline: the operating model (GB3 §9.6), participation as stated and
#: where the platform's facts come from (compiled from public sources or submitted).
PLATFORM_EXTRAS = [
    ("operating_model", "運営組織モデル / Operating-organisation model"),
    ("participation_shared", "共同利用（出典） / Shared, as stated"),
    ("participation_municipalities", "参加市区町村数（出典） / Municipalities, as stated"),
    ("participation_all_municipalities", "全市区町村（出典） / All municipalities, as stated"),
    ("participation_as_of", "参加数の時点 / Participation as of"),
    ("participation_note", "参加の出典表現 / Participation in the source's words"),
    ("provenance", "情報の出所 / Provenance"),
]
#: Columns after those: the platform's components (GB3 §4.2) and consent management (§15.3 ②).
PLATFORM_PARTS = [
    ("components_personal_auth", "個人認証サービス（GB3 §4.2） / Personal authentication service"),
    ("components_non_personal_broker", "非パーソナルエリアデータ連携基盤（GB3 §4.2） / Non-personal platform"),
    ("components_personal_broker", "パーソナルエリアデータ連携基盤（GB3 §4.2） / Personal platform"),
    ("consent_management_method", "同意の方式（GB3 §15.3） / Consent method"),
    ("consent_management_timestamped_log", "同意・解除のタイムスタンプ付きログ（GB3 §15.3） / Timestamped consent log"),
]  # fmt: skip


def platform_tables(state: PrefectureState) -> list[Table]:
    """The tables made from platforms.yaml: the platforms, their fields, modules,
    participants and sources."""
    platforms = list(state.platforms.values())
    main = Table(
        "platforms",
        "データ連携基盤 / Platforms",
        [_field(n, t) for n, t in PLATFORM_SCALARS]
        + [_field("timeline_" + k, f"時期（{k}） / Timeline ({k})") for k in _TIMELINE]
        + [_field(n, t) for n, t in PLATFORM_EXTRAS]
        + [_field(n, t) for n, t in PLATFORM_PARTS],
        [],
        ["id"],
    )
    fields_table = Table(
        "platform-fields",
        "基盤の分野 / Platform fields",
        [_field("platform_id", "基盤 ID / Platform id"), _field("field", "分野 / Field")],
        [],
        ["platform_id", "field"],
    )
    modules = Table(
        "modules",
        "モジュール / Modules",
        [_field("platform_id", "基盤 ID / Platform id"), _field("index", "順 / Index", "integer")]
        + [_field(k, k) for k in ("role", "technology", "product", "version", "api", "reason")],
        [],
        ["platform_id", "index"],
    )
    participants = Table(
        "participants",
        "参加団体 / Participating bodies",
        [
            _field("platform_id", "基盤 ID / Platform id"),
            _field("lg_code", "団体コード / Local government code", pattern="^[0-9]{6}$"),
            _field("name", "団体名 / Name"),
            _field("since", "参加時期 / Since"),
        ],
        [],
        ["platform_id", "lg_code"],
    )
    sources = Table(
        "platform-sources",
        "出典 / Sources",
        [_field("platform_id", "基盤 ID / Platform id"), _field("index", "順 / Index", "integer")]
        + [_field(k, k) for k in ("title", "url", "section", "confirmed_on", "supports")],
        [],
        ["platform_id", "index"],
    )
    for platform in platforms:
        pid = cell(platform.get("id"))
        given_timeline = platform.get("timeline")
        timeline = given_timeline if isinstance(given_timeline, dict) else {}
        main.rows.append(
            [cell(platform.get(n)) for n, _ in PLATFORM_SCALARS]
            + [cell(timeline.get(k)) for k in _TIMELINE]
            + _extras(platform)
            + _parts(platform)
        )
        fields = platform.get("fields")
        if isinstance(fields, list):
            fields_table.rows += [[pid, cell(f)] for f in fields]
        elif fields == UNKNOWN:
            fields_table.rows.append([pid, UNKNOWN])
        items = platform.get("modules")
        if isinstance(items, list):
            for index, module in enumerate(items):
                if isinstance(module, dict):
                    modules.rows.append(
                        [pid, str(index)] + [cell(module.get(k)) for k in modules.header[2:]]
                    )
        members = platform.get("participants")
        if isinstance(members, list):
            for member in members:
                if isinstance(member, dict):
                    participants.rows.append(
                        [pid] + [cell(member.get(k)) for k in ("lg_code", "name", "since")]
                    )
        for index, source in enumerate(platform.get("sources") or []):
            if isinstance(source, dict):
                supports = source.get("supports")
                sources.rows.append(
                    [pid, str(index)]
                    + [cell(source.get(k)) for k in ("title", "url", "section", "confirmed_on")]
                    + [" ".join(supports) if isinstance(supports, list) else ""]
                )
    return [main, fields_table, modules, participants, sources]


def _parts(platform: dict[str, Any]) -> list[str]:
    """The PLATFORM_PARTS cells of one platform: a value, `unknown` when the whole block is
    unknown, empty where it is absent."""
    out = []
    for name, _ in PLATFORM_PARTS:
        block = "components" if name.startswith("components_") else "consent_management"
        value = platform.get(block)
        key = name.removeprefix(block + "_")
        out.append(cell(value.get(key) if isinstance(value, dict) else value))
    return out


def _extras(platform: dict[str, Any]) -> list[str]:
    """The PLATFORM_EXTRAS cells of one platform (empty where the field is absent)."""
    given = platform.get("participation")
    participation = given if isinstance(given, dict) else {}
    stated = [
        cell(participation.get(n.removeprefix("participation_")))
        for n, _ in PLATFORM_EXTRAS
        if n.startswith("participation_")
    ]
    return [cell(platform.get("operating_model")), *stated, cell(platform.get("provenance"))]


_TIMELINE = ("planned", "building", "built", "operating", "to_be_retired", "retired")


def registry_tables(state: PrefectureState, schemas: dict[str, dict[str, Any]]) -> list[Table]:
    """The registry's own CSV tables, in their Table Schema's column order."""
    out = []
    for name, schema in schemas.items():
        header = [f["name"] for f in schema["fields"]]
        rows = [[row.get(h, "") for h in header] for row in state.tables.get(name, {}).values()]
        out.append(
            Table(
                name,
                schema.get("title", name),
                schema["fields"],
                rows,
                list(schema.get("primaryKey") or []),
            )
        )
    return out
