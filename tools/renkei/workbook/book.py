"""The one survey workbook: what `renkei export-xlsx` writes and the bundle's survey.xlsx is, and
what `renkei import-xlsx` reads, described once.

Sheets, in order: 説明 (instructions), 項目定義 (every column), コード表 (every list behind a
drop-down, each id with its labels), the data sheets people edit (platforms, then one per CSV
table: `renkei.workbook.layout`), then the read-only sheets of facts kept elsewhere (the
platforms' nested fields as long tables, the survey rounds), which the import skips.

Row 1 of every sheet is its header: the Japanese name with the field name beside it,
「回答状況（answer_status）」, which people read and the import matches whatever the order of the
columns. Drop-downs show labels (回答済み, 分野間); the import stores their ids
(`renkei.workbook.labels`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from renkei.registry.labels import LabelResolver, vocabulary_labels
from renkei.registry.reference import Reference
from renkei.workbook.layout import (
    CODES_SHEET,
    DEFINITIONS_SHEET,
    Column,
    SheetSpec,
    schema_sheet,
)

#: The read-only sheets (the bundle's long tables of nested platform fields, the survey rounds):
#: the import skips them. `platforms` is the editable sheet; its long form is platform-details.
READ_ONLY_SHEETS = (
    "vision",
    "survey-rounds",
    "platform-details",
    "platform-fields",
    "modules",
    "participants",
    "platform-sources",
)
#: Lists whose drop-down shows the ids (codes people know by number, platform ids).
ID_LISTS = frozenset(("lg_code", "platform_id"))
#: The label vocabulary (registry/reference/vocabularies.csv) of each enumerated column.
ENUM_VOCABULARY = {
    "kind": "platform_kind",
    "status": "platform_status",
    "service_provision": "provision",
    "platform_provision": "provision",
    "user_scope": "user_scope",
    "broker_data_management": "broker_data_management",
    "answer_status": "answer_status",
    "intention": "intention",
    "relation": "municipal_relation",
    "indicator": "kpi_indicator",
}
BOOLEAN_ITEMS = [("true", "はい", "yes"), ("false", "いいえ", "no"), ("unknown", "不明", "unknown")]
CODE_HEADERS = ("リスト（list）", "コード（id）", "名称（label）", "名称（英語）（label_en）")


def header_text(column: Column) -> str:
    """The header of a column: 「日本語（field）」, or the field name alone without a Japanese name."""
    if not column.ja or column.ja == column.key:
        return column.key
    return f"{column.ja}（{column.key}）"


@dataclass(frozen=True)
class BookSheet:
    """One sheet of the workbook: its columns, its rows (registry text) and whether people edit
    it (a data sheet) or only read it."""

    spec: SheetSpec
    rows: list[list[str]]
    editable: bool = True
    #: Headers in Japanese alone (the Data Map layout keeps the Agency's template's headers).
    plain_headers: bool = False

    @property
    def headers(self) -> list[str]:
        """Row 1 of the sheet."""
        return [c.ja if self.plain_headers else header_text(c) for c in self.spec.columns]


@dataclass
class Book:
    """A workbook to write: the prefecture, when and by what it was made, its data sheets and
    the code lists of their drop-downs (list name → (id, label, English label))."""

    name: str
    code: str
    when: dt.datetime
    sheets: list[BookSheet]
    lists: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    origin: str = "renkei export-xlsx"
    draft: bool = False


def read_only_sheet(name: str, fields: list[dict[str, Any]], rows: list[list[str]]) -> BookSheet:
    """A read-only sheet of a table given by its Table Schema fields."""
    spec = schema_sheet({"fields": fields}, name, name)
    return BookSheet(spec, rows, editable=False)


def enum_labels(reference: Reference, column: Column) -> dict[str, tuple[str, str]]:
    """The (Japanese, English) labels of an enumerated column's ids: from the vocabularies that
    hold all of them (`renkei.registry.labels`), else from the column's own vocabulary."""
    found = vocabulary_labels(column.choices, reference)
    named = reference.labels(ENUM_VOCABULARY.get(column.key, column.key))
    return {v: found.get(v) or named.get(v) or ("", "") for v in column.choices}


