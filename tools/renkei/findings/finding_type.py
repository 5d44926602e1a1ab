"""A finding type: one code of the catalogue with its bilingual templates, and how it makes a
finding at a place in a file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from renkei.findings.model import Finding, Position, Severity

ERROR = Severity.ERROR
WARNING = Severity.WARNING


@dataclass(frozen=True, slots=True, kw_only=True)
class FindingType:
    """One finding code: its stable name and severity, and the Japanese and English title, message
    and hint templates (`{placeholder}`s filled in by `make`), an example of the placeholders'
    values, and the longer description of `docs/errors.md`."""

    code: str
    name: str
    severity: Severity
    title_ja: str
    title_en: str
    message_ja: str
    message_en: str
    hint_ja: str
    hint_en: str
    #: The values of the templates' placeholders in a typical case (synthetic, never real
    #: platform facts): `docs/errors.md` shows the message they make, and a test checks that
    #: they fill every placeholder.
    example: Mapping[str, object] = field(compare=False)
    description: str

    def make(
        self,
        file: str,
        position: Position,
        where: str = "",
        *,
        suggestion: str | None = None,
        severity: Severity | None = None,
        **params: object,
    ) -> Finding:
        """A finding of this type at file:position, its message filled in from params."""
        return self.make_from(
            file, position, params, where, suggestion=suggestion, severity=severity
        )

    def make_from(
        self,
        file: str,
        position: Position,
        params: Mapping[str, object],
        where: str = "",
        *,
        suggestion: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """`make` with the message's values in a mapping (e.g. the params an exception carries)."""
        values = _SafeDict(params)
        hint_ja = self.hint_ja.format_map(values)
        hint_en = self.hint_en.format_map(values)
        if suggestion:
            hint_ja = f"{hint_ja} もしかして: {suggestion}".strip()
            hint_en = f"{hint_en} Did you mean: {suggestion}?".strip()
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            file=file,
            line=position.line,
            column=position.column,
            where=where,
            message_ja=self.message_ja.format_map(values),
            message_en=self.message_en.format_map(values),
            hint_ja=hint_ja,
            hint_en=hint_en,
        )


class _SafeDict(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
