"""The prefecture as the hub (A016): a municipality that intends to build a new platform while
the prefecture's own platform is open to municipalities.

Notice of 2024-05-10, 記2(3): 「市区町村がデータ連携基盤の新規利用を検討する際、相談をできるような
連絡体制を構築し、基盤の乱立抑制・共同利用を促す”ハブ”としての役割を担い、市区町村が過大な投資を
せずに既にある基盤を有効活用できるようサポートいただきたい。」 GB3 §8.2 パターンD is the path
such a municipality would take (「都道府県が用意した、あるいは広域で運営されている巨大な共通
データハブへと合流・移行するパターン」).
"""

from __future__ import annotations

from renkei.checks.platform_entries import Entry, platform_entries
from renkei.checks.table_rows import TypedRow
from renkei.findings import codes
from renkei.findings.model import Finding
from renkei.registry.loaders.csv_loader import CsvTable
from renkei.registry.loaders.yaml_loader import YamlDocument

#: A platform a municipality can join now or soon; a planned one may still change.
_JOINABLE = frozenset({"building", "operating"})


def _participation_open(value: object) -> bool:
    """True when `participation` states use by others: shared, a number of municipalities of
    one or more, or all municipalities (GB3 §9.5 「県内全25市町」)."""
    if not isinstance(value, dict):
        return False
    count = value.get("municipalities")
    counted = isinstance(count, int) and not isinstance(count, bool) and count >= 1
    return value.get("shared") is True or counted or value.get("all_municipalities") is True


def open_prefectural_platforms(platforms: YamlDocument, prefecture_lg_code: str) -> list[Entry]:
    """The prefecture's own platforms (lead_body = its code), building or operating, that are
    open to municipalities: scope prefecture_wide, participants listed, or participation stated
    (shared, a number of municipalities, or all of them)."""
    found = []
    for entry in platform_entries(platforms):
        data = entry.data
        if data.get("lead_body") != prefecture_lg_code or entry.status not in _JOINABLE:
            continue
        participants = data.get("participants")
        if (
            data.get("user_scope") == "prefecture_wide"
            or (isinstance(participants, list) and participants)
            or _participation_open(data.get("participation"))
        ):
            found.append(entry)
    return found


def hub_findings(
    table: CsvTable, rows: list[TypedRow], platforms: YamlDocument, prefecture_lg_code: str
) -> list[Finding]:
    """A016 for each answered municipalities.csv row whose intention is build_new, when the
    prefecture's platform is open to it (one finding per row, at its intention cell)."""
    open_platforms = open_prefectural_platforms(platforms, prefecture_lg_code)
    if not open_platforms:
        return []
    ids = ", ".join(e.id for e in open_platforms)
    findings: list[Finding] = []
    for typed in rows:
        values = typed.values
        if values.get("answer_status") != "answered" or values.get("intention") != "build_new":
            continue
        code = typed.row.cells[typed.columns["lg_code"]] if "lg_code" in typed.columns else ""
        findings.append(
            codes.A016.make(
                table.path,
                table.cell_position(typed.row.line, typed.columns["intention"], typed.row.cells),
                f"row {typed.row.number}, column intention",
                name=str(values.get("name") or "?"),
                code=code,
                ids=ids,
            )
        )
    return findings
