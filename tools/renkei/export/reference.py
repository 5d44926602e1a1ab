"""The reference tables (registry/reference/*.csv) as export tables: the local government codes,
the fields, the technologies, the label vocabularies, the machine-readability rules and the
Agency's national counts. They have no Table Schemas: their keys, types and titles are stated
here, from registry/reference/SOURCE.md; a column not listed is text, titled by its name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from renkei.export.model import Column, ExportError, ExportTable
from renkei.export.tables import csv_value
from renkei.registry.loaders.csv_loader import load_csv_bytes
from renkei.registry.reference import REFERENCE_DIR
from renkei.registry.safe_files import SUPPORT_FILE_LIMIT, read_limited


@dataclass(frozen=True, slots=True)
class ReferenceSpec:
    """What the export says about one reference file: its table, title, key and columns
    (name → (Table Schema type, "日本語 / English" title))."""

    file: str
    table: str
    title: str
    primary_key: tuple[str, ...]
    columns: dict[str, tuple[str, str]]


SPECS = (
    ReferenceSpec("local-governments.csv", "local_governments", "地方公共団体コード / Local government codes", ("lg_code",), {
        "lg_code": ("string", "団体コード / Local government code"),
        "prefecture_code": ("string", "都道府県コード / Prefecture code"),
        "prefecture_id": ("string", "都道府県 ID（ローマ字） / Prefecture id (romaji)"),
        "prefecture_name": ("string", "都道府県名 / Prefecture name"),
        "name": ("string", "団体名 / Name"),
        "name_kana": ("string", "読み / Reading"),
        "kind": ("string", "種別 / Kind"),
        "parent_lg_code": ("string", "政令指定都市の団体コード（区のみ） / Designated city (wards only)"),
        "administered": ("boolean", "行政が機能している / Administered"),
    }),
    ReferenceSpec("fields.csv", "fields", "分野 / Fields", ("id",), {
        "id": ("string", "分野 ID / Field id"),
        "name_ja": ("string", "名称（日本語） / Name (Japanese)"),
        "name_en": ("string", "名称（英語） / Name (English)"),
        "source": ("string", "出典 / Source"),
    }),
    ReferenceSpec("technologies.csv", "technologies", "技術 / Technologies", ("id",), {
        "id": ("string", "技術 ID / Technology id"),
        "role": ("string", "役割 / Role"),
        "product": ("string", "製品 / Product"),
        "catalog_id": ("string", "カタログ ID / Catalogue id"),
        "recommended": ("boolean", "推奨 / Recommended"),
        "source": ("string", "出典 / Source"),
    }),
    ReferenceSpec("vocabularies.csv", "vocabularies", "値の表示名 / Label vocabularies", ("vocabulary", "value"), {
        "vocabulary": ("string", "語彙 / Vocabulary"),
        "value": ("string", "値 / Value"),
        "label_ja": ("string", "表示名（日本語） / Label (Japanese)"),
        "label_en": ("string", "表示名（英語） / Label (English)"),
        "source": ("string", "出典 / Source"),
        "note": ("string", "備考 / Note"),
    }),
    ReferenceSpec("machine-readability-rules.csv", "machine_readability_rules", "機械判読可能なデータの表記方法の統一ルール / Machine-readability rules", ("id",), {
        "id": ("string", "ルール ID / Rule id"),
        "level": ("integer", "レベル / Level"),
        "applies_to": ("string", "対象 / Applies to"),
        "name_ja": ("string", "ルール名称 / Rule name"),
        "gloss_en": ("string", "英語の要約 / English gloss"),
    }),
    ReferenceSpec("national-status.csv", "national_status", "全国における共同利用の現状（GB3 §6.6） / National sharing status", ("category",), {
        "category": ("string", "区分 / Category"),
        "prefectures": ("integer", "都道府県数 / Prefectures"),
        "as_of": ("date", "時点 / As of"),
        "source": ("string", "出典 / Source"),
        "label_ja": ("string", "区分の名称 / Category name"),
        "section": ("string", "節 / Section"),
        "file": ("string", "ファイル / File"),
        "commit": ("string", "コミット / Commit"),
    }),
)  # fmt: skip


def reference_tables(root: Path) -> list[ExportTable]:
    """Every reference file that exists, one export table each (a missing file is left out;
    one that cannot be parsed is an ExportError)."""
    from renkei.export.model import SQLITE_TYPES

    out = []
    for spec in SPECS:
        path = root / REFERENCE_DIR / spec.file
        if not path.is_file():
            continue
        display = f"{REFERENCE_DIR.as_posix()}/{spec.file}"
        table, findings = load_csv_bytes(read_limited(path, SUPPORT_FILE_LIMIT, root=root), display)
        if table is None:
            reason = findings[0].message_en if findings else "unreadable"
            raise ExportError(
                f"{display} cannot be read ({reason}); fix it first (renkei validate).",
                f"{display} を読めません（{reason}）。先に直してください（renkei validate）。",
            )
        kinds = {n: spec.columns.get(n, ("string", n))[0] for n in table.header}
        out.append(
            ExportTable(
                name=spec.table,
                title=spec.title,
                description=f"{display} の写し。 / A copy of {display}.",
                columns=[
                    Column(n, SQLITE_TYPES.get(kinds[n], "TEXT"), spec.columns.get(n, ("", n))[1])
                    for n in table.header
                ],
                primary_key=list(spec.primary_key),
                source=display,
                rows=[
                    {
                        n: csv_value(c, kinds[n])
                        for n, c in zip(table.header, row.cells, strict=False)
                    }
                    for row in table.rows
                ],
            )
        )
    return out
