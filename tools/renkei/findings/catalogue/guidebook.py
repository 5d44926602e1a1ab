"""Finding codes A (continued): the guidebook's rules for a platform's modules, linkage and
fields (GB3 §3.2, §4.4, §6.5) and the prefecture's role as the hub (notice 記2(3)). Warnings;
errors under --strict.

One constant per code; codes are stable: never reuse or renumber one."""

from __future__ import annotations

from renkei.findings.finding_type import WARNING, FindingType

A013 = FindingType(
    code="A013",
    name="module-role-mismatch",
    severity=WARNING,
    title_ja="技術と役割が合わない",
    title_en="Technology does not fit the module's role",
    message_ja=(
        "モジュール {role} に {product}（{technology}）が指定されていますが、この技術の役割は "
        "{tech_role} です（GB3 §3.2）。"
    ),
    message_en="Module {role} names {product} ({technology}), whose role is {tech_role} (GB3 §3.2).",
    hint_ja="役割（role）か技術（technology）を直してください。{role} の推奨技術: {recommended}",
    hint_en="Fix role or technology. Recommended for {role}: {recommended}",
    example={
        "role": "non_personal_broker",
        "product": "Kong Gateway",
        "technology": "kong-gateway",
        "tech_role": "api_gateway",
        "recommended": "NGSI v2 FIWARE Orion (fiware-orion)",
    },
    description=(
        "GB3 §3.2: each recommended module has its layer — 「コアとなるAPIゲートウェイについて、"
        "デジタル庁は推奨モジュールとして「Kong Gateway」を提供」; the brokers are NGSI v2 FIWARE "
        "Orion (non-personal) and the personal data module (personal). A module whose "
        "technology (an id of registry/reference/technologies.csv) has another role there — "
        "Kong Gateway as a broker — does not follow the recommendation for its own role."
    ),
)

A014 = FindingType(
    code="A014",
    name="personal-linkage-without-auth-linkage",
    severity=WARNING,
    title_ja="認証連携のないパーソナルデータ連携",
    title_en="Personal-data linkage without authentication linkage",
    message_ja=(
        "{id} は基盤間でパーソナルデータを連携（データ連携: あり）していますが、認証連携が"
        "「なし」です（GB3 §4.4：個人データをやり取りする場合は認証連携が必須）。"
    ),
    message_en=(
        "{id} exchanges personal data with other platforms (data linkage: yes) but has no "
        "authentication linkage (GB3 §4.4: authentication linkage is required when personal "
        "data is exchanged)."
    ),
    hint_ja=(
        "linkage.authentication を確認するか、この基盤が非パーソナルエリアデータ連携基盤を含む"
        "なら components.non_personal_broker を true にしてください。"
    ),
    hint_en=(
        "Check linkage.authentication, or set components.non_personal_broker to true if the "
        "platform contains a non-personal area data platform."
    ),
    example={"id": "example-personal-platform"},
    description=(
        "GB3 §4.4: 「基盤間連携（データ連携）：…特に個人データ（パーソナル）をやり取りする場合は、"
        "お互いの基盤で「このデータはAさん自身のものだ」と正しく一致させるため、上記の認証連携が"
        "必須となります。」 Reported for a platform with data linkage (linkage.data: true) but "
        "no authentication linkage (linkage.authentication: false) whose exchanged data can "
        "only be personal: it handles personal data (personal_data: true) and has no "
        "non-personal area data platform (components.non_personal_broker: false). Not judged while any of "
        "these is unknown."
    ),
)

