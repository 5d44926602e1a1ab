"""The error for a schema that cannot be used, in a module of its own: the command catches it
on every run, and importing it must not import the schema engines (a warm run needs neither)."""

from __future__ import annotations


class SchemaError(Exception):
    """A schema in schemas/ that cannot be used."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail
