"""Finding codes B: a submission bundle checked by `renkei verify-bundle`.

One constant per code; codes are stable: never reuse or renumber one."""

from __future__ import annotations

from renkei.findings.finding_type import ERROR, WARNING, FindingType

B001 = FindingType(
    code="B001",
    name="bundle-not-a-zip",
    severity=ERROR,
    title_ja="zip ファイルではない",
    title_en="Not a zip file",
    message_ja="zip ファイルとして読めません: {detail}",
    message_en="The file cannot be read as a zip: {detail}",
    hint_ja="renkei bundle が作ったファイルを指定してください。",
    hint_en="Give a file that renkei bundle wrote.",
    example={"detail": "File is not a zip file"},
    description="verify-bundle reads only zip files.",
)

B002 = FindingType(
    code="B002",
    name="bundle-unsafe-entry",
    severity=ERROR,
    title_ja="危険なエントリ名",
    title_en="Unsafe entry",
    message_ja="エントリ「{name}」は危険です（{why}）。",
    message_en="The entry '{name}' is unsafe ({why}).",
    hint_ja="このファイルは展開しないでください。提出元に確認してください。",
    hint_en="Do not unpack this file; check with whoever sent it.",
    example={"name": "../evil.csv", "why": "'..' part"},
    description=(
        "Absolute paths, `..`, backslashes and links could write outside the target "
        "directory when unpacked (zip slip); such bundles are refused."
    ),
)

B003 = FindingType(
    code="B003",
    name="bundle-oversized-entry",
    severity=ERROR,
    title_ja="大きすぎるエントリ",
    title_en="Oversized entry",
    message_ja="エントリ「{name}」は大きすぎます（{detail}）。",
    message_en="The entry '{name}' is too large ({detail}).",
    hint_ja="zip 爆弾の可能性があります。展開しないでください。",
    hint_en="This may be a zip bomb; do not unpack it.",
    example={"name": "data/platforms.csv", "detail": "expands 1,000×"},
    description=(
        "Entries over the size limit, or compressed more than the ratio limit, are "
        "refused before they are read."
    ),
)

B004 = FindingType(
    code="B004",
    name="bundle-hash-mismatch",
    severity=ERROR,
    title_ja="ハッシュ値が合わない",
    title_en="Hash mismatch",
    message_ja="「{name}」の {what} が manifest.json と一致しません。",
    message_en="The {what} of '{name}' does not match manifest.json.",
    hint_ja="バンドルが作成後に変更されています。作り直してください（renkei bundle）。",
    hint_en="The bundle changed after it was built; build it again (renkei bundle).",
    example={"name": "data/platforms.csv", "what": "SHA-256"},
    description="Every file's SHA-256 and size must match the manifest.",
)

B005 = FindingType(
    code="B005",
    name="bundle-file-missing",
    severity=ERROR,
    title_ja="ファイルがない",
    title_en="File missing",
    message_ja="manifest.json にある「{name}」がバンドルにありません。",
    message_en="'{name}' is listed in manifest.json but missing from the bundle.",
    hint_ja="バンドルを作り直してください。",
    hint_en="Build the bundle again.",
    example={"name": "data/kpis.csv"},
    description="A file the manifest lists is absent (or the manifest itself is).",
)

B006 = FindingType(
    code="B006",
    name="bundle-unexpected-file",
    severity=ERROR,
    title_ja="manifest にないファイル",
    title_en="File not in the manifest",
    message_ja="「{name}」は manifest.json にありません。",
    message_en="'{name}' is not listed in manifest.json.",
    hint_ja="後から追加されたファイルです。バンドルを作り直してください。",
    hint_en="It was added after the build; build the bundle again.",
    example={"name": "data/extra.csv"},
    description="A bundle holds exactly the files its manifest lists.",
)

