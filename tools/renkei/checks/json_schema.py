"""JSON Schema validation of YAML documents, each error turned into a located finding.

One verdict per document: jsonschema-rs decides quickly whether a document is valid; when it is
not, python-jsonschema explains why. Both engines read the same schemas as loaded here, with two
rules added so that they agree with each other and with what a reader expects:

- every `pattern` matches the whole value (`renkei.checks.patterns`): no final line break, no
  surrounding white space, no invisible character;
- a number where the schema says `integer` must be written as one: `2024`, not `2024.0` or
  `2.024e3` (JSON Schema itself counts 2024.0 as an integer). The keyword `integerLiteral` is added
  next to every `"type": "integer"` and implemented for both engines.

When jsonschema-rs rejects a document and python-jsonschema finds nothing to explain, the
document is still invalid: it gets an S009 finding instead of passing silently. A document
jsonschema-rs accepts is not read again by python-jsonschema (that would cost about 7 ms per
document, doubling a full run); that the two agree there rests on the prepared schemas above and
is checked by property tests (tests/checks/test_one_verdict.py) on generated patterns and documents.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from renkei.checks.broken_schema import SchemaError as SchemaError  # re-exported
from renkei.checks.integer_literal import (
    INTEGER_LITERAL,
    IntegerLiteralKeyword,
    integer_literal_python,
)
from renkei.checks.patterns import PatternError, whole_value_pattern
from renkei.findings import codes
from renkei.findings.model import Finding
from renkei.registry.loaders.yaml_loader import YamlDocument, json_path
from renkei.registry.reference import Reference
from renkei.registry.safe_files import read_text_limited

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

SCHEMA_DIR = "schemas"
DOCUMENT_SCHEMAS = {
    "prefecture.yaml": "prefecture.schema.json",
    "platforms.yaml": "platforms.schema.json",
    "vision.yaml": "vision.schema.json",
    "surveys.yaml": "surveys.schema.json",
}
#: Keywords whose values are data, not subschemas: never rewritten.
_DATA_KEYWORDS = frozenset({"enum", "const", "examples", "default"})


def prepare_schema(node: Any, originals: dict[str, str]) -> Any:
    """A copy of a schema with whole-value patterns and `integerLiteral` next to integer types.

    `originals` receives each rewritten pattern's original text (for findings and hints)."""
    if isinstance(node, list):
        return [prepare_schema(item, originals) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DATA_KEYWORDS:
            out[key] = value
        elif key == "pattern" and isinstance(value, str):
            rewritten = whole_value_pattern(value)
            originals[rewritten] = value
            out[key] = rewritten
        else:
            out[key] = prepare_schema(value, originals)
    kind = node.get("type")
    if kind == "integer" or (isinstance(kind, list) and "integer" in kind):
        out[INTEGER_LITERAL] = True
    return out


class SchemaSet:
    """The registry's JSON Schemas, prepared (see the module docstring) and compiled once.

    Two engines: jsonschema-rs answers "is this document valid?" fast (the common case);
    python-jsonschema, whose errors carry the detail that findings and hints need, runs only on
    documents that fail.
    """

    def __init__(self, root: Path) -> None:
        self.directory = root / SCHEMA_DIR
        self.schemas: dict[str, dict[str, Any]] = {}
        #: Each rewritten pattern's text as the schema wrote it.
        self.original_patterns: dict[str, str] = {}
        for path in sorted(self.directory.glob("*.schema.json")):
            try:
                schema = json.loads(read_text_limited(path, root=root))
                schema["$id"]
                prepared = prepare_schema(schema, self.original_patterns)
            except PatternError as error:
                raise SchemaError(f"{SCHEMA_DIR}/{path.name}", str(error)) from error
            except (ValueError, KeyError, TypeError, OSError) as error:
                raise SchemaError(f"{SCHEMA_DIR}/{path.name}", str(error)) from error
            self.schemas[path.name] = prepared
        self._validators: dict[str, Validator] = {}
        try:
            self._fast_registry = jsonschema_rs.Registry(
                [(schema["$id"], schema) for schema in self.schemas.values()]
            )
        except Exception as error:
            raise SchemaError(SCHEMA_DIR, str(error).splitlines()[0]) from error
        self._fast: dict[str, jsonschema_rs.Validator] = {}
        # Compile now, in this process: a broken schema is a clear error here, never a failure
        # inside a worker process.
        for name in DOCUMENT_SCHEMAS.values():
            if name not in self.schemas:
                raise SchemaError(f"{SCHEMA_DIR}/{name}", "missing")
            try:
                self._fast[name] = self._compile_fast(name)
            except Exception as error:  # jsonschema-rs raises several kinds for bad schemas
                raise SchemaError(f"{SCHEMA_DIR}/{name}", str(error).splitlines()[0]) from error

    def _compile_fast(self, schema_name: str) -> jsonschema_rs.Validator:
        return jsonschema_rs.validator_for(
            self.schemas[schema_name],
            registry=self._fast_registry,
            keywords={INTEGER_LITERAL: IntegerLiteralKeyword},
        )

    def fast(self, schema_name: str) -> jsonschema_rs.Validator:
        """The jsonschema-rs validator of a schema."""
        found = self._fast.get(schema_name)
        if found is None:
            found = self._fast[schema_name] = self._compile_fast(schema_name)
        return found

    def is_valid(self, schema_name: str, data: Any) -> bool:
        """Whether jsonschema-rs accepts the document (the fast verdict)."""
        return bool(self.fast(schema_name).is_valid(data))

    def validator(self, schema_name: str) -> Validator:
        """A python-jsonschema validator (imported only when a document fails)."""
        found = self._validators.get(schema_name)
        if found is None:
            from jsonschema import Draft202012Validator, validators
            from referencing import Registry, Resource

            registry: Registry = Registry().with_resources(
                (schema["$id"], Resource.from_contents(schema)) for schema in self.schemas.values()
            )
            # The stubs leave validators.extend untyped; it returns a validator class.
            cls = validators.extend(  # type: ignore[no-untyped-call]
                Draft202012Validator, {INTEGER_LITERAL: integer_literal_python}
            )
            found = cls(self.schemas[schema_name], registry=registry)
            self._validators[schema_name] = found
        return found

    def original_pattern(self, pattern: str) -> str:
        """The pattern as the schema file wrote it."""
        return self.original_patterns.get(pattern, pattern)


def document_findings(
    document: YamlDocument, schemas: SchemaSet, reference: Reference, schema_name: str
) -> list[Finding]:
    """The schema findings of one YAML document: none when jsonschema-rs accepts it, else python-
    jsonschema's errors as located findings (S009 when it finds none)."""
    if schemas.is_valid(schema_name, document.data):
        return []
    from renkei.checks.schema_errors import findings_for_errors

    errors = schemas.validator(schema_name).iter_errors(document.data)
    findings = findings_for_errors(errors, document, reference, schemas.original_pattern)
    if findings:
        return findings
    return [_disagreement(document, schemas, schema_name)]


def _disagreement(document: YamlDocument, schemas: SchemaSet, schema_name: str) -> Finding:
    """S009: jsonschema-rs rejects the document, python-jsonschema finds nothing wrong."""
    first = next(iter(schemas.fast(schema_name).iter_errors(document.data)), None)
    if first is not None:
        first = _deepest(first)
    path: tuple[Any, ...] = tuple(first.instance_path) if first is not None else ()
    detail = first.message if first is not None else "invalid"
    for rewritten, original in schemas.original_patterns.items():
        detail = detail.replace(rewritten, original)
    return codes.S009.make(
        document.path,
        document.position(path),
        json_path(path),
        value=_as_written(document, path),
        detail=detail,
        schema=f"{SCHEMA_DIR}/{schema_name}",
    )


def _as_written(document: YamlDocument, path: tuple[Any, ...]) -> str:
    """The value at `path` as the file writes it (numbers), else as JSON, shortened."""
    written = document.source_text.get(path)
    if written is not None:
        return written
    value: Any = document.data
    try:
        for part in path:
            value = value[part]
    except (KeyError, IndexError, TypeError):
        return "?"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


def _deepest(error: jsonschema_rs.ValidationError) -> jsonschema_rs.ValidationError:
    """Inside anyOf/oneOf, the branch error that points deepest into the document."""
    for _ in range(100):  # schemas are not recursive; this bounds a pathological one
        branches = getattr(error.kind, "context", None)
        if not branches:
            return error
        candidates = [e for branch in branches for e in branch]
        if not candidates:
            return error
        deepest = max(candidates, key=lambda e: len(e.instance_path))
        if len(deepest.instance_path) <= len(error.instance_path):
            return error
        error = deepest
    return error
