"""Finding codes W: importing a workbook or a CSV (`renkei import-xlsx`, `renkei import-csv`).

One constant per code; codes are stable: never reuse or renumber one."""

from __future__ import annotations

from renkei.findings.finding_type import ERROR, WARNING, FindingType

W001 = FindingType(
    code="W001",
    name="workbook-unreadable",
    severity=ERROR,
    title_ja="ブックを読めない",
    title_en="Workbook unreadable",
    message_ja="{name} は .xlsx のブックとして読めません（{detail}）。",
    message_en="{name} cannot be read as an .xlsx workbook ({detail}).",
    hint_ja="Excel で開き、「Excel ブック (*.xlsx)」として保存し直してください。",
    hint_en='Open it in Excel and save it again as "Excel Workbook (*.xlsx)".',
    example={"name": "survey.xlsx", "detail": "not a zip archive"},
    description="The file is not a zip-based .xlsx workbook, or its parts are damaged.",
)

W002 = FindingType(
    code="W002",
    name="workbook-macro",
    severity=ERROR,
    title_ja="マクロ付きのブック",
    title_en="Macro-enabled workbook",
    message_ja="{name} はマクロ付きのブック（.xlsm など）です。取り込みません。",
    message_en="{name} is a macro-enabled workbook (.xlsm or similar); it is not imported.",
    hint_ja="マクロを含まない「Excel ブック (*.xlsx)」として保存し直してください。",
    hint_en='Save it as a plain "Excel Workbook (*.xlsx)" without macros.',
    example={"name": "survey.xlsm"},
    description=(
        "Macro-enabled workbooks (.xlsm, .xltm, .xlam, .xlsb, or any file holding "
        "vbaProject.bin) are refused before they are opened."
    ),
)

W003 = FindingType(
    code="W003",
    name="workbook-encrypted",
    severity=ERROR,
    title_ja="暗号化されたブック",
    title_en="Encrypted workbook",
    message_ja="{name} はパスワードで暗号化されているか、古い .xls 形式です。",
    message_en="{name} is password-encrypted or in the old .xls format.",
    hint_ja="パスワードを外し、「Excel ブック (*.xlsx)」として保存し直してください。",
    hint_en='Remove the password and save it as "Excel Workbook (*.xlsx)".',
    example={"name": "survey.xlsx"},
    description="An OLE compound file (D0 CF 11 E0): an encrypted .xlsx or a legacy .xls.",
)

W004 = FindingType(
    code="W004",
    name="workbook-too-large",
    severity=ERROR,
    title_ja="ブックが大きすぎる",
    title_en="Workbook too large",
    message_ja="ブックが大きすぎるか、展開すると大きくなりすぎます（{detail}）。",
    message_en="The workbook is too large, or expands too much when unpacked ({detail}).",
    hint_ja="この都道府県のデータだけを含むブックにしてください（renkei export-xlsx で作り直せます）。",
    hint_en="Keep only this prefecture's data in the workbook (renkei export-xlsx makes a fresh one).",
    example={"detail": "more than 300,000 cells in all sheets"},
    description=(
        "Limits on file size, total uncompressed size, number of parts and "
        "compression ratio protect against zip bombs; they are checked before the "
        "workbook is parsed."
    ),
)

W005 = FindingType(
    code="W005",
    name="sheet-ignored",
    severity=WARNING,
    title_ja="取り込まないシート",
    title_en="Sheet ignored",
    message_ja="シート「{sheet}」は取り込みの対象ではないため無視します。",
    message_en="The sheet '{sheet}' is not one the import reads; it is ignored.",
    hint_ja="シート名を変えた場合は元の名前に戻してください。",
    hint_en="If you renamed a sheet, give it back its original name.",
    example={"sheet": "メモ"},
    description="Extra sheets (notes, pivots, copies) are allowed and ignored.",
)

W006 = FindingType(
    code="W006",
    name="column-missing",
    severity=ERROR,
    title_ja="列がない",
    title_en="Column missing",
    message_ja="シート「{sheet}」に列「{name}」（{field}）がありません。",
    message_en="The sheet '{sheet}' has no column '{name}' ({field}).",
    hint_ja="1 行目に項目名「{name}」の列を戻してください。列の順番は自由です。",
    hint_en="Put back a column headed '{name}' in row 1; the column order is free.",
    example={"sheet": "platforms", "field": "operator", "name": "運営主体"},
    description=(
        "Columns are found by their header in row 1 (Japanese or English name, or the"
        " field name). A missing required column is an error; a missing optional "
        "column a warning (its CSV values become empty; a platform field keeps its "
        "current value)."
    ),
)

W007 = FindingType(
    code="W007",
    name="column-unknown",
    severity=WARNING,
    title_ja="不明な列",
    title_en="Unknown column",
    message_ja="シート「{sheet}」の列「{value}」は項目名が分からないため無視します。",
    message_en="The column '{value}' of the sheet '{sheet}' has an unknown header; it is ignored.",
    hint_ja="項目名は「項目定義」シートにあります。",
    hint_en="The headers are listed in the sheet 項目定義.",
    example={"sheet": "platforms", "value": "備考"},
    description="A header that matches no field of the sheet.",
)

