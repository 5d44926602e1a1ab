"""`renkei verify-bundle`: is this zip exactly what renkei built, and is its data valid?

Nothing is unpacked to disk. Entry names, sizes, flags and compression methods are checked
before any entry is read (zip slip, links, zip bombs, duplicates, encryption); every entry is
read with its CRC checked; manifest.json is checked against its schema; then every file's
SHA-256 and size against the manifest; then the data: each CSV against the Table Schema in
datapackage.json, the JSON documents against the JSON Schemas the bundle holds. Last, given the
registry, the bundle is rebuilt from the commit its manifest names and compared byte for byte
(`renkei.bundle.rebuild`), so a bundle whose data and manifest were changed together is caught too.
"""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from renkei.bundle.manifest_schema import manifest_problems
from renkei.findings import codes
from renkei.findings.model import Finding, Position, Report, Severity
from renkei.registry.safe_files import UnsafeFile, read_limited

if TYPE_CHECKING:
    from renkei.registry.reference import Reference

MAX_ENTRIES = 1_000
MAX_ENTRY_SIZE = 200 * 1024 * 1024
MAX_TOTAL_SIZE = 500 * 1024 * 1024
MAX_RATIO = 200
#: The archive file itself (it is read into memory, after its size is checked).
MAX_ARCHIVE_SIZE = 100 * 1024 * 1024
START = Position(1, 1)
#: The compression methods renkei writes and any reader handles: stored and deflated.
KNOWN_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class VerifyLimits:
    """How much of a received zip is read: entries, entry size, total size and the
    compression ratio."""

    max_entries: int = MAX_ENTRIES
    max_entry_size: int = MAX_ENTRY_SIZE
    max_total_size: int = MAX_TOTAL_SIZE
    max_ratio: int = MAX_RATIO


def _unsafe(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "absolute path"
    if "\\" in name:
        return "backslash in the name"
    if ".." in PurePosixPath(name).parts:
        return "'..' in the path"
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        return "symbolic link"
    if info.is_dir():
        return "directory entry"
    if name != posixpath.normpath(name) or not unicodedata.is_normalized("NFC", name):
        return "path not normalised"
    return None


def _entry_problems(shown: str, infos: list[zipfile.ZipInfo]) -> list[Finding]:
    """Duplicate names, encryption and unknown compression: refused before anything is read."""
    findings: list[Finding] = []
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        if name in seen:
            findings.append(codes.B010.make(shown, START, name=name))
        seen.add(name)
        if info.flag_bits & 0x1:
            findings.append(codes.B011.make(shown, START, name=name))
        if info.compress_type not in KNOWN_COMPRESSION:
            findings.append(codes.B012.make(shown, START, name=name, method=info.compress_type))
    return findings


def _read_entries(
    shown: str, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]
) -> tuple[dict[str, bytes], list[Finding]]:
    """Every entry's bytes, its CRC checked; a damaged or truncated entry is a finding."""
    contents: dict[str, bytes] = {}
    findings: list[Finding] = []
    for info in infos:
        try:
            contents[info.filename] = archive.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
            findings.append(codes.B013.make(shown, START, name=info.filename, detail=str(error)))
    return contents, findings


def _open_archive(path: Path, shown: str) -> zipfile.ZipFile | Finding:
    """The archive, read safely (no link, no FIFO or device, bounded in size), or why not."""
    try:
        data = read_limited(path, MAX_ARCHIVE_SIZE, display=shown)
    except UnsafeFile as error:
        return error.finding()
    except OSError as error:
        return codes.B001.make(shown, START, detail=str(error))
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        if data[:4] == b"PK\x03\x04":  # a zip that lost its end: truncated or damaged
            return codes.B013.make(shown, START, name=path.name, detail=str(error))
        return codes.B001.make(shown, START, detail=str(error))


