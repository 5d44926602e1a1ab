"""The label vocabularies (registry/reference/vocabularies.csv): complete for every schema
enumeration, GB3's own words where GB3 names a value, no label naming two things, and the labels
the summary, the map, the vision page and the workbook's code list show."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from helpers.documents import vision_file
from helpers.gitrepo import committed_registry
from helpers.registry import REPO, Registry
from renkei.registry.reference import Reference

VOCABULARIES = REPO / "registry" / "reference" / "vocabularies.csv"

#: Each schema enumeration (file, the property or $defs name holding it) and its vocabulary.
SCHEMA_VOCABULARY = {
    ("platforms.schema.json", "provision"): "provision",
    ("platforms.schema.json", "kind"): "platform_kind",
    ("platforms.schema.json", "status"): "platform_status",
    ("platforms.schema.json", "user_scope"): "user_scope",
    ("platforms.schema.json", "broker_data_management"): "broker_data_management",
    ("platforms.schema.json", "provenance"): "provenance",
    ("platforms.schema.json", "terms_state"): "terms_state",
    ("platforms.schema.json", "role"): "module_role",
    ("platforms.schema.json", "api"): "module_api",
    ("platforms.schema.json", "category"): "cost_category",
    ("platforms.schema.json", "phase"): "cost_phase",
    ("platforms.schema.json", "scheme"): "cost_sharing_scheme",
    ("vision.schema.json", "status"): "vision_status",
    ("vision.schema.json", "migration_pattern"): "migration_pattern",
    ("vision.schema.json", "operating_model"): "operating_model",
    ("vision.schema.json", "sharing_type"): "sharing_type",
    ("vision.schema.json", "format"): "vision_format",
    ("vision.schema.json", "with"): "consultation_partner",
    ("platforms.schema.json", "operating_model"): "operating_model",
    ("kpis.json", "indicator"): "kpi_indicator",
    ("municipal-platforms.json", "relation"): "municipal_relation",
    ("municipalities.json", "answer_status"): "answer_status",
    ("municipalities.json", "intention"): "intention",
    ("vision.schema.json", "area_count"): "area_count",
    ("platforms.schema.json", "method"): "consent_method",
    ("kpis.json", "touchpoint"): "touchpoint",
    ("kpis.json", "value_kind"): "kpi_value_kind",
    ("surveys.schema.json", "instrument"): "survey_instrument",
    ("data-assets.json", "legal_class"): "data_legal_class",
}

#: GB3's own strings (guidebook/エリアデータ連携基盤の共同利用ガイドブック第3.0版.md @ 4225644),
#: copied from the guidebook: the labels whose source is GB3 must be these, byte for byte.
GB3_LABELS = {
    ("sharing_status", "prefectural_shared"): ("GB3 §6.6", "都道府県基盤を共同利用している"),
    ("sharing_status", "municipal_shared"): (
        "GB3 §6.6",
        "域内市町村基盤を市町村同士で共同利用している",
    ),
    ("sharing_status", "platforms_no_sharing"): (
        "GB3 §6.6",
        "域内に基盤はあるが、共同利用は行っていない",
    ),
    ("sharing_status", "no_platform"): ("GB3 §6.6", "基盤を保有していない"),
    ("operating_model", "prefecture_led_sequential"): (
        "GB3 §9.6",
        "都道府県主導\uff1a順次使用許諾型\uff08直列型\uff09",
    ),
    ("operating_model", "consortium_external"): ("GB3 §9.6", "コンソーシアム\uff1a外部組織型"),
    ("operating_model", "private_led_external"): ("GB3 §9.6", "民間企業主導\uff1a外部組織型"),
    ("kpi_indicator", "connected_services"): ("GB3 §8.3", "接続サービス数"),
    ("kpi_indicator", "linked_data_assets"): ("GB3 §8.3", "連携データアセット数"),
    ("kpi_indicator", "api_calls"): ("GB3 §8.3", "API利用回数"),
    ("kpi_indicator", "monthly_active_users"): ("GB3 §8.3", "月間アクティブ利用者数"),
    ("kpi_indicator", "procedure_time_reduction"): ("GB3 §8.3", "手続き時間の短縮"),
    ("kpi_indicator", "resident_satisfaction"): ("GB3 §8.3", "住民満足度"),
    ("kpi_indicator", "private_services_and_trials"): ("GB3 §8.3", "民間サービス・実証件数"),
    ("kpi_indicator", "registration_rate"): ("GB3 §14.2", "登録率"),
    ("kpi_indicator", "first_login_rate"): ("GB3 §14.2", "初回ログイン率"),
    ("kpi_indicator", "checkup_booking_use_rate"): ("GB3 §14.2", "健診予約利用率"),
    ("kpi_indicator", "newcomer_registration_rate"): ("GB3 §14.2", "転入者登録率"),
    ("kpi_indicator", "within_30_days_use_rate"): ("GB3 §14.2", "30日以内利用率"),
    ("kpi_indicator", "notification_open_rate"): ("GB3 §14.2", "通知開封率"),
    ("kpi_indicator", "continued_use_rate"): ("GB3 §14.2", "継続利用率"),
    ("kpi_indicator", "proxy_registration_rate"): ("GB3 §14.2", "代理登録率"),
    ("kpi_indicator", "enquiry_reduction_rate"): ("GB3 §14.2", "問合せ削減率"),
    ("touchpoint", "my_number_card"): ("GB3 §14.2", "マイナンバーカード交付"),
    ("touchpoint", "maternal_handbook"): ("GB3 §14.2", "母子手帳交付"),
    ("touchpoint", "moving_in"): ("GB3 §14.2", "転入届"),
    ("touchpoint", "infant_checkup"): ("GB3 §14.2", "乳幼児健診"),
    ("touchpoint", "elderly_counter"): ("GB3 §14.2", "高齢者窓口"),
    ("touchpoint", "birth_registration"): ("GB3 §14.2", "出生届の提出"),
    ("kpi_value_kind", "actual"): ("GB3 §8.3", "実績値"),
    ("kpi_value_kind", "target"): ("GB3 §8.3", "目標値"),
    ("data_legal_class", "personal_information"): ("GB3 §15.3", "個人情報"),
    ("data_legal_class", "pseudonymised"): ("GB3 §15.3", "仮名加工情報"),
    ("data_legal_class", "anonymised"): ("GB3 §15.3", "匿名加工情報"),
    ("data_legal_class", "personal_related"): ("GB3 §15.3", "個人関連情報"),
    ("migration_pattern", "A"): ("GB3 §8.2", "パターンA：新規構築"),
    ("migration_pattern", "B"): ("GB3 §8.2", "パターンB：広域展開"),
    ("migration_pattern", "C"): ("GB3 §8.2", "パターンC：複数基盤の高度統合"),
    ("migration_pattern", "D"): ("GB3 §8.2", "パターンD：広域基盤への統合"),
    ("provision", "none"): ("GB3 §4.1", "なし"),
    ("provision", "municipality_only"): ("GB3 §4.1", "自治体のみ"),
    ("provision", "private_only"): ("GB3 §4.1", "民間のみ"),
    ("provision", "municipality_and_private"): ("GB3 §4.1", "自治体と民間"),
    ("provision", "operating_organisation"): ("GB3 §4.1", "運営組織"),
    ("user_scope", "within_municipality"): ("GB3 §4.1", "特定の「基礎自治体内（市町村など）」限定"),
    ("user_scope", "prefecture_wide"): ("GB3 §4.1", "「都道府県内」全域"),
    ("broker_data_management", "none"): ("GB3 §4.3", "なし"),
    ("broker_data_management", "external"): ("GB3 §4.3", "外部"),
    ("broker_data_management", "internal_shared_db"): ("GB3 §4.3", "内部（データベース分離なし）"),
    ("broker_data_management", "internal_separate_db"): (
        "GB3 §4.3",
        "内部（データベース分離あり）",
    ),
    ("terms_state", "stated"): ("GB3 §4.5", "あり"),
    ("terms_state", "not_stated"): ("GB3 §4.5", "なし"),
    ("cost_sharing_scheme", "prefecture_advance"): ("GB3 §9.5", "都道府県先行負担型"),
    ("cost_sharing_scheme", "prefecture_municipal_joint"): (
        "GB3 §9.5",
        "都道府県・市町村共同負担型",
    ),
    ("cost_sharing_scheme", "cooperative_competitive"): ("GB3 §9.5", "協調・競争領域別負担型"),
    ("sharing_type", "1.1"): ("GB3 §7.1", "型1.1 基盤なし"),
    ("module_role", "consent_management"): ("GB3 §15.3", "同意管理"),
    ("sharing_type", "2.4"): ("GB3 §7.1", "型2.4 官民混在・広域サービス【目標】"),
    ("sharing_type", "1.2"): ("GB3 §7.1", "型1.2 単独運営・フル機能（非パーソナル＋パーソナル）"),
    ("sharing_type", "1.3"): ("GB3 §7.1", "型1.3 単独運営・官民混在（非パーソナル＋パーソナル）"),
    ("sharing_type", "1.4"): ("GB3 §7.1", "型1.4 単独運営・機能限定（非パーソナルのみ）"),
    ("sharing_type", "1.5"): ("GB3 §7.1", "型1.5 単独運営・機能限定（パーソナルのみ）"),
    ("sharing_type", "2.1"): ("GB3 §7.1", "型2.1 自治体主導サービス"),
    ("sharing_type", "2.2"): ("GB3 §7.1", "型2.2 自治体主導・広域サービス"),
    ("sharing_type", "2.3"): ("GB3 §7.1", "型2.3 官民混在サービス"),
    ("sharing_type", "2.5"): ("GB3 §7.1", "型2.5 自治体主導（認証整合なし）"),
    ("sharing_type", "2.6"): ("GB3 §7.1", "型2.6 自治体主導・広域（認証整合あり）"),
    ("sharing_type", "2.7"): ("GB3 §7.1", "型2.7 官民混在（認証整合なし）"),
    ("sharing_type", "2.8"): ("GB3 §7.1", "型2.8 官民混在・広域（認証整合＋データ連携）"),
    ("kpi_indicator", "production_rate"): ("GB3 §8.3", "本番化率"),
    ("area_count", "0"): ("GB3 §4.2", "0"),
    ("area_count", "1"): ("GB3 §4.2", "1"),
    ("area_count", "2+"): ("GB3 §4.2", "2つ以上"),
    ("consent_method", "dynamic_opt_in"): ("GB3 §15.3", "ダイナミックオプトイン方式"),
    ("consent_method", "opt_in"): ("GB3 §15.3", "オプトイン"),
}

#: Answers that several lists share with one meaning; any other label names one thing only.
GENERIC_LABELS = frozenset({"不明", "その他", "なし"})


def _rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(VOCABULARIES.read_text(encoding="utf-8"))))


def _enums(node: Any, name: str = "") -> list[tuple[str, list[Any]]]:
    """Every enumeration under NODE with the property (or $defs) name that holds it."""
    found: list[tuple[str, list[Any]]] = []
    if isinstance(node, dict):
        if "enum" in node:
            found.append((name, node["enum"]))
        if isinstance(node.get("name"), str) and "constraints" in node:
            name = node["name"]  # a Table Schema field
        for key, value in node.items():
            inner = name if key in ("constraints", "anyOf", "items") else key
            if key in ("properties", "$defs"):
                found += [e for k, v in value.items() for e in _enums(v, k)]
            elif key != "enum":
                found += _enums(value, inner if key != "fields" else name)
    elif isinstance(node, list):
        found += [e for item in node for e in _enums(item, name)]
    return found


def _schema_enums() -> list[tuple[str, str, list[Any]]]:
    files = sorted((REPO / "schemas").glob("*.json")) + sorted(
        (REPO / "schemas" / "tables").glob("*.json")
    )
    out = []
    for path in files:
        for name, values in _enums(json.loads(path.read_text(encoding="utf-8"))):
            out.append((path.name, name, values))
    return out


def test_the_file_has_the_documented_columns() -> None:
    header = VOCABULARIES.read_text(encoding="utf-8").splitlines()[0]
    assert header == "vocabulary,value,label_ja,label_en,source,note"
    for row in _rows():
        assert row["label_ja"] and row["label_en"], row
        assert row["source"] == "registry" or row["source"].startswith(("GB3 §", "通知 ")), row


def test_every_schema_enumeration_value_has_a_vocabulary_row() -> None:
    terms = Reference(REPO).vocabularies
    enums = _schema_enums()
    assert len(enums) >= len(SCHEMA_VOCABULARY)
    for file, name, values in enums:
        vocabulary = SCHEMA_VOCABULARY.get((file, name))
        assert vocabulary is not None, f"{file} {name}: no vocabulary mapped"
        missing = [v for v in values if str(v) not in terms[vocabulary]]
        assert not missing, f"{file} {name} ({vocabulary}): no row for {missing}"


def test_summary_categories_have_rows_and_1_1_alone_says_kiban_nashi() -> None:
    from renkei.summary.build import CATEGORIES

    terms = Reference(REPO).vocabularies
    assert list(terms["sharing_status"]) == list(CATEGORIES)
    holders = [(r["vocabulary"], r["value"]) for r in _rows() if "基盤なし" in r["label_ja"]]
    assert holders == [("sharing_type", "1.1")]


@pytest.mark.parametrize(("key", "expected"), sorted(GB3_LABELS.items()))
def test_gb3_labels_are_the_guidebooks_words(
    key: tuple[str, str], expected: tuple[str, str]
) -> None:
    term = Reference(REPO).vocabularies[key[0]][key[1]]
    assert (term.source, term.label_ja) == expected


def test_every_gb3_sourced_label_is_in_the_table_above() -> None:
    gb3 = {(r["vocabulary"], r["value"]) for r in _rows() if r["source"].startswith("GB3")}
    assert gb3 == set(GB3_LABELS), "a GB3-sourced label without its GB3 string in GB3_LABELS"


def test_no_two_vocabularies_share_a_label() -> None:
    owners: dict[str, set[str]] = {}
    for row in _rows():
        owners.setdefault(row["label_ja"], set()).add(row["vocabulary"])
    shared = {label: v for label, v in owners.items() if len(v) > 1}
    assert set(shared) <= GENERIC_LABELS, shared


def test_a_vocabulary_lists_each_value_once() -> None:
    keys = [(r["vocabulary"], r["value"]) for r in _rows()]
    assert len(keys) == len(set(keys))


def test_schemas_cite_the_gb3_sections() -> None:
    platforms = (REPO / "schemas" / "platforms.schema.json").read_text(encoding="utf-8")
    for text in ("サービス提供スキーム", "基盤提供スキーム", "(GB3 §4.1)", "(GB3 §4.3)",
                 "(GB3 §4.5)", "責任範囲の明確化", "身元確認（IAL）"):  # fmt: skip
        assert text in platforms
    assert "認証・監査" not in platforms
    vision = (REPO / "schemas" / "vision.schema.json").read_text(encoding="utf-8")
    assert "運営組織モデル / Operating-organisation model (GB3 §9.6)" in vision
    assert "都道府県主導：順次使用許諾型（直列型）" in vision


# --- the real CLI on a test registry ----------------------------------------------------------

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"


def test_summary_shows_the_section_6_6_labels(registry: Registry) -> None:
    """SYNTHETIC: the conftest platform makes Tokyo share a prefectural platform."""
    result = registry.run(
        "summary", "--root", str(registry.root), "--format", "json", "--as-of", "2025-06-01"
    )
    assert result.exit_code == 0, result.output
    tokyo = next(p for p in json.loads(result.output)["prefectures"] if p["code"] == "13")
    assert tokyo["category_label"] == {
        "ja": "都道府県基盤を共同利用している",
        "en": "Sharing the prefectural platform",
    }
    svg = registry.root / "map.svg"
    result = registry.run("summary", "--root", str(registry.root), "--format", "svg",
                          "-o", str(svg), "--as-of", "2025-06-01")  # fmt: skip
    assert result.exit_code == 0, result.output
    legend = svg.read_text(encoding="utf-8")
    assert "域内に基盤はあるが、共同利用は行っていない（レジストリ" in legend
    assert ">基盤なし" not in legend


def test_the_label_comes_from_the_registrys_vocabulary(registry: Registry) -> None:
    """Editing vocabularies.csv changes what the summary prints (no label is hard-coded)."""
    registry.replace(
        "registry/reference/vocabularies.csv",
        "prefectural_shared,都道府県基盤を共同利用している,",
        "prefectural_shared,合成ラベル,",
    )
    text = registry.run(
        "summary", "--root", str(registry.root), "--lang", "ja", "--as-of", "2025-06-01"
    ).output
    assert "合成ラベル 1（デジタル庁 13）" in text


def test_workbook_code_list_labels_the_enumerations(registry: Registry) -> None:
    out = registry.root / "tokyo.xlsx"
    result = registry.run("export-xlsx", "13", "-o", str(out), "--root", str(registry.root))
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(out)["コード表"].iter_rows(values_only=True))
    by_key = {(r[0], r[1]): r[2:4] for r in rows if r and r[0]}
    assert by_key[("indicator", "monthly_active_users")] == (
        "月間アクティブ利用者数",
        "Monthly active users",
    )
    assert by_key[("service_provision", "operating_organisation")][0] == "運営組織"
    assert by_key[("broker_data_management", "internal_separate_db")][0] == (
        "内部（データベース分離あり）"
    )
    assert by_key[("intention", "join_prefecture")][0] == "県の基盤に参加"


def _vision_with_model(registry: Registry) -> None:
    registry.write(
        "registry/prefectures/13-tokyo/vision.yaml",
        vision_file(
            migration_pattern="B",
            governance="\n  operating_model: prefecture_led_sequential",
        ).replace("platform_id: p1", "platform_id: test-platform"),
    )


def test_vision_page_shows_the_gb3_labels(tmp_path: Path) -> None:
    repo = committed_registry(
        tmp_path / "repo", "vocabulary-vision", _vision_with_model, "2025-05-01T10:00:00+09:00"
    )
    result = repo.run("bundle", "13", "--root", str(repo.root), "--out", str(repo.root / "dist"))
    assert result.exit_code == 0, result.output
    [path] = sorted((repo.root / "dist").glob("*.zip"))
    with zipfile.ZipFile(path) as archive:
        html = archive.read("vision.html").decode()
        md = archive.read("vision.md").decode()
    assert "<th>運営組織モデル</th><td>都道府県主導：順次使用許諾型（直列型）</td>" in html
    assert "- 移行パターン: パターンB：広域展開" in md
