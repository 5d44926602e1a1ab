"""`renkei export-xlsx`: a workbook prefilled with a prefecture's data.

Sheets: 説明 (instructions, Japanese then English), 項目定義 (every column: sheet, letter,
Japanese and English name, ASCII field name, kind), コード表 (the code lists behind the
drop-downs, one long table), then one sheet per table. Row 1 is the header (Japanese; the
English name and field name are in the header's comment), locked; data cells are unlocked.
Every cell is a value, never a formula: formula-like text (renkei.escape.spreadsheet) is stored
as text.
The workbook meets the Agency's machine-readability rules: one table per sheet starting in A1,
no merged cells, no formulas, no objects, codes with a code table.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from renkei.escape.spreadsheet import is_formula_like
from renkei.registry.machine_readability import UNWRITABLE
from renkei.registry.reference import Reference
from renkei.registry.safe_files import (
    check_writable,
    default_file_mode,
    move_into_place,
    stage_beside,
)
from renkei.workbook.cells import to_cell
from renkei.workbook.layout import (
    CODES_SHEET,
    DEFINITIONS_SHEET,
    HIDDEN_ID,
    INSTRUCTIONS_SHEET,
    SheetSpec,
    datamap_sheets,
    standard_sheets,
)
from renkei.workbook.source import PrefectureData, platform_cell_text, read_prefecture

VALIDATION_ROWS = 5000
KIND_JA = {
    "text": "文字列",
    "code": "団体コード（6 桁の文字列）",
    "platform": "基盤 ID",
    "id": "ID（英小文字・数字・ハイフン）",
    "enum": "選択肢（コード表）",
    "integer": "整数",
    "fiscal_year": "年度（西暦の開始年。令和7年度 = 2025）",
    "number": "数値（単位は別の列）",
    "date": "日付（西暦 YYYY-MM-DD）",
    "partial_date": "日付（YYYY、YYYY-MM または YYYY-MM-DD）",
    "boolean": "true / false / unknown",
    "fields": "分野 ID（複数は ; で区切る）",
}


def _instructions(name: str, code: str, sheets: list[SheetSpec]) -> list[tuple[str, str]]:
    sheet_names = "、".join(s.name for s in sheets)
    return [
        (
            f"このブックは {name} のレジストリから renkei export-xlsx で作成しました"
            f"（{dt.date.today().isoformat()}）。",
            f"Exported from the registry for {name} with renkei export-xlsx.",
        ),
        (
            f"シート {sheet_names} を編集し、renkei import-xlsx {code} ファイル名.xlsx で取り込みます。"
            "変更点が表示されます。--write を付けたときだけ、検証に通った場合に限りファイルを書き換えます。",
            f"Edit the sheets {', '.join(s.name for s in sheets)}, then run renkei import-xlsx "
            f"{code} FILE.xlsx: it shows what would change; --write writes only a valid result.",
        ),
        (
            "1 行目は項目名です（変更しない）。列の順番は入れ替えてもかまいません。1 行が 1 件です。",
            "Row 1 holds the headers (keep them); columns may be reordered. One row per record.",
        ),
        (
            "確認できない値は unknown と書きます。「ない」は空欄・none・false・0 で表します。",
            "Write unknown for a value no source confirms; none, false, 0 or blank mean there is none.",
        ),
        (
            "団体コードは 6 桁（例: 131016）。日付は西暦（2025-03-31）。和暦（令和7年3月31日、R7.3.31）も読み取ります。",
            "Local government codes have 6 digits; dates are YYYY-MM-DD (和暦 dates are read too).",
        ),
        (
            "platforms シートの非表示の列 _id は基盤の照合に使います。変更しないでください。"
            "新しい基盤の行では空のままにします。",
            "The hidden column _id of the platforms sheet matches rows to platforms; leave it as "
            "it is (blank for a new platform).",
        ),
        (
            "モジュール・参加団体・費用・出典などの入れ子の項目はこのブックにはなく、取り込んでも "
            "platforms.yaml の値がそのまま残ります。新しい基盤の出典は platforms.yaml に書きます。",
            "Nested fields (modules, participants, costs, sources, …) are not in the workbook; the "
            "import keeps them from platforms.yaml. A new platform's sources go in platforms.yaml.",
        ),
        (
            f"選択肢は「{CODES_SHEET}」、各列の説明は「{DEFINITIONS_SHEET}」シートにあります。",
            f"Choices are in the sheet {CODES_SHEET}, column definitions in {DEFINITIONS_SHEET}.",
        ),
        (
            "セルの結合・非表示の行・数式・図形は使わないでください（デジタル庁の機械判読可能なデータの表記方法）。"
            "文字コードは UTF-8 です（CSV で保存するときは「CSV UTF-8」）。",
            "No merged cells, hidden rows, formulas or shapes (the Agency's machine-readability "
            "rules). Text is UTF-8 (save CSV as CSV UTF-8).",
        ),
    ]


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


def _code_lists(
    root: Path, data: PrefectureData, sheets: list[SheetSpec]
) -> dict[str, list[tuple[str, str, str]]]:
    reference = Reference(root)
    code = data.folder.split("-", 1)[0]
    lists: dict[str, list[tuple[str, str, str]]] = {}
    wanted = {c.list_name for s in sheets for c in s.columns if c.list_name and not c.hidden}
    prefecture = reference.prefectures.get(code)
    if "lg_code" in wanted:
        bodies = ([prefecture] if prefecture else []) + reference.municipalities_of(code)
        lists["lg_code"] = [(b.lg_code, b.name, b.kind) for b in bodies]
    if "field" in wanted:
        lists["field"] = [(f.id, f.name_ja, f.name_en) for f in reference.fields.values()]
    if "platform_id" in wanted:
        ids = [i for p in data.platforms if isinstance(i := p.get("id"), str)]
        for header, rows in data.tables.values():
            if "platform_id" in header:
                index = header.index("platform_id")
                ids.extend(r[index] for r in rows if len(r) > index and r[index])
        lists["platform_id"] = [(i, "", "") for i in dict.fromkeys(ids)]
    if "boolean" in wanted:
        lists["boolean"] = [("true", "はい", "yes"), ("false", "いいえ", "no"),
                            ("unknown", "不明", "unknown")]  # fmt: skip
    for sheet in sheets:
        for column in sheet.columns:
            if column.kind == "enum" and column.key not in lists:
                labels = reference.labels(ENUM_VOCABULARY.get(column.key, column.key))
                lists[column.key] = [(v, *labels.get(v, ("", ""))) for v in column.choices]
    return lists


class UnwritableValue(ValueError):
    """A value holding a character no workbook can hold (R013: `renkei validate` names it)."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