def code_lists(
    reference: Reference, code: str, platform_ids: Iterable[str], sheets: list[SheetSpec]
) -> dict[str, list[tuple[str, str, str]]]:
    """Every list behind the sheets' drop-downs, each id with its Japanese and English label:
    the prefecture's bodies, the fields, the platform ids, yes/no and each enumeration."""
    lists: dict[str, list[tuple[str, str, str]]] = {}
    wanted = {c.list_name for s in sheets for c in s.columns if c.list_name and not c.hidden}
    if "lg_code" in wanted:
        prefecture = reference.prefectures.get(code)
        bodies = ([prefecture] if prefecture else []) + reference.municipalities_of(code)
        lists["lg_code"] = [(b.lg_code, b.name, b.kind) for b in bodies]
    if "field" in wanted:
        lists["field"] = [(f.id, f.name_ja, f.name_en) for f in reference.fields.values()]
    if "platform_id" in wanted:
        lists["platform_id"] = [(i, "", "") for i in dict.fromkeys(platform_ids) if i]
    if "boolean" in wanted:
        lists["boolean"] = list(BOOLEAN_ITEMS)
    for sheet in sheets:
        for column in sheet.columns:
            if column.kind == "enum" and column.key not in lists:
                labels = enum_labels(reference, column)
                lists[column.key] = [(v, *labels[v]) for v in column.choices]
    return {name: items for name, items in lists.items() if items}


def shows_labels(list_name: str, items: list[tuple[str, str, str]]) -> bool:
    """Whether a list's drop-down shows its labels: every id has one, no two share one, and
    the import reads each back as its id (`renkei.registry.labels`)."""
    labels = [label for _, label, _ in items]
    if list_name in ID_LISTS or not all(labels) or len(set(labels)) != len(labels):
        return False
    resolver = LabelResolver({value: (ja, en) for value, ja, en in items})
    return all(resolver.resolve(label) == value for value, label, _ in items)


def code_table(
    lists: dict[str, list[tuple[str, str, str]]],
) -> tuple[list[list[str]], dict[str, str]]:
    """The コード表 rows (list, id, label, English label) and each list's drop-down range (the
    labels where `shows_labels`, else the ids)."""
    rows: list[list[str]] = []
    ranges: dict[str, str] = {}
    for name, items in lists.items():
        first = len(rows) + 2
        rows.extend([name, value, ja, en] for value, ja, en in items)
        column = "C" if shows_labels(name, items) else "B"
        ranges[name] = f"'{CODES_SHEET}'!${column}${first}:${column}${len(rows) + 1}"
    return rows, ranges


KIND_JA = {
    "text": "文字列",
    "code": "団体コード（6 桁の文字列）",
    "platform": "基盤 ID",
    "id": "ID（英小文字・数字・ハイフン）",
    "enum": "選択肢（コード表の名称またはコード）",
    "integer": "整数",
    "fiscal_year": "年度（西暦の開始年。令和7年度 = 2025）",
    "number": "数値（単位は別の列）",
    "date": "日付（西暦 YYYY-MM-DD）",
    "partial_date": "日付（YYYY、YYYY-MM または YYYY-MM-DD）",
    "boolean": "はい / いいえ / 不明（true / false / unknown）",
    "fields": "分野（名称または ID。複数は ; で区切る）",
}


def definition_rows(book: Book) -> list[list[str]]:
    """The 項目定義 rows: sheet, column letter, header, English name, field, required, kind,
    list, description, for every column of every data and read-only sheet."""
    from openpyxl.utils import get_column_letter

    rows = []
    for sheet in book.sheets:
        for index, column in enumerate(sheet.spec.columns, start=1):
            rows.append(
                [sheet.spec.name, get_column_letter(index), header_text(column), column.en,
                 column.key, "必須" if column.required else "", KIND_JA[column.kind],
                 column.list_name or "", "読み取り専用" if not sheet.editable else "",
                 column.description]
            )  # fmt: skip
    return rows


