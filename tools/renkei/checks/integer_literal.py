"""The `integerLiteral` keyword, implemented for both JSON Schema engines: a number where the
schema says `integer` must be written as one (`2024`, not `2024.0` or `2.024e3`).
`renkei.checks.json_schema` adds it next to every integer type; `renkei.checks.schema_errors`
explains its errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

#: The keyword added next to every `"type": "integer"`: the value may not be a float.
INTEGER_LITERAL = "integerLiteral"


def is_float_integer(value: Any) -> bool:
    """True for a float with an integral value (2024.0, 1e3): not an integer as written."""
    return type(value) is float and value.is_integer()


class IntegerLiteralKeyword:
    """`integerLiteral` for jsonschema-rs (its custom-keyword protocol)."""

    def __init__(self, parent_schema: Any, value: Any, schema_path: Any) -> None:
        self.enabled = bool(value)

    def validate(self, instance: Any) -> None:
        """Raise for a float written where an integer is required."""
        if self.enabled and is_float_integer(instance):
            raise ValueError(f"{instance!r} is a float, not an integer as written")


def integer_literal_python(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """`integerLiteral` for python-jsonschema."""
    from jsonschema.exceptions import ValidationError

    if value and is_float_integer(instance):
        yield ValidationError(f"{instance!r} is a float, not an integer as written")
