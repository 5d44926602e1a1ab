"""The finding catalogue: every finding code renkei can report, in Japanese and English.

One entry per code. `docs/errors.md` is generated from this table (`renkei docs errors`), and a
test fails when the two drift. Codes are stable: never reuse or renumber one.

Code families: P = reading and parsing a file, S = JSON Schema, T = Table Schema (CSV),
R = reference data (codes, names, vocabularies), X = cross-file consistency, B = submission
bundles (verify-bundle), W = importing a workbook or CSV (`renkei import-xlsx`,
`renkei import-csv`), A = the Agency's three principles and the vision's consistency (warnings;
errors under --strict).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from renkei.findings.model import Finding, Position, Severity


@dataclass(frozen=True, slots=True)
class FindingType:
    code: str
    name: str
    severity: Severity
    title_ja: str
    title_en: str
    message_ja: str
    message_en: str
    hint_ja: str
    hint_en: str
    description: str

    def make(
        self,
        file: str,
        position: Position,
        where: str = "",
        *,
        suggestion: str | None = None,
        severity: Severity | None = None,
        **params: object,
    ) -> Finding:
        """A finding of this type at file:position, its message filled in from params."""
        return self.make_from(
            file, position, params, where, suggestion=suggestion, severity=severity
        )

    def make_from(
        self,
        file: str,
        position: Position,
        params: Mapping[str, object],
        where: str = "",
        *,
        suggestion: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """`make` with the message's values in a mapping (e.g. the params an exception carries)."""
        values = _SafeDict(params)
        hint_ja = self.hint_ja.format_map(values)
        hint_en = self.hint_en.format_map(values)
        if suggestion:
            hint_ja = f"{hint_ja} もしかして: {suggestion}".strip()
            hint_en = f"{hint_en} Did you mean: {suggestion}?".strip()
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            file=file,
            line=position.line,
            column=position.column,
            where=where,
            message_ja=self.message_ja.format_map(values),
            message_en=self.message_en.format_map(values),
            hint_ja=hint_ja,
            hint_en=hint_en,
        )


