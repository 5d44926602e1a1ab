"""The safe fixes of one YAML file of a prefecture (prefecture.yaml, platforms.yaml,
vision.yaml): its structure typed with a Japanese input mode's characters (P022,
`renkei.fix.structure`), the values its schema rejects and exactly one value fits, and trailing
spaces.

The schema's own errors say what each value must be (an enumeration, a pattern, a date); a fix
is kept only when the document with every fix passes the schema at that value, and the fixed
text is kept only when it reads back as the document with those values and nothing else
changed."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from renkei.checks.json_schema import DOCUMENT_SCHEMAS, SchemaSet
from renkei.fix.model import Edit, FileFix
from renkei.fix.structure import structure_edits
from renkei.fix.text import apply_edits, trailing_space_edits
from renkei.fix.values import Fixed, label_fix, pattern_fix
from renkei.fix.yaml_spans import protected_spans, scalar_spans
from renkei.registry.labels import LabelResolver, enum_resolver, field_resolver
from renkei.registry.loaders.yaml_loader import PathKey, load_yaml_bytes
from renkei.registry.reference import Reference

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*\Z")
_NOT_PLAIN = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
_ROUNDS = 5


def fix_yaml(relative: str, data: bytes, schemas: SchemaSet, reference: Reference) -> FileFix:
    """The fixes of a YAML file (`relative` to the registry root, its bytes `data`); a file that
    does not load gets its findings and no fix."""
    document, findings = load_yaml_bytes(data, relative)
    if any(f.code == "P022" for f in findings):
        repaired = _repaired(relative, data, schemas, reference)
        if repaired is not None:
            return repaired
    if document is None:
        text = data.decode("utf-8", errors="replace")
        return FileFix(relative, text, text, problems=findings)
    text = data.decode("utf-8")  # the loader accepted it, so it is UTF-8
    bom = 1 if text.startswith("\ufeff") else 0
    body = text[bom:]
    spans = scalar_spans(body)
    name = DOCUMENT_SCHEMAS.get(relative.rsplit("/", 1)[-1])
    fixes = value_fixes(document.data, name, schemas, reference) if name else {}
    by_path: dict[PathKey, Edit] = {}
    for path, fixed in fixes.items():
        span = spans.get(path)
        if span is None or span.style in ("|", ">"):
            continue
        old = document.data
        for part in path:
            old = old[part]
        by_path[path] = Edit(
            span.start + bom,
            span.end + bom,
            scalar_text(fixed.value, span.style),
            span.line + 1,
            span.column + 1,
            fixed.kind,
            str(old),
            fixed.value,
            fixed.label,
        )
    protected = [(a + bom, b + bom) for a, b in protected_spans(body, spans)]
    edits = [*by_path.values()] + [
        Edit(e.start + bom, e.end + bom, e.new, e.line, e.column, e.kind, e.old, e.value)
        for e in trailing_space_edits(body, protected)
    ]
    after, applied = apply_edits(text, edits)
    expected = copy.deepcopy(document.data)
    for path, edit in by_path.items():
        if edit in applied:
            _set(expected, path, edit.value)
    reloaded, _ = load_yaml_bytes(after.encode("utf-8"), relative)
    if reloaded is None or reloaded.data != expected:
        return FileFix(relative, text, text)
    return FileFix(relative, text, after, applied)


def _repaired(
    relative: str, data: bytes, schemas: SchemaSet, reference: Reference
) -> FileFix | None:
    """The fixes of a file whose structure is typed with the wrong characters (P022): the
    repair (`renkei.fix.structure`), then the fixes of the repaired text; None when it cannot
    be repaired safely."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    edits = structure_edits(text, relative)
    if edits is None:
        return None
    repaired, _ = apply_edits(text, edits)
    rest = fix_yaml(relative, repaired.encode("utf-8"), schemas, reference)
    return FileFix(relative, text, rest.after, [*edits, *rest.edits], rest.problems)


def scalar_text(value: str, style: str) -> str:
    """How a fixed value is written: in the value's own quotes, plain when that reads back as
    the same text, else in double quotes."""
    if style == "'" and "'" not in value:
        return f"'{value}'"
    if style == "" and _PLAIN.match(value) and value.lower() not in _NOT_PLAIN:
        return value
    return json.dumps(value, ensure_ascii=False)


def value_fixes(
    data: Any, schema_name: str, schemas: SchemaSet, reference: Reference
) -> dict[PathKey, Fixed]:
    """The values of a document to fix, by path: those the schema rejects where one value fits,
    and field names (分野) written as their labels; only fixes after which the schema accepts
    the value."""
    validator = schemas.validator(schema_name)
    resolvers: dict[tuple[str, ...], LabelResolver] = {}
    found: dict[PathKey, set[Fixed]] = {}
    errors = [] if schemas.is_valid(schema_name, data) else validator.iter_errors(data)
    for error in errors:
        for leaf in _leaves(error):
            path = tuple(leaf.absolute_path)
            value = _at(data, path)
            if not isinstance(value, str):
                continue
            fixed = _leaf_fix(leaf, value, schemas, reference, resolvers)
            if fixed is not None:
                found.setdefault(path, set()).add(fixed)
    fields = field_resolver(reference)
    for path, value in _field_values(data):
        if value not in reference.fields:
            fixed = label_fix(value, fields)
            if fixed is not None:
                found.setdefault(path, set()).add(fixed)
    fixes = {path: next(iter(f)) for path, f in found.items() if len(f) == 1}
    for _ in range(_ROUNDS):
        trial = copy.deepcopy(data)
        for path, fixed in fixes.items():
            _set(trial, path, fixed.value)
        failing = [tuple(e.absolute_path) for e in validator.iter_errors(trial)]
        kept = {
            path: fixed
            for path, fixed in fixes.items()
            if not any(p[: len(path)] == path for p in failing)
        }
        if kept == fixes:
            break
        fixes = kept
    return fixes


def _leaf_fix(
    leaf: ValidationError,
    value: str,
    schemas: SchemaSet,
    reference: Reference,
    resolvers: dict[tuple[str, ...], LabelResolver],
) -> Fixed | None:
    rule: Any = leaf.validator_value
    if leaf.validator in ("enum", "const"):
        allowed = tuple(str(v) for v in (rule if leaf.validator == "enum" else [rule]))
        resolver = resolvers.get(allowed)
        if resolver is None:
            resolver = resolvers[allowed] = enum_resolver(allowed, reference)
        return label_fix(value, resolver)
    if leaf.validator == "pattern":
        return pattern_fix(value, schemas.original_pattern(str(rule)))
    return None


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    """The errors of every branch of an anyOf/oneOf, or the error itself."""
    if error.context:
        for inner in error.context:
            yield from _leaves(inner)
    else:
        yield error


def _field_values(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every field name (分野) of a document: the items of `fields` lists and `field` values."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "fields" and isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, str):
                        yield (*path, key, index), item
            elif key == "field" and isinstance(value, str):
                yield (*path, key), value
            else:
                yield from _field_values(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _field_values(item, (*path, index))


def _at(data: Any, path: PathKey) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _set(data: Any, path: PathKey, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value