def _set(cell: Cell | MergedCell, value: Any) -> None:
    if isinstance(value, str) and UNWRITABLE.search(value):
        raise UnwritableValue(f"{cell.parent.title}!{cell.coordinate}")
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"  # text, never a formula
        cell.quotePrefix = True


def _header(ws: Worksheet, headers: list[str], widths: list[int]) -> None:
    for index, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=1, column=index)
        _set(cell, text)
        cell.font = Font(bold=True)
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"


def _info_sheet(
    ws: Worksheet, headers: list[str], rows: list[list[Any]], widths: list[int]
) -> None:
    _header(ws, headers, widths)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            _set(ws.cell(row=r, column=c), value if value != "" else None)
            ws.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")


def _rows_for(sheet: SheetSpec, data: PrefectureData) -> list[list[str]]:
    if sheet.table is None:
        rows = []
        for platform in data.platforms:
            row = [platform_cell_text(platform.get(c.key)) for c in sheet.columns[:-1]]
            rows.append([*row, platform_cell_text(platform.get("id"))])
        return rows
    header, table_rows = data.tables[sheet.table]
    out = []
    for row in table_rows:
        values = dict(zip(header, row, strict=False))
        out.append([values.get(c.key, "") for c in sheet.columns])
    return out


def _data_sheet(
    ws: Worksheet, sheet: SheetSpec, rows: list[list[str]], list_ranges: dict[str, str]
) -> None:
    widths = [max(12, min(40, len(c.ja) * 2 + 4)) for c in sheet.columns]
    _header(ws, [c.ja for c in sheet.columns], widths)
    unlocked = Protection(locked=False)
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        header = ws.cell(row=1, column=index)
        lines = [column.en, f"field: {column.key}", KIND_JA[column.kind]]
        if column.required:
            lines.append("必須 / required")
        header.comment = Comment("\n".join(lines), "renkei", width=300, height=120)
        dimension = ws.column_dimensions[letter]
        dimension.protection = unlocked
        if column.kind not in ("integer", "fiscal_year", "number"):
            dimension.number_format = "@"
        if column.hidden:
            dimension.hidden = True
        list_name = column.list_name
        if list_name and list_name in list_ranges and not column.hidden:
            strict = column.kind in ("enum", "boolean")
            validation = DataValidation(
                type="list",
                formula1=list_ranges[list_name],
                allow_blank=True,
                showErrorMessage=strict,
                showInputMessage=True,
                promptTitle=column.ja[:32],
                prompt=f"{KIND_JA[column.kind]}（{CODES_SHEET}: {list_name}）"[:255],
            )
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{VALIDATION_ROWS}")
    for r, row in enumerate(rows, start=2):
        for c, (column, text) in enumerate(zip(sheet.columns, row, strict=True), start=1):
            cell = ws.cell(row=r, column=c)
            value = to_cell(text, column.kind)
            _set(cell, value)
            cell.protection = unlocked
            if isinstance(value, str):
                cell.number_format = "@"
    ws.protection.sheet = True
    for option in ("insertRows", "deleteRows", "sort", "autoFilter", "formatColumns",
                   "formatRows", "formatCells"):  # fmt: skip
        setattr(ws.protection, option, False)


