"""Finding codes P: reading and parsing a file (size, encoding, YAML syntax, safe paths).

One constant per code; codes are stable: never reuse or renumber one."""

from __future__ import annotations

from renkei.findings.finding_type import ERROR, WARNING, FindingType

P001 = FindingType(
    code="P001",
    name="file-too-large",
    severity=ERROR,
    title_ja="ファイルが大きすぎる",
    title_en="File too large",
    message_ja="ファイルが大きすぎます（{size:,} バイト、上限 {limit:,} バイト）。",
    message_en="The file is too large ({size:,} bytes; the limit is {limit:,} bytes).",
    hint_ja="1 つのファイルにまとめすぎていないか確認してください。上限は --max-file-size で変更できます。",
    hint_en="Check that the file holds only what belongs in it. Raise the limit with --max-file-size.",
    example={"size": 12582912, "limit": 10485760},
    description=(
        "A registry file is bigger than the size limit. Large files are refused "
        "before they are parsed so that a hostile or broken file cannot exhaust "
        "memory."
    ),
)

P002 = FindingType(
    code="P002",
    name="not-utf8",
    severity=ERROR,
    title_ja="UTF-8 ではない",
    title_en="Not UTF-8",
    message_ja="ファイルが UTF-8 ではありません（{detected}）。",
    message_en="The file is not UTF-8 ({detected}).",
    hint_ja="UTF-8 で保存し直してください。変換コマンド: {command}",
    hint_en="Save it again as UTF-8. To convert: {command}",
    example={
        "detected": "Shift_JIS (CP932)",
        "command": "iconv -f CP932 -t UTF-8 municipalities.csv > municipalities.utf8.csv",
    },
    description=(
        "Every registry file must be UTF-8. A CSV saved by Excel as Shift_JIS/CP932 "
        "is detected and the hint gives the exact command that converts it. UTF-16 "
        "files are refused too."
    ),
)

P003 = FindingType(
    code="P003",
    name="binary-file",
    severity=ERROR,
    title_ja="バイナリファイル",
    title_en="Binary file",
    message_ja="テキストファイルではありません（NUL バイトを含みます）。",
    message_en="This is not a text file (it contains NUL bytes).",
    hint_ja="YAML または CSV のテキストファイルを置いてください。Excel ファイルはそのまま置けません。",
    hint_en="Put a YAML or CSV text file here. An Excel workbook cannot be committed as is.",
    example={},
    description="The file contains NUL bytes, so it is binary (a workbook, an image, or a broken file).",
)

P004 = FindingType(
    code="P004",
    name="yaml-syntax",
    severity=ERROR,
    title_ja="YAML の構文エラー",
    title_en="YAML syntax error",
    message_ja="YAML の構文エラーです: {problem_ja}",
    message_en="YAML syntax error: {problem}",
    hint_ja="{advice}",
    hint_en="{advice_en}",
    example={
        "problem_ja": "ここには「キー: 値」を書けません",
        "problem": "a 'key: value' cannot start here (mapping values are not allowed in this "
        "context)",
        "advice": '値の中に「: 」（コロンと空白）があれば、値全体を引用符（"）で囲んでください。',
        "advice_en": "If the value contains ': ' (a colon and a space), put it in quotes (\").",
    },
    description=(
        "The YAML parser (libyaml) could not read the file. Each problem libyaml knows is "
        "told in Japanese and English with a hint, libyaml's own English words kept in "
        "brackets; an unknown one keeps libyaml's text. Where libyaml names the line after the "
        "mistake, the finding points at the mistake itself: an unclosed quote where it opens, "
        "a key without its colon on the key's line. A full-width space, colon or bracket typed "
        "in Japanese input mode is reported as P022 instead."
    ),
)

P005 = FindingType(
    code="P005",
    name="yaml-duplicate-key",
    severity=ERROR,
    title_ja="キーの重複",
    title_en="Duplicate key",
    message_ja="キー「{key}」が重複しています（最初は {first_line} 行目）。",
    message_en="The key '{key}' appears twice (first on line {first_line}).",
    hint_ja="どちらか一方を削除し、値を 1 つにまとめてください。",
    hint_en="Delete one of them so the key appears once.",
    example={"key": "name", "first_line": 5},
    description=(
        "A mapping has the same key twice. Most YAML tools silently keep the last one"
        " and lose the first; renkei refuses the file instead."
    ),
)

