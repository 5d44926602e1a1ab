"""Python-jsonschema errors turned into located findings with concrete fix hints."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from jsonschema.exceptions import ValidationError, best_match

from renkei.checks.integer_literal import INTEGER_LITERAL
from renkei.checks.patterns import (
    describe_stray_characters,
    has_stray_characters,
    visible,
    without_stray_characters,
)
from renkei.checks.suggest import (
    allowed_list,
    date_advice,
    enum_suggestion,
    lg_code_advice,
    nearest,
    show,
    with_suggestion,
)
from renkei.findings import codes
from renkei.findings.model import Finding
from renkei.registry.loaders.yaml_loader import YamlDocument, json_path
from renkei.registry.reference import Reference, has_valid_check_digit

_BOOLEAN_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


def findings_for_errors(
    errors: Iterable[ValidationError],
    document: YamlDocument,
    reference: Reference,
    original_pattern: Callable[[str], str] = lambda pattern: pattern,
) -> list[Finding]:
    """Findings for python-jsonschema's errors; `original_pattern` maps a loaded (rewritten)
    pattern back to the schema's text."""
    findings: list[Finding] = []
    # python-jsonschema reports each missing property of one `required` as its own error, and
    # each names the whole list: a finding is kept once.
    seen: set[tuple[str, str, int, int, str]] = set()
    for error in errors:
        for finding in _translate(_leaves(error), document, reference, original_pattern):
            key = (finding.code, finding.where, finding.line, finding.column, finding.message_en)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    return findings


def _leaves(error: ValidationError) -> ValidationError:
    """For anyOf/oneOf, the branch error that best explains the failure (never 'unknown')."""
    while error.validator in ("anyOf", "oneOf") and error.context:
        branches = [
            e
            for e in error.context
            if not (e.validator == "const" and e.validator_value == "unknown")
        ]
        if not branches:
            break
        if all(e.validator == "required" for e in branches):
            break
        error = best_match(branches)
    return error


def _rule(error: ValidationError) -> Any:
    """The failing keyword's value in the schema (JSON). A validator sets it on every error it
    yields; the stubs also allow it unset, for errors made by hand."""
    rule: Any = error.validator_value
    return rule


def _instance(error: ValidationError) -> Any:
    """The value that failed (JSON), set on every error a validator yields (see `_rule`)."""
    instance: Any = error.instance
    return instance


def _type_names(expected: Any) -> str:
    names = expected if isinstance(expected, list) else [expected]
    return " / ".join(str(n) for n in names)


