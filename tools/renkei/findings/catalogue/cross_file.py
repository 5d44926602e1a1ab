"""Finding codes X: consistency across files and prefectures.

One constant per code; codes are stable: never reuse or renumber one."""

from __future__ import annotations

from renkei.findings.finding_type import ERROR, FindingType

X001 = FindingType(
    code="X001",
    name="duplicate-platform-id",
    severity=ERROR,
    title_ja="基盤 ID の重複",
    title_en="Duplicate platform id",
    message_ja="基盤 ID「{value}」は {other} でも使われています。",
    message_en="The platform id '{value}' is also used in {other}.",
    hint_ja="基盤 ID はレジストリ全体で一意です。都道府県名などを含めた別の ID にしてください。",
    hint_en=(
        "Platform ids are unique across the registry; choose another, e.g. with the "
        "prefecture in it."
    ),
    example={
        "value": "example-platform",
        "other": "registry/prefectures/14-kanagawa/platforms.yaml",
    },
    description="Platform ids identify a platform across files, years and prefectures.",
)

X002 = FindingType(
    code="X002",
    name="unknown-platform",
    severity=ERROR,
    title_ja="存在しない基盤 ID",
    title_en="Unknown platform id",
    message_ja="基盤 ID「{value}」はどの platforms.yaml にもありません。",
    message_en="The platform id '{value}' is not defined in any platforms.yaml.",
    hint_ja="platforms.yaml の id を確認してください。",
    hint_en="Check the ids in platforms.yaml.",
    example={"value": "no-such-platform"},
    description="A reference to a platform id that no platforms.yaml defines.",
)

X003 = FindingType(
    code="X003",
    name="municipality-missing",
    severity=ERROR,
    title_ja="市区町村の行がない",
    title_en="Municipality row missing",
    message_ja="{name}（{value}）の行が municipalities.csv にありません。",
    message_en="{name} ({value}) has no row in municipalities.csv.",
    hint_ja="次の行を追加してください: {row}",
    hint_en="Add this row: {row}",
    example={"name": "千代田区", "value": "131016", "row": "131016,千代田区,not_answered,,,,,"},
    description=(
        "municipalities.csv lists exactly the prefecture's municipalities: cities, "
        "towns, villages and Tokyo's special wards (not designated-city wards, not "
        "the six non-administered villages)."
    ),
)

X004 = FindingType(
    code="X004",
    name="not-a-municipality",
    severity=ERROR,
    title_ja="市区町村ではない",
    title_en="Not a municipality",
    message_ja="{value}（{name}）は回答対象の市区町村ではありません（{kind}）。",
    message_en="{value} ({name}) is not a surveyed municipality ({kind}).",
    hint_ja="この行を削除してください。政令指定都市の区は市としてまとめて回答します。",
    hint_en="Delete this row. A designated city answers for its wards.",
    example={"value": "130001", "name": "東京都", "kind": "prefecture"},
    description="A row for a prefecture, a designated-city ward or a non-administered village.",
)

X005 = FindingType(
    code="X005",
    name="datapackage-mismatch",
    severity=ERROR,
    title_ja="データパッケージの記述が合わない",
    title_en="Data package mismatch",
    message_ja="datapackage.yaml の記述が違います: {detail}",
    message_en="datapackage.yaml does not describe the folder: {detail}",
    hint_ja="他の都道府県の datapackage.yaml と同じ内容にしてください（name だけが異なります）。",
    hint_en="Make it match any other prefecture's datapackage.yaml (only the name differs).",
    example={"detail": "resource 'kpis' has path 'kpi.csv', expected 'kpis.csv'"},
    description=(
        "Each folder's frictionless data package lists its CSV resources with their "
        "paths and Table Schemas, so any frictionless tool can read the folder."
    ),
)

X007 = FindingType(
    code="X007",
    name="platform-of-another-prefecture",
    severity=ERROR,
    title_ja="他の都道府県の基盤のデータ",
    title_en="Data of another prefecture's platform",
    message_ja="基盤「{value}」は {other} に登録された他の都道府県の基盤です。",
    message_en="The platform '{value}' is registered in another prefecture ({other}).",
    hint_ja="基盤のサービス・データアセット・指標は、その基盤を登録した都道府県のフォルダに書いてください。",
    hint_en=(
        "Write a platform's services, data assets and figures in the folder of the "
        "prefecture that registers it."
    ),
    example={"value": "example-platform", "other": "13-tokyo"},
    description=(
        "services.csv, data-assets.csv and kpis.csv describe platforms of their own "
        "folder's prefecture; municipal-platforms.csv may name any prefecture's "
        "platform."
    ),
)