B007 = FindingType(
    code="B007",
    name="bundle-invalid-data",
    severity=ERROR,
    title_ja="バンドルのデータが不正",
    title_en="Invalid data in the bundle",
    message_ja="「{name}」のデータが不正です: {detail}",
    message_en="The data in '{name}' is invalid: {detail}",
    hint_ja="バンドルを作り直してください。",
    hint_en="Build the bundle again.",
    example={
        "name": "data/municipalities.csv",
        "detail": "T005 line 4: The value \"answerd\" is not allowed in column 'answer_status'.",
    },
    description=(
        "The bundle's CSV tables are checked again against the Table Schemas in its "
        "datapackage.json, and vision.json and platforms.json against the JSON "
        "Schemas it holds."
    ),
)

B008 = FindingType(
    code="B008",
    name="bundle-rule-failed",
    severity=ERROR,
    title_ja="機械判読ルールを満たさない",
    title_en="Machine-readability rule failed",
    message_ja="書き出したファイルが機械判読ルール {rule} を満たしません（{detail}）。",
    message_en="The written file fails the machine-readability rule {rule} ({detail}).",
    hint_ja="renkei validate で見つからない場合は不具合です。コマンドとデータを添えて報告してください。",
    hint_en="If renkei validate finds nothing, this is a bug: report it with the command and data.",
    example={"rule": "L1-08", "detail": "data/platforms.csv: ①"},
    description=(
        "Every CSV file and the workbook a bundle holds are checked against the "
        "Agency's rules after they are written. validate reports the same characters "
        "first (R012–R014), so valid data always passes; a failure here stops the "
        "build (exit 1)."
    ),
)

B009 = FindingType(
    code="B009",
    name="bundle-not-encodable",
    severity=ERROR,
    title_ja="指定の文字コードで書けない",
    title_en="Not encodable",
    message_ja="「{character}」（{codepoint}）は {encoding} で書けません。",
    message_en="'{character}' ({codepoint}) cannot be written in {encoding}.",
    hint_ja="--csv-encoding utf-8 を使ってください（既定の BOM 付き UTF-8 は Excel で開けます）。",
    hint_en="Use --csv-encoding utf-8 (the default, with a BOM, opens in Excel).",
    example={"character": "𠮷", "codepoint": "U+20BB7", "encoding": "cp932"},
    description="Shift_JIS/CP932 cannot hold every character UTF-8 can (e.g. emoji, some kanji).",
)

B010 = FindingType(
    code="B010",
    name="bundle-duplicate-entry",
    severity=ERROR,
    title_ja="同名のエントリ",
    title_en="Duplicate entry",
    message_ja="エントリ「{name}」が 2 回以上あります。",
    message_en="The entry '{name}' appears more than once.",
    hint_ja="展開するツールによって読まれる方が違います。提出元に作り直してもらってください。",
    hint_en="Tools disagree on which copy they read; ask the sender to build the bundle again.",
    example={"name": "manifest.json"},
    description=(
        "A zip may hold two entries of one name; which one a reader takes differs "
        "between tools, so one copy could pass verification while another is used. "
        "Refused before reading."
    ),
)

B011 = FindingType(
    code="B011",
    name="bundle-encrypted-entry",
    severity=ERROR,
    title_ja="暗号化されたエントリ",
    title_en="Encrypted entry",
    message_ja="エントリ「{name}」は暗号化されています。",
    message_en="The entry '{name}' is encrypted.",
    hint_ja="renkei bundle は暗号化しません。作り直してください。",
    hint_en="renkei bundle never encrypts; build the bundle again.",
    example={"name": "data/platforms.csv"},
    description="The entry's encryption flag is set (general purpose bit 0). Refused before reading.",
)

B012 = FindingType(
    code="B012",
    name="bundle-unknown-compression",
    severity=ERROR,
    title_ja="不明な圧縮方式",
    title_en="Unknown compression method",
    message_ja="エントリ「{name}」の圧縮方式 {method} は使えません（無圧縮 0 と deflate 8 のみ）。",
    message_en=(
        "The entry '{name}' uses compression method {method}; only stored (0) and "
        "deflate (8) are read."
    ),
    hint_ja="renkei bundle で作り直してください。",
    hint_en="Build the bundle again with renkei bundle.",
    example={"name": "data/platforms.csv", "method": 14},
    description=(
        "renkei writes deflate; other methods (bzip2, LZMA, zstd, AES, …) are refused"
        " before reading, so no unexpected decompressor runs."
    ),
)