def verify_bundle(
    path: Path, limits: VerifyLimits | None = None, root: Path | None = None
) -> Report:
    """Verify a bundle; with `root` (a registry in a Git repository) rebuild it and compare.
    Without, a B016 notice says the comparison could not be made."""
    limits = limits or VerifyLimits()
    report = Report(files_checked=0)
    shown = path.name
    findings = report.findings
    opened = _open_archive(path, shown)
    if isinstance(opened, Finding):
        findings.append(opened)
        return report
    with opened as archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            findings.append(
                codes.B003.make(
                    shown, START, name="*", detail=f"{len(infos)} entries > {limits.max_entries}"
                )
            )
            return report
        total = 0
        for info in infos:
            why = _unsafe(info)
            if why:
                findings.append(codes.B002.make(shown, START, name=info.filename, why=why))
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limits.max_entry_size or (
                info.file_size > 1024 * 1024 and ratio > limits.max_ratio
            ):
                detail = f"{info.file_size:,} bytes, ratio {ratio:.0f}"
                findings.append(codes.B003.make(shown, START, name=info.filename, detail=detail))
        if total > limits.max_total_size:
            findings.append(
                codes.B003.make(shown, START, name="*", detail=f"{total:,} bytes in all")
            )
        findings.extend(_entry_problems(shown, infos))
        if findings:
            return report
        contents, damaged = _read_entries(shown, archive, infos)
        findings.extend(damaged)
        if findings:
            return report
    report.files_checked = len(contents)
    manifest_name = MANIFEST
    if manifest_name not in contents:
        findings.append(codes.B005.make(shown, START, name=MANIFEST))
        return report
    manifest, problems = manifest_problems(contents[MANIFEST])
    if problems:
        findings.extend(
            codes.B014.make(shown, START, name=MANIFEST, detail=p) for p in problems[:5]
        )
        return report
    listed = {f["path"]: f for f in manifest["files"]}
    for name, entry in sorted(listed.items()):
        data = contents.get(name)
        if data is None:
            findings.append(codes.B005.make(shown, START, name=name))
        elif len(data) != entry.get("size"):
            findings.append(codes.B004.make(shown, START, name=name, what="size"))
        elif hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            findings.append(codes.B004.make(shown, START, name=name, what="SHA-256"))
    for name in sorted(set(contents) - set(listed) - {manifest_name}):
        findings.append(codes.B006.make(shown, START, name=name))
    if not findings:
        invalid = _validate_data(shown, contents, root)
        if manifest.get("draft") is True:
            # A draft was built knowing its data has errors: report them, do not fail on them.
            invalid = [replace(p, severity=Severity.WARNING) for p in invalid]
        findings.extend(invalid)
    if not report.errors:
        from renkei.bundle.rebuild import compare_with_rebuild

        findings.extend(compare_with_rebuild(shown, path.read_bytes(), manifest, root))
    return report


def _validate_data(shown: str, contents: dict[str, bytes], root: Path | None) -> list[Finding]:
    from renkei.checks.table_rows import table_findings
    from renkei.registry.loaders.csv_loader import load_csv_bytes

    findings: list[Finding] = []
    prefix = "DRAFT-" if "DRAFT-datapackage.json" in contents else ""
    try:
        package = json.loads(contents[f"{prefix}datapackage.json"])
        resources = package["resources"]
    except (KeyError, ValueError, TypeError) as error:
        return [codes.B007.make(shown, START, name="datapackage.json", detail=str(error))]
    reference = _reference(root)
    for resource in resources:
        name = resource.get("path", "?")
        data = contents.get(name)
        if data is None:
            findings.append(codes.B005.make(shown, START, name=name))
            continue
        try:
            text = data.decode(resource.get("encoding", "utf-8"))
        except (UnicodeDecodeError, LookupError) as error:
            findings.append(codes.B007.make(shown, START, name=name, detail=str(error)))
            continue
        table, problems = load_csv_bytes(text.encode("utf-8"), name)
        if table is not None:
            more, _ = table_findings(table, resource.get("schema", {"fields": []}), reference)
            problems = problems + [p for p in more if p.severity == "error"]
        for problem in problems[:5]:
            findings.append(
                codes.B007.make(
                    shown,
                    START,
                    name=name,
                    detail=f"{problem.code} line {problem.line}: {problem.message_en}",
                )
            )
    findings.extend(_validate_documents(shown, contents, prefix))
    return findings


def _reference(root: Path | None) -> Reference:
    """The registry's reference data when a registry is given or found, else empty tables
    (codes are then checked for format only)."""
    from renkei.registry.layout import RootNotFound, find_root
    from renkei.registry.reference import Reference

    try:
        return Reference(root or find_root(Path.cwd()))
    except RootNotFound:
        reference = Reference(Path.cwd())
        reference.__dict__.update({"governments": {}, "fields": {}, "technologies": {}})
        return reference


def _validate_documents(shown: str, contents: dict[str, bytes], prefix: str) -> list[Finding]:
    import jsonschema_rs

    schemas = {
        name.split("/")[-1]: json.loads(data)
        for name, data in contents.items()
        if name.endswith(".schema.json")
    }
    if not schemas:
        return []
    registry = jsonschema_rs.Registry([(s["$id"], s) for s in schemas.values()])
    findings = []
    for document, schema_name, wrap in (
        ("vision.json", "vision.schema.json", False),
        ("platforms.json", "platforms.schema.json", True),
        ("surveys.json", "surveys.schema.json", False),
    ):
        data = contents.get(prefix + document)
        if data is None or schema_name not in schemas:
            continue
        value = json.loads(data)
        if wrap:
            value = {"schema_version": 1, **value}
        validator = jsonschema_rs.validator_for(schemas[schema_name], registry=registry)
        errors = list(validator.iter_errors(value))
        if errors:
            findings.append(
                codes.B007.make(shown, START, name=prefix + document, detail=str(errors[0].message))
            )
    return findings
