"""From rows read out of a workbook or CSV to registry files: build the would-be files, validate
them as `renkei validate` would (in a temporary copy of the registry), diff them against the
current files, and write them only when asked and only when valid — all files beside their
targets first, then renamed into place, so no file is ever half-written.

Unchanged content never rewrites a file: a CSV whose rows are the same keeps its bytes, and
platforms.yaml (whose comments a rewrite would lose) is rewritten only when a platform changed.
"""

from __future__ import annotations

import csv
import io
import re
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from renkei.findings import codes
from renkei.findings.model import Finding, Position, Severity
from renkei.registry.csv_writer import csv_text
from renkei.registry.layout import PLATFORMS_FILE, PREFECTURES_DIR, TABLES, prefecture_folders
from renkei.registry.loaders.text import DEFAULT_LIMITS
from renkei.registry.safe_files import (
    SUPPORT_FILE_LIMIT,
    UnsafeFile,
    check_writable,
    copy_regular_tree,
    move_into_place,
    read_limited,
    read_text_limited,
    regular_files,
    stage_beside,
)
from renkei.registry.snapshot import PREFECTURES_PREFIX, TABLE_SCHEMAS_PREFIX, parse_snapshot
from renkei.revisions.compare import labelled
from renkei.revisions.diff import RegistryDiff, diff_states
from renkei.revisions.git import Revision
from renkei.workbook.layout import HIDDEN_ID, SheetSpec
from renkei.workbook.read import ReadResult, SheetRows
from renkei.workbook.source import PrefectureData

#: Nested platform fields a new platform row starts with (the workbook does not carry them).
NEW_PLATFORM_DEFAULTS: dict[str, Any] = {
    "timeline": {},
    "components": "unknown",
    "authentication": "unknown",
    "linkage": "unknown",
    "terms_of_use": "unknown",
    "modules": "unknown",
    "participants": "unknown",
    "scale": "unknown",
    "costs": "unknown",
    "cost_sharing": "unknown",
    "funding": "unknown",
    "sources": [],
}
PLATFORM_ORDER = (
    "id", "name", "lead_body", "operator", "kind", "fields", "status", "timeline",
    "service_provision", "platform_provision", "user_scope", "cross_prefecture", "components",
    "broker_data_management", "authentication", "linkage", "terms_of_use", "modules",
    "participants", "personal_data", "scale", "costs", "cost_sharing", "funding", "vendor",
    "sources", "provenance", "operating_model", "participation", "consent_management", "notes",
)  # fmt: skip
_LOOKS_TYPED = re.compile(r"^[-+.0-9][-+.:0-9 _eE]*\Z")
_YAML_WHERE = re.compile(r"^\$\.platforms\[(\d+)\](?:\.([a-z_]+))?")
_CSV_WHERE = re.compile(r"column (\S+)")


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # The stubs leave BaseResolver.resolve untyped; it returns the tag, a str.
    resolved = dumper.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    style = None
    if _LOOKS_TYPED.match(value) or resolved != "tag:yaml.org,2002:str":
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_platforms(document: dict[str, Any], original_text: str) -> str:
    """platforms.yaml text: the original's leading comment lines, then the document."""
    comments = []
    for line in original_text.splitlines():
        if not line.startswith("#"):
            break
        comments.append(line)
    body = yaml.dump(
        document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2
    )
    return "\n".join([*comments, body.rstrip("\n")]) + "\n"


@dataclass
class Located:
    """Where each record of a would-be file came from: record → sheet row."""

    sheet: SheetRows
    rows: list[int] = field(default_factory=list)  # platforms: index → sheet row
    #: CSV: (first line, sheet row); the row None for a record kept as it was (--merge).
    lines: list[tuple[int, int | None]] = field(default_factory=list)


@dataclass
class Plan:
    """What an import would do to a prefecture folder: the new text of each changed file, the
    findings, the diff against the registry, and where each written row came from."""

    folder: str
    display: str
    changed: dict[str, str] = field(default_factory=dict)  # filename → new text
    findings: list[Finding] = field(default_factory=list)
    diff: RegistryDiff | None = None
    located: dict[str, Located] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        """The findings that stop the import."""
        return [f for f in self.findings if f.severity is Severity.ERROR]


def _platform_value(text: str, kind: str) -> Any:
    if kind == "boolean":
        return {"true": True, "false": False}.get(text, text)
    if kind == "fields":
        if text == "unknown":
            return "unknown"
        return [p for p in text.split(";") if p]
    return text