B013 = FindingType(
    code="B013",
    name="bundle-damaged-entry",
    severity=ERROR,
    title_ja="壊れたエントリ",
    title_en="Damaged entry",
    message_ja="「{name}」が壊れているか途中で切れています: {detail}",
    message_en="'{name}' is damaged or truncated: {detail}",
    hint_ja="ダウンロードやコピーをやり直してください。",
    hint_en="Download or copy the file again.",
    example={"name": "data/platforms.csv", "detail": "Bad CRC-32 for file 'data/platforms.csv'"},
    description=(
        "An entry whose CRC-32 does not match its data, whose compressed data ends "
        "early, or a zip that lost its end (central directory)."
    ),
)

B014 = FindingType(
    code="B014",
    name="bundle-manifest-malformed",
    severity=ERROR,
    title_ja="manifest.json が不正",
    title_en="Malformed manifest",
    message_ja="manifest.json が不正です: {detail}",
    message_en="manifest.json is malformed: {detail}",
    hint_ja="renkei bundle で作り直してください。",
    hint_en="Build the bundle again with renkei bundle.",
    example={"detail": "files[0].sha256: 'abc' does not match '^[0-9a-f]{64}$'"},
    description=(
        "manifest.json must be UTF-8 JSON without duplicate keys, match the manifest "
        "schema (tools/renkei/bundle/manifest_schema.py: every field present with its"
        " type, no other field), and list each file once by a relative, normalised "
        "(NFC) path."
    ),
)

B015 = FindingType(
    code="B015",
    name="bundle-differs-from-rebuild",
    severity=ERROR,
    title_ja="作り直した結果と異なる",
    title_en="Differs from the rebuild",
    message_ja="コミット {commit} から作り直したバンドルと一致しません: {detail}",
    message_en="The bundle differs from the one rebuilt from commit {commit}: {detail}",
    hint_ja=(
        "同じ版の renkei で作られていれば、データと manifest.json が作成後に変更されています。"
        "renkei bundle で作り直してください。別の版で作られたバンドルは、その版の renkei"
        "（タグ v＜版＞）で確かめてください。"
    ),
    hint_en=(
        "Built by this renkei version, the data and manifest.json were changed after the"
        " build: build it again with renkei bundle. A bundle built by another version is"
        " checked with that version of renkei (tag v<version>)."
    ),
    example={"commit": "0123456789", "detail": "data/platforms.csv differs"},
    description=(
        "Given the registry (--root, or the repository around the current directory),"
        " verify-bundle rebuilds the bundle from the commit, previous commit, date "
        "(as_of), draft flag and CSV encoding its manifest names and compares the "
        "bytes. This catches data and manifest changed together, which hashes alone "
        "cannot."
    ),
)

B016 = FindingType(
    code="B016",
    name="bundle-not-rebuilt",
    severity=WARNING,
    title_ja="作り直しての確認をしていない",
    title_en="Not checked against history",
    message_ja="作り直しての比較はできませんでした: {why_ja}。ハッシュとデータの検証のみです。",
    message_en=(
        "The bundle could not be compared with a rebuild: {why}. Only the hashes and "
        "the data were checked."
    ),
    hint_ja="レジストリの中で実行するか --root を指定し、コミットを含む履歴を取得してください。",
    hint_en="Run inside the registry or pass --root, with the history that holds the commit.",
    example={
        "why": "no registry with the commit 0123456789 was found",
        "why_ja": "コミット 0123456789 を含むレジストリが見つかりません",
    },
    description=(
        "A notice, not an error: without the registry (or the commit) verify-bundle "
        "cannot tell whether data and manifest were changed together."
    ),
)
