"""Finding codes A: the Agency's three principles and the vision's consistency (warnings; errors under --strict).

One constant per code; codes are stable: never reuse or renumber one."""

from __future__ import annotations

from renkei.findings.finding_type import WARNING, FindingType

A001 = FindingType(
    code="A001",
    name="several-cross-field-platforms",
    severity=WARNING,
    title_ja="分野間連携基盤が複数",
    title_en="Several cross-field platforms",
    message_ja="分野間連携基盤が複数あります（原則は都道府県に 1 つ）: {involved}",
    message_en=(
        "There are several cross-field platforms (the principle is one per prefecture): {involved}"
    ),
    hint_ja=(
        "vision.yaml の consolidation に、他の基盤を 1 つに集約する計画（platform_id → "
        "target_platform_id）を書いてください。"
    ),
    hint_en=(
        "Record in vision.yaml's consolidation how the others merge into one "
        "(platform_id → target_platform_id)."
    ),
    example={"involved": "example-cross-a (line 4), example-cross-b (line 40)"},
    description=(
        "Principle 2 of the notice of 2024-05-10: one cross-field (分野間) platform per "
        "prefecture. Planned, building and operating cross-field platforms count; a "
        "consolidation plan that merges all but one into the remaining one satisfies "
        "the check."
    ),
)

A002 = FindingType(
    code="A002",
    name="no-cross-field-designation",
    severity=WARNING,
    title_ja="分野間連携基盤の指定がない",
    title_en="No cross-field platform designated",
    message_ja="ビジョンが分野間連携基盤を指定しておらず、指定の計画もありません。",
    message_en="The vision designates no cross-field platform and gives no plan for one.",
    hint_ja="vision.yaml の cross_field_platform に platform_id か plan（と by_fiscal_year）を書いてください。",
    hint_en="Set cross_field_platform in vision.yaml: a platform_id, or a plan (with by_fiscal_year).",
    example={},
    description=(
        "A registered vision (draft or adopted) names the prefecture's cross-field "
        "platform or the plan to get one."
    ),
)

A003 = FindingType(
    code="A003",
    name="several-platforms-per-field",
    severity=WARNING,
    title_ja="同じ分野の基盤が複数",
    title_en="Several platforms for one field",
    message_ja="分野「{field}」の分野別基盤が複数あります（原則は都道府県に 1 つ）: {involved}",
    message_en=(
        "There are several field-specific platforms for the field '{field}' (in "
        "principle one per prefecture): {involved}"
    ),
    hint_ja="vision.yaml の field_policies に、この分野の例外の理由（exception_reason）を書くか、基盤を集約してください。",
    hint_en=(
        "Record the reason for the exception in vision.yaml's field_policies "
        "(exception_reason), or consolidate."
    ),
    example={"field": "mobility", "involved": "example-mobility-a, example-mobility-b"},
    description=(
        "Principle 1 of the notice: in principle one field-specific (分野別) platform "
        "per field per prefecture. An exception needs a recorded reason, not just a "
        "flag. One finding per field, at its second platform, naming them all."
    ),
)

A004 = FindingType(
    code="A004",
    name="module-not-recommended",
    severity=WARNING,
    title_ja="推奨外の技術",
    title_en="Technology outside the recommended list",
    message_ja="モジュール {role}（{product}）は推奨技術（{recommended}）ではありませんが、理由が書かれていません。",
    message_en=(
        "The module {role} ({product}) does not use the recommended technology "
        "({recommended}) and gives no reason."
    ),
    hint_ja="モジュールに reason（推奨技術を使わない理由）を書いてください。",
    hint_en="Add a reason to the module (why the recommended technology is not used).",
    example={
        "role": "non_personal_broker",
        "product": "Example Broker",
        "recommended": "NGSI v2 FIWARE Orion (fiware-orion)",
    },
    description=(
        "Principle 3 of the notice (記1(3)): platform technology 「原則、…カタログ…が推奨する"
        "データ連携基盤技術から採用する」 (also GB3 §6.5 推奨モジュール). The catalog recommends "
        "a technology for three roles only (GB3 §3.2: Kong Gateway for the API gateway, NGSI v2 "
        "FIWARE Orion for the non-personal broker, the personal data module for the personal "
        "broker; registry/reference/technologies.csv), so only a module in one of those roles "
        "whose technology is not the recommended one needs a reason. A technology of another "
        "role is A013."
    ),
)