def build_platforms(
    data: PrefectureData, sheet: SheetRows, result: ReadResult, display: str
) -> tuple[list[dict[str, Any]], Located]:
    """The platforms of the sheet, each merged into the platform it was exported from (found by
    the hidden id, else by id; W011 when the hidden id matches none), with their sheet rows."""
    originals = {p["id"]: p for p in data.platforms if isinstance(p.get("id"), str)}
    located = Located(sheet)
    platforms: list[dict[str, Any]] = []
    for number, values in sheet.rows:
        exported = values.get(HIDDEN_ID, "")
        original = originals.get(exported) if exported else originals.get(values.get("id", ""))
        if exported and original is None:
            where, position = sheet.ref(number, HIDDEN_ID)
            result.findings.append(codes.W011.make(display, position, where, value=exported))
        platform = dict(original) if original is not None else dict(NEW_PLATFORM_DEFAULTS)
        for column in sheet.spec.columns:
            if column.hidden or column.key not in sheet.columns:
                continue
            value = _platform_value(values[column.key], column.kind)
            if value == "" and not column.required:
                platform.pop(column.key, None)  # an empty optional cell leaves the field out
            else:
                platform[column.key] = value
        if original is None:
            order = {k: i for i, k in enumerate(PLATFORM_ORDER)}
            platform = dict(sorted(platform.items(), key=lambda kv: order.get(kv[0], 99)))
        platforms.append(platform)
        located.rows.append(number)
    return platforms, located


def build_table(
    spec: SheetSpec,
    sheet: SheetRows,
    existing: tuple[list[str], list[list[str]]] | None = None,
    key: list[str] | None = None,
) -> tuple[list[str], list[list[str]], Located]:
    """The CSV header and rows of a table sheet, with the CSV line of each sheet row. With
    `existing` rows and their primary `key` (a merge), the sheet's rows replace the existing
    rows of the same key and the others follow them; the existing rows without one in the sheet
    are kept as they are."""
    header = [c.key for c in spec.columns]
    numbered: list[tuple[int | None, list[str]]] = [
        (number, [values[k] for k in header]) for number, values in sheet.rows
    ]
    if existing is not None and key:
        old_header, old_rows = existing
        at = [header.index(k) for k in key]
        imported = {tuple(row[i] for i in at): (n, row) for n, row in numbered}
        merged: list[tuple[int | None, list[str]]] = []
        for old in old_rows:
            values = dict(zip(old_header, old, strict=False))
            row = [values.get(k, "") for k in header]
            merged.append(imported.pop(tuple(row[i] for i in at), (None, row)))
        numbered = merged + list(imported.values())
    rows = [row for _, row in numbered]
    located = Located(sheet)
    line = 2
    for number, row in numbered:
        located.lines.append((line, number))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(row)
        line += out.getvalue().count("\n")
    return header, rows, located


def plan_files(
    data: PrefectureData,
    result: ReadResult,
    display: str,
    merge_keys: dict[str, list[str]] | None = None,
) -> Plan:
    """The files the read sheets would change (only those whose content differs) and the
    reader's findings. A table in `merge_keys` (table → primary key) is merged: rows not read
    are kept."""
    plan = Plan(data.folder, display)
    for sheet in result.sheets.values():
        if not sheet.present:
            continue
        spec = sheet.spec
        if spec.table is None:
            platforms, located = build_platforms(data, sheet, result, display)
            if platforms != data.platforms:
                document = {**data.platforms_document, "platforms": platforms}
                original = read_text_limited(data.path / PLATFORMS_FILE)
                plan.changed[PLATFORMS_FILE] = dump_platforms(document, original)
            plan.located[PLATFORMS_FILE] = located
            continue
        key = (merge_keys or {}).get(spec.table)
        existing = data.tables[spec.table] if key else None
        header, rows, located = build_table(spec, sheet, existing, key)
        if (header, rows) != data.tables[spec.table]:
            plan.changed[spec.filename] = csv_text(header, rows)
        plan.located[spec.filename] = located
    plan.findings.extend(result.findings)
    return plan


