"""Finding codes R: reference data: codes, names, vocabularies and the characters of a name.

One constant per code; codes are stable: never reuse or renumber one."""

from __future__ import annotations

from renkei.findings.finding_type import ERROR, WARNING, FindingType

R001 = FindingType(
    code="R001",
    name="lg-code-format",
    severity=ERROR,
    title_ja="団体コードの書式",
    title_en="Local government code format",
    message_ja="団体コード {value} は 6 桁の数字（検査数字付き）ではありません。",
    message_en="The local government code {value} is not 6 digits with a check digit.",
    hint_ja="{advice}",
    hint_en="{advice_en}",
    example={
        "value": "13101",
        "advice": '検査数字を含む 6 桁で書きます: "131016" 千代田区',
        "advice_en": '6 digits with check digit: did you mean "131016" 千代田区?',
    },
    description=(
        "全国地方公共団体コード are 6 ASCII digits: prefecture (2), municipality (3), check "
        "digit (1). A 5-digit code lacks its check digit; full-width digits must be "
        "half-width."
    ),
)

R002 = FindingType(
    code="R002",
    name="lg-code-check-digit",
    severity=ERROR,
    title_ja="検査数字の誤り",
    title_en="Wrong check digit",
    message_ja="団体コード {value} の検査数字が違います。",
    message_en="The check digit of local government code {value} is wrong.",
    hint_ja="{advice}",
    hint_en="{advice_en}",
    example={
        "value": "131017",
        "advice": '検査数字は 6 です: "131016" 千代田区',
        "advice_en": 'The check digit is 6: "131016" 千代田区',
    },
    description=(
        "The sixth digit is a check digit: S = 6·d1+5·d2+4·d3+3·d4+2·d5, check = (11 "
        "− S mod 11) mod 10."
    ),
)

R003 = FindingType(
    code="R003",
    name="lg-code-unknown",
    severity=ERROR,
    title_ja="存在しない団体コード",
    title_en="Unknown local government code",
    message_ja="団体コード {value} は団体コード一覧にありません。",
    message_en="The local government code {value} is not in the code list.",
    hint_ja="registry/reference/local-governments.csv で正しいコードを確認してください。",
    hint_en="Look the code up in registry/reference/local-governments.csv.",
    example={"value": "139998"},
    description="A well-formed code that no local government has (as of the reference list's date).",
)

R004 = FindingType(
    code="R004",
    name="lg-code-other-prefecture",
    severity=ERROR,
    title_ja="他の都道府県の団体コード",
    title_en="Code of another prefecture",
    message_ja="団体コード {value}（{name}）は{prefecture}の団体ではありません。",
    message_en="The code {value} ({name}) does not belong to {prefecture}.",
    hint_ja="この都道府県のフォルダには、この都道府県の団体だけを書いてください。",
    hint_en="This prefecture's folder may only list this prefecture's bodies here.",
    example={"value": "011002", "name": "北海道札幌市", "prefecture": "東京都"},
    description="A code of a body from another prefecture where only this prefecture's bodies belong.",
)

R005 = FindingType(
    code="R005",
    name="lg-name-mismatch",
    severity=ERROR,
    title_ja="名称がコードと合わない",
    title_en="Name does not match code",
    message_ja="名称「{value}」は団体コード {code} の名称「{expected}」と一致しません。",
    message_en="The name '{value}' does not match the name of code {code}, '{expected}'.",
    hint_ja="名称を「{expected}」にするか、コードを確認してください。",
    hint_en="Write '{expected}', or check the code.",
    example={"value": "千代田", "code": "131016", "expected": "千代田区"},
    description="The name written beside a code must be the body's official name (総務省の表記).",
)

R006 = FindingType(
    code="R006",
    name="folder-mismatch",
    severity=ERROR,
    title_ja="フォルダ名が合わない",
    title_en="Folder name mismatch",
    message_ja="フォルダ名「{value}」は都道府県コード {code} に対応する「{expected}」ではありません。",
    message_en="The folder name '{value}' is not '{expected}', the folder of prefecture code {code}.",
    hint_ja="フォルダ名を「{expected}」にするか、prefecture.yaml のコードを確認してください。",
    hint_en="Rename the folder to '{expected}', or check the code in prefecture.yaml.",
    example={"value": "13-tokio", "code": "13", "expected": "13-tokyo"},
    description="A prefecture folder is named NN-romaji after its JIS X 0401 code and romaji id.",
)

R007 = FindingType(
    code="R007",
    name="unknown-field",
    severity=ERROR,
    title_ja="未定義の分野",
    title_en="Unknown field (分野)",
    message_ja="分野「{value}」は分野一覧にありません。",
    message_en="The field (分野) '{value}' is not in the vocabulary.",
    hint_ja="使える分野: {allowed}",
    hint_en="Allowed fields: {allowed}",
    example={"value": "disaster", "allowed": "disaster_prevention, mobility, health, education"},
    description="Fields come from registry/reference/fields.csv (GB3 §10.3).",
)

R008 = FindingType(
    code="R008",
    name="unknown-technology",
    severity=ERROR,
    title_ja="未定義の技術 ID",
    title_en="Unknown technology id",
    message_ja="技術 ID「{value}」は推奨技術一覧にありません。",
    message_en="The technology id '{value}' is not in the technology list.",
    hint_ja="推奨技術一覧にない製品は technology を other にし、product に製品名を書いてください。",
    hint_en="For a product outside the list, set technology to other and write its product name.",
    example={"value": "fiware-orian"},
    description="Module technology ids come from registry/reference/technologies.csv.",
)