A005 = FindingType(
    code="A005",
    name="vision-outdated",
    severity=WARNING,
    title_ja="ビジョンの改定が 1 年度以上ない",
    title_en="No revision for a whole fiscal year",
    message_ja=(
        "ビジョンの最新の改定は {latest} です。{missed}（{missed_end} まで）の改定がありません"
        "（通知 2(2)：策定後は、毎年度末などの適時のタイミングで改訂）。"
    ),
    message_en=(
        "The vision's latest revision is of {latest}; {missed} (which ended on {missed_end}) "
        "has none (notice 2(2): revise at a suitable time such as each fiscal year's end)."
    ),
    hint_ja=(
        "{current} の改定を revisions に追加してください（毎年度末などの適時のタイミング。"
        "年度は 4 月 1 日始まり）。"
    ),
    hint_en=(
        "Add the revision of {current} to revisions (at a suitable time such as the fiscal "
        "year's end; fiscal years start on April 1)."
    ),
    example={
        "latest": "令和6年度（FY2024）",
        "missed": "令和7年度（FY2025）",
        "missed_end": "2026-03-31",
        "current": "令和8年度（FY2026）",
    },
    description=(
        "Notice of 2024-05-10, 記2(2): 「策定後は、毎年度末などの適時のタイミングで改訂を行って"
        "いただくようお願いいたします。」 A revision is due once a fiscal year, at a suitable "
        "time such as its end, so the check fires only when a whole fiscal year has ended "
        "without one: a revision of FY2024 adopted in March 2025 is current until 2026-03-31. "
        "A revision's fiscal year is that of its adoption date when the date gives the month "
        "(else its fiscal_year). The current fiscal year comes from --as-of (default: today)."
    ),
)

A006 = FindingType(
    code="A006",
    name="vision-not-published",
    severity=WARNING,
    title_ja="公開 URL がない",
    title_en="No publication URL",
    message_ja="策定済みのビジョンに公開 URL がありません。",
    message_en="The adopted vision has no publication URL.",
    hint_ja="最新の改定の publication_url に、都道府県のウェブサイトで公開した URL を書いてください。",
    hint_en="Set publication_url of the latest revision to where the prefecture publishes it.",
    example={},
    description="The notice asks prefectures to publish the vision on their website.",
)

A007 = FindingType(
    code="A007",
    name="consolidation-target-retired",
    severity=WARNING,
    title_ja="集約先が廃止",
    title_en="Consolidation target retired",
    message_ja="集約計画の集約先「{value}」は {status} です。",
    message_en="The consolidation target '{value}' is {status}.",
    hint_ja="稼働を続ける基盤を集約先にしてください。",
    hint_en="Choose a platform that stays in operation as the target.",
    example={"value": "example-old-platform", "status": "retired"},
    description="A consolidation plan must merge into a platform that will still run.",
)

A008 = FindingType(
    code="A008",
    name="consolidation-cycle",
    severity=WARNING,
    title_ja="集約計画の循環",
    title_en="Consolidation cycle",
    message_ja="集約計画が循環しています: {involved}",
    message_en="The consolidation plan forms a cycle: {involved}",
    hint_ja="集約の向きを見直し、最後は 1 つの基盤に集まるようにしてください。",
    hint_en="Fix the direction so every chain ends in one platform.",
    example={"involved": "example-a → example-b → example-a"},
    description="Platforms that merge into each other never end in one platform.",
)

A009 = FindingType(
    code="A009",
    name="participant-other-prefecture",
    severity=WARNING,
    title_ja="他の都道府県の参加団体",
    title_en="Participant from another prefecture",
    message_ja="参加団体 {value}（{name}）は他の都道府県の団体ですが、都道府県を越える共同利用と書かれていません。",
    message_en=(
        "The participant {value} ({name}) belongs to another prefecture, but the "
        "platform does not say it is shared across prefectures."
    ),
    hint_ja="越境の共同利用なら cross_prefecture: true にしてください。そうでなければ参加団体を確認してください。",
    hint_en=(
        "Set cross_prefecture: true if the sharing crosses prefectures; otherwise "
        "check the participant."
    ),
    example={"value": "011002", "name": "北海道札幌市"},
    description="Sharing is organised per prefecture; sharing across a border must be stated.",
)

