"""Finding codes S: a YAML document against its JSON Schema.

One constant per code; codes are stable: never reuse or renumber one."""

from __future__ import annotations

from renkei.findings.finding_type import ERROR, FindingType

S001 = FindingType(
    code="S001",
    name="required-property",
    severity=ERROR,
    title_ja="必須項目がない",
    title_en="Required property missing",
    message_ja="必須項目「{name}」がありません。",
    message_en="The required property '{name}' is missing.",
    hint_ja="「{name}: unknown」のように書くと「不明」を明示できます（対応する項目の場合）。",
    hint_en="Add it. Where a value is not known, write '{name}: unknown' if the field allows it.",
    example={"name": "vendor"},
    description=(
        "A property the schema requires is absent. The registry tells 'unknown' (the "
        "literal `unknown`) from 'none' (an empty list, `none`, `false` or 0), so a "
        "missing property is never read as either."
    ),
)

S002 = FindingType(
    code="S002",
    name="unknown-property",
    severity=ERROR,
    title_ja="未定義の項目",
    title_en="Unknown property",
    message_ja="項目「{name}」はスキーマに定義されていません。",
    message_en="The property '{name}' is not defined in the schema.",
    hint_ja="綴りを確認してください。",
    hint_en="Check the spelling.",
    example={"name": "vender"},
    description="A property that the schema does not define, most often a misspelt name.",
)

S003 = FindingType(
    code="S003",
    name="wrong-type",
    severity=ERROR,
    title_ja="型が違う",
    title_en="Wrong type",
    message_ja="値 {value} の型が違います（期待: {expected}）。",
    message_en="The value {value} has the wrong type (expected {expected}).",
    hint_ja="{advice}",
    hint_en="{advice_en}",
    example={
        "value": "130001",
        "expected": "string",
        "advice": '引用符で囲んで文字列にしてください: "130001"',
        "advice_en": 'Quote it to make it a string: "130001"',
    },
    description=(
        "A value of the wrong kind: a number where text is expected (codes must be "
        'quoted, "131016"), `yes`/`no` where true/false is expected, a single value '
        "where a list is expected."
    ),
)

S004 = FindingType(
    code="S004",
    name="not-allowed-value",
    severity=ERROR,
    title_ja="許可されていない値",
    title_en="Value not allowed",
    message_ja="値 {value} は使えません。",
    message_en="The value {value} is not allowed.",
    hint_ja="使える値: {allowed}",
    hint_en="Allowed values: {allowed}",
    example={"value": '"operatng"', "allowed": "planned, building, operating, retired"},
    description=(
        "The value is not one of the schema's allowed values. The hint lists them and"
        " names the nearest one."
    ),
)

S005 = FindingType(
    code="S005",
    name="bad-format",
    severity=ERROR,
    title_ja="書式が違う",
    title_en="Wrong format",
    message_ja="値 {value} の書式が違います（{expected}）。",
    message_en="The value {value} does not have the expected format ({expected}).",
    hint_ja="{advice}",
    hint_en="{advice_en}",
    example={
        "value": '"令和6年4月"',
        "expected": "YYYY-MM",
        "advice": '西暦の YYYY、YYYY-MM または YYYY-MM-DD で書いてください: "2024-04"',
        "advice_en": 'Write it as YYYY, YYYY-MM or YYYY-MM-DD in the Western calendar: "2024-04"',
    },
    description=(
        "A string that does not match the required pattern: dates are ISO 8601 "
        "(2024-04-01), ids are lower-case slugs, codes are 6 digits."
    ),
)

S006 = FindingType(
    code="S006",
    name="out-of-range",
    severity=ERROR,
    title_ja="範囲外",
    title_en="Out of range",
    message_ja="値 {value} は範囲外です（{limit}）。",
    message_en="The value {value} is out of range ({limit}).",
    hint_ja="値を確認してください。",
    hint_en="Check the value.",
    example={"value": "-1", "limit": "minimum 0"},
    description="A number, text length or list length outside what the schema allows.",
)

S007 = FindingType(
    code="S007",
    name="schema-violation",
    severity=ERROR,
    title_ja="スキーマ違反",
    title_en="Schema violation",
    message_ja="スキーマに合いません: {detail}",
    message_en="Does not match the schema: {detail}",
    hint_ja="スキーマ（schemas/）の説明を確認してください。",
    hint_en="See the schema in schemas/ for what is expected here.",
    example={"detail": "['mobility', 'mobility'] has non-unique elements"},
    description="Any other JSON Schema failure.",
)

S008 = FindingType(
    code="S008",
    name="stray-characters",
    severity=ERROR,
    title_ja="値の前後の改行・空白、見えない文字",
    title_en="Line break, space or invisible character in a value",
    message_ja="値 {value} に{what}があります（書式は値全体に当てはめます）。",
    message_en="The value {value} has {what_en}; a format applies to the whole value.",
    hint_ja="{clean} と書いてください。{advice}",
    hint_en="Write {clean}.{advice_en}",
    example={
        "value": '"example-platform\\n"',
        "what": "改行",
        "what_en": "a line break",
        "clean": '"example-platform"',
        "advice": " YAML の | や > を使わずに 1 行で書いてください。",
        "advice_en": " Write it on one line, without YAML's | or >.",
    },
    description=(
        "A value with a format (a code, an id, a date, a URL) must be exactly that "
        "value: a final line break (a YAML block scalar `|` keeps one), spaces around"
        " it or an invisible character (zero-width space U+200B, word joiner U+2060, "
        "BOM U+FEFF, bidirectional controls) would make two ids that look the same "
        "differ."
    ),
)

S009 = FindingType(
    code="S009",
    name="schema-engines-disagree",
    severity=ERROR,
    title_ja="スキーマ検証器の判定が食い違う",
    title_en="Schema engines disagree",
    message_ja=(
        "値 {value} についてスキーマ検証器の判定が食い違うため、この文書を受け付けません（jsonschema-rs: {detail}、python-"
        "jsonschema: 違反なし）。"
    ),
    message_en=(
        "The schema engines disagree on the value {value}, so the document is not "
        "accepted (jsonschema-rs: {detail}; python-jsonschema: no error)."
    ),
    hint_ja="この位置の値を確認してください（大きすぎる数 1e999、特殊な文字など）。正しく見える場合は、ファイルを添えて {schema} の管理者に報告してください。",
    hint_en=(
        "Check the value here (a number too large such as 1e999, an unusual "
        "character). If it looks right, report it with the file to the maintainers of"
        " {schema}."
    ),
    example={"value": "1e999", "detail": "number out of range", "schema": "jsonschema-rs"},
    description=(
        "Two JSON Schema engines read every document: jsonschema-rs decides, python-"
        "jsonschema explains. A document is valid only when they agree; when one "
        "rejects it and the other finds nothing, the document is refused with this "
        "finding instead of passing."
    ),
)

S010 = FindingType(
    code="S010",
    name="float-for-integer",
    severity=ERROR,
    title_ja="整数の欄に小数・指数表記",
    title_en="Float where an integer is required",
    message_ja="値 {value} は整数として書かれていません（この項目は整数です）。",
    message_en="The value {value} is not written as an integer (this field is an integer).",
    hint_ja="{integer} と書いてください（小数点や指数表記 e は使いません）。",
    hint_en="Write {integer} (no decimal point, no exponent e).",
    example={"value": "1.0e0", "integer": "1"},
    description=(
        "JSON Schema counts 2024.0 as an integer, but a fiscal year or a count "
        "written `2024.0` or `2.024e3` is read as a float by YAML and changes what "
        "later checks and file names say. Integers must be written as integers."
    ),
)