class _SafeDict(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


E = Severity.ERROR
W = Severity.WARNING

# fmt: off
_TYPES = [
    # --- P: reading and parsing -------------------------------------------------------------
    FindingType(
        "P001", "file-too-large", E,
        "ファイルが大きすぎる", "File too large",
        "ファイルが大きすぎます（{size:,} バイト、上限 {limit:,} バイト）。",
        "The file is too large ({size:,} bytes; the limit is {limit:,} bytes).",
        "1 つのファイルにまとめすぎていないか確認してください。上限は --max-file-size で変更できます。",
        "Check that the file holds only what belongs in it. Raise the limit with --max-file-size.",
        "A registry file is bigger than the size limit. Large files are refused before they are "
        "parsed so that a hostile or broken file cannot exhaust memory.",
    ),
    FindingType(
        "P002", "not-utf8", E,
        "UTF-8 ではない", "Not UTF-8",
        "ファイルが UTF-8 ではありません（{detected}）。",
        "The file is not UTF-8 ({detected}).",
        "UTF-8 で保存し直してください。変換コマンド: {command}",
        "Save it again as UTF-8. To convert: {command}",
        "Every registry file must be UTF-8. A CSV saved by Excel as Shift_JIS/CP932 is detected "
        "and the hint gives the exact command that converts it. UTF-16 files are refused too.",
    ),
    FindingType(
        "P003", "binary-file", E,
        "バイナリファイル", "Binary file",
        "テキストファイルではありません（NUL バイトを含みます）。",
        "This is not a text file (it contains NUL bytes).",
        "YAML または CSV のテキストファイルを置いてください。Excel ファイルはそのまま置けません。",
        "Put a YAML or CSV text file here. An Excel workbook cannot be committed as is.",
        "The file contains NUL bytes, so it is binary (a workbook, an image, or a broken file).",
    ),
    FindingType(
        "P004", "yaml-syntax", E,
        "YAML の構文エラー", "YAML syntax error",
        "YAML の構文エラーです: {problem}",
        "YAML syntax error: {problem}",
        "{advice}",
        "{advice_en}",
        "The YAML parser could not read the file. The position is where the parser gave up; the "
        "mistake is often on the line before (indentation, a missing colon, an unclosed quote, a "
        "tab character).",
    ),
    FindingType(
        "P005", "yaml-duplicate-key", E,
        "キーの重複", "Duplicate key",
        "キー「{key}」が重複しています（最初は {first_line} 行目）。",
        "The key '{key}' appears twice (first on line {first_line}).",
        "どちらか一方を削除し、値を 1 つにまとめてください。",
        "Delete one of them so the key appears once.",
        "A mapping has the same key twice. Most YAML tools silently keep the last one and lose the "
        "first; renkei refuses the file instead.",
    ),
    FindingType(
        "P006", "yaml-anchor-alias", E,
        "アンカー・エイリアスは使えない", "Anchors and aliases are not allowed",
        "YAML のアンカー（&）とエイリアス（*）は使えません。",
        "YAML anchors (&) and aliases (*) are not allowed.",
        "同じ内容でも、それぞれの場所に書き出してください。",
        "Write the content out in full at each place.",
        "Anchors and aliases make a file hard to review line by line and allow alias bombs, so the "
        "registry refuses them.",
    ),
    FindingType(
        "P007", "yaml-tag", E,
        "タグは使えない", "Tags are not allowed",
        "YAML のタグ「{tag}」は使えません。",
        "The YAML tag '{tag}' is not allowed.",
        "タグ（! で始まる記号）を削除してください。文字列にしたい値は引用符で囲みます。",
        "Remove the tag (the word starting with !). Quote a value to make it a string.",
        "Explicit tags such as !!python/object or !!binary are refused: registry values are plain "
        "strings, numbers, true/false, lists and mappings.",
    ),
    FindingType(
        "P008", "yaml-too-deep", E,
        "入れ子が深すぎる", "Nesting too deep",
        "入れ子が深すぎます（上限 {limit} 段）。",
        "The nesting is too deep (the limit is {limit} levels).",
        "インデントを確認してください。",
        "Check the indentation.",
        "The document nests lists and mappings deeper than any registry schema allows.",
    ),
    FindingType(
        "P009", "yaml-multiple-documents", E,
        "複数のドキュメント", "Several documents",
        "1 つのファイルに複数の YAML ドキュメント（---）があります。",
        "The file holds more than one YAML document (---).",
        "2 つ目の --- 以降を削除するか、別のファイルに分けてください。",
        "Delete the second --- and what follows, or move it to its own file.",
        "Each registry YAML file holds exactly one document.",
    ),
    FindingType(
        "P010", "yaml-key-not-string", E,
        "キーが文字列ではない", "Key is not a string",
        "マッピングのキーは文字列でなければなりません。",
        "Mapping keys must be strings.",
        "キーにリストやマッピングは使えません。",
        "A list or mapping cannot be a key.",
        "A mapping key is a list or a mapping; registry keys are plain names.",
    ),
    FindingType(
        "P011", "csv-syntax", E,
        "CSV の構文エラー", "CSV syntax error",
        "CSV を読めません: {problem}",
        "The CSV cannot be read: {problem}",
        "引用符（\"）が閉じているか確認してください。値の中の \" は \"\" と 2 つ重ねて書きます。",
        "Check that every quote (\") is closed; write a quote inside a value as \"\".",
        "The CSV parser failed, usually because of an unclosed or stray quote.",
    ),
    FindingType(
        "P012", "missing-file", E,
        "必要なファイルがない", "Required file missing",
        "必要なファイル「{name}」がありません。",
        "The required file '{name}' is missing.",
        "テンプレート（registry/prefectures/ 内の他の都道府県）を参考に作成してください。",
        "Create it; any other prefecture folder in registry/prefectures/ shows the layout.",
        "Every prefecture folder holds the same set of files.",
    ),
    FindingType(
        "P013", "unexpected-file", W,
        "想定外のファイル", "Unexpected file",
        "想定外のファイル「{name}」があります。",
        "Unexpected file '{name}'.",
        "ファイル名の誤りでなければ削除してください。",
        "Delete it unless the name is a typo.",
        "A file in a prefecture folder that renkei does not read. Often a typo in a file name.",
    ),
    FindingType(
        "P014", "too-many-rows", E,
        "行数が多すぎる", "Too many rows",
        "行数が上限（{limit:,} 行）を超えています。",
        "The table has more rows than the limit ({limit:,}).",
        "ファイルを確認してください。上限は --max-rows で変更できます。",
        "Check the file. Raise the limit with --max-rows.",
        "A CSV with more rows than any prefecture needs; reading stops at the limit.",
    ),
    FindingType(
        "P015", "symlink", E,
        "シンボリックリンク", "Symbolic link",
        "「{name}」はシンボリックリンクです。レジストリ内のリンクはたどりません。",
        "'{name}' is a symbolic link; links inside the registry are never followed.",
        "リンクではなく実際のファイルを置いてください。",
        "Put the real file here instead of a link.",
        "A link could point outside the repository; renkei neither reads nor follows it.",
    ),
    FindingType(
        "P016", "too-many-entries", E,
        "値が多すぎる", "Too many entries",
        "値の数が上限（{limit:,} 個）を超えています。",
        "The document holds more values than the limit ({limit:,}).",
        "ファイルを確認してください。上限は --max-entries で変更できます。",
        "Check the file. Raise the limit with --max-entries.",
        "A YAML file with more values than any registry file needs; reading stops at the limit, "
        "so a huge generated file cannot exhaust memory.",
    ),
    FindingType(
        "P017", "symlinked-folder", E,
        "シンボリックリンクのフォルダ", "Symbolically linked folder",
        "フォルダ「{name}」はシンボリックリンクです。リンク先は読みません。",
        "The folder '{name}' is a symbolic link; renkei does not follow it.",
        "リンクを削除し、実際のフォルダを置いてください。",
        "Remove the link and put a real folder here.",
        "A linked folder could point outside the repository; it is reported, never followed.",
    ),
    FindingType(
        "P018", "too-many-findings", E,
        "指摘が多すぎる", "Too many findings",
        "このファイルの指摘が {limit:,} 件を超えたため、ここから後の行は調べていません。",
        "This file has more than {limit:,} findings; the rows from here on were not checked.",
        "ファイル全体が壊れていないか（列のずれ、別の表の貼り付けなど）確認し、先頭の指摘から直してください。",
        "Check whether the whole file is broken (shifted columns, another table pasted in) and fix the first findings first.",
        "A file with thousands of problems is usually broken as a whole; renkei stops checking "
        "it so the first, real problems stay readable and the run stays fast.",
    ),
    FindingType(
        "P019", "special-file", E,
        "通常のファイルではない", "Not a regular file",
        "「{name}」は通常のファイルではありません（{kind_ja}）。読み書きしません。",
        "'{name}' is not a regular file ({kind}); renkei neither reads nor writes it.",
        "FIFO・デバイス・ソケット・フォルダを削除し、通常のファイルを置いてください。",
        "Remove the FIFO, device, socket or folder and put a regular file here.",
        "A FIFO would block a reader forever and a device can be endless; renkei opens every "
        "file without blocking, checks that it is a regular file and refuses anything else.",
    ),
    FindingType(
        "P020", "unsafe-tree-path", E,
        "Git ツリーの不正なパス", "Unsafe path in a Git tree",
        "Git のツリーに不正なパス「{path}」があります（{reason_ja}）。",
        "The Git tree holds an unsafe path '{path}' ({reason}).",
        "そのコミットを使わず、正しいパスのファイルだけを含むコミットを作り直してください。",
        "Do not use that commit; make a new one whose files have plain relative paths.",
        "Paths read from Git objects (snapshots, bundles, history) must be plain relative paths: "
        "no `..`, no absolute path, no empty or `.` part, no backslash. Git refuses to check out "
        "such trees, but a crafted commit can still hold them, so renkei refuses them too.",
    ),
    FindingType(
        "P021", "tree-link-entry", E,
        "Git ツリーのリンク", "Link in a Git tree",
        "Git のツリーの「{path}」はファイルではなく{kind_ja}です。",
        "'{path}' in the Git tree is a {kind}, not a file.",
        "リンクやサブモジュールではなく、実際のファイルをコミットしてください。",
        "Commit the real file instead of a link or submodule.",
        "A symbolic link (mode 120000) or submodule (gitlink, mode 160000) in a registry folder "
        "could point anywhere; renkei neither reads nor follows it.",
    ),
    # --- S: JSON Schema ---------------------------------------------------------------------
    FindingType(
        "S001", "required-property", E,
        "必須項目がない", "Required property missing",
        "必須項目「{name}」がありません。",
        "The required property '{name}' is missing.",
        "「{name}: unknown」のように書くと「不明」を明示できます（対応する項目の場合）。",
        "Add it. Where a value is not known, write '{name}: unknown' if the field allows it.",
        "A property the schema requires is absent. The registry tells 'unknown' (the literal "
        "`unknown`) from 'none' (an empty list, `none`, `false` or 0), so a missing property "
        "is never read as either.",
    ),
    FindingType(
        "S002", "unknown-property", E,
        "未定義の項目", "Unknown property",
        "項目「{name}」はスキーマに定義されていません。",
        "The property '{name}' is not defined in the schema.",
        "綴りを確認してください。",
        "Check the spelling.",
        "A property that the schema does not define, most often a misspelt name.",
    ),
    FindingType(
        "S003", "wrong-type", E,
        "型が違う", "Wrong type",
        "値 {value} の型が違います（期待: {expected}）。",
        "The value {value} has the wrong type (expected {expected}).",
        "{advice}",
        "{advice_en}",
        "A value of the wrong kind: a number where text is expected (codes must be quoted, "
        "\"131016\"), `yes`/`no` where true/false is expected, a single value where a list is "
        "expected.",
    ),
    FindingType(
        "S004", "not-allowed-value", E,
        "許可されていない値", "Value not allowed",
        "値 {value} は使えません。",
        "The value {value} is not allowed.",
        "使える値: {allowed}",
        "Allowed values: {allowed}",
        "The value is not one of the schema's allowed values. The hint lists them and names the "
        "nearest one.",
    ),
    FindingType(
        "S005", "bad-format", E,
        "書式が違う", "Wrong format",
        "値 {value} の書式が違います（{expected}）。",
        "The value {value} does not have the expected format ({expected}).",
        "{advice}",
        "{advice_en}",
        "A string that does not match the required pattern: dates are ISO 8601 (2024-04-01), "
        "ids are lower-case slugs, codes are 6 digits.",
    ),
    FindingType(
        "S006", "out-of-range", E,
        "範囲外", "Out of range",
        "値 {value} は範囲外です（{limit}）。",
        "The value {value} is out of range ({limit}).",
        "値を確認してください。",
        "Check the value.",
        "A number, text length or list length outside what the schema allows.",
    ),
    FindingType(
        "S007", "schema-violation", E,
        "スキーマ違反", "Schema violation",
        "スキーマに合いません: {detail}",
        "Does not match the schema: {detail}",
        "スキーマ（schemas/）の説明を確認してください。",
        "See the schema in schemas/ for what is expected here.",
        "Any other JSON Schema failure.",
    ),
    FindingType(
        "S008", "stray-characters", E,
        "値の前後の改行・空白、見えない文字", "Line break, space or invisible character in a value",
        "値 {value} に{what}があります（書式は値全体に当てはめます）。",
        "The value {value} has {what_en}; a format applies to the whole value.",
        "{clean} と書いてください。{advice}",
        "Write {clean}.{advice_en}",
        "A value with a format (a code, an id, a date, a URL) must be exactly that value: a final "
        "line break (a YAML block scalar `|` keeps one), spaces around it or an invisible "
        "character (zero-width space U+200B, word joiner U+2060, BOM U+FEFF, bidirectional "
        "controls) would make two ids that look the same differ.",
    ),
    FindingType(
        "S009", "schema-engines-disagree", E,
        "スキーマ検証器の判定が食い違う", "Schema engines disagree",
        "値 {value} についてスキーマ検証器の判定が食い違うため、この文書を受け付けません（jsonschema-rs: {detail}、python-jsonschema: 違反なし）。",
        "The schema engines disagree on the value {value}, so the document is not accepted (jsonschema-rs: {detail}; python-jsonschema: no error).",
        "この位置の値を確認してください（大きすぎる数 1e999、特殊な文字など）。正しく見える場合は、ファイルを添えて {schema} の管理者に報告してください。",
        "Check the value here (a number too large such as 1e999, an unusual character). If it looks right, report it with the file to the maintainers of {schema}.",
        "Two JSON Schema engines read every document: jsonschema-rs decides, python-jsonschema "
        "explains. A document is valid only when they agree; when one rejects it and the other "
        "finds nothing, the document is refused with this finding instead of passing.",
    ),
    FindingType(
        "S010", "float-for-integer", E,
        "整数の欄に小数・指数表記", "Float where an integer is required",
        "値 {value} は整数として書かれていません（この項目は整数です）。",
        "The value {value} is not written as an integer (this field is an integer).",
        "{integer} と書いてください（小数点や指数表記 e は使いません）。",
        "Write {integer} (no decimal point, no exponent e).",
        "JSON Schema counts 2024.0 as an integer, but a fiscal year or a count written "
        "`2024.0` or `2.024e3` is read as a float by YAML and changes what later checks and "
        "file names say. Integers must be written as integers.",
    ),
    # --- T: Table Schema (CSV) --------------------------------------------------------------
    FindingType(
        "T001", "csv-header-mismatch", E,
        "CSV の見出しが違う", "CSV header mismatch",
        "見出し行がテーブルスキーマと一致しません: {detail}",
        "The header row does not match the Table Schema: {detail}",
        "1 行目を次のとおりにしてください: {expected}",
        "Make the first row exactly: {expected}",
        "The first row of a CSV must list the Table Schema's field names, in order.",
    ),
    FindingType(
        "T002", "csv-row-length", E,
        "列数が違う", "Wrong number of cells",
        "この行は {found} 列ありますが、{expected} 列のはずです。",
        "This row has {found} cells; it should have {expected}.",
        "カンマの数を確認してください。値にカンマを含む場合は \" で囲みます。",
        "Check the commas; quote a value that contains a comma.",
        "A row with more or fewer cells than the header.",
    ),
    FindingType(
        "T003", "csv-required", E,
        "必須の値が空", "Required value empty",
        "列「{field}」は空にできません。",
        "The column '{field}' cannot be empty.",
        "{advice}",
        "{advice_en}",
        "A cell that the Table Schema (or the row's answer status) requires is empty.",
    ),
    FindingType(
        "T004", "csv-type", E,
        "値の型が違う", "Wrong cell type",
        "列「{field}」の値 {value} は {expected} ではありません。",
        "The value {value} in column '{field}' is not {expected}.",
        "{advice}",
        "{advice_en}",
        "A cell whose value cannot be read as the field's type (integer, number, date, year, "
        "boolean).",
    ),
    FindingType(
        "T005", "csv-not-allowed-value", E,
        "許可されていない値", "Value not allowed",
        "列「{field}」の値 {value} は使えません。",
        "The value {value} is not allowed in column '{field}'.",
        "使える値: {allowed}",
        "Allowed values: {allowed}",
        "A cell whose value is not in the field's enum.",
    ),
    FindingType(
        "T006", "csv-bad-format", E,
        "値の書式が違う", "Wrong cell format",
        "列「{field}」の値 {value} の書式が違います（{expected}）。",
        "The value {value} in column '{field}' does not have the expected format ({expected}).",
        "{advice}",
        "{advice_en}",
        "A cell that breaks a pattern, length or range constraint.",
    ),
    FindingType(
        "T007", "csv-duplicate-key", E,
        "キーの重複", "Duplicate key",
        "{field} の値 {value} が重複しています（最初は {first_line} 行目）。",
        "The {field} value {value} appears twice (first on line {first_line}).",
        "重複した行を 1 つにまとめてください。",
        "Merge the duplicate rows into one.",
        "Two rows share a primary key.",
    ),
    FindingType(
        "T008", "csv-blank-row", E,
        "空行", "Blank row",
        "空行があります。",
        "Blank row.",
        "空行を削除してください（表を分断しないこと: 機械判読ルール L1-03）。",
        "Delete the blank row (a table must not be split: machine-readability rule L1-03).",
        "A blank line inside a CSV table.",
    ),
    FindingType(
        "T009", "csv-whitespace", W,
        "前後の空白", "Leading or trailing space",
        "列「{field}」の値 {value} の前後に空白があります。",
        "The value {value} in column '{field}' has leading or trailing spaces.",
        "空白を削除してください。",
        "Remove the spaces.",
        "A cell with spaces around its value, which make lookups and comparisons fail.",
    ),
    FindingType(
        "T010", "csv-stray-characters", E,
        "値の前後の改行・空白、見えない文字", "Line break, space or invisible character in a cell",
        "列「{field}」の値 {value} に{what}があります（書式は値全体に当てはめます）。",
        "The value {value} in column '{field}' has {what_en}; a format applies to the whole value.",
        "{clean} と書いてください。",
        "Write {clean}.",
        "A cell with a format (a code, an id, a value from a list, a date, a boolean) must be "
        "exactly that value: a line break, spaces around it or an invisible character (U+200B, "
        "U+2060, U+FEFF, …) make two values that look the same differ, and Table Schema readers "
        "refuse them. Other columns only get the T009 warning for surrounding spaces.",
    ),
    # --- R: reference data ------------------------------------------------------------------
    FindingType(
        "R001", "lg-code-format", E,
        "団体コードの書式", "Local government code format",
        "団体コード {value} は 6 桁の数字（検査数字付き）ではありません。",
        "The local government code {value} is not 6 digits with a check digit.",
        "{advice}",
        "{advice_en}",
        "全国地方公共団体コード are 6 ASCII digits: prefecture (2), municipality (3), check digit "
        "(1). A 5-digit code lacks its check digit; full-width digits must be half-width.",
    ),
    FindingType(
        "R002", "lg-code-check-digit", E,
        "検査数字の誤り", "Wrong check digit",
        "団体コード {value} の検査数字が違います。",
        "The check digit of local government code {value} is wrong.",
        "{advice}",
        "{advice_en}",
        "The sixth digit is a check digit: S = 6·d1+5·d2+4·d3+3·d4+2·d5, check = (11 − S mod "
        "11) mod 10.",
    ),
    FindingType(
        "R003", "lg-code-unknown", E,
        "存在しない団体コード", "Unknown local government code",
        "団体コード {value} は団体コード一覧にありません。",
        "The local government code {value} is not in the code list.",
        "registry/reference/local-governments.csv で正しいコードを確認してください。",
        "Look the code up in registry/reference/local-governments.csv.",
        "A well-formed code that no local government has (as of the reference list's date).",
    ),
    FindingType(
        "R004", "lg-code-other-prefecture", E,
        "他の都道府県の団体コード", "Code of another prefecture",
        "団体コード {value}（{name}）は{prefecture}の団体ではありません。",
        "The code {value} ({name}) does not belong to {prefecture}.",
        "この都道府県のフォルダには、この都道府県の団体だけを書いてください。",
        "This prefecture's folder may only list this prefecture's bodies here.",
        "A code of a body from another prefecture where only this prefecture's bodies belong.",
    ),
    FindingType(
        "R005", "lg-name-mismatch", E,
        "名称がコードと合わない", "Name does not match code",
        "名称「{value}」は団体コード {code} の名称「{expected}」と一致しません。",
        "The name '{value}' does not match the name of code {code}, '{expected}'.",
        "名称を「{expected}」にするか、コードを確認してください。",
        "Write '{expected}', or check the code.",
        "The name written beside a code must be the body's official name (総務省の表記).",
    ),
    FindingType(
        "R006", "folder-mismatch", E,
        "フォルダ名が合わない", "Folder name mismatch",
        "フォルダ名「{value}」は都道府県コード {code} に対応する「{expected}」ではありません。",
        "The folder name '{value}' is not '{expected}', the folder of prefecture code {code}.",
        "フォルダ名を「{expected}」にするか、prefecture.yaml のコードを確認してください。",
        "Rename the folder to '{expected}', or check the code in prefecture.yaml.",
        "A prefecture folder is named NN-romaji after its JIS X 0401 code and romaji id.",
    ),
    FindingType(
        "R007", "unknown-field", E,
        "未定義の分野", "Unknown field (分野)",
        "分野「{value}」は分野一覧にありません。",
        "The field (分野) '{value}' is not in the vocabulary.",
        "使える分野: {allowed}",
        "Allowed fields: {allowed}",
        "Fields come from registry/reference/fields.csv (GB3 §10.3).",
    ),
    FindingType(
        "R008", "unknown-technology", E,
        "未定義の技術 ID", "Unknown technology id",
        "技術 ID「{value}」は推奨技術一覧にありません。",
        "The technology id '{value}' is not in the technology list.",
        "推奨技術一覧にない製品は technology を other にし、product に製品名を書いてください。",
        "For a product outside the list, set technology to other and write its product name.",
        "Module technology ids come from registry/reference/technologies.csv.",
    ),
    # --- R009–R011: names that do not display as written (renkei.checks.names) ------------
    FindingType(
        "R009", "name-bidi-control", W,
        "名称に双方向テキストの制御文字", "Bidirectional control in a name",
        "{field} に双方向テキストの制御文字（{chars}）があり、書かれた順と違う順で表示されます。",
        "The {field} holds bidirectional control characters ({chars}): it displays in another "
        "order than it is written in.",
        "制御文字を削除してください。名称にこれらの文字は要りません。",
        "Remove them; a name needs no bidirectional controls.",
        "Bidirectional overrides, embeddings, isolates and marks (U+202A–U+202E, U+2066–U+2069, "
        "U+200E, U+200F, U+061C) reorder the text around them, so a name can look like another "
        "one in a pull request, a terminal or a published page (\"Trojan Source\").",
    ),
    FindingType(
        "R010", "name-stacked-marks", W,
        "名称に重なった結合文字", "Stacked combining marks in a name",
        "{field} に結合文字が {count} 個続いていて（{chars}）、前後の行に重なって表示されます。",
        "The {field} stacks {count} combining marks ({chars}): they draw over the lines around "
        "it.",
        "結合文字を削除するか、合成済みの文字（NFC）で書いてください。",
        "Remove the marks, or write precomposed characters (NFC).",
        "More than two combining marks in a row (\"Zalgo\" text) have no use in a name; "
        "Vietnamese needs two at most, Japanese (゛ ゜) one.",
    ),
    FindingType(
        "R011", "name-control-character", W,
        "名称に制御文字・見えない文字", "Control or invisible character in a name",
        "{field} に制御文字または見えない文字（{chars}）があります。",
        "The {field} holds control or invisible characters ({chars}).",
        "その文字を削除してください。名称は 1 行の見える文字で書きます。",
        "Remove them; a name is one line of visible characters.",
        "Line breaks, tabs, other C0 and C1 controls, DEL, the line and paragraph separators "
        "(U+2028, U+2029) and zero-width characters (U+200B–U+200D, U+2060, U+FEFF) in a name, "
        "a title or an operator: they split or hide text wherever the name is shown.",
    ),
    FindingType(
        "R012", "platform-dependent-character", E,
        "機種依存文字", "Platform-dependent character",
        "機種依存文字「{character}」（{codepoint}、{class_ja}）があります。",
        "The platform-dependent character '{character}' ({codepoint}, {class_en}) is used.",
        "{advice}（デジタル庁の機械判読ルール L1-08）",
        "{advice_en} (the Agency's machine-readability rule L1-08)",
        "Tabular data (every CSV cell and every text of platforms.yaml, which the bundle writes "
        "into its CSV files and survey.xlsx) holds no platform-dependent characters (機種依存文字): "
        "№ ℡, Roman numerals and fractions (U+2150–218F), circled and parenthesised numbers and "
        "letters (U+2460–24FF, U+2776–2793), enclosed CJK letters (U+3200–32FF), CJK "
        "compatibility squares (U+3300–33FF) and half-width katakana (U+FF61–FF9F). validate, "
        "the workbook import and the bundle share this one set; the hint gives the plain "
        "spelling (NFKC).",
    ),
    FindingType(
        "R013", "unwritable-character", E,
        "書き出せない文字", "Character that cannot be written",
        "{class_ja}（{codepoint}）があります。CSV にも Excel のブックにも書き出せません。",
        "A {class_en} ({codepoint}) is in the text; no CSV file or workbook can hold it.",
        "この文字を削除してください（エディタで見えない場合は、値を入力し直してください）。",
        "Delete the character (if your editor does not show it, type the value again).",
        "Control characters other than tab and line breaks (U+0000–001F, U+007F–009F), "
        "surrogates and the non-characters U+FFFE/U+FFFF, in any YAML text or CSV cell. XML, "
        "and so a workbook, cannot hold them.",
    ),
    FindingType(
        "R014", "line-break-in-cell", E,
        "セル内の改行", "Line break in a cell",
        "セルの中に{class_ja}（{codepoint}）があります。",
        "The cell holds a {class_en} ({codepoint}).",
        "改行を空白に置き換え、1 行 1 レコードにしてください（機械判読ルール L1-14）。",
        "Replace the line break with a space: one record per line (machine-readability rule L1-14).",
        "A CSV record is one line (rule L1-14): a quoted cell must not hold a line break. In "
        "YAML texts line breaks are fine; the bundle joins their lines with spaces.",
    ),
    # --- B: submission bundles (renkei verify-bundle) -----------------------------------
    FindingType(
        "B001", "bundle-not-a-zip", E,
        "zip ファイルではない", "Not a zip file",
        "zip ファイルとして読めません: {detail}",
        "The file cannot be read as a zip: {detail}",
        "renkei bundle が作ったファイルを指定してください。",
        "Give a file that renkei bundle wrote.",
        "verify-bundle reads only zip files.",
    ),
    FindingType(
        "B002", "bundle-unsafe-entry", E,
        "危険なエントリ名", "Unsafe entry",
        "エントリ「{name}」は危険です（{why}）。",
        "The entry '{name}' is unsafe ({why}).",
        "このファイルは展開しないでください。提出元に確認してください。",
        "Do not unpack this file; check with whoever sent it.",
        "Absolute paths, `..`, backslashes and links could write outside the target directory "
        "when unpacked (zip slip); such bundles are refused.",
    ),
    FindingType(
        "B003", "bundle-oversized-entry", E,
        "大きすぎるエントリ", "Oversized entry",
        "エントリ「{name}」は大きすぎます（{detail}）。",
        "The entry '{name}' is too large ({detail}).",
        "zip 爆弾の可能性があります。展開しないでください。",
        "This may be a zip bomb; do not unpack it.",
        "Entries over the size limit, or compressed more than the ratio limit, are refused "
        "before they are read.",
    ),
    FindingType(
        "B004", "bundle-hash-mismatch", E,
        "ハッシュ値が合わない", "Hash mismatch",
        "「{name}」の {what} が manifest.json と一致しません。",
        "The {what} of '{name}' does not match manifest.json.",
        "バンドルが作成後に変更されています。作り直してください（renkei bundle）。",
        "The bundle changed after it was built; build it again (renkei bundle).",
        "Every file's SHA-256 and size must match the manifest.",
    ),
    FindingType(
        "B005", "bundle-file-missing", E,
        "ファイルがない", "File missing",
        "manifest.json にある「{name}」がバンドルにありません。",
        "'{name}' is listed in manifest.json but missing from the bundle.",
        "バンドルを作り直してください。",
        "Build the bundle again.",
        "A file the manifest lists is absent (or the manifest itself is).",
    ),
    FindingType(
        "B006", "bundle-unexpected-file", E,
        "manifest にないファイル", "File not in the manifest",
        "「{name}」は manifest.json にありません。",
        "'{name}' is not listed in manifest.json.",
        "後から追加されたファイルです。バンドルを作り直してください。",
        "It was added after the build; build the bundle again.",
        "A bundle holds exactly the files its manifest lists.",
    ),
    FindingType(
        "B007", "bundle-invalid-data", E,
        "バンドルのデータが不正", "Invalid data in the bundle",
        "「{name}」のデータが不正です: {detail}",
        "The data in '{name}' is invalid: {detail}",
        "バンドルを作り直してください。",
        "Build the bundle again.",
        "The bundle's CSV tables are checked again against the Table Schemas in its "
        "datapackage.json, and vision.json and platforms.json against the JSON Schemas it holds.",
    ),
    FindingType(
        "B008", "bundle-rule-failed", E,
        "機械判読ルールを満たさない", "Machine-readability rule failed",
        "書き出したファイルが機械判読ルール {rule} を満たしません（{detail}）。",
        "The written file fails the machine-readability rule {rule} ({detail}).",
        "renkei validate で見つからない場合は不具合です。コマンドとデータを添えて報告してください。",
        "If renkei validate finds nothing, this is a bug: report it with the command and data.",
        "Every CSV file and the workbook a bundle holds are checked against the Agency's rules "
        "after they are written. validate reports the same characters first (R012–R014), so "
        "valid data always passes; a failure here stops the build (exit 1).",
    ),
    FindingType(
        "B009", "bundle-not-encodable", E,
        "指定の文字コードで書けない", "Not encodable",
        "「{character}」（{codepoint}）は {encoding} で書けません。",
        "'{character}' ({codepoint}) cannot be written in {encoding}.",
        "--csv-encoding utf-8 を使ってください（既定の BOM 付き UTF-8 は Excel で開けます）。",
        "Use --csv-encoding utf-8 (the default, with a BOM, opens in Excel).",
        "Shift_JIS/CP932 cannot hold every character UTF-8 can (e.g. emoji, some kanji).",
    ),
    FindingType(
        "B010", "bundle-duplicate-entry", E,
        "同名のエントリ", "Duplicate entry",
        "エントリ「{name}」が 2 回以上あります。",
        "The entry '{name}' appears more than once.",
        "展開するツールによって読まれる方が違います。提出元に作り直してもらってください。",
        "Tools disagree on which copy they read; ask the sender to build the bundle again.",
        "A zip may hold two entries of one name; which one a reader takes differs between tools, "
        "so one copy could pass verification while another is used. Refused before reading.",
    ),
    FindingType(
        "B011", "bundle-encrypted-entry", E,
        "暗号化されたエントリ", "Encrypted entry",
        "エントリ「{name}」は暗号化されています。",
        "The entry '{name}' is encrypted.",
        "renkei bundle は暗号化しません。作り直してください。",
        "renkei bundle never encrypts; build the bundle again.",
        "The entry's encryption flag is set (general purpose bit 0). Refused before reading.",
    ),
    FindingType(
        "B012", "bundle-unknown-compression", E,
        "不明な圧縮方式", "Unknown compression method",
        "エントリ「{name}」の圧縮方式 {method} は使えません（無圧縮 0 と deflate 8 のみ）。",
        "The entry '{name}' uses compression method {method}; only stored (0) and deflate (8) "
        "are read.",
        "renkei bundle で作り直してください。",
        "Build the bundle again with renkei bundle.",
        "renkei writes deflate; other methods (bzip2, LZMA, zstd, AES, …) are refused before "
        "reading, so no unexpected decompressor runs.",
    ),
    FindingType(
        "B013", "bundle-damaged-entry", E,
        "壊れたエントリ", "Damaged entry",
        "「{name}」が壊れているか途中で切れています: {detail}",
        "'{name}' is damaged or truncated: {detail}",
        "ダウンロードやコピーをやり直してください。",
        "Download or copy the file again.",
        "An entry whose CRC-32 does not match its data, whose compressed data ends early, or a "
        "zip that lost its end (central directory).",
    ),
    FindingType(
        "B014", "bundle-manifest-malformed", E,
        "manifest.json が不正", "Malformed manifest",
        "manifest.json が不正です: {detail}",
        "manifest.json is malformed: {detail}",
        "renkei bundle で作り直してください。",
        "Build the bundle again with renkei bundle.",
        "manifest.json must be UTF-8 JSON without duplicate keys, match the manifest schema "
        "(tools/renkei/bundle/manifest_schema.py: every field present with its type, no other field), "
        "and list each file once by a relative, normalised (NFC) path.",
    ),
    FindingType(
        "B015", "bundle-differs-from-rebuild", E,
        "作り直した結果と異なる", "Differs from the rebuild",
        "コミット {commit} から作り直したバンドルと一致しません: {detail}",
        "The bundle differs from the one rebuilt from commit {commit}: {detail}",
        "データと manifest.json が作成後に変更されています。renkei bundle で作り直してください。",
        "The data and manifest.json were changed after the build; build it again with "
        "renkei bundle.",
        "Given the registry (--root, or the repository around the current directory), "
        "verify-bundle rebuilds the bundle from the commit, previous commit, date (as_of), "
        "draft flag and CSV encoding its manifest names and compares the bytes. This catches "
        "data and manifest changed together, which hashes alone cannot.",
    ),
    FindingType(
        "B016", "bundle-not-rebuilt", W,
        "作り直しての確認をしていない", "Not checked against history",
        "作り直しての比較はできませんでした: {why_ja}。ハッシュとデータの検証のみです。",
        "The bundle could not be compared with a rebuild: {why}. Only the hashes and the data "
        "were checked.",
        "レジストリの中で実行するか --root を指定し、コミットを含む履歴を取得してください。",
        "Run inside the registry or pass --root, with the history that holds the commit.",
        "A notice, not an error: without the registry (or the commit) verify-bundle cannot tell "
        "whether data and manifest were changed together.",
    ),
    # --- A: the Agency's three principles (warnings; errors under --strict) ---------------
    FindingType(
        "A001", "several-cross-field-platforms", W,
        "分野間連携基盤が複数", "Several cross-field platforms",
        "分野間連携基盤が複数あります（原則は都道府県に 1 つ）: {involved}",
        "There are several cross-field platforms (the principle is one per prefecture): {involved}",
        "vision.yaml の consolidation に、他の基盤を 1 つに集約する計画（platform_id → target_platform_id）を書いてください。",
        "Record in vision.yaml's consolidation how the others merge into one (platform_id → target_platform_id).",
        "Principle 2 of the notice of 2024-05-10: one cross-field (分野間) platform per prefecture. "
        "Planned, building and operating cross-field platforms count; a consolidation plan that "
        "merges all but one into the remaining one satisfies the check.",
    ),
    FindingType(
        "A002", "no-cross-field-designation", W,
        "分野間連携基盤の指定がない", "No cross-field platform designated",
        "ビジョンが分野間連携基盤を指定しておらず、指定の計画もありません。",
        "The vision designates no cross-field platform and gives no plan for one.",
        "vision.yaml の cross_field_platform に platform_id か plan（と by_fiscal_year）を書いてください。",
        "Set cross_field_platform in vision.yaml: a platform_id, or a plan (with by_fiscal_year).",
        "A registered vision (draft or adopted) names the prefecture's cross-field platform or the "
        "plan to get one.",
    ),
    FindingType(
        "A003", "several-platforms-per-field", W,
        "同じ分野の基盤が複数", "Several platforms for one field",
        "分野「{field}」の分野別基盤が複数あります（原則は都道府県に 1 つ）: {involved}",
        "There are several field-specific platforms for the field '{field}' (in principle one per prefecture): {involved}",
        "vision.yaml の field_policies に、この分野の例外の理由（exception_reason）を書くか、基盤を集約してください。",
        "Record the reason for the exception in vision.yaml's field_policies (exception_reason), or consolidate.",
        "Principle 1 of the notice: in principle one field-specific (分野別) platform per field per "
        "prefecture. An exception needs a recorded reason, not just a flag.",
    ),
    FindingType(
        "A004", "module-not-recommended", W,
        "推奨外の技術", "Technology outside the recommended list",
        "モジュール {role}（{product}）は推奨技術一覧にない製品ですが、理由が書かれていません。",
        "The module {role} ({product}) is not on the recommended list and gives no reason.",
        "モジュールに reason（推奨技術を使わない理由）を書いてください。",
        "Add a reason to the module (why the recommended technology is not used).",
        "Principle 3 of the notice: platform technology in principle from the Agency's service "
        "catalog (registry/reference/technologies.csv).",
    ),
    FindingType(
        "A005", "vision-outdated", W,
        "ビジョンが今年度に改定されていない", "Vision not revised this fiscal year",
        "ビジョンの最新の改定は {latest} で、今年度（{current}）の改定がありません。",
        "The vision's latest revision is of {latest}; there is none for this fiscal year ({current}).",
        "今年度の改定を revisions に追加してください（年度は 4 月 1 日始まり）。",
        "Add this fiscal year's revision to revisions (fiscal years start on April 1).",
        "The notice asks prefectures to revise the vision every fiscal year. The current fiscal "
        "year comes from --as-of (default: today).",
    ),
    FindingType(
        "A006", "vision-not-published", W,
        "公開 URL がない", "No publication URL",
        "策定済みのビジョンに公開 URL がありません。",
        "The adopted vision has no publication URL.",
        "最新の改定の publication_url に、都道府県のウェブサイトで公開した URL を書いてください。",
        "Set publication_url of the latest revision to where the prefecture publishes it.",
        "The notice asks prefectures to publish the vision on their website.",
    ),
    FindingType(
        "A007", "consolidation-target-retired", W,
        "集約先が廃止", "Consolidation target retired",
        "集約計画の集約先「{value}」は {status} です。",
        "The consolidation target '{value}' is {status}.",
        "稼働を続ける基盤を集約先にしてください。",
        "Choose a platform that stays in operation as the target.",
        "A consolidation plan must merge into a platform that will still run.",
    ),
    FindingType(
        "A008", "consolidation-cycle", W,
        "集約計画の循環", "Consolidation cycle",
        "集約計画が循環しています: {involved}",
        "The consolidation plan forms a cycle: {involved}",
        "集約の向きを見直し、最後は 1 つの基盤に集まるようにしてください。",
        "Fix the direction so every chain ends in one platform.",
        "Platforms that merge into each other never end in one platform.",
    ),
    FindingType(
        "A009", "participant-other-prefecture", W,
        "他の都道府県の参加団体", "Participant from another prefecture",
        "参加団体 {value}（{name}）は他の都道府県の団体ですが、都道府県を越える共同利用と書かれていません。",
        "The participant {value} ({name}) belongs to another prefecture, but the platform does not say it is shared across prefectures.",
        "越境の共同利用なら cross_prefecture: true にしてください。そうでなければ参加団体を確認してください。",
        "Set cross_prefecture: true if the sharing crosses prefectures; otherwise check the participant.",
        "Sharing is organised per prefecture; sharing across a border must be stated.",
    ),
    FindingType(
        "A010", "migration-pattern-mismatch", W,
        "移行パターンが現状と合わない", "Migration pattern does not fit",
        "移行パターン {value} は登録された現状と合いません: {detail}",
        "The migration pattern {value} does not fit the registered state: {detail}",
        "GB3 §8.2: A は域内に基盤なし、B は市区町村の基盤が 1 つ、C は基盤が複数、D は市区町村の基盤が県の基盤に参加。",
        "GB3 §8.2: A no platform in the prefecture; B one municipality's platform; C several platforms; D a municipal platform joining the prefecture's.",
        "The migration pattern of the vision (GB3 §8.2) must fit the registered platforms.",
    ),
    FindingType(
        "A011", "target-type-unreachable", W,
        "目標の型に到達できない", "Target type unreachable",
        "目標の型 {target} には現在の型 {current} から到達できません（GB3 §7.2 の発展経路）。",
        "The target type {target} cannot be reached from the current type {current} along GB3 §7.2's paths.",
        "到達できる型: {reachable}",
        "Reachable types: {reachable}",
        "GB3 §7.2 and §8.2: before sharing 1.x → 2.1/2.2/2.4/2.6/2.8 by pattern; single-platform "
        "path 2.1/2.3 → 2.2 → 2.4; multi-platform path 2.5/2.7 → 2.6/2.8 → 2.4.",
    ),
    FindingType(
        "A012", "exception-no-longer-needed", W,
        "不要になった例外", "Exception no longer needed",
        "{what} は、もう必要ありません（{why}）。",
        "{what_en} is no longer needed ({why_en}).",
        "不要になった理由・例外を削除してください。",
        "Delete the reason or exception that no longer applies.",
        "A recorded reason that excuses something that no longer happens is itself reported, so "
        "exceptions cannot rot.",
    ),
    # --- X: cross-file ----------------------------------------------------------------------
    FindingType(
        "X001", "duplicate-platform-id", E,
        "基盤 ID の重複", "Duplicate platform id",
        "基盤 ID「{value}」は {other} でも使われています。",
        "The platform id '{value}' is also used in {other}.",
        "基盤 ID はレジストリ全体で一意です。都道府県名などを含めた別の ID にしてください。",
        "Platform ids are unique across the registry; choose another, e.g. with the prefecture "
        "in it.",
        "Platform ids identify a platform across files, years and prefectures.",
    ),
    FindingType(
        "X002", "unknown-platform", E,
        "存在しない基盤 ID", "Unknown platform id",
        "基盤 ID「{value}」はどの platforms.yaml にもありません。",
        "The platform id '{value}' is not defined in any platforms.yaml.",
        "platforms.yaml の id を確認してください。",
        "Check the ids in platforms.yaml.",
        "A reference to a platform id that no platforms.yaml defines.",
    ),
    FindingType(
        "X003", "municipality-missing", E,
        "市区町村の行がない", "Municipality row missing",
        "{name}（{value}）の行が municipalities.csv にありません。",
        "{name} ({value}) has no row in municipalities.csv.",
        "次の行を追加してください: {row}",
        "Add this row: {row}",
        "municipalities.csv lists exactly the prefecture's municipalities: cities, towns, "
        "villages and Tokyo's special wards (not designated-city wards, not the six "
        "non-administered villages).",
    ),
    FindingType(
        "X004", "not-a-municipality", E,
        "市区町村ではない", "Not a municipality",
        "{value}（{name}）は回答対象の市区町村ではありません（{kind}）。",
        "{value} ({name}) is not a surveyed municipality ({kind}).",
        "この行を削除してください。政令指定都市の区は市としてまとめて回答します。",
        "Delete this row. A designated city answers for its wards.",
        "A row for a prefecture, a designated-city ward or a non-administered village.",
    ),
    FindingType(
        "X005", "datapackage-mismatch", E,
        "データパッケージの記述が合わない", "Data package mismatch",
        "datapackage.yaml の記述が違います: {detail}",
        "datapackage.yaml does not describe the folder: {detail}",
        "他の都道府県の datapackage.yaml と同じ内容にしてください（name だけが異なります）。",
        "Make it match any other prefecture's datapackage.yaml (only the name differs).",
        "Each folder's frictionless data package lists its CSV resources with their paths and "
        "Table Schemas, so any frictionless tool can read the folder.",
    ),
    FindingType(
        "X007", "platform-of-another-prefecture", E,
        "他の都道府県の基盤のデータ", "Data of another prefecture's platform",
        "基盤「{value}」は {other} に登録された他の都道府県の基盤です。",
        "The platform '{value}' is registered in another prefecture ({other}).",
        "基盤のサービス・データアセット・指標は、その基盤を登録した都道府県のフォルダに書いてください。",
        "Write a platform's services, data assets and figures in the folder of the prefecture that registers it.",
        "services.csv, data-assets.csv and kpis.csv describe platforms of their own folder's "
        "prefecture; municipal-platforms.csv may name any prefecture's platform.",
    ),
    FindingType(
        "X006", "answer-inconsistent", E,
        "回答の内容が矛盾", "Inconsistent answer",
        "回答状況が「{status}」なのに列「{field}」に値があります。",
        "The answer status is '{status}' but column '{field}' has a value.",
        "回答状況を answered にするか、値を削除してください。",
        "Set answer_status to answered, or clear the value.",
        "A municipality that has not answered cannot have answer values; an unanswered row is "
        "'unknown', not 'none'.",
    ),
    FindingType(
        "X012", "prefecture-folder-missing", E,
        "都道府県のフォルダがない", "Prefecture folder missing",
        "{name}（{code}）のフォルダ {folder} がありません。",
        "The folder {folder} of {name} ({code}) is missing.",
        "renkei scaffold {code} で空のフォルダを作ってください（既存のファイルは上書きしません）。",
        "Create it blank with renkei scaffold {code} (it never overwrites existing files).",
        "The registry holds one folder for every prefecture of the code list, so that a "
        "prefecture with nothing registered yet is visible as such rather than absent. Checked "
        "when the whole registry is validated.",
    ),
    # --- W: workbook and CSV import --------------------------------------------------------
    FindingType(
        "W001", "workbook-unreadable", E,
        "ブックを読めない", "Workbook unreadable",
        "{name} は .xlsx のブックとして読めません（{detail}）。",
        "{name} cannot be read as an .xlsx workbook ({detail}).",
        "Excel で開き、「Excel ブック (*.xlsx)」として保存し直してください。",
        "Open it in Excel and save it again as \"Excel Workbook (*.xlsx)\".",
        "The file is not a zip-based .xlsx workbook, or its parts are damaged.",
    ),
    FindingType(
        "W002", "workbook-macro", E,
        "マクロ付きのブック", "Macro-enabled workbook",
        "{name} はマクロ付きのブック（.xlsm など）です。取り込みません。",
        "{name} is a macro-enabled workbook (.xlsm or similar); it is not imported.",
        "マクロを含まない「Excel ブック (*.xlsx)」として保存し直してください。",
        "Save it as a plain \"Excel Workbook (*.xlsx)\" without macros.",
        "Macro-enabled workbooks (.xlsm, .xltm, .xlam, .xlsb, or any file holding "
        "vbaProject.bin) are refused before they are opened.",
    ),
    FindingType(
        "W003", "workbook-encrypted", E,
        "暗号化されたブック", "Encrypted workbook",
        "{name} はパスワードで暗号化されているか、古い .xls 形式です。",
        "{name} is password-encrypted or in the old .xls format.",
        "パスワードを外し、「Excel ブック (*.xlsx)」として保存し直してください。",
        "Remove the password and save it as \"Excel Workbook (*.xlsx)\".",
        "An OLE compound file (D0 CF 11 E0): an encrypted .xlsx or a legacy .xls.",
    ),
    FindingType(
        "W004", "workbook-too-large", E,
        "ブックが大きすぎる", "Workbook too large",
        "ブックが大きすぎるか、展開すると大きくなりすぎます（{detail}）。",
        "The workbook is too large, or expands too much when unpacked ({detail}).",
        "この都道府県のデータだけを含むブックにしてください（renkei export-xlsx で作り直せます）。",
        "Keep only this prefecture's data in the workbook (renkei export-xlsx makes a fresh one).",
        "Limits on file size, total uncompressed size, number of parts and compression ratio "
        "protect against zip bombs; they are checked before the workbook is parsed.",
    ),
    FindingType(
        "W005", "sheet-ignored", W,
        "取り込まないシート", "Sheet ignored",
        "シート「{sheet}」は取り込みの対象ではないため無視します。",
        "The sheet '{sheet}' is not one the import reads; it is ignored.",
        "シート名を変えた場合は元の名前に戻してください。",
        "If you renamed a sheet, give it back its original name.",
        "Extra sheets (notes, pivots, copies) are allowed and ignored.",
    ),
    FindingType(
        "W006", "column-missing", E,
        "列がない", "Column missing",
        "シート「{sheet}」に列「{name}」（{field}）がありません。",
        "The sheet '{sheet}' has no column '{name}' ({field}).",
        "1 行目に項目名「{name}」の列を戻してください。列の順番は自由です。",
        "Put back a column headed '{name}' in row 1; the column order is free.",
        "Columns are found by their header in row 1 (Japanese or English name, or the field "
        "name). A missing required column is an error; a missing optional column a warning "
        "(its CSV values become empty; a platform field keeps its current value).",
    ),
    FindingType(
        "W007", "column-unknown", W,
        "不明な列", "Unknown column",
        "シート「{sheet}」の列「{value}」は項目名が分からないため無視します。",
        "The column '{value}' of the sheet '{sheet}' has an unknown header; it is ignored.",
        "項目名は「項目定義」シートにあります。",
        "The headers are listed in the sheet 項目定義.",
        "A header that matches no field of the sheet.",
    ),
    FindingType(
        "W008", "machine-readability", E,
        "機械判読のルール違反", "Machine-readability rule broken",
        "デジタル庁の機械判読のルール {rule}「{rule_ja}」に反しています。{detail}",
        "Breaks the Agency's machine-readability rule {rule}: {rule_en}. {detail}",
        "1 セル 1 データ、1 シート 1 表、結合・非表示・数式・図形なしの表にしてください"
        "（registry/reference/machine-readability-rules.csv）。",
        "Keep one table per sheet and one datum per cell, with no merged cells, hidden rows, "
        "formulas or shapes (registry/reference/machine-readability-rules.csv).",
        "The Agency's rules for machine-readable data (digital-go-jp/machine_readability_rule). "
        "Merged cells, hidden rows or columns, formulas, several tables on a sheet and headers "
        "not in row 1 are errors; objects, formatting, platform-dependent characters, "
        "thousands separators and blank rows are warnings.",
    ),
    FindingType(
        "W009", "sheet-missing", W,
        "シートがない", "Sheet missing",
        "シート「{sheet}」がありません。{target} は変更しません。",
        "There is no sheet '{sheet}'; {target} is left as it is.",
        "そのファイルも取り込むには、renkei export-xlsx で作ったブックのシートを戻してください。",
        "To import that file too, put back the sheet from a workbook made by renkei export-xlsx.",
        "A data sheet is absent: its file is not changed (deleting every row empties it).",
    ),
    FindingType(
        "W010", "csv-encoding", E,
        "CSV の文字コードが不明", "Unknown CSV encoding",
        "{name} は UTF-8 でも Shift_JIS（CP932）でも読めません。",
        "{name} is neither UTF-8 nor Shift_JIS (CP932).",
        "Excel で「CSV UTF-8（コンマ区切り）」として保存し直してください。",
        "Save it from Excel as \"CSV UTF-8 (Comma delimited)\".",
        "renkei import-csv reads UTF-8 (with or without BOM) and Shift_JIS/CP932.",
    ),
    FindingType(
        "W011", "platform-row-unmatched", W,
        "照合できない基盤の行", "Platform row not matched",
        "_id「{value}」の基盤は platforms.yaml にありません。新しい基盤として扱います。",
        "No platform in platforms.yaml has the _id '{value}'; the row is taken as a new platform.",
        "別の都道府県や古いブックの行でないか確認してください。",
        "Check that the row is not from another prefecture's or an older workbook.",
        "The hidden _id column matches platform rows to platforms.yaml entries, so nested "
        "fields (modules, sources, …) are kept when an id is renamed.",
    ),
    FindingType(
        "W012", "workbook-external-link", E,
        "外部リンクを含むブック", "Workbook with external links",
        "{name} は外部のファイルやサイトへのリンクを含みます。取り込みません。",
        "{name} links to external files or sites; it is not imported.",
        "Excel の「データ」→「リンクの編集」でリンクを解除し、値として保存し直してください。",
        "Break the links (Data → Edit Links → Break Link) so only values remain, and save again.",
        "External links (xl/externalLinks/) pull data from other files or the network when the "
        "workbook is opened; such workbooks are refused before they are read.",
    ),
]
# fmt: on

CATALOGUE: dict[str, FindingType] = {t.code: t for t in _TYPES}


def finding_type(code: str) -> FindingType:
    return CATALOGUE[code]