DEFINITION_HEADERS = ("シート（sheet）", "列（column）", "見出し（header）", "項目名（英語）（name_en）",
                      "フィールド名（field）", "必須（required）", "入力（kind）", "コード表（list）",
                      "編集（editable）", "説明（description）")  # fmt: skip


def instructions(book: Book) -> list[tuple[str, str]]:
    """The 説明 rows, Japanese then English."""
    data = [s.spec.name for s in book.sheets if s.editable]
    fixed = [s.spec.name for s in book.sheets if not s.editable]
    made = book.when.date().isoformat()
    lines = [
        (
            f"このブックは {book.name} のレジストリから {book.origin} で作成しました（{made}）。",
            f"Made from the registry for {book.name} with {book.origin} ({made}).",
        ),
        (
            f"シート {'、'.join(data)} を編集し、renkei import-xlsx {book.code} ファイル名.xlsx で"
            "取り込みます。変更点が表示されます。--write を付けたときだけ、検証に通った場合に限り"
            "ファイルを書き換えます。",
            f"Edit the sheets {', '.join(data)}, then run renkei import-xlsx {book.code} FILE.xlsx:"
            " it shows what would change; --write writes only a valid result.",
        ),
        (
            "1 行目は見出しです（「日本語（フィールド名）」。変更しない）。列の順番は入れ替えても、"
            "並べ替え・フィルターを使ってもかまいません。1 行が 1 件です。",
            "Row 1 holds the headers (name and field name; keep them). Columns may be reordered, "
            "rows sorted and filtered. One row per record.",
        ),
        (
            "選択肢の列はドロップダウンから名称（回答済み、分野間など）を選べます。取り込むときに"
            f"ID に変換します。一覧は「{CODES_SHEET}」、各列の説明は「{DEFINITIONS_SHEET}」にあります。",
            "Choose labels from the drop-downs; the import stores their ids. The lists are in "
            f"{CODES_SHEET}, the columns explained in {DEFINITIONS_SHEET}.",
        ),
        (
            "確認できない値は unknown（不明）と書きます。「ない」は空欄・none・false・0 で表します。",
            "Write unknown for a value no source confirms; none, false, 0 or blank mean there is none.",
        ),
        (
            "団体コードは 6 桁（例: 131016）。日付は西暦（2025-03-31）。和暦（令和7年3月31日、R7.3.31）も読み取ります。",
            "Local government codes have 6 digits; dates are YYYY-MM-DD (和暦 dates are read too).",
        ),
        (
            "platforms シートの最後の列 _id（元の基盤ID）は基盤の照合に使います。変更しないでください。"
            "新しい基盤の行では空のままにします。",
            "The last column _id of the platforms sheet matches rows to platforms; leave it as "
            "it is (blank for a new platform).",
        ),
        (
            "モジュール・参加団体・費用・出典などの入れ子の項目は platforms.yaml で編集します。"
            f"シート {'、'.join(fixed) or '（なし）'} は読み取り専用の参考で、取り込みでは読みません。",
            "Nested fields (modules, participants, costs, sources, …) are edited in platforms.yaml;"
            f" the sheets {', '.join(fixed) or '(none)'} are read-only and not imported.",
        ),
        (
            "セルの結合・非表示の行・数式・図形は使わないでください（デジタル庁の機械判読可能なデータの表記方法）。"
            "文字コードは UTF-8 です（CSV で保存するときは「CSV UTF-8」）。",
            "No merged cells, hidden rows, formulas or shapes (the Agency's machine-readability "
            "rules). Text is UTF-8 (save CSV as CSV UTF-8).",
        ),
    ]
    if book.draft:
        lines.insert(0, ("下書き（DRAFT）です。提出には使えません。", "DRAFT: not for submission."))
    return lines
