"""What a fix is: an edit of a file's text at a value's position, with why it is safe."""

from __future__ import annotations

from dataclasses import dataclass, field

from renkei.findings.model import Finding

#: The kinds of fix, with what they do (Japanese, English).
REASONS = {
    "label": ("名称を id に", "label to its id"),
    "width": ("全角の数字・空白を半角に", "full-width digits and spaces to half-width"),
    "date": ("日付を西暦の YYYY-MM-DD に", "date to ISO 8601 (YYYY-MM-DD)"),
    "trailing": ("行末の空白を削除", "trailing spaces removed"),
    "structure": ("YAML の記号を半角に", "YAML's punctuation typed half-width"),
}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `text[start:end]` (0-based character offsets) with `new`; `line` and `column`
    (1-based) say where, `old` and `value` what the value was and becomes, `kind` which fix
    (a key of `REASONS`) and `label` the id's label when a label became its id."""

    start: int
    end: int
    new: str
    line: int
    column: int
    kind: str
    old: str
    value: str
    label: str = ""

    def explain(self, lang: str) -> str:
        """One line: where, what became what, and why."""
        ja, en = REASONS[self.kind]
        if self.kind == "trailing":
            return f"{self.line}行目: {ja}" if lang == "ja" else f"line {self.line}: {en}"
        if self.kind == "structure":  # `label` holds the character's names, Japanese<TAB>English
            name_ja, _, name_en = self.label.partition("\t")
            blank = not self.value.strip()
            if lang == "ja":
                shown = f"半角スペース {len(self.value)} 個" if blank else self.value.strip()
                return f"{self.line}行 {self.column}列: {name_ja}（{self.old}）→ {shown}（{ja}）"
            shown = f"{len(self.value)} space(s)" if blank else self.value.strip()
            return (
                f"line {self.line}, column {self.column}: {name_en} ({self.old}) → {shown} ({en})"
            )
        detail = ja if lang == "ja" else en
        if self.kind == "label":
            same = self.old.strip() == self.label
            if lang == "ja":
                detail = f"{self.value} の名称" if same else f"{self.value}（{self.label}）のこと"
            else:
                detail = (
                    f"the label of {self.value}"
                    if same
                    else f"stands for {self.value} ({self.label})"
                )
        if lang == "ja":
            return f"{self.line}行 {self.column}列: {self.old} → {self.value}（{detail}）"
        return f"line {self.line}, column {self.column}: {self.old} → {self.value} ({detail})"


@dataclass
class FileFix:
    """The fixes of one file: its path (relative to the registry root), its text before and
    after, the edits, and the findings that stopped it being fixed (a file that does not parse)."""

    path: str
    before: str
    after: str
    edits: list[Edit] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the fixed text differs from the file."""
        return self.after != self.before
