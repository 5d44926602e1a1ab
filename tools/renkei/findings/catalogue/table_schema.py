"""Finding codes T: a CSV table against its Table Schema (frictionless data package).

One constant per code; codes are stable: never reuse or renumber one."""

from __future__ import annotations

from renkei.findings.finding_type import ERROR, WARNING, FindingType

T001 = FindingType(
    code="T001",
    name="csv-header-mismatch",
    severity=ERROR,
    title_ja="CSV の見出しが違う",
    title_en="CSV header mismatch",
    message_ja="見出し行がテーブルスキーマと一致しません: {detail}",
    message_en="The header row does not match the Table Schema: {detail}",
    hint_ja="1 行目を次のとおりにしてください: {expected}",
    hint_en="Make the first row exactly: {expected}",
    example={
        "detail": "column 3 is 'answerstatus', expected 'answer_status'",
        "expected": "lg_code,name,answer_status",
    },
    description="The first row of a CSV must list the Table Schema's field names, in order.",
)

T002 = FindingType(
    code="T002",
    name="csv-row-length",
    severity=ERROR,
    title_ja="列数が違う",
    title_en="Wrong number of cells",
    message_ja="この行は {found} 列ありますが、{expected} 列のはずです。",
    message_en="This row has {found} cells; it should have {expected}.",
    hint_ja='カンマの数を確認してください。値にカンマを含む場合は " で囲みます。',
    hint_en="Check the commas; quote a value that contains a comma.",
    example={"found": 9, "expected": 8},
    description="A row with more or fewer cells than the header.",
)

T003 = FindingType(
    code="T003",
    name="csv-required",
    severity=ERROR,
    title_ja="必須の値が空",
    title_en="Required value empty",
    message_ja="列「{field}」は空にできません。",
    message_en="The column '{field}' cannot be empty.",
    hint_ja="{advice}",
    hint_en="{advice_en}",
    example={"field": "name", "advice": "値を書いてください。", "advice_en": "Write a value."},
    description="A cell that the Table Schema (or the row's answer status) requires is empty.",
)

T004 = FindingType(
    code="T004",
    name="csv-type",
    severity=ERROR,
    title_ja="値の型が違う",
    title_en="Wrong cell type",
    message_ja="列「{field}」の値 {value} は {expected} ではありません。",
    message_en="The value {value} in column '{field}' is not {expected}.",
    hint_ja="{advice}",
    hint_en="{advice_en}",
    example={
        "field": "fiscal_year",
        "value": '"２０２５"',
        "expected": "an integer",
        "advice": '半角数字で書いてください: "2025"',
        "advice_en": 'Write it with half-width digits: "2025"',
    },
    description=(
        "A cell whose value cannot be read as the field's type (integer, number, "
        "date, year, boolean)."
    ),
)

T005 = FindingType(
    code="T005",
    name="csv-not-allowed-value",
    severity=ERROR,
    title_ja="許可されていない値",
    title_en="Value not allowed",
    message_ja="列「{field}」の値 {value} は使えません。",
    message_en="The value {value} is not allowed in column '{field}'.",
    hint_ja="使える値: {allowed}",
    hint_en="Allowed values: {allowed}",
    example={"field": "answer_status", "value": '"answerd"', "allowed": "answered, not_answered"},
    description="A cell whose value is not in the field's enum.",
)

T006 = FindingType(
    code="T006",
    name="csv-bad-format",
    severity=ERROR,
    title_ja="値の書式が違う",
    title_en="Wrong cell format",
    message_ja="列「{field}」の値 {value} の書式が違います（{expected}）。",
    message_en="The value {value} in column '{field}' does not have the expected format ({expected}).",
    hint_ja="{advice}",
    hint_en="{advice_en}",
    example={
        "field": "fiscal_year",
        "value": '"1999"',
        "expected": "2000 or later",
        "advice": "2000 年度以降の年度を書いてください。",
        "advice_en": "Write a fiscal year from 2000 on.",
    },
    description="A cell that breaks a pattern, length or range constraint.",
)

T007 = FindingType(
    code="T007",
    name="csv-duplicate-key",
    severity=ERROR,
    title_ja="キーの重複",
    title_en="Duplicate key",
    message_ja="{field} の値 {value} が重複しています（最初は {first_line} 行目）。",
    message_en="The {field} value {value} appears twice (first on line {first_line}).",
    hint_ja="重複した行を 1 つにまとめてください。",
    hint_en="Merge the duplicate rows into one.",
    example={"field": "lg_code", "value": '"131016"', "first_line": 2},
    description="Two rows share a primary key.",
)

T008 = FindingType(
    code="T008",
    name="csv-blank-row",
    severity=ERROR,
    title_ja="空行",
    title_en="Blank row",
    message_ja="空行があります。",
    message_en="Blank row.",
    hint_ja="空行を削除してください（表を分断しないこと: 機械判読ルール L1-03）。",
    hint_en="Delete the blank row (a table must not be split: machine-readability rule L1-03).",
    example={},
    description="A blank line inside a CSV table.",
)

T009 = FindingType(
    code="T009",
    name="csv-whitespace",
    severity=WARNING,
    title_ja="前後の空白",
    title_en="Leading or trailing space",
    message_ja="列「{field}」の値 {value} の前後に空白があります。",
    message_en="The value {value} in column '{field}' has leading or trailing spaces.",
    hint_ja="空白を削除してください。",
    hint_en="Remove the spaces.",
    example={"field": "name", "value": '"千代田区 "'},
    description="A cell with spaces around its value, which make lookups and comparisons fail.",
)

T010 = FindingType(
    code="T010",
    name="csv-stray-characters",
    severity=ERROR,
    title_ja="値の前後の改行・空白、見えない文字",
    title_en="Line break, space or invisible character in a cell",
    message_ja="列「{field}」の値 {value} に{what}があります（書式は値全体に当てはめます）。",
    message_en=(
        "The value {value} in column '{field}' has {what_en}; a format applies to the whole value."
    ),
    hint_ja="{clean} と書いてください。",
    hint_en="Write {clean}.",
    example={
        "field": "platform_id",
        "value": '"example-platform\\u200b"',
        "what": "見えない文字（U+200B）",
        "what_en": "an invisible character (U+200B)",
        "clean": '"example-platform"',
    },
    description=(
        "A cell with a format (a code, an id, a value from a list, a date, a boolean)"
        " must be exactly that value: a line break, spaces around it or an invisible "
        "character (U+200B, U+2060, U+FEFF, …) make two values that look the same "
        "differ, and Table Schema readers refuse them. Other columns only get the "
        "T009 warning for surrounding spaces."
    ),
)