A015 = FindingType(
    code="A015",
    name="cross-field-single-field",
    severity=WARNING,
    title_ja="分野が 1 つ以下の分野間連携基盤",
    title_en="Cross-field platform with a single field",
    message_ja=(
        "{id} は分野間連携基盤（cross_field）ですが、分野が {n} つ（{fields}）です。分野間連携基盤"
        "は異なる分野のデータを横断的につなぐ基盤です（GB3 §6.5）。"
    ),
    message_en=(
        "{id} is a cross-field platform but lists {n} field(s) ({fields_en}); a cross-field "
        "platform links data across different fields (GB3 §6.5)."
    ),
    hint_ja="扱う分野をすべて fields に書くか、1 分野だけなら kind: field_specific にしてください。",
    hint_en="List every field it serves, or set kind: field_specific if it serves one.",
    example={
        "id": "example-cross-field",
        "n": "1",
        "fields": "mobility",
        "fields_en": "mobility",
    },
    description=(
        "GB3 §6.5: 「分野間のデータ連携基盤：それら異なる分野のデータをさらに横断的につなぐ「全体"
        "のまとめ役」としての基盤も、各都道府県に1つ。」 (notice 記1(2)). A platform of kind "
        "cross_field whose fields list has one field or none is either mis-kinded or "
        "incompletely described; a mis-kinded one also inflates A001. fields: unknown is not "
        "judged."
    ),
)

A016 = FindingType(
    code="A016",
    name="build-new-despite-open-prefectural-platform",
    severity=WARNING,
    title_ja="県の基盤があるのに新規構築",
    title_en="New platform planned beside an open prefectural platform",
    message_ja=(
        "{name}（{code}）は新たな基盤の構築を予定していますが、県の基盤 {ids} が市区町村に開かれて"
        'います（通知 2(3)：基盤の乱立抑制・共同利用を促す"ハブ"）。'
    ),
    message_en=(
        "{name} ({code}) plans to build a new platform, but the prefecture's platform {ids} "
        "is open to municipalities (notice 2(3): the prefecture as the hub that curbs "
        "duplicate platforms)."
    ),
    hint_ja="県の基盤への参加（intention: join_prefecture）を相談してください。",
    hint_en="Consider joining the prefecture's platform (intention: join_prefecture).",
    example={"name": "千代田区", "code": "131016", "ids": "example-prefectural-platform"},
    description=(
        "Notice of 2024-05-10, 記2(3): 「市区町村がデータ連携基盤の新規利用を検討する際、相談を"
        "できるような連絡体制を構築し、基盤の乱立抑制・共同利用を促す”ハブ”としての役割を担い、"
        "市区町村が過大な投資をせずに既にある基盤を有効活用できるようサポートいただきたい。」 "
        "Reported for an answered municipalities.csv row with intention build_new while "
        "platforms.yaml holds a platform led by the prefecture, building or operating, and "
        "open to municipalities: user_scope prefecture_wide, participants listed, or "
        "participation stated (shared: true, municipalities of 1 or more, or "
        "all_municipalities: true, as GB3 §9.5 states 栃木県's 「県内全25市町」)."
    ),
)

A017 = FindingType(
    code="A017",
    name="pseudonymised-data-provided",
    severity=WARNING,
    title_ja="仮名加工情報の第三者提供",
    title_en="Pseudonymised data provided to others",
    message_ja=(
        "データアセット「{dataset}」は仮名加工情報ですが、提供先「{provided_to}」があります"
        "（GB3 §15.3 ①：仮名加工情報は法律上「第三者への提供は原則禁止」）。"
    ),
    message_en=(
        "The data asset '{dataset}' is pseudonymised information but is provided to "
        "'{provided_to}' (GB3 §15.3 ①: by law, providing pseudonymised information to third "
        "parties is prohibited in principle)."
    ),
    hint_ja="提供先が第三者に当たるか（委託・共同利用などでないか）を確かめ、legal_class と provided_to を見直してください。",
    hint_en=(
        "Check whether the recipient is a third party (not a contractor or joint use) and "
        "review legal_class and provided_to."
    ),
    example={"dataset": "example-dataset", "provided_to": "example-recipient"},
    description=(
        "GB3 §15.3 ① 法律上のデータ分類: 「② 仮名加工情報」 — 法律上、「第三者への提供は原則"
        "禁止」. Reported for a data-assets.csv row with legal_class pseudonymised and a "
        "provided_to."
    ),
)
