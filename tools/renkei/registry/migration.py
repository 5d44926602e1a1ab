"""Rewriting platforms.yaml files written for an earlier model into the current one
(`renkei migrate`). Idempotent: a file already in the current shape is left as it is.

One rewrite so far: a platform's former `counts` (the GB3 §4.2 numbers, which describe the area,
not one platform) becomes `components` (what the platform itself contains, GB3 §4.2/§7.1):
`counts: unknown` → `components: unknown`; a known count maps `n ≥ 1` → `true` and `0` →
`false`, an unknown count stays `unknown`. The area's numbers (vision.yaml `area_inventory`) are
never derived from it: a platform's parts say nothing about the other platforms of the area.

The rewrite is textual and line-based, so comments, quoting and the order of the other keys are
kept; the result is loaded again and must equal the expected data, or the file is left alone and
the problem reported. Changed files are written atomically; unchanged ones are not touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from renkei.registry.layout import PLATFORMS_FILE, prefecture_folders
from renkei.registry.loaders.text import DEFAULT_LIMITS
from renkei.registry.loaders.yaml_loader import YamlDocument, load_yaml_bytes
from renkei.registry.safe_files import read_limited, write_atomic

#: The former count keys and the component each becomes.
COUNT_TO_COMPONENT = {
    "personal_auth_services": "personal_auth",
    "non_personal_platforms": "non_personal_broker",
    "personal_platforms": "personal_broker",
}


@dataclass
class MigrationResult:
    """What a migration did: the files it rewrote and those it could not (with why)."""

    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    #: (file, message in Japanese, message in English) of each file that was left as it was.
    problems: list[tuple[str, str, str]] = field(default_factory=list)


def _component(value: object) -> bool | str | None:
    """A former count as a component: n ≥ 1 → True, 0 → False, unknown stays; None when the
    value is no count at all."""
    if value == "unknown":
        return "unknown"
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value >= 1
    return None


def components_of(counts: object) -> dict[str, bool | str] | str | None:
    """The `components` value a former `counts` value becomes (None when it cannot be mapped)."""
    if counts == "unknown":
        return "unknown"
    if not isinstance(counts, dict) or set(counts) != set(COUNT_TO_COMPONENT):
        return None
    mapped = {new: _component(counts[old]) for old, new in COUNT_TO_COMPONENT.items()}
    if any(v is None for v in mapped.values()):
        return None
    return {k: v for k, v in mapped.items() if v is not None}


def _yaml_value(value: bool | str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The index after the last line of the mapping entry that starts at line `start`: the
    following lines that are blank, comments or indented deeper than `indent`."""
    end = start + 1
    while end < len(lines):
        stripped = lines[end].strip()
        deeper = len(lines[end]) - len(lines[end].lstrip(" ")) > indent
        if stripped and not stripped.startswith("#") and not deeper:
            break
        end += 1
    # Trailing blank and comment lines belong to what follows.
    while end - 1 > start and (
        not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
    ):
        end -= 1
    return end


def _replacement(value: dict[str, bool | str] | str, indent: int, newline: str) -> list[str]:
    pad = " " * indent
    if isinstance(value, str):
        return [f"{pad}components: {value}{newline}"]
    return [f"{pad}components:{newline}"] + [
        f"{pad}  {key}: {_yaml_value(v)}{newline}" for key, v in value.items()
    ]


def _expected(data: Any) -> Any:
    """The data as it must load after the rewrite."""
    platforms = []
    for platform in data["platforms"]:
        if isinstance(platform, dict) and "counts" in platform:
            platform = {
                ("components" if k == "counts" else k): (components_of(v) if k == "counts" else v)
                for k, v in platform.items()
            }
        platforms.append(platform)
    return {**data, "platforms": platforms}


class MigrationError(ValueError):
    """A file that cannot be migrated, with the reason in both languages."""

    def __init__(self, message_ja: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_ja = message_ja
        self.message_en = message_en


def migrate_text(text: str, display: str) -> str:
    """The platforms.yaml text with every `counts` rewritten; the same text when there is none.
    Raises MigrationError when a value cannot be mapped or the file cannot be read as YAML."""
    document, problems = load_yaml_bytes(text.encode("utf-8"), display, DEFAULT_LIMITS)
    if document is None:
        detail_ja = problems[0].message_ja if problems else "YAML ではありません"
        detail_en = problems[0].message_en if problems else "not YAML"
        raise MigrationError(f"読めません: {detail_ja}", f"cannot be read: {detail_en}")
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("platforms"), list):
        return text
    edits = _edits(document, data["platforms"], display)
    if not edits:
        return text
    lines = text.splitlines(keepends=True)
    for line_index, value in sorted(edits, reverse=True):
        line = lines[line_index]
        indent = len(line) - len(line.lstrip(" "))
        if not line.lstrip(" ").startswith("counts:"):
            raise MigrationError(
                f"{line_index + 1} 行目: キー counts が 1 行に独立していません",
                f"line {line_index + 1}: the key counts is not on a line of its own",
            )
        newline = "\r\n" if line.endswith("\r\n") else "\n"
        end = _block_end(lines, line_index, indent)
        lines[line_index:end] = _replacement(value, indent, newline)
    migrated = "".join(lines)
    check, _ = load_yaml_bytes(migrated.encode("utf-8"), display, DEFAULT_LIMITS)
    if check is None or check.data != _expected(data):
        raise MigrationError(
            "書き換えると同じデータになりません。手で直してください",
            "the rewritten file would not hold the same data; edit it by hand",
        )
    return migrated


def _edits(
    document: YamlDocument, platforms: list[Any], display: str
) -> list[tuple[int, dict[str, bool | str] | str]]:
    edits = []
    for index, platform in enumerate(platforms):
        if not isinstance(platform, dict) or "counts" not in platform:
            continue
        if "components" in platform:
            raise MigrationError(
                f"{index + 1} 番目の基盤に counts と components の両方があります",
                f"platform {index + 1} has both counts and components",
            )
        value = components_of(platform["counts"])
        if value is None:
            names = ", ".join(COUNT_TO_COMPONENT)
            raise MigrationError(
                f"{index + 1} 番目の基盤: counts は unknown か、3 つの数（{names}。0 以上の"
                "整数または unknown）にしてください",
                f"platform {index + 1}: counts must be unknown or the three counts "
                f"({names}) as integers ≥ 0 or unknown",
            )
        line = document.key_position(("platforms", index, "counts")).line - 1
        edits.append((line, value))
    return edits


def migrate_registry(root: Path, *, write: bool = True) -> MigrationResult:
    """Migrate every prefecture's platforms.yaml under ROOT; with `write=False` only report what
    would change."""
    result = MigrationResult()
    for folder in prefecture_folders(root):
        path = folder.path / PLATFORMS_FILE
        display = folder.display(PLATFORMS_FILE)
        try:
            raw = read_limited(path, DEFAULT_LIMITS.max_file_size, root=root, display=display)
        except FileNotFoundError:
            continue
        try:
            text = raw.decode("utf-8")
            migrated = migrate_text(text, display)
        except UnicodeDecodeError:
            result.problems.append((display, "UTF-8 ではありません", "not UTF-8"))
            continue
        except MigrationError as error:
            result.problems.append((display, error.message_ja, error.message_en))
            continue
        if migrated == text:
            result.unchanged += 1
            continue
        if write:
            write_atomic(path, migrated, root=root, display=display)
        result.changed.append(display)
    return result