X006 = FindingType(
    code="X006",
    name="answer-inconsistent",
    severity=ERROR,
    title_ja="回答の内容が矛盾",
    title_en="Inconsistent answer",
    message_ja="回答状況が「{status}」なのに列「{field}」に値があります。",
    message_en="The answer status is '{status}' but column '{field}' has a value.",
    hint_ja="回答状況を answered にするか、値を削除してください。",
    hint_en="Set answer_status to answered, or clear the value.",
    example={"status": "not_answered", "field": "department"},
    description=(
        "A municipality that has not answered cannot have answer values; an "
        "unanswered row is 'unknown', not 'none'."
    ),
)

X012 = FindingType(
    code="X012",
    name="prefecture-folder-missing",
    severity=ERROR,
    title_ja="都道府県のフォルダがない",
    title_en="Prefecture folder missing",
    message_ja="{name}（{code}）のフォルダ {folder} がありません。",
    message_en="The folder {folder} of {name} ({code}) is missing.",
    hint_ja="renkei scaffold {code} で空のフォルダを作ってください（既存のファイルは上書きしません）。",
    hint_en="Create it blank with renkei scaffold {code} (it never overwrites existing files).",
    example={"folder": "registry/prefectures/47-okinawa", "name": "沖縄県", "code": "47"},
    description=(
        "The registry holds one folder for every prefecture of the code list, so that"
        " a prefecture with nothing registered yet is visible as such rather than "
        "absent. Checked when the whole registry is validated."
    ),
)

X013 = FindingType(
    code="X013",
    name="revision-fiscal-year-mismatch",
    severity=ERROR,
    title_ja="改定の年度と策定日が合わない",
    title_en="Revision fiscal year does not contain its adoption date",
    message_ja="改定 {number} の年度 {fy_label}（FY{fy}）は策定日 {adopted} を含みません（{adopted} は {actual}）。",
    message_en=(
        "Revision {number} is labelled {fy_label} (FY{fy}), which does not contain its "
        "adoption date {adopted} ({actual_en})."
    ),
    hint_ja=(
        "年度は 4 月 1 日に始まります（令和6年度 = 2024-04-01〜2025-03-31）。fiscal_year を "
        "{suggested} にするか、adopted_on を確認してください。"
    ),
    hint_en=(
        "Fiscal years start on 1 April (FY2024 = 2024-04-01..2025-03-31). Set fiscal_year to "
        "{suggested_en} or check adopted_on."
    ),
    example={
        "number": "1",
        "fy_label": "令和7年度",
        "fy": "2025",
        "adopted": "2025-03",
        "actual": "令和6年度（FY2024）",
        "actual_en": "FY2024 (令和6年度)",
        "suggested": "2024",
        "suggested_en": "2024",
    },
    description=(
        "A revision's fiscal_year (年度, named by the year it starts in) must contain its "
        "adopted_on: a date with its month falls in one fiscal year, a year alone (YYYY) in "
        "FY YYYY-1 (January to March) or FY YYYY. The notice of 2024-05-10 (記2(2)) pairs them "
        "so: 「遅くとも、令和6年度中(令和7年3月31日まで)に策定」."
    ),
)

X014 = FindingType(
    code="X014",
    name="area-inventory-below-registry",
    severity=ERROR,
    title_ja="域内の基盤の数がレジストリより少ない",
    title_en="Area inventory below the registered platforms",
    message_ja=(
        "域内の{what}の数は「{stated}」とされていますが、レジストリには稼働中の該当基盤が {n} "
        "あります: {ids}"
    ),
    message_en=(
        "The area's number of {what_en} is stated as '{stated}', but the registry holds {n} "
        "running platforms that contain one: {ids}"
    ),
    hint_ja="area_inventory（GB3 §4.2）か基盤の components を見直してください。",
    hint_en="Review area_inventory (GB3 §4.2) or the platforms' components.",
    example={
        "what": "非パーソナルエリアデータ連携基盤",
        "what_en": "non-personal area data platforms",
        "stated": "1",
        "n": "2",
        "ids": "example-platform-a, example-platform-b",
    },
    description=(
        "GB3 §4.2 基盤の数量: 「域内に存在する、認証やデータ連携のための基盤の「数」を整理します。」 "
        "with the choices 0 ／ 1 ／ 2つ以上 for personal authentication services, non-personal "
        "and personal area data platforms. vision.yaml's area_inventory states them; a count of "
        "0 or 1 is reported when more platforms of the prefecture's platforms.yaml are running "
        "(operating or to_be_retired, and operating by area_inventory.as_of when their timeline "
        "says when) with that component (components.personal_auth, non_personal_broker, "
        "personal_broker: true). 2つ以上 and unknown are never reported: the registry may hold "
        "fewer platforms than the area has."
    ),
)