def _snapshot_files(root: Path, folder: str, override: dict[str, str]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    base = root / PREFECTURES_DIR / folder
    for path, info in regular_files(base, root):
        if stat.S_ISREG(info.st_mode) and path.parent == base:
            limit = DEFAULT_LIMITS.max_file_size
            files[f"{PREFECTURES_PREFIX}{folder}/{path.name}"] = read_limited(
                path, limit, root=root
            )
    for name, text in override.items():
        files[f"{PREFECTURES_PREFIX}{folder}/{name}"] = text.encode("utf-8")
    for path, _ in regular_files(root / "schemas" / "tables", root):
        if path.suffix == ".json":
            data = read_limited(path, SUPPORT_FILE_LIMIT, root=root)
            files[f"{TABLE_SCHEMAS_PREFIX}{path.name}"] = data
    return files


def diff_plan(root: Path, plan: Plan) -> RegistryDiff:
    """The semantic diff from the folder as it is to the folder with the plan's files."""
    old = parse_snapshot(_snapshot_files(root, plan.folder, {}))
    new = parse_snapshot(_snapshot_files(root, plan.folder, plan.changed))
    result = diff_states(old, new, Revision("registry", None), Revision(plan.display, None))
    return labelled(result, root, (old, new))


def validate_plan(root: Path, plan: Plan) -> list[Finding]:
    """Validate the would-be folder in a temporary registry root: schemas, reference data, the
    folder with the new files, and every other folder's platforms.yaml (for registry-wide ids)."""
    from renkei.checks.validate import ValidateOptions, validate

    with tempfile.TemporaryDirectory(prefix="renkei-import-") as temp:
        temp_root = Path(temp)
        copy_regular_tree(root, Path("schemas"), temp_root)
        copy_regular_tree(root, Path("registry") / "reference", temp_root)
        copy_regular_tree(root, PREFECTURES_DIR / plan.folder, temp_root)
        own = temp_root / PREFECTURES_DIR / plan.folder
        for name, text in plan.changed.items():
            (own / name).write_text(text, encoding="utf-8", newline="")
        for folder in prefecture_folders(root):
            if folder.name == plan.folder:
                continue
            try:  # only for registry-wide ids; renkei validate reports a broken file itself
                data = read_limited(folder.path / PLATFORMS_FILE, DEFAULT_LIMITS.max_file_size)
            except (OSError, UnsafeFile):
                continue
            target = temp_root / PREFECTURES_DIR / folder.name
            target.mkdir(parents=True)
            (target / PLATFORMS_FILE).write_bytes(data)
        options = ValidateOptions(
            paths=[temp_root / PREFECTURES_DIR / plan.folder], use_cache=False, jobs=1
        )
        report = validate(temp_root, options)
    return [_locate(f, plan) for f in report.sorted_findings()]


def _locate(finding: Finding, plan: Plan) -> Finding:
    """Point a finding in a would-be file at the sheet cell (or CSV line) it came from."""
    prefix = f"{PREFECTURES_PREFIX}{plan.folder}/"
    if not finding.file.startswith(prefix):
        return finding
    filename = finding.file[len(prefix) :]
    located = plan.located.get(filename)
    if located is None or (filename not in plan.changed):
        return finding
    sheet = located.sheet
    row: int | None
    if filename == PLATFORMS_FILE:
        match = _YAML_WHERE.match(finding.where)
        if not match or int(match[1]) >= len(located.rows):
            return finding
        row = located.rows[int(match[1])]
        key = match[2] if match[2] in sheet.columns else None
        where, position = sheet.ref(row, key)
        if key is None or finding.where.count(".") > 2 or "[" in finding.where[len(match[0]) :]:
            where = f"{where} ({finding.where})"
    else:
        row = next((r for line, r in reversed(located.lines) if line <= finding.line), None)
        if row is None:  # before the first record, or a record kept as it was
            return finding
        match = _CSV_WHERE.search(finding.where)
        key = match[1] if match and match[1] in sheet.columns else None
        where, position = sheet.ref(row, key)
    return replace(
        finding, file=plan.display, line=position.line, column=position.column, where=where
    )


def _writer(payload: bytes) -> Callable[[Path], int]:
    """A function that writes `payload` to the file it is given."""
    return lambda path: path.write_bytes(payload)


def write_plan(root: Path, plan: Plan) -> list[str]:
    """Write every changed file beside its target, then rename each into place."""
    base = root / PREFECTURES_DIR / plan.folder
    staged: list[tuple[str, Path]] = []
    try:
        for name in plan.changed:
            check_writable(base / name, root=root)  # never through a link
        # Every file is staged before any is renamed: a failure leaves the folder as it was.
        for name, text in plan.changed.items():
            payload = text.encode("utf-8")
            staged.append((name, stage_beside(base / name, _writer(payload))))
        for name, temp in staged:
            move_into_place(temp, base / name, root=root)
    finally:
        for _, temp in staged:
            temp.unlink(missing_ok=True)
    return [f"{PREFECTURES_DIR.as_posix()}/{plan.folder}/{name}" for name, _ in staged]


def import_rows(
    root: Path,
    data: PrefectureData,
    result: ReadResult,
    display: str,
    merge_keys: dict[str, list[str]] | None = None,
) -> Plan:
    """Build, validate and diff (merging the tables of `merge_keys`); nothing is written here."""
    plan = plan_files(data, result, display, merge_keys)
    if plan.errors:
        return plan
    if plan.changed:
        plan.findings.extend(validate_plan(root, plan))
    plan.diff = diff_plan(root, plan)
    return plan


__all__ = ["TABLES", "Plan", "Position", "import_rows", "write_plan"]