P006 = FindingType(
    code="P006",
    name="yaml-anchor-alias",
    severity=ERROR,
    title_ja="アンカー・エイリアスは使えない",
    title_en="Anchors and aliases are not allowed",
    message_ja="YAML のアンカー（&）とエイリアス（*）は使えません。",
    message_en="YAML anchors (&) and aliases (*) are not allowed.",
    hint_ja="同じ内容でも、それぞれの場所に書き出してください。",
    hint_en="Write the content out in full at each place.",
    example={},
    description=(
        "Anchors and aliases make a file hard to review line by line and allow alias "
        "bombs, so the registry refuses them."
    ),
)

P007 = FindingType(
    code="P007",
    name="yaml-tag",
    severity=ERROR,
    title_ja="タグは使えない",
    title_en="Tags are not allowed",
    message_ja="YAML のタグ「{tag}」は使えません。",
    message_en="The YAML tag '{tag}' is not allowed.",
    hint_ja="タグ（! で始まる記号）を削除してください。文字列にしたい値は引用符で囲みます。",
    hint_en="Remove the tag (the word starting with !). Quote a value to make it a string.",
    example={"tag": "!!str"},
    description=(
        "Explicit tags such as !!python/object or !!binary are refused: registry "
        "values are plain strings, numbers, true/false, lists and mappings."
    ),
)

P008 = FindingType(
    code="P008",
    name="yaml-too-deep",
    severity=ERROR,
    title_ja="入れ子が深すぎる",
    title_en="Nesting too deep",
    message_ja="入れ子が深すぎます（上限 {limit} 段）。",
    message_en="The nesting is too deep (the limit is {limit} levels).",
    hint_ja="インデントを確認してください。",
    hint_en="Check the indentation.",
    example={"limit": 32},
    description="The document nests lists and mappings deeper than any registry schema allows.",
)

P009 = FindingType(
    code="P009",
    name="yaml-multiple-documents",
    severity=ERROR,
    title_ja="複数のドキュメント",
    title_en="Several documents",
    message_ja="1 つのファイルに複数の YAML ドキュメント（---）があります。",
    message_en="The file holds more than one YAML document (---).",
    hint_ja="2 つ目の --- 以降を削除するか、別のファイルに分けてください。",
    hint_en="Delete the second --- and what follows, or move it to its own file.",
    example={},
    description="Each registry YAML file holds exactly one document.",
)

P010 = FindingType(
    code="P010",
    name="yaml-key-not-string",
    severity=ERROR,
    title_ja="キーが文字列ではない",
    title_en="Key is not a string",
    message_ja="マッピングのキーは文字列でなければなりません。",
    message_en="Mapping keys must be strings.",
    hint_ja="キーにリストやマッピングは使えません。",
    hint_en="A list or mapping cannot be a key.",
    example={},
    description="A mapping key is a list or a mapping; registry keys are plain names.",
)

P011 = FindingType(
    code="P011",
    name="csv-syntax",
    severity=ERROR,
    title_ja="CSV の構文エラー",
    title_en="CSV syntax error",
    message_ja="CSV を読めません: {problem}",
    message_en="The CSV cannot be read: {problem}",
    hint_ja='引用符（"）が閉じているか確認してください。値の中の " は "" と 2 つ重ねて書きます。',
    hint_en='Check that every quote (") is closed; write a quote inside a value as "".',
    example={"problem": "unexpected end of data inside a quoted value"},
    description="The CSV parser failed, usually because of an unclosed or stray quote.",
)

P012 = FindingType(
    code="P012",
    name="missing-file",
    severity=ERROR,
    title_ja="必要なファイルがない",
    title_en="Required file missing",
    message_ja="必要なファイル「{name}」がありません。",
    message_en="The required file '{name}' is missing.",
    hint_ja="テンプレート（registry/prefectures/ 内の他の都道府県）を参考に作成してください。",
    hint_en="Create it; any other prefecture folder in registry/prefectures/ shows the layout.",
    example={"name": "kpis.csv"},
    description="Every prefecture folder holds the same set of files.",
)

