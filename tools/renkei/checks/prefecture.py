"""All checks that need only one prefecture folder (plus the reference data and schemas)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from renkei.checks.area_counts import area_inventory_findings, participation_findings
from renkei.checks.characters import csv_findings, yaml_findings
from renkei.checks.codes import name_findings
from renkei.checks.hub_role import hub_findings
from renkei.checks.json_schema import DOCUMENT_SCHEMAS, SchemaSet, document_findings
from renkei.checks.names import csv_name_findings, yaml_name_findings
from renkei.checks.principles import principle_findings
from renkei.checks.revision_years import revision_year_findings
from renkei.checks.table_dimensions import LoadedTable, dimension_findings
from renkei.checks.table_references import municipality_answers, table_references
from renkei.checks.table_rows import table_findings
from renkei.checks.table_schema import load_table_schema
from renkei.checks.yaml_references import platform_references, vision_references
from renkei.findings import codes
from renkei.findings.model import Position
from renkei.registry.datapackage import describe_difference, expected_datapackage
from renkei.registry.layout import (
    DATAPACKAGE_FILE,
    PLATFORMS_FILE,
    PREFECTURE_FILE,
    SURVEYS_FILE,
    TABLES,
    VISION_FILE,
    PrefectureFolder,
)
from renkei.registry.loaders.csv_loader import load_csv_bytes
from renkei.registry.loaders.text import Limits
from renkei.registry.loaders.yaml_loader import YamlDocument, json_path, load_yaml_bytes
from renkei.registry.reference import LocalGovernment, Reference
from renkei.registry.results import PrefectureResult


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
        """Every per-folder layer over one folder's file contents: parse, schemas, names,
        references, principles and tables. References to other folders' platforms are kept for the
        registry-wide pass."""
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
            platform_references(self.reference, documents[PLATFORMS_FILE], code, pref_name, result)
        if VISION_FILE in documents:
            vision_references(self.reference, documents[VISION_FILE], code, pref_name, result)
        if VISION_FILE in schema_valid:
            result.findings.extend(revision_year_findings(documents[VISION_FILE]))
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
        if prefecture is not None and PLATFORMS_FILE in schema_valid:
            platforms_document = documents[PLATFORMS_FILE]
            result.findings.extend(
                participation_findings(platforms_document, self.reference, prefecture)
            )
            if VISION_FILE in schema_valid:
                result.findings.extend(
                    area_inventory_findings(documents[VISION_FILE], platforms_document)
                )
        if DATAPACKAGE_FILE in documents and prefecture is not None:
            self._datapackage(documents[DATAPACKAGE_FILE], folder, prefecture, result)
        loaded: dict[str, LoadedTable] = {}
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
            table_references(self.reference, table, rows, code, pref_name, result)
            loaded[table_name] = (table, rows)
            if table_name == "municipalities" and code is not None:
                municipality_answers(self.reference, table, rows, code, result)
                if prefecture is not None and PLATFORMS_FILE in schema_valid:
                    platforms = documents[PLATFORMS_FILE]
                    result.findings.extend(hub_findings(table, rows, platforms, prefecture.lg_code))
        surveys = documents[SURVEYS_FILE].data if SURVEYS_FILE in documents else None
        result.findings.extend(
            dimension_findings(
                loaded,
                ... if SURVEYS_FILE in contents and SURVEYS_FILE not in documents else surveys,
                folder.display(SURVEYS_FILE),
                self.reference.vocabularies,
            )
        )
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