W008 = FindingType(
    code="W008",
    name="machine-readability",
    severity=ERROR,
    title_ja="機械判読のルール違反",
    title_en="Machine-readability rule broken",
    message_ja="デジタル庁の機械判読のルール {rule}「{rule_ja}」に反しています。{detail}",
    message_en="Breaks the Agency's machine-readability rule {rule}: {rule_en}. {detail}",
    hint_ja=(
        "1 セル 1 データ、1 シート 1 表、結合・非表示・数式・図形なしの表にしてください（registry/reference/machine-"
        "readability-rules.csv）。"
    ),
    hint_en=(
        "Keep one table per sheet and one datum per cell, with no merged cells, "
        "hidden rows, formulas or shapes (registry/reference/machine-readability-"
        "rules.csv)."
    ),
    example={
        "rule": "L1-12",
        "rule_ja": "セルを結合しない",
        "rule_en": "no merged cells",
        "detail": "platforms!A2:B2",
    },
    description=(
        "The Agency's rules for machine-readable data (digital-go-"
        "jp/machine_readability_rule). Merged cells, hidden rows or columns, "
        "formulas, several tables on a sheet and headers not in row 1 are errors; "
        "objects, formatting, platform-dependent characters, thousands separators and"
        " blank rows are warnings."
    ),
)

W009 = FindingType(
    code="W009",
    name="sheet-missing",
    severity=WARNING,
    title_ja="シートがない",
    title_en="Sheet missing",
    message_ja="シート「{sheet}」がありません。{target} は変更しません。",
    message_en="There is no sheet '{sheet}'; {target} is left as it is.",
    hint_ja="そのファイルも取り込むには、renkei export-xlsx で作ったブックのシートを戻してください。",
    hint_en="To import that file too, put back the sheet from a workbook made by renkei export-xlsx.",
    example={"sheet": "kpis", "target": "kpis.csv"},
    description="A data sheet is absent: its file is not changed (deleting every row empties it).",
)

W010 = FindingType(
    code="W010",
    name="csv-encoding",
    severity=ERROR,
    title_ja="CSV の文字コードが不明",
    title_en="Unknown CSV encoding",
    message_ja="{name} は UTF-8 でも Shift_JIS（CP932）でも読めません。",
    message_en="{name} is neither UTF-8 nor Shift_JIS (CP932).",
    hint_ja="Excel で「CSV UTF-8（コンマ区切り）」として保存し直してください。",
    hint_en='Save it from Excel as "CSV UTF-8 (Comma delimited)".',
    example={"name": "municipalities.csv"},
    description="renkei import-csv reads UTF-8 (with or without BOM) and Shift_JIS/CP932.",
)

W011 = FindingType(
    code="W011",
    name="platform-row-unmatched",
    severity=WARNING,
    title_ja="照合できない基盤の行",
    title_en="Platform row not matched",
    message_ja="_id「{value}」の基盤は platforms.yaml にありません。新しい基盤として扱います。",
    message_en="No platform in platforms.yaml has the _id '{value}'; the row is taken as a new platform.",
    hint_ja="別の都道府県や古いブックの行でないか確認してください。",
    hint_en="Check that the row is not from another prefecture's or an older workbook.",
    example={"value": "example-platform-2"},
    description=(
        "The hidden _id column matches platform rows to platforms.yaml entries, so "
        "nested fields (modules, sources, …) are kept when an id is renamed."
    ),
)

W012 = FindingType(
    code="W012",
    name="workbook-external-link",
    severity=ERROR,
    title_ja="外部リンクを含むブック",
    title_en="Workbook with external links",
    message_ja="{name} は外部のファイルやサイトへのリンクを含みます。取り込みません。",
    message_en="{name} links to external files or sites; it is not imported.",
    hint_ja="Excel の「データ」→「リンクの編集」でリンクを解除し、値として保存し直してください。",
    hint_en="Break the links (Data → Edit Links → Break Link) so only values remain, and save again.",
    example={"name": "survey.xlsx"},
    description=(
        "External links (xl/externalLinks/) pull data from other files or the network"
        " when the workbook is opened; such workbooks are refused before they are "
        "read."
    ),
)

W013 = FindingType(
    code="W013",
    name="label-converted",
    severity=WARNING,
    title_ja="名称を id に変換",
    title_en="Label converted to its id",
    message_ja="「{value}」を {id}（{label}）として取り込みます。",
    message_en="“{value}” is imported as {id} ({label}).",
    hint_ja="レジストリには id を保存します。違う値のつもりなら、セルを直してください。",
    hint_en="The registry stores the id; if you meant another value, correct the cell.",
    example={"value": "分野間", "id": "cross_field", "label": "分野間"},
    description=(
        "A cell of a list column (or a field name) holds a label, or a variant of one (with or"
        " without 中, full-width, another case), that stands for exactly one id: the import"
        " stores the id and says so."
    ),
)

W014 = FindingType(
    code="W014",
    name="ambiguous-label",
    severity=ERROR,
    title_ja="どの値か決められない名称",
    title_en="Label that fits two values",
    message_ja="「{value}」は {candidates} のどれにも当てはまります。取り込みません。",
    message_en="“{value}” fits {candidates}; it is not imported.",
    hint_ja="コード表の id か名称をそのまま書いてください。",
    hint_en="Write the id or the label exactly as the code list shows it.",
    example={"value": "廃止", "candidates": "to_be_retired（廃止予定）, retired（廃止済）"},
    description=(
        "The cell could stand for two ids or more (a shortened label that two labels share):"
        " renkei never guesses, so the import refuses the cell at its row and column."
    ),
)