P013 = FindingType(
    code="P013",
    name="unexpected-file",
    severity=WARNING,
    title_ja="想定外のファイル",
    title_en="Unexpected file",
    message_ja="想定外のファイル「{name}」があります。",
    message_en="Unexpected file '{name}'.",
    hint_ja="ファイル名の誤りでなければ削除してください。",
    hint_en="Delete it unless the name is a typo.",
    example={"name": "platform.yaml"},
    description="A file in a prefecture folder that renkei does not read. Often a typo in a file name.",
)

P014 = FindingType(
    code="P014",
    name="too-many-rows",
    severity=ERROR,
    title_ja="行数が多すぎる",
    title_en="Too many rows",
    message_ja="行数が上限（{limit:,} 行）を超えています。",
    message_en="The table has more rows than the limit ({limit:,}).",
    hint_ja="ファイルを確認してください。上限は --max-rows で変更できます。",
    hint_en="Check the file. Raise the limit with --max-rows.",
    example={"limit": 5000},
    description="A CSV with more rows than any prefecture needs; reading stops at the limit.",
)

P015 = FindingType(
    code="P015",
    name="symlink",
    severity=ERROR,
    title_ja="シンボリックリンク",
    title_en="Symbolic link",
    message_ja="「{name}」はシンボリックリンクです。レジストリ内のリンクはたどりません。",
    message_en="'{name}' is a symbolic link; links inside the registry are never followed.",
    hint_ja="リンクではなく実際のファイルを置いてください。",
    hint_en="Put the real file here instead of a link.",
    example={"name": "kpis.csv"},
    description="A link could point outside the repository; renkei neither reads nor follows it.",
)

P016 = FindingType(
    code="P016",
    name="too-many-entries",
    severity=ERROR,
    title_ja="値が多すぎる",
    title_en="Too many entries",
    message_ja="値の数が上限（{limit:,} 個）を超えています。",
    message_en="The document holds more values than the limit ({limit:,}).",
    hint_ja="ファイルを確認してください。上限は --max-entries で変更できます。",
    hint_en="Check the file. Raise the limit with --max-entries.",
    example={"limit": 100000},
    description=(
        "A YAML file with more values than any registry file needs; reading stops at "
        "the limit, so a huge generated file cannot exhaust memory."
    ),
)

P017 = FindingType(
    code="P017",
    name="symlinked-folder",
    severity=ERROR,
    title_ja="シンボリックリンクのフォルダ",
    title_en="Symbolically linked folder",
    message_ja="フォルダ「{name}」はシンボリックリンクです。リンク先は読みません。",
    message_en="The folder '{name}' is a symbolic link; renkei does not follow it.",
    hint_ja="リンクを削除し、実際のフォルダを置いてください。",
    hint_en="Remove the link and put a real folder here.",
    example={"name": "99-elsewhere"},
    description="A linked folder could point outside the repository; it is reported, never followed.",
)

P018 = FindingType(
    code="P018",
    name="too-many-findings",
    severity=ERROR,
    title_ja="指摘が多すぎる",
    title_en="Too many findings",
    message_ja="このファイルの指摘が {limit:,} 件を超えたため、ここから後の行は調べていません。",
    message_en="This file has more than {limit:,} findings; the rows from here on were not checked.",
    hint_ja="ファイル全体が壊れていないか（列のずれ、別の表の貼り付けなど）確認し、先頭の指摘から直してください。",
    hint_en=(
        "Check whether the whole file is broken (shifted columns, another table "
        "pasted in) and fix the first findings first."
    ),
    example={"limit": 1000},
    description=(
        "A file with thousands of problems is usually broken as a whole; renkei stops"
        " checking it so the first, real problems stay readable and the run stays "
        "fast."
    ),
)