X015 = FindingType(
    code="X015",
    name="participation-count-mismatch",
    severity=ERROR,
    title_ja="参加市区町村数が合わない",
    title_en="Participation count does not match",
    message_ja="{id} の participation.municipalities は {count} ですが、{detail}",
    message_en="{id}: participation.municipalities is {count}, but {detail_en}",
    hint_ja=(
        "出典の数を確認し、participation.municipalities と participants・all_municipalities・"
        "shared を合わせてください（数は主管団体を除く市区町村）。"
    ),
    hint_en=(
        "Check the source's number and make participation.municipalities agree with "
        "participants, all_municipalities and shared (the number leaves out the lead body)."
    ),
    example={
        "id": "example-platform",
        "count": "24",
        "detail": "all_municipalities: true で、栃木県の市区町村は主管団体を除いて 25 です。",
        "detail_en": "all_municipalities is true and 栃木県 has 25 municipalities besides the "
        "lead body.",
    },
    description=(
        "participation (GB3 §9.5/§9.6: participation as a source states it, e.g. 「県内全25市町」) "
        "must agree with itself and with participants: the number of municipalities other than "
        "the lead body equals the municipalities listed in participants (when both are given), "
        "the prefecture's municipalities from local-governments.csv less a municipal lead body "
        "(when all_municipalities is true), and is not 0 when shared is true."
    ),
)

X016 = FindingType(
    code="X016",
    name="kpi-touchpoint-missing",
    severity=ERROR,
    title_ja="タッチポイント指標のタッチポイントがない・合わない",
    title_en="Touchpoint indicator without a valid touchpoint",
    message_ja=(
        "指標 {indicator}（{label}）の touchpoint が {value} です。この指標のタッチポイントは "
        "{allowed} です（GB3 §14.2 タッチポイント施策の評価観点）。"
    ),
    message_en=(
        "The indicator {indicator} ({label}) has touchpoint {value_en}; its touchpoints are "
        "{allowed_en} (GB3 §14.2, the table of touchpoint evaluation indicators)."
    ),
    hint_ja="touchpoint 列に {choices} のどれかを書いてください。",
    hint_en="Write one of {choices} in the touchpoint column.",
    example={
        "indicator": "first_login_rate",
        "label": "初回ログイン率",
        "value": "空",
        "value_en": "empty",
        "allowed": "マイナンバーカード交付（my_number_card）",
        "allowed_en": "my_number_card (マイナンバーカード交付)",
        "choices": "my_number_card",
    },
    description=(
        "GB3 §14.2 measures each touchpoint measure by its own indicators (table タッチポイント"
        "施策の評価観点): マイナンバーカード交付 — 登録率、初回ログイン率; 母子手帳交付 — 登録率、"
        "健診予約利用率; 転入届 — 転入者登録率、30日以内利用率; 乳幼児健診 — 通知開封率、継続利用率; "
        "高齢者窓口 — 代理登録率、問合せ削減率. A kpis.csv row of one of these indicators names "
        "the touchpoint it measures, one valid for the indicator."
    ),
)

X017 = FindingType(
    code="X017",
    name="unknown-survey-round",
    severity=ERROR,
    title_ja="調査の回が surveys.yaml にない",
    title_en="Survey round not in surveys.yaml",
    message_ja="調査の回「{value}」は {surveys} にありません。",
    message_en="The survey round '{value}' is not in {surveys}.",
    hint_ja="surveys.yaml の rounds の id（{known}）を書くか、その回を rounds に加えてください。",
    hint_en="Use an id of surveys.yaml's rounds ({known}) or add the round to rounds.",
    example={
        "value": "fy2024-bessoe",
        "surveys": "registry/prefectures/13-tokyo/surveys.yaml",
        "known": "fy2024-bessoe1",
    },
    description=(
        "municipalities.csv's survey_round names the round of the prefecture's survey that "
        "collected the row's answer (notice of 2024-05-10, 記2(1): 「現状把握に当たっては、"
        "「【別添1】データ連携基盤活用調査事項」を活用」), an id in the folder's surveys.yaml. "
        "A folder without surveys.yaml has no rounds to name."
    ),
)

X018 = FindingType(
    code="X018",
    name="kpi-service-unknown",
    severity=ERROR,
    title_ja="指標のサービスが services.csv にない",
    title_en="KPI service not in services.csv",
    message_ja="サービス「{value}」は services.csv の基盤 {platform} のサービスにありません。",
    message_en="The service '{value}' is not a service of platform {platform} in services.csv.",
    hint_ja=(
        "services.csv の同じ基盤の service_name を書くか（基盤全体の値なら空に）、"
        "サービスを services.csv に加えてください。"
    ),
    hint_en=(
        "Use a service_name of the same platform in services.csv (empty for the platform as a "
        "whole), or add the service to services.csv."
    ),
    example={"value": "防災アプリ", "platform": "example-platform"},
    description=(
        "GB3 §8.3 asks to read figures per service (月間アクティブ利用者数: 「サービス別・属性別に"
        "分けて見る」; 「サービス毎の月間アクティブ利用者数、サービス毎の住民満足度など」). A kpis.csv "
        "row's service_name names a service of the same platform in services.csv; empty means "
        "the platform as a whole."
    ),
)
