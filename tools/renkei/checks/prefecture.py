"""All checks that need only one prefecture folder (plus the reference data and schemas)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from renkei.checks.characters import csv_findings, yaml_findings
from renkei.checks.codes import code_findings, name_findings
from renkei.checks.json_schema import DOCUMENT_SCHEMAS, SchemaSet, document_findings
from renkei.checks.names import csv_name_findings, yaml_name_findings
from renkei.checks.principles import principle_findings
from renkei.checks.suggest import lg_code_advice, nearest
from renkei.checks.table_rows import TypedRow, table_findings
from renkei.checks.table_schema import load_table_schema
from renkei.findings import codes
from renkei.findings.model import Finding, Position
from renkei.registry.datapackage import describe_difference, expected_datapackage
from renkei.registry.layout import (
    DATAPACKAGE_FILE,
    PLATFORMS_FILE,
    PREFECTURE_FILE,
    TABLES,
    VISION_FILE,
    PrefectureFolder,
)
from renkei.registry.loaders.csv_loader import CsvTable, load_csv_bytes
from renkei.registry.loaders.text import Limits
from renkei.registry.loaders.yaml_loader import YamlDocument, json_path, load_yaml_bytes
from renkei.registry.reference import LocalGovernment, Reference
from renkei.registry.results import IdUse, PrefectureResult


class PrefectureChecker:
    """Runs every per-folder layer on one prefecture folder's file contents."""

    def __init__(
        self,
        root: Path,
        reference: Reference,
        schemas: SchemaSet,
        limits: Limits,
        as_of: dt.date | None = None,
    ) -> None:
        self.root = root
        self.reference = reference
        self.schemas = schemas
        self.limits = limits
        self.as_of = as_of or dt.date.today()
        # Read and check the Table Schemas here, in this process: a schema that cannot be used
        # is a clear usage error before any worker starts.
        for table_name in TABLES.values():
            load_table_schema(root, table_name)

    def check(self, folder: PrefectureFolder, contents: dict[str, bytes]) -> PrefectureResult:
        result = PrefectureResult(folder=folder.name, files=len(contents))
        documents: dict[str, YamlDocument] = {}
        schema_valid: set[str] = set()
        for name in (*DOCUMENT_SCHEMAS, DATAPACKAGE_FILE):
            if name not in contents:
                continue
            document, problems = load_yaml_bytes(contents[name], folder.display(name), self.limits)
            result.findings.extend(problems)
            if document is None:
                continue
            documents[name] = document
            result.findings.extend(yaml_findings(document, tabular=name == PLATFORMS_FILE))
            if name in DOCUMENT_SCHEMAS:
                result.findings.extend(yaml_name_findings(document))
                schema_problems = document_findings(
                    document, self.schemas, self.reference, DOCUMENT_SCHEMAS[name]
                )
                result.findings.extend(schema_problems)
                if not schema_problems:
                    schema_valid.add(name)
        prefecture = self._identity(folder, documents.get(PREFECTURE_FILE), result)
        code = prefecture.prefecture_code if prefecture else folder.code
        pref_name = prefecture.name if prefecture else folder.name
        if PLATFORMS_FILE in documents:
            self._platforms(documents[PLATFORMS_FILE], code, pref_name, result)
        if VISION_FILE in documents:
            self._vision(documents[VISION_FILE], code, pref_name, result)
        if prefecture is not None and {PLATFORMS_FILE, VISION_FILE} <= schema_valid:
            result.findings.extend(
                principle_findings(
                    self.reference,
                    prefecture,
                    documents[PLATFORMS_FILE],
                    documents[VISION_FILE],
                    self.as_of,
                )
            )
        if DATAPACKAGE_FILE in documents and prefecture is not None:
            self._datapackage(documents[DATAPACKAGE_FILE], folder, prefecture, result)
        for filename, table_name in TABLES.items():
            if filename not in contents:
                continue
            table, problems = load_csv_bytes(
                contents[filename], folder.display(filename), self.limits
            )
            result.findings.extend(problems)
            if table is None:
                continue
            result.findings.extend(csv_findings(table))
            result.findings.extend(csv_name_findings(table))
            schema = load_table_schema(self.root, table_name)
            problems, rows = table_findings(table, schema, self.reference)
            result.findings.extend(problems)
            self._table_references(table, rows, code, pref_name, result)
            if table_name == "municipalities" and code is not None:
                self._municipalities(table, rows, code, result)
        # References to this folder's own platforms are resolved here; only references to other
        # folders' ids are kept for the registry-wide pass (and the cache stays small).
        local = {use.id for use in result.defined}
        result.referenced = [use for use in result.referenced if use.id not in local]
        return result

    # --- prefecture.yaml -------------------------------------------------------------------

    def _identity(
        self, folder: PrefectureFolder, document: YamlDocument | None, result: PrefectureResult
    ) -> LocalGovernment | None:
        by_folder = self.reference.prefectures.get(folder.code or "")
        if document is None or not isinstance(document.data, dict):
            return by_folder
        data = document.data
        file = document.path
        code = data.get("code")
        declared = self.reference.prefectures.get(code) if isinstance(code, str) else None
        if declared is None:
            return by_folder
        if folder.name != declared.folder:
            result.findings.append(
                codes.R006.make(
                    file,
                    document.position(("code",)),
                    "$.code",
                    value=folder.name,
                    code=code,
                    expected=declared.folder,
                )
            )
        checks = (("lg_code", declared.lg_code), ("romaji", declared.prefecture_id))
        for key, expected in checks:
            value = data.get(key)
            if isinstance(value, str) and value != expected:
                result.findings.append(
                    codes.S004.make(
                        file,
                        document.position((key,)),
                        json_path((key,)),
                        suggestion=expected,
                        value=value,
                        allowed=expected,
                    )
                )
        name = data.get("name")
        if isinstance(name, str):
            result.findings.extend(
                name_findings(
                    name,
                    declared.lg_code,
                    self.reference,
                    file,
                    document.position(("name",)),
                    "$.name",
                )
            )
        return declared

    # --- platforms.yaml --------------------------------------------------------------------

    def _platforms(
        self, document: YamlDocument, code: str | None, pref_name: str, result: PrefectureResult
    ) -> None:
        data = document.data
        platforms = data.get("platforms") if isinstance(data, dict) else None
        if not isinstance(platforms, list):
            return
        for index, platform in enumerate(platforms):
            if not isinstance(platform, dict):
                continue
            base = ("platforms", index)
            platform_id = platform.get("id")
            if isinstance(platform_id, str):
                result.defined.append(self._use(document, platform_id, (*base, "id")))
            lead = platform.get("lead_body")
            if isinstance(lead, str) and lead != "unknown":
                self._code(document, (*base, "lead_body"), lead, code, pref_name, result)
            self._fields(document, (*base, "fields"), platform.get("fields"), result)
            modules = platform.get("modules")
            if isinstance(modules, list):
                for m_index, module in enumerate(modules):
                    technology = module.get("technology") if isinstance(module, dict) else None
                    if not isinstance(technology, str) or technology in ("other", "unknown"):
                        continue
                    if technology not in self.reference.technologies:
                        path = (*base, "modules", m_index, "technology")
                        allowed = [*self.reference.technologies, "other", "unknown"]
                        result.findings.append(
                            codes.R008.make(
                                document.path,
                                document.position(path),
                                json_path(path),
                                suggestion=nearest(technology, allowed),
                                value=technology,
                            )
                        )
            participants = platform.get("participants")
            if isinstance(participants, list):
                for p_index, participant in enumerate(participants):
                    if not isinstance(participant, dict):
                        continue
                    lg_code = participant.get("lg_code")
                    path = (*base, "participants", p_index, "lg_code")
                    if isinstance(lg_code, str) and self._code(
                        document, path, lg_code, None, pref_name, result
                    ):
                        name = participant.get("name")
                        if isinstance(name, str):
                            name_path = (*base, "participants", p_index, "name")
                            result.findings.extend(
                                name_findings(
                                    name,
                                    lg_code,
                                    self.reference,
                                    document.path,
                                    document.position(name_path),
                                    json_path(name_path),
                                )
                            )

    # --- vision.yaml -----------------------------------------------------------------------

    def _vision(
        self, document: YamlDocument, code: str | None, pref_name: str, result: PrefectureResult
    ) -> None:
        data = document.data
        if not isinstance(data, dict):
            return
        designated = data.get("cross_field_platform")
        path: tuple[str | int, ...]
        if isinstance(designated, dict) and isinstance(designated.get("platform_id"), str):
            path = ("cross_field_platform", "platform_id")
            result.referenced.append(self._use(document, designated["platform_id"], path))
        policies = data.get("field_policies")
        if isinstance(policies, list):
            for index, policy in enumerate(policies):
                if not isinstance(policy, dict):
                    continue
                field_id = policy.get("field")
                if isinstance(field_id, str):
                    self._fields(document, ("field_policies", index, "field"), [field_id], result)
                ids = policy.get("platform_ids")
                if isinstance(ids, list):
                    for i, platform_id in enumerate(ids):
                        if isinstance(platform_id, str):
                            path = ("field_policies", index, "platform_ids", i)
                            result.referenced.append(self._use(document, platform_id, path))
        steps = data.get("consolidation")
        if isinstance(steps, list):
            for index, step in enumerate(steps):
                if not isinstance(step, dict):
                    continue
                for key in ("platform_id", "target_platform_id"):
                    if isinstance(step.get(key), str):
                        path = ("consolidation", index, key)
                        result.referenced.append(self._use(document, step[key], path))
        governance = data.get("governance")
        if isinstance(governance, dict) and isinstance(governance.get("lead_body"), str):
            path = ("governance", "lead_body")
            self._code(document, path, governance["lead_body"], code, pref_name, result)

    # --- datapackage.yaml ------------------------------------------------------------------

    def _datapackage(
        self,
        document: YamlDocument,
        folder: PrefectureFolder,
        prefecture: LocalGovernment,
        result: PrefectureResult,
    ) -> None:
        expected = expected_datapackage(self.root, folder.name, prefecture.name)
        detail = describe_difference(document.data, expected)
        if detail is not None:
            result.findings.append(
                codes.X005.make(
                    document.path, Position(1, 1), "$", detail=detail, folder=folder.name
                )
            )

    # --- CSV tables ------------------------------------------------------------------------

    def _table_references(
        self,
        table: CsvTable,
        rows: list[TypedRow],
        code: str | None,
        pref_name: str,
        result: PrefectureResult,
    ) -> None:
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
                    self.reference,
                    table.path,
                    position,
                    where,
                    prefecture_code=code,
                    prefecture_name=pref_name,
                )
                result.findings.extend(problems)
                body = self.reference.governments.get(lg_code)
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
                            self.reference,
                            table.path,
                            name_position,
                            f"row {typed.row.number}, column name",
                        )
                    )

    def _municipalities(
        self, table: CsvTable, rows: list[TypedRow], code: str, result: PrefectureResult
    ) -> None:
        answer_fields = ("answered_on", "intention", "planned_fiscal_year", "department")
        present: dict[str, int] = {}
        for typed in rows:
            values = typed.values
            lg_code = values.get("lg_code")
            if lg_code is None and "lg_code" in typed.columns:
                # A mistyped code already has its own finding, which names the code meant:
                # count the row as that municipality's rather than report it missing as well.
                lg_code = lg_code_advice(typed.row.cells[typed.columns["lg_code"]], self.reference)[
                    2
                ]
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
        for body in self.reference.municipalities_of(code):
            if body.lg_code in present:
                continue
            after = next(
                (r for r in ordered if str(r.values.get("lg_code") or "") > body.lg_code), None
            )
            line = after.row.line if after else (rows[-1].row.line + 1 if rows else 2)
            row = f"{body.lg_code},{body.name},not_answered,,,,,"
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

    # --- helpers ---------------------------------------------------------------------------

    def _use(self, document: YamlDocument, platform_id: str, path: tuple[Any, ...]) -> IdUse:
        position = document.position(path)
        return IdUse(platform_id, document.path, position.line, position.column, json_path(path))

    def _code(
        self,
        document: YamlDocument,
        path: tuple[Any, ...],
        value: str,
        prefecture_code: str | None,
        pref_name: str,
        result: PrefectureResult,
    ) -> bool:
        """Check a code that passed the schema's format; True when it names a real body."""
        if len(value) != 6 or not value.isdigit():
            return False  # the schema layer already reported the format
        problems = code_findings(
            value,
            self.reference,
            document.path,
            document.position(path),
            json_path(path),
            prefecture_code=prefecture_code,
            prefecture_name=pref_name,
        )
        result.findings.extend(problems)
        return not problems

    def _fields(
        self, document: YamlDocument, path: tuple[Any, ...], fields: Any, result: PrefectureResult
    ) -> None:
        if not isinstance(fields, list):
            return
        known = self.reference.fields
        for index, field_id in enumerate(fields):
            if not isinstance(field_id, str) or field_id in known:
                continue
            item_path = path if path[-1] == "field" else (*path, index)
            result.findings.append(
                codes.R007.make(
                    document.path,
                    document.position(item_path),
                    json_path(item_path),
                    suggestion=nearest(field_id, list(known)),
                    value=field_id,
                    allowed=", ".join(known),
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
