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
    message_ja="モジュール {role}（{product}）は推奨技術一覧にない製品ですが、理由が書かれていません。",
    message_en="The module {role} ({product}) is not on the recommended list and gives no reason.",
    hint_ja="モジュールに reason（推奨技術を使わない理由）を書いてください。",
    hint_en="Add a reason to the module (why the recommended technology is not used).",
    example={"role": "broker", "product": "Example Broker"},
    description=(
        "Principle 3 of the notice: platform technology in principle from the "
        "Agency's service catalog (registry/reference/technologies.csv)."
    ),
)

A005 = FindingType(
    code="A005",
    name="vision-outdated",
    severity=WARNING,
    title_ja="ビジョンが今年度に改定されていない",
    title_en="Vision not revised this fiscal year",
    message_ja="ビジョンの最新の改定は {latest} で、今年度（{current}）の改定がありません。",
    message_en=(
        "The vision's latest revision is of {latest}; there is none for this fiscal "
        "year ({current})."
    ),
    hint_ja="今年度の改定を revisions に追加してください（年度は 4 月 1 日始まり）。",
    hint_en="Add this fiscal year's revision to revisions (fiscal years start on April 1).",
    example={"latest": "FY2024", "current": "FY2025"},
    description=(
        "The notice asks prefectures to revise the vision every fiscal year. The "
        "current fiscal year comes from --as-of (default: today)."
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
    hint_ja="GB3 §8.2: A は域内に基盤なし、B は市区町村の基盤が 1 つ、C は基盤が複数、D は市区町村の基盤が県の基盤に参加。",
    hint_en=(
        "GB3 §8.2: A no platform in the prefecture; B one municipality's platform; C "
        "several platforms; D a municipal platform joining the prefecture's."
    ),
    example={"value": "A", "detail": "the prefecture already has a platform (example-platform)"},
    description="The migration pattern of the vision (GB3 §8.2) must fit the registered platforms.",
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
    example={"target": "type1", "current": "type3", "reachable": "type2, type3"},
    description=(
        "GB3 §7.2 and §8.2: before sharing 1.x → 2.1/2.2/2.4/2.6/2.8 by pattern; "
        "single-platform path 2.1/2.3 → 2.2 → 2.4; multi-platform path 2.5/2.7 → "
        "2.6/2.8 → 2.4."
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