def build_workbook(root: Path, folder: str, layout: str = "standard") -> Workbook:
    """The survey workbook of a prefecture folder: instructions, column definitions, code lists
    and one sheet per data file (`layout` "standard" or "datamap")."""
    data = read_prefecture(root, folder)
    reference = Reference(root)
    code = folder.split("-", 1)[0]
    prefecture = reference.prefectures.get(code)
    name = prefecture.name if prefecture else folder
    sheets = standard_sheets(root) if layout == "standard" else datamap_sheets(root)
    workbook = Workbook()
    instructions = workbook.active
    assert isinstance(instructions, Worksheet)  # a new workbook has one worksheet, active
    instructions.title = INSTRUCTIONS_SHEET
    rows = [[i, ja, en] for i, (ja, en) in enumerate(_instructions(name, code, sheets), start=1)]
    _info_sheet(instructions, ["番号", "説明", "Description"], rows, [6, 80, 60])
    definitions = workbook.create_sheet(DEFINITIONS_SHEET)
    definition_rows = []
    for sheet in sheets:
        for index, column in enumerate(sheet.columns, start=1):
            definition_rows.append(
                [sheet.name, get_column_letter(index), column.ja, column.en, column.key,
                 "必須" if column.required else "", KIND_JA[column.kind],
                 column.list_name or "", column.description]
            )  # fmt: skip
    _info_sheet(
        definitions,
        [
            "シート",
            "列",
            "項目名",
            "項目名（英語）",
            "フィールド名",
            "必須",
            "入力",
            "コード表",
            "説明",
        ],
        definition_rows,
        [16, 6, 24, 28, 22, 8, 30, 14, 60],
    )
    codes = workbook.create_sheet(CODES_SHEET)
    lists = _code_lists(root, data, sheets)
    code_rows: list[list[Any]] = []
    list_ranges: dict[str, str] = {}
    for list_name, items in lists.items():
        if not items:
            continue
        first = len(code_rows) + 2
        code_rows.extend([list_name, value, ja, en] for value, ja, en in items)
        list_ranges[list_name] = f"'{CODES_SHEET}'!$B${first}:$B${len(code_rows) + 1}"
    _info_sheet(
        codes, ["リスト", "コード", "名称", "名称（英語・よみ）"], code_rows, [22, 28, 24, 40]
    )
    for row in range(2, len(code_rows) + 2):
        codes.cell(row=row, column=2).number_format = "@"
    for sheet in sheets:
        _data_sheet(workbook.create_sheet(sheet.name), sheet, _rows_for(sheet, data), list_ranges)
    workbook.active = workbook.sheetnames.index(sheets[0].name)
    return workbook


def export_workbook(root: Path, folder: str, output: Path, layout: str = "standard") -> None:
    """Write the workbook beside `output`, then rename it into place. A link or special file in
    the output's place is refused (`UnsafeFile`), never written through."""
    check_writable(output)
    workbook = build_workbook(root, folder, layout)
    output = output.parent.resolve() / output.name  # the directory may be a link, the name not
    # A new workbook, even one replacing an old: the usual mode for new files.
    temp = stage_beside(output, lambda staged: workbook.save(staged), mode=default_file_mode())
    move_into_place(temp, output)


__all__ = ["HIDDEN_ID", "build_workbook", "export_workbook"]