P019 = FindingType(
    code="P019",
    name="special-file",
    severity=ERROR,
    title_ja="通常のファイルではない",
    title_en="Not a regular file",
    message_ja="「{name}」は通常のファイルではありません（{kind_ja}）。読み書きしません。",
    message_en="'{name}' is not a regular file ({kind}); renkei neither reads nor writes it.",
    hint_ja="FIFO・デバイス・ソケット・フォルダを削除し、通常のファイルを置いてください。",
    hint_en="Remove the FIFO, device, socket or folder and put a regular file here.",
    example={"name": "kpis.csv", "kind": "FIFO", "kind_ja": "FIFO（名前付きパイプ）"},
    description=(
        "A FIFO would block a reader forever and a device can be endless; renkei "
        "opens every file without blocking, checks that it is a regular file and "
        "refuses anything else."
    ),
)

P020 = FindingType(
    code="P020",
    name="unsafe-tree-path",
    severity=ERROR,
    title_ja="Git ツリーの不正なパス",
    title_en="Unsafe path in a Git tree",
    message_ja="Git のツリーに不正なパス「{path}」があります（{reason_ja}）。",
    message_en="The Git tree holds an unsafe path '{path}' ({reason}).",
    hint_ja="そのコミットを使わず、正しいパスのファイルだけを含むコミットを作り直してください。",
    hint_en="Do not use that commit; make a new one whose files have plain relative paths.",
    example={"path": "../outside.yaml", "reason": "'..' part", "reason_ja": "「..」の要素"},
    description=(
        "Paths read from Git objects (snapshots, bundles, history) must be plain "
        "relative paths: no `..`, no absolute path, no empty or `.` part, no "
        "backslash. Git refuses to check out such trees, but a crafted commit can "
        "still hold them, so renkei refuses them too."
    ),
)

P021 = FindingType(
    code="P021",
    name="tree-link-entry",
    severity=ERROR,
    title_ja="Git ツリーのリンク",
    title_en="Link in a Git tree",
    message_ja="Git のツリーの「{path}」はファイルではなく{kind_ja}です。",
    message_en="'{path}' in the Git tree is a {kind}, not a file.",
    hint_ja="リンクやサブモジュールではなく、実際のファイルをコミットしてください。",
    hint_en="Commit the real file instead of a link or submodule.",
    example={
        "path": "registry/prefectures/13-tokyo/kpis.csv",
        "kind": "symbolic link",
        "kind_ja": "シンボリックリンク",
    },
    description=(
        "A symbolic link (mode 120000) or submodule (gitlink, mode 160000) in a "
        "registry folder could point anywhere; renkei neither reads nor follows it."
    ),
)

P022 = FindingType(
    code="P022",
    name="yaml-misplaced-character",
    severity=ERROR,
    title_ja="YAML の記号の位置に全角文字・特殊な空白",
    title_en="Full-width or special character where YAML expects its own",
    message_ja="{place_ja}に{char_ja}（{codepoint}）があります。ここは{expected_ja}です。",
    message_en="{char_en} ({codepoint}) {place_en}; YAML expects {expected_en} here.",
    hint_ja="日本語入力をオフにして{expected_ja}を入力し直してください。{advice}",
    hint_en="Switch the Japanese input mode off and type {expected_en} instead. {advice_en}",
    example={
        "place_ja": "インデント（行頭の字下げ）",
        "place_en": "in the indentation",
        "char_ja": "全角スペース",
        "char_en": "Full-width space",
        "codepoint": "U+3000",
        "expected_ja": "半角スペース",
        "expected_en": "a plain space",
        "advice": "値の中の全角スペースはそのままで構いません。",
        "advice_en": "A full-width space inside a value is fine as it is.",
    },
    description=(
        "Before libyaml reads a file, its text is scanned for characters that Japanese input "
        "mode types in place of YAML's own: a full-width space (U+3000), a no-break space or a "
        "tab in the indentation or right after a key's colon, a full-width colon (：) after a "
        "key, a long-vowel mark or full-width hyphen (ー － ‐) as a list marker, full-width "
        "brackets (［］｛｝) or curly quotes (“”) around a value. libyaml would report these one "
        "line late in English, or read them silently as text. Only these structural places "
        "are looked at: the same characters inside a value (a name, a quoted time 10：00) are "
        "data and never reported. The file is then not read further, so no finding elsewhere "
        "depends on its misread content."
    ),
)
