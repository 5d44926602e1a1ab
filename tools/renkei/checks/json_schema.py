"""JSON Schema validation of YAML documents, each error turned into a located finding."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema_rs

from renkei.findings import Finding
from renkei.loaders.yaml_loader import YamlDocument
from renkei.reference import Reference
from renkei.safe_files import read_text_limited

SCHEMA_DIR = "schemas"
DOCUMENT_SCHEMAS = {
    "prefecture.yaml": "prefecture.schema.json",
    "platforms.yaml": "platforms.schema.json",
    "vision.yaml": "vision.schema.json",
}


class SchemaError(Exception):
    """A schema in schemas/ that cannot be used."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


class SchemaSet:
    """The registry's JSON Schemas, compiled once.

    Two engines: jsonschema-rs answers "is this document valid?" fast (the common case);
    python-jsonschema, whose errors carry the detail that findings and hints need, runs only on
    documents that fail.
    """

    def __init__(self, root: Path) -> None:
        self.directory = root / SCHEMA_DIR
        self.schemas: dict[str, dict[str, Any]] = {}
        for path in sorted(self.directory.glob("*.schema.json")):
            try:
                schema = json.loads(read_text_limited(path, root=root))
                schema["$id"]
            except (ValueError, KeyError, TypeError, OSError) as error:
                raise SchemaError(f"{SCHEMA_DIR}/{path.name}", str(error)) from error
            self.schemas[path.name] = schema
        self._validators: dict[str, Any] = {}
        try:
            self._fast_registry = jsonschema_rs.Registry(
                [(schema["$id"], schema) for schema in self.schemas.values()]
            )
        except Exception as error:
            raise SchemaError(SCHEMA_DIR, str(error).splitlines()[0]) from error
        self._fast: dict[str, Any] = {}
        # Compile now, in this process: a broken schema is a clear error here, never a failure
        # inside a worker process.
        for name in DOCUMENT_SCHEMAS.values():
            if name not in self.schemas:
                raise SchemaError(f"{SCHEMA_DIR}/{name}", "missing")
            try:
                self._fast[name] = jsonschema_rs.validator_for(
                    self.schemas[name], registry=self._fast_registry
                )
            except Exception as error:  # jsonschema-rs raises several kinds for bad schemas
                raise SchemaError(f"{SCHEMA_DIR}/{name}", str(error).splitlines()[0]) from error

    def is_valid(self, schema_name: str, data: Any) -> bool:
        fast = self._fast.get(schema_name)
        if fast is None:
            fast = jsonschema_rs.validator_for(
                self.schemas[schema_name], registry=self._fast_registry
            )
            self._fast[schema_name] = fast
        return bool(fast.is_valid(data))

    def validator(self, schema_name: str) -> Any:
        """A python-jsonschema validator (imported only when a document fails)."""
        found = self._validators.get(schema_name)
        if found is None:
            from jsonschema import Draft202012Validator
            from referencing import Registry, Resource

            registry: Registry = Registry().with_resources(
                (schema["$id"], Resource.from_contents(schema)) for schema in self.schemas.values()
            )
            found = Draft202012Validator(self.schemas[schema_name], registry=registry)
            self._validators[schema_name] = found
        return found


def document_findings(
    document: YamlDocument, schemas: SchemaSet, reference: Reference, schema_name: str
) -> list[Finding]:
    if schemas.is_valid(schema_name, document.data):
        return []
    from renkei.checks.schema_errors import findings_for_errors

    errors = schemas.validator(schema_name).iter_errors(document.data)
    return findings_for_errors(errors, document, reference)