def _translate(
    error: ValidationError,
    document: YamlDocument,
    reference: Reference,
    original_pattern: Callable[[str], str],
) -> Iterator[Finding]:
    path = tuple(error.absolute_path)
    where = json_path(path)
    file = document.path
    value, rule = _instance(error), _rule(error)
    kind = error.validator
    position = document.position(path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required":
        for name in rule:
            if isinstance(value, dict) and name not in value:
                yield codes.S001.make(file, position, where, name=name)
        return
    if kind in ("anyOf", "oneOf") and error.context:
        names = [n for e in error.context if e.validator == "required" for n in _rule(e)]
        if names:
            yield codes.S001.make(file, position, where, name=" / ".join(names))
            return
    if kind == "additionalProperties" and isinstance(value, dict):
        known = list(schema.get("properties", {}))
        # A schema names the keys that replaced a former one (annotation `x-renamed`).
        renamed = schema.get("x-renamed", {})
        for name in value:
            if name not in known:
                key_path = (*path, name)
                yield codes.S002.make(
                    file,
                    document.key_position(key_path),
                    json_path(key_path),
                    suggestion=renamed.get(name) or nearest(name, known),
                    name=name,
                )
        return
    if kind == "type":
        yield _type_finding(error, document, reference, path, where, original_pattern)
        return
    if kind == INTEGER_LITERAL:
        yield _integer_finding(error, document, path, where)
        return
    if kind in ("enum", "const"):
        allowed = rule if kind == "enum" else [rule]
        suggestion = enum_suggestion(value, allowed, reference)
        if suggestion is None and not isinstance(value, str) and str(value) in allowed:
            suggestion = (f'"{value}"', f'"{value}"')
        finding = codes.S004.make(
            file, position, where, value=show(value), allowed=allowed_list(allowed)
        )
        yield with_suggestion(finding, suggestion)
        return
    if kind == "pattern":
        pattern = original_pattern(rule)
        if isinstance(value, str) and has_stray_characters(value):
            yield _stray_finding(value, document, path, where)
            return
        yield _pattern_finding(error, pattern, document, reference, path, where)
        return
    if kind in (
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minItems",
        "maxItems",
        "minLength",
        "maxLength",
        "minProperties",
    ):
        limit = f"{kind} {rule}"
        yield codes.S006.make(file, position, where, value=show(value), limit=limit)
        return
    yield codes.S007.make(file, position, where, detail=error.message)


def _type_finding(
    error: ValidationError,
    document: YamlDocument,
    reference: Reference,
    path: tuple[Any, ...],
    where: str,
    original_pattern: Callable[[str], str],
) -> Finding:
    value = _instance(error)
    expected = _rule(error)
    names = expected if isinstance(expected, list) else [expected]
    source = document.source_text.get(path)
    advice, advice_en = "", ""
    if "string" in names and source is not None:
        advice = f'引用符で囲んで文字列にしてください: "{source}"'
        advice_en = f'Quote it to make it text: "{source}"'
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        pattern = original_pattern(str(schema.get("pattern", "")))
        if pattern == "^[0-9]{6}$" and not has_valid_check_digit(source):
            extra, extra_en, _ = lg_code_advice(source, reference)
            advice, advice_en = f"{advice}。{extra}", f"{advice_en}. {extra_en}"
    elif "boolean" in names and isinstance(value, str) and value.lower() in _BOOLEAN_WORDS:
        advice = "真偽値は true または false と書きます（yes/no/on/off は使えません）。"
        advice_en = "Write true or false (yes, no, on and off are not booleans here)."
    elif "array" in names and not isinstance(value, list):
        advice = "リストで書いてください（各行を「- 」で始めるか、[a, b] と書く）。"
        advice_en = "Write a list: one '- item' per line, or [a, b]."
    elif value is None:
        advice = "値が空です。値を書くか、不明なら unknown と書いてください（対応する項目の場合）。"
        advice_en = "The value is empty. Write a value, or unknown where the field allows it."
    elif "object" in names:
        advice = "「キー: 値」の組で書いてください。スキーマの説明を確認してください。"
        advice_en = "Write 'key: value' pairs; see the schema for the keys."
    else:
        advice = "スキーマの説明を確認してください。"
        advice_en = "See the schema for what is expected."
    return codes.S003.make(
        document.path,
        document.position(path),
        where,
        value=show(value),
        expected=_type_names(expected),
        advice=advice,
        advice_en=advice_en,
    )


_PATTERN_NAMES = {
    "^[0-9]{6}$": ("lg_code", "6 桁の団体コード", "a 6-digit local government code"),
    "^[a-z0-9]+(-[a-z0-9]+)*$": (
        "slug",
        "英小文字・数字・ハイフン",
        "lower-case letters, digits, hyphens",
    ),
}


def _integer_finding(
    error: ValidationError, document: YamlDocument, path: tuple[Any, ...], where: str
) -> Finding:
    """S010: a float with an integral value (2024.0, 2.024e3) where an integer is required."""
    value = _instance(error)
    written = document.source_text.get(path, repr(value))
    return codes.S010.make(
        document.path, document.position(path), where, value=written, integer=int(value)
    )


def _stray_finding(
    value: str, document: YamlDocument, path: tuple[Any, ...], where: str
) -> Finding:
    """S008: a pattern-constrained value with a line break, surrounding space or an invisible
    character (a YAML block scalar `|` keeps its final line break)."""
    what_ja, what_en = describe_stray_characters(value)
    advice, advice_en = "", ""
    if value.endswith("\n"):
        advice = "YAML の「|」「>」は末尾に改行を残します。引用符で囲んだ 1 行の値にしてください。"
        advice_en = (
            " A YAML block scalar (| or >) keeps a final line break:"
            " write the value on one line, quoted."
        )
    return codes.S008.make(
        document.path,
        document.position(path),
        where,
        value=visible(value),
        what=what_ja,
        what_en=what_en,
        clean=visible(without_stray_characters(value)),
        advice=advice,
        advice_en=advice_en,
    )


def _pattern_finding(
    error: ValidationError,
    pattern: str,
    document: YamlDocument,
    reference: Reference,
    path: tuple[Any, ...],
    where: str,
) -> Finding:
    value = _instance(error)
    position = document.position(path)
    known = _PATTERN_NAMES.get(pattern)
    if known and known[0] == "lg_code":
        advice, advice_en, _ = lg_code_advice(value, reference)
        return codes.R001.make(
            document.path, position, where, value=value, advice=advice, advice_en=advice_en
        )
    if pattern.startswith("^[0-9]{4}"):
        partial = "(-(0[1-9]" in pattern and "?)?$" in pattern
        advice, advice_en = date_advice(value, partial=partial)
        expected = "YYYY-MM-DD" if not partial else "YYYY / YYYY-MM / YYYY-MM-DD"
    elif known:
        slug = "-".join(
            part for part in "".join(c if c.isalnum() else "-" for c in value.lower()).split("-")
        )
        advice = f"{known[1]}だけで書いてください。"
        advice_en = f"Use {known[2]} only."
        if slug and slug.isascii() and slug != value:
            advice += f' 例: "{slug}"'
            advice_en += f' e.g. "{slug}"'
        expected = known[2]
    else:
        advice = "スキーマの説明を確認してください。"
        advice_en = "See the schema for the expected format."
        expected = f"pattern {pattern}"
    return codes.S005.make(
        document.path,
        position,
        where,
        value=show(value),
        expected=expected,
        advice=advice,
        advice_en=advice_en,
    )
