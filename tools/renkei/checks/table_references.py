"""The references in a prefecture's CSV tables: platform ids used, local-government codes (a
municipality of this prefecture, its name as registered), and the survey answers of
municipalities.csv (complete for answered rows, empty for the others, every municipality
present)."""

from __future__ import annotations

from renkei.checks.codes import code_findings, name_findings
from renkei.checks.suggest import lg_code_advice
from renkei.checks.table_rows import TypedRow
from renkei.findings import codes
from renkei.findings.model import Finding, Position
from renkei.registry.loaders.csv_loader import CsvTable
from renkei.registry.reference import LocalGovernment, Reference
from renkei.registry.results import IdUse, PrefectureResult


def table_references(
    reference: Reference,
    table: CsvTable,
    rows: list[TypedRow],
    code: str | None,
    pref_name: str,
    result: PrefectureResult,
) -> None:
    """The platform ids a table uses, and its local-government codes: each a municipality of this
    prefecture, named as registered (a bad code's value is cleared for the checks after)."""
    for typed in rows:
        platform_id = typed.values.get("platform_id")
        if isinstance(platform_id, str):
            index = typed.columns["platform_id"]
            position = table.cell_position(typed.row.line, index, typed.row.cells)
            result.referenced.append(
                IdUse(
                    platform_id,
                    table.path,
                    position.line,
                    position.column,
                    f"row {typed.row.number}, column platform_id",
                )
            )
        lg_code = typed.values.get("lg_code")
        if isinstance(lg_code, str) and code is not None:
            index = typed.columns["lg_code"]
            position = table.cell_position(typed.row.line, index, typed.row.cells)
            where = f"row {typed.row.number}, column lg_code"
            problems = code_findings(
                lg_code,
                reference,
                table.path,
                position,
                where,
                prefecture_code=code,
                prefecture_name=pref_name,
            )
            result.findings.extend(problems)
            body = reference.governments.get(lg_code)
            if problems or body is None:
                typed.values["lg_code"] = None
                continue
            if not body.is_municipality:
                result.findings.append(_not_municipality(table.path, position, where, body))
                typed.values["lg_code"] = None
                continue
            name = typed.values.get("name")
            if isinstance(name, str) and "name" in typed.columns:
                name_position = table.cell_position(
                    typed.row.line, typed.columns["name"], typed.row.cells
                )
                result.findings.extend(
                    name_findings(
                        name,
                        lg_code,
                        reference,
                        table.path,
                        name_position,
                        f"row {typed.row.number}, column name",
                    )
                )


def municipality_answers(
    reference: Reference, table: CsvTable, rows: list[TypedRow], code: str, result: PrefectureResult
) -> None:
    """municipalities.csv against the survey rules: an unanswered row has no answers (X006), an
    answered one an intention (T003), and every municipality of the prefecture has a row (X003)."""
    answer_fields = ("answered_on", "intention", "planned_fiscal_year", "department")
    present: dict[str, int] = {}
    for typed in rows:
        values = typed.values
        lg_code = values.get("lg_code")
        if lg_code is None and "lg_code" in typed.columns:
            # A mistyped code already has its own finding, which names the code meant:
            # count the row as that municipality's rather than report it missing as well.
            lg_code = lg_code_advice(typed.row.cells[typed.columns["lg_code"]], reference)[2]
        if isinstance(lg_code, str):
            present.setdefault(lg_code, typed.row.line)
        status = values.get("answer_status")
        if status == "not_answered":
            for name in answer_fields:
                if values.get(name) is not None:
                    result.findings.append(
                        codes.X006.make(
                            table.path,
                            table.cell_position(typed.row.line, typed.columns[name]),
                            f"row {typed.row.number}, column {name}",
                            status=status,
                            field=name,
                        )
                    )
        elif status == "answered" and values.get("intention") is None:
            if "intention" in typed.columns and typed.row.cells[typed.columns["intention"]]:
                continue  # a bad value, already reported
            result.findings.append(
                codes.T003.make(
                    table.path,
                    table.cell_position(typed.row.line, typed.columns.get("intention", 0)),
                    f"row {typed.row.number}, column intention",
                    field="intention",
                    advice="回答済みの団体は今後の意向を選んでください（予定がなければ none）。",
                    advice_en="An answered row needs an intention (none if there is none).",
                )
            )
    ordered = sorted(rows, key=lambda r: str(r.values.get("lg_code") or ""))
    for body in reference.municipalities_of(code):
        if body.lg_code in present:
            continue
        after = next(
            (r for r in ordered if str(r.values.get("lg_code") or "") > body.lg_code), None
        )
        line = after.row.line if after else (rows[-1].row.line + 1 if rows else 2)
        blanks = "," * max(len(table.header) - 3, 0)
        row = f"{body.lg_code},{body.name},not_answered{blanks}"
        result.findings.append(
            codes.X003.make(
                table.path,
                Position(line, 1),
                f"lg_code {body.lg_code}",
                value=body.lg_code,
                name=body.name,
                row=row,
            )
        )


def _not_municipality(file: str, position: Position, where: str, body: LocalGovernment) -> Finding:
    kinds = {
        "prefecture": "都道府県 / prefecture",
        "ward": "政令指定都市の区 / ward of a designated city",
    }
    kind = kinds.get(body.kind, body.kind)
    if not body.administered:
        kind = "行政が及んでいない村 / non-administered village"
    return codes.X004.make(file, position, where, value=body.lg_code, name=body.name, kind=kind)