A010 = FindingType(
    code="A010",
    name="migration-pattern-mismatch",
    severity=WARNING,
    title_ja="移行パターンが現状と合わない",
    title_en="Migration pattern does not fit",
    message_ja="移行パターン {value} は登録された現状と合いません: {detail}",
    message_en="The migration pattern {value} does not fit the registered state: {detail}",
    hint_ja=(
        "GB3 §8.2: A＝型1.1（基盤なし）または型1.2（単一市区町村基盤）から新規構築、B＝単一市区町村"
        "基盤を広域展開、C＝複数基盤の高度統合、D＝市区町村基盤が都道府県基盤へ参加。"
    ),
    hint_en=(
        "GB3 §8.2: A = new build from type 1.1 (no platform) or 1.2 (one municipal platform); "
        "B = widen one municipal platform; C = integrate several platforms; D = a municipal "
        "platform joins the prefectural one."
    ),
    example={"value": "A", "detail": "two platforms already run (example-a, example-b)"},
    description=(
        "The migration pattern of the vision must fit the registered platforms (GB3 §8.2, "
        "the 対象 line of each pattern). A: no running platform, or exactly one run by a "
        "municipality (「【型 1.1】（基盤運営自治体なし）/【型 1.2】（単一市区町村基盤） ➔ 【型 "
        "2.1】」); B: exactly one running municipal platform; C: two or more running; D: a "
        "running municipal platform and a planned, building or operating prefectural or "
        "prefecture-wide one. Not judged while a platform's status is unknown."
    ),
)

A011 = FindingType(
    code="A011",
    name="target-type-unreachable",
    severity=WARNING,
    title_ja="目標の型に到達できない",
    title_en="Target type unreachable",
    message_ja="目標の型 {target} には現在の型 {current} から到達できません（GB3 §7.2 の発展経路）。",
    message_en=(
        "The target type {target} cannot be reached from the current type {current} "
        "along GB3 §7.2's paths."
    ),
    hint_ja="到達できる型: {reachable}",
    hint_en="Reachable types: {reachable}",
    example={"target": "2.1", "current": "2.4", "reachable": "-"},
    description=(
        "GB3 §7.2（2つの発展経路）と §8.2（移行パターンの対象）: 型1.2〜1.5 からは単一基盤系"
        "（2.1〜2.4）にも複数基盤系（2.5〜2.8）にも進める。型1.1（基盤なし）からはパターンAで "
        "2.1 へ。理想経路 2.1/2.3 → 2.2 → 2.4、現実経路 2.5/2.7 → 2.6/2.8 → 2.4（将来的な基盤"
        "統合）。 / Types 1.2–1.5 may go to the single-platform line (2.1–2.4) or the "
        "multi-platform line (2.5–2.8); type 1.1 (no platform) goes to 2.1 by pattern A; ideal "
        "path 2.1/2.3 → 2.2 → 2.4, realistic path 2.5/2.7 → 2.6/2.8 → 2.4."
    ),
)

A012 = FindingType(
    code="A012",
    name="exception-no-longer-needed",
    severity=WARNING,
    title_ja="不要になった例外",
    title_en="Exception no longer needed",
    message_ja="{what} は、もう必要ありません（{why}）。",
    message_en="{what_en} is no longer needed ({why_en}).",
    hint_ja="不要になった理由・例外を削除してください。",
    hint_en="Delete the reason or exception that no longer applies.",
    example={
        "what": "分野 mobility の例外理由",
        "why": "この分野の基盤は 1 つです",
        "what_en": "The exception reason of the field mobility",
        "why_en": "the field has one platform",
    },
    description=(
        "A recorded reason that excuses something that no longer happens is itself "
        "reported, so exceptions cannot rot."
    ),
)