R009 = FindingType(
    code="R009",
    name="name-bidi-control",
    severity=WARNING,
    title_ja="名称に双方向テキストの制御文字",
    title_en="Bidirectional control in a name",
    message_ja="{field} に双方向テキストの制御文字（{chars}）があり、書かれた順と違う順で表示されます。",
    message_en=(
        "The {field} holds bidirectional control characters ({chars}): it displays in"
        " another order than it is written in."
    ),
    hint_ja="制御文字を削除してください。名称にこれらの文字は要りません。",
    hint_en="Remove them; a name needs no bidirectional controls.",
    example={"field": "name", "chars": "U+202E"},
    description=(
        "Bidirectional overrides, embeddings, isolates and marks (U+202A–U+202E, "
        "U+2066–U+2069, U+200E, U+200F, U+061C) reorder the text around them, so a "
        "name can look like another one in a pull request, a terminal or a published "
        'page ("Trojan Source").'
    ),
)

R010 = FindingType(
    code="R010",
    name="name-stacked-marks",
    severity=WARNING,
    title_ja="名称に重なった結合文字",
    title_en="Stacked combining marks in a name",
    message_ja="{field} に結合文字が {count} 個続いていて（{chars}）、前後の行に重なって表示されます。",
    message_en=(
        "The {field} stacks {count} combining marks ({chars}): they draw over the lines around it."
    ),
    hint_ja="結合文字を削除するか、合成済みの文字（NFC）で書いてください。",
    hint_en="Remove the marks, or write precomposed characters (NFC).",
    example={"field": "operator", "count": 4, "chars": "U+0301, U+0302, U+0303, U+0304"},
    description=(
        'More than two combining marks in a row ("Zalgo" text) have no use in a name;'
        " Vietnamese needs two at most, Japanese (゛ ゜) one."
    ),
)

R011 = FindingType(
    code="R011",
    name="name-control-character",
    severity=WARNING,
    title_ja="名称に制御文字・見えない文字",
    title_en="Control or invisible character in a name",
    message_ja="{field} に制御文字または見えない文字（{chars}）があります。",
    message_en="The {field} holds control or invisible characters ({chars}).",
    hint_ja="その文字を削除してください。名称は 1 行の見える文字で書きます。",
    hint_en="Remove them; a name is one line of visible characters.",
    example={"field": "product", "chars": "U+000A, U+200B"},
    description=(
        "Line breaks, tabs, other C0 and C1 controls, DEL, the line and paragraph "
        "separators (U+2028, U+2029) and zero-width characters (U+200B–U+200D, "
        "U+2060, U+FEFF) in a name, a title or an operator: they split or hide text "
        "wherever the name is shown."
    ),
)

R012 = FindingType(
    code="R012",
    name="platform-dependent-character",
    severity=ERROR,
    title_ja="機種依存文字",
    title_en="Platform-dependent character",
    message_ja="機種依存文字「{character}」（{codepoint}、{class_ja}）があります。",
    message_en="The platform-dependent character '{character}' ({codepoint}, {class_en}) is used.",
    hint_ja="{advice}（デジタル庁の機械判読ルール L1-08）",
    hint_en="{advice_en} (the Agency's machine-readability rule L1-08)",
    example={
        "character": "①",
        "codepoint": "U+2460",
        "class_ja": "丸数字",
        "class_en": "circled number",
        "advice": "「第1期」と書いてください。",
        "advice_en": "Write '第1期'.",
    },
    description=(
        "Tabular data (every CSV cell and every text of platforms.yaml, which the "
        "bundle writes into its CSV files and survey.xlsx) holds no platform-"
        "dependent characters (機種依存文字): № ℡, Roman numerals and fractions "
        "(U+2150–218F), circled and parenthesised numbers and letters (U+2460–24FF, "
        "U+2776–2793), enclosed CJK letters (U+3200–32FF), CJK compatibility squares "
        "(U+3300–33FF) and half-width katakana (U+FF61–FF9F). validate, the workbook "
        "import and the bundle share this one set; the hint gives the plain spelling "
        "(NFKC)."
    ),
)

R013 = FindingType(
    code="R013",
    name="unwritable-character",
    severity=ERROR,
    title_ja="書き出せない文字",
    title_en="Character that cannot be written",
    message_ja="{class_ja}（{codepoint}）があります。CSV にも Excel のブックにも書き出せません。",
    message_en="A {class_en} ({codepoint}) is in the text; no CSV file or workbook can hold it.",
    hint_ja="この文字を削除してください（エディタで見えない場合は、値を入力し直してください）。",
    hint_en="Delete the character (if your editor does not show it, type the value again).",
    example={"codepoint": "U+0007", "class_ja": "制御文字", "class_en": "control character"},
    description=(
        "Control characters other than tab and line breaks (U+0000–001F, "
        "U+007F–009F), surrogates and the non-characters U+FFFE/U+FFFF, in any YAML "
        "text or CSV cell. XML, and so a workbook, cannot hold them."
    ),
)

R014 = FindingType(
    code="R014",
    name="line-break-in-cell",
    severity=ERROR,
    title_ja="セル内の改行",
    title_en="Line break in a cell",
    message_ja="セルの中に{class_ja}（{codepoint}）があります。",
    message_en="The cell holds a {class_en} ({codepoint}).",
    hint_ja="改行を空白に置き換え、1 行 1 レコードにしてください（機械判読ルール L1-14）。",
    hint_en=(
        "Replace the line break with a space: one record per line (machine-readability rule L1-14)."
    ),
    example={"codepoint": "U+000A", "class_ja": "改行", "class_en": "line break"},
    description=(
        "A CSV record is one line (rule L1-14): a quoted cell must not hold a line "
        "break. In YAML texts line breaks are fine; the bundle joins their lines with"
        " spaces."
    ),
)
