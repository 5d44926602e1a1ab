"""Hostile and broken input, one small fixture per attack, each run through the real `renkei`
command in a fresh process with its time and peak memory measured.

Used by tests/security/test_attacks.py (the assertions) and benchmarks/security_report.py (which writes
docs/security.md from the same list). All fixture data is synthetic.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from helpers.registry import Registry

RENKEI = str(Path(sys.executable).with_name("renkei"))
TOKYO = "registry/prefectures/13-tokyo"
PLATFORMS = f"{TOKYO}/platforms.yaml"
VISION = f"{TOKYO}/vision.yaml"
MUNICIPALITIES = f"{TOKYO}/municipalities.csv"
HEADER = (
    "lg_code,name,answer_status,answered_on,intention,planned_fiscal_year,department,notes,"
    "survey_round\n"
)


@dataclass(frozen=True)
class Attack:
    name: str
    description: str
    prepare: Callable[[Registry], list[str]]  # writes the fixture, returns renkei's arguments
    codes: tuple[str, ...]  # every one of these finding codes must be reported
    exits: tuple[int, ...] = (1,)
    check: Callable[[Registry, str], None] | None = None  # extra assertions on the output


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    output: str
    seconds: float
    max_rss_mb: float


# A small launcher process starts renkei and reports its peak memory: a process forked from the
# (large) test runner would count the runner's memory in its own peak.
LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[2:], stdout=sys.stdout, stderr=subprocess.STDOUT)
_, status, usage = os.wait4(process.pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    json.dump({"exit": os.waitstatus_to_exitcode(status), "seconds": seconds,
               "max_rss_kb": usage.ru_maxrss}, out)
"""


def _without_cache_switches() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("CI", "RENKEI_NO_CACHE")}


def run(registry: Registry, args: list[str], timeout: float = 60) -> Outcome:
    """Run renkei in a fresh process: exit code, output, wall time and peak memory."""
    import json
    import tempfile

    with tempfile.TemporaryDirectory() as temp:
        report = Path(temp) / "measure.json"
        completed = subprocess.run(
            [sys.executable, "-c", LAUNCHER, str(report), RENKEI, *args],
            cwd=registry.root,
            capture_output=True,
            timeout=timeout,
            # CI=true would turn the validation cache off, which the cache attacks need on.
            env={**_without_cache_switches(), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
            check=False,
        )
        measured = json.loads(report.read_text(encoding="utf-8"))
    output = (completed.stdout + completed.stderr).decode("utf-8", "replace")
    return Outcome(measured["exit"], output, measured["seconds"], measured["max_rss_kb"] / 1024)


def tree_hash(registry: Registry) -> str:
    """Every file of the registry and schemas (contents and names), links included as links."""
    digest = hashlib.sha256()
    for base in ("registry", "schemas"):
        for path in sorted((registry.root / base).rglob("*")):
            digest.update(str(path.relative_to(registry.root)).encode())
            if path.is_symlink():
                digest.update(b"->" + os.readlink(path).encode())
            elif path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


# --- fixtures -------------------------------------------------------------------------------


def _validate(path: str = TOKYO) -> list[str]:
    return ["validate", "--no-cache", path]


def alias_bomb(r: Registry) -> list[str]:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(
            f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
        )
    r.write(PLATFORMS, "\n".join(lines) + "\n")
    return _validate()


def deep_nesting(r: Registry) -> list[str]:
    r.write(VISION, "a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    return _validate()


def huge_file(r: Registry) -> list[str]:
    r.write(PLATFORMS, "schema_version: 1\nplatforms: []\n" + "# padding\n" * 2_500_000)
    return _validate()


def long_line(r: Registry) -> list[str]:
    r.replace(VISION, "title: unknown", "title: " + "長" * 3_000_000)
    return _validate()


def binary_nul(r: Registry) -> list[str]:
    r.write(f"{TOKYO}/kpis.csv", b"platform_id\x00\x00\x01\x02binary")
    return _validate()


def invalid_utf8(r: Registry) -> list[str]:
    r.write(MUNICIPALITIES, HEADER.encode() + b"131016,\xff\xfe\xfd,not_answered,,,,,,\n")
    return _validate()


def utf16(r: Registry) -> list[str]:
    r.write(f"{TOKYO}/prefecture.yaml", r.read(f"{TOKYO}/prefecture.yaml").encode("utf-16"))
    return _validate()


def ragged_rows(r: Registry) -> list[str]:
    r.replace(MUNICIPALITIES, "131016,千代田区,not_answered,,,,,,\n", "131016,千代田区\n")
    return _validate()


def embedded_newlines(r: Registry) -> list[str]:
    r.replace(MUNICIPALITIES, "131016,千代田区,", '131016,"千代田\n区",')
    return _validate()


def million_rows(r: Registry) -> list[str]:
    rows = "".join(f"13{i:04d},x,not_answered,,,,,,\n" for i in range(1_000_000))
    r.write(MUNICIPALITIES, HEADER + rows)
    return _validate()


def too_many_rows(r: Registry) -> list[str]:
    r.write(MUNICIPALITIES, HEADER + "131016,x,y,,,,,,\n" * 150_000)
    return _validate()


def findings_flood(r: Registry) -> list[str]:
    r.write(MUNICIPALITIES, HEADER + "131016,x,y,z,w,v,,\n" * 99_000)
    return _validate()


def too_many_entries(r: Registry) -> list[str]:
    r.write(PLATFORMS, "schema_version: 1\nplatforms: [" + "0," * 300_000 + "0]\n")
    return _validate()


def symlink_file(r: Registry) -> list[str]:
    target = r.path(f"{TOKYO}/kpis.csv")
    target.unlink()
    target.symlink_to("/etc/passwd")
    return _validate()


def symlink_folder(r: Registry) -> list[str]:
    r.path("registry/prefectures/99-outside").symlink_to("/")
    return ["validate", "--no-cache"]


def traversal_id(r: Registry) -> list[str]:
    r.replace(PLATFORMS, "id: test-platform", 'id: "../../../etc/passwd"')
    return _validate()


def script_in_vision(r: Registry) -> list[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "x"]):
        subprocess.run(command, cwd=r.root, env=env, check=True, capture_output=True)
    r.replace(VISION, "title: unknown", "title: \"<script>alert('renkei')</script>\"")
    return ["diff", "--format", "html"]


def _no_script(r: Registry, output: str) -> None:
    from html.parser import HTMLParser

    tags: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            tags.append(tag)

    Tags().feed(output)
    assert "script" not in tags, "a <script> element reached the HTML"
    assert "&lt;script&gt;" in output


def formula_in_text(r: Registry) -> list[str]:
    r.replace(PLATFORMS, "operator: テスト部", "operator: \"=cmd|' /C calc'!A0\"")
    return ["export-xlsx", "13", "-o", str(r.root.parent / "formula.xlsx")]


def _formula_is_text(r: Registry, output: str) -> None:
    from openpyxl import load_workbook

    sheet = load_workbook(r.root.parent / "formula.xlsx")["platforms"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == "=cmd|' /C calc'!A0"]
    assert cells and all(c.data_type == "s" for c in cells), "a formula was written"


def _zip(path: Path, entries: dict[str, bytes], mode: int | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if mode is not None:
                info.external_attr = mode << 16
            archive.writestr(info, data)
    return path


def zip_slip(r: Registry) -> list[str]:
    path = _zip(r.root.parent / "slip.zip", {"../../../tmp/evil.sh": b"echo owned\n"})
    return ["verify-bundle", str(path)]


def zip_bomb(r: Registry) -> list[str]:
    path = _zip(r.root.parent / "bomb.zip", {"manifest.json": b"\0" * (300 * 1024 * 1024)})
    return ["verify-bundle", str(path)]


def zip_link(r: Registry) -> list[str]:
    path = _zip(r.root.parent / "link.zip", {"manifest.json": b"/etc/passwd"}, mode=0o120777)
    return ["verify-bundle", str(path)]


def _workbook(r: Registry, name: str, extra: dict[str, bytes]) -> Path:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    target = r.root.parent / name
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        for entry, data in extra.items():
            out.writestr(entry, data)
    return target


def workbook_macro(r: Registry) -> list[str]:
    path = _workbook(r, "macro.xlsx", {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 not really vba"})
    return ["import-xlsx", "13", str(path)]


def workbook_external_link(r: Registry) -> list[str]:
    link = b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    path = _workbook(r, "linked.xlsx", {"xl/externalLinks/externalLink1.xml": link})
    return ["import-xlsx", "13", str(path)]


# --- bundles checked against history (verify-bundle) ----------------------------------------


def _bundle_zip(r: Registry, name: str, entries: list[tuple[str, bytes]]) -> Path:
    path = r.root.parent / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, data in entries:
            archive.writestr(entry, data)
    return path


def _patch_headers(path: Path, field: dict[int, tuple[int, int]]) -> None:
    """Set a 16-bit field in every local (kind 0) and central (kind 1) header: {kind: (offset,
    bits to OR in, or a value when negative)}."""
    import struct

    buffer = bytearray(path.read_bytes())
    for signature, kind in ((b"PK\x03\x04", 0), (b"PK\x01\x02", 1)):
        at = buffer.find(signature)
        while at != -1:
            offset, value = field[kind]
            if value < 0:
                struct.pack_into("<H", buffer, at + offset, -value)
            else:
                old = struct.unpack_from("<H", buffer, at + offset)[0]
                struct.pack_into("<H", buffer, at + offset, old | value)
            at = buffer.find(signature, at + 4)
    path.write_bytes(bytes(buffer))


def zip_duplicate_names(r: Registry) -> list[str]:
    path = _bundle_zip(r, "dup.zip", [("manifest.json", b"{}"), ("manifest.json", b"{}")])
    return ["verify-bundle", str(path)]


def zip_encrypted(r: Registry) -> list[str]:
    path = _bundle_zip(r, "encrypted.zip", [("manifest.json", b"{}")])
    _patch_headers(path, {0: (6, 0x1), 1: (8, 0x1)})
    return ["verify-bundle", str(path)]


def zip_unknown_compression(r: Registry) -> list[str]:
    path = _bundle_zip(r, "zstd.zip", [("manifest.json", b"{}")])
    _patch_headers(path, {0: (8, -93), 1: (10, -93)})
    return ["verify-bundle", str(path)]


def zip_bad_crc(r: Registry) -> list[str]:
    path = r.root.parent / "crc.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("manifest.json", b'{"SYNTHETIC": "' + b"x" * 64 + b'"}')
    data = bytearray(path.read_bytes())
    data[data.index(b"xxxx")] ^= 0x01
    path.write_bytes(bytes(data))
    return ["verify-bundle", str(path)]


def manifest_malformed(r: Registry) -> list[str]:
    hostile = b'{"files": [{"path": "../../etc/passwd", "sha256": 1, "size": -1}], "files": 0}'
    path = _bundle_zip(r, "manifest.zip", [("manifest.json", hostile)])
    return ["verify-bundle", str(path)]


def consistent_tamper(r: Registry) -> list[str]:
    import json

    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_AUTHOR_DATE": "2025-05-01T10:00:00+09:00",
           "GIT_COMMITTER_DATE": "2025-05-01T10:00:00+09:00"}  # fmt: skip
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "x"]):
        subprocess.run(command, cwd=r.root, env=env, check=True, capture_output=True)
    out = r.root.parent / "dist"
    subprocess.run([RENKEI, "bundle", "13", "--revision", "HEAD", "--out", str(out)],
                   cwd=r.root, check=True, capture_output=True)  # fmt: skip
    built = next(out.glob("*.zip"))
    with zipfile.ZipFile(built) as archive:
        files = {i.filename: archive.read(i) for i in archive.infolist()}
    text = files["municipalities.csv"].decode("utf-8-sig")
    files["municipalities.csv"] = text.replace(",not_answered,", ",answered,", 1).encode(
        "utf-8-sig"
    )
    manifest = json.loads(files["manifest.json"])
    for entry in manifest["files"]:
        entry["sha256"] = hashlib.sha256(files[entry["path"]]).hexdigest()
        entry["size"] = len(files[entry["path"]])
    files["manifest.json"] = json.dumps(manifest).encode()
    path = _bundle_zip(r, "tampered.zip", list(files.items()))
    return ["verify-bundle", str(path), "--root", str(r.root)]


# --- escaping at every border (terminal, workflow commands, Markdown, CSV, names) ----------


def _git_baseline(r: Registry) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "x"]):
        subprocess.run(command, cwd=r.root, env=env, check=True, capture_output=True)


def terminal_injection(r: Registry) -> list[str]:
    from helpers.rendered import HOSTILE_LINES

    r.replace(MUNICIPALITIES, "131016,千代田区,", f'131016,"{HOSTILE_LINES}",')
    return ["validate", "--no-cache", "--lang", "en", TOKYO]


def _one_line_per_finding(r: Registry, output: str) -> None:
    from helpers.rendered import TEXT_LINE, runner_commands

    lines = output.splitlines()
    assert all(TEXT_LINE.match(x) or x.startswith("    hint: ") for x in lines[:-1]), output
    assert "\x1b" not in output and runner_commands(output) == [], "a value broke out of its line"


def workflow_injection(r: Registry) -> list[str]:
    from helpers.rendered import HOSTILE_LINES

    r.write(f"{TOKYO}/a,line=1::x.csv", "synthetic\n")
    r.replace(MUNICIPALITIES, "131016,千代田区,", f'131016,"{HOSTILE_LINES}",')
    return ["validate", "--no-cache", "--lang", "en", "--format", "github", TOKYO]


def _only_annotations(r: Registry, output: str) -> None:
    from helpers.rendered import runner_commands

    commands = runner_commands(output)
    assert {name for name, _, _ in commands} == {"error", "warning"}, commands
    assert f"{TOKYO}/a,line=1::x.csv" in {props.get("file") for _, props, _ in commands}


def markdown_injection(r: Registry) -> list[str]:
    import json

    from helpers.rendered import HOSTILE_MARKDOWN

    _git_baseline(r)
    r.replace(PLATFORMS, "name: テスト基盤", f"name: {json.dumps(HOSTILE_MARKDOWN)}")
    return ["diff", "--format", "markdown"]


def _inert_markdown(r: Registry, output: str) -> None:
    from helpers.rendered import assert_inert_markdown

    assert_inert_markdown(output, allowed_html=frozenset({"details", "summary", "b", "ins", "del"}))


def csv_formula(r: Registry) -> list[str]:
    r.replace(f"{TOKYO}/prefecture.yaml", "name: 東京都", "name: \"=cmd|' /C calc'!A0\"")
    return ["summary", "--format", "csv"]


def _no_formula_cell(r: Registry, output: str) -> None:
    import csv

    cells = [c for row in csv.reader(io.StringIO(output)) for c in row]
    assert "'=cmd|' /C calc'!A0" in cells, "the formula-like name is not marked as text"
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]


def bidi_name(r: Registry) -> list[str]:
    r.replace(PLATFORMS, "name: テスト基盤", 'name: "テスト\u202e盤基\u0301\u0302\u0303"')
    return _validate()


ATTACKS = [
    Attack("yaml-alias-bomb", "billion-laughs aliases in platforms.yaml", alias_bomb, ("P006",)),
    Attack("yaml-deep-nesting", "100,000 nested lists in vision.yaml", deep_nesting, ("P004",)),
    Attack("huge-file", "a 25 MB platforms.yaml", huge_file, ("P001",)),
    Attack("very-long-line", "a 3-million-character line (9 MB) in vision.yaml", long_line, ("P001",)),
    Attack("binary-nul", "NUL and control bytes in kpis.csv", binary_nul, ("P003",)),
    Attack("invalid-utf8", "bytes that are not UTF-8 in municipalities.csv", invalid_utf8, ("P002",)),
    Attack("utf16", "prefecture.yaml saved as UTF-16", utf16, ("P002",)),
    Attack("csv-ragged-rows", "a row with too few cells", ragged_rows, ("T002",)),
    Attack("csv-embedded-newline", "a line break inside a quoted name", embedded_newlines, ("R005",)),
    Attack("csv-million-rows", "municipalities.csv with 1,000,000 rows (29 MB)", million_rows, ("P001",)),
    Attack("csv-too-many-rows", "150,000 rows under the size limit", too_many_rows, ("P014",)),
    Attack("csv-findings-flood", "99,000 broken rows under every limit", findings_flood, ("P018",)),
    Attack("yaml-too-many-entries", "300,000 values under the size limit", too_many_entries, ("P016",)),
    Attack("symlink-file", "kpis.csv is a link to /etc/passwd", symlink_file, ("P015",)),
    Attack("symlink-folder", "a prefecture folder linking to /", symlink_folder, ("P017",)),
    Attack("path-traversal-id", "a platform id of ../../../etc/passwd", traversal_id, ("S005",)),
    Attack("html-in-vision", "<script> in the vision's title, diffed as HTML", script_in_vision,
           (), exits=(0,), check=_no_script),
    Attack("formula-in-text", "a text field starting with =cmd|, exported to a workbook",
           formula_in_text, (), exits=(0,), check=_formula_is_text),
    Attack("zip-slip", "a bundle entry named ../../../tmp/evil.sh", zip_slip, ("B002",)),
    Attack("zip-bomb", "300 MB of zeros compressed into a bundle", zip_bomb, ("B003",)),
    Attack("zip-symlink", "a bundle entry that is a symbolic link", zip_link, ("B002",)),
    Attack("workbook-macro", "a workbook holding vbaProject.bin", workbook_macro, ("W002",)),
    Attack("workbook-external-link", "a workbook with an external link", workbook_external_link,
           ("W012",)),
    # escaping at every border
    Attack("terminal-injection", "a name with a line break, ::error and ESC, in text output",
           terminal_injection, ("R005", "R011"), check=_one_line_per_finding),
    Attack("workflow-command-injection", "a file named a,line=1::x.csv and ::stop-commands:: in "
           "a name, as GitHub annotations", workflow_injection, ("P013", "R005"),
           check=_only_annotations),
    Attack("markdown-injection", "links, images, <img>, @team and #123 in a platform name, "
           "diffed as Markdown", markdown_injection, (), exits=(0,), check=_inert_markdown),
    Attack("csv-formula-injection", "a prefecture name starting with =cmd|, in the summary CSV",
           csv_formula, (), exits=(0,), check=_no_formula_cell),
    Attack("bidi-zalgo-name", "a platform name with U+202E and stacked combining marks",
           bidi_name, ("R009", "R010"), exits=(0,)),
    # bundles checked against history
    Attack("zip-duplicate-names", "two entries named manifest.json", zip_duplicate_names,
           ("B010",)),
    Attack("zip-encrypted-flag", "an entry flagged as encrypted", zip_encrypted, ("B011",)),
    Attack("zip-unknown-compression", "an entry with compression method 93 (zstd)",
           zip_unknown_compression, ("B012",)),
    Attack("zip-bad-crc", "an entry whose data does not match its CRC-32", zip_bad_crc,
           ("B013",)),
    Attack("manifest-malformed", "a manifest with duplicate keys, escaping paths, wrong types",
           manifest_malformed, ("B014",)),
    Attack("bundle-consistent-tamper", "data and manifest hashes changed together",
           consistent_tamper, ("B015",)),
]  # fmt: skip


# --- nothing outside the registry, no unbounded reads -------------------------------------------


def _git_repo(r: Registry) -> None:
    from helpers.gitrepo import commit, git

    git(r.root, "init", "-q", "-b", "main")
    commit(r.root, "synthetic initial")


def fifo_platforms(r: Registry) -> list[str]:
    r.path(PLATFORMS).unlink()
    os.mkfifo(r.path(PLATFORMS))
    return _validate()


def device_node(r: Registry) -> list[str]:
    import stat

    target = r.path(f"{TOKYO}/kpis.csv")
    target.unlink()
    try:  # /dev/zero's own device numbers; without the right to make one, a FIFO stands in
        os.mknod(target, stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except PermissionError:
        os.mkfifo(target)
    return _validate()


def dev_zero_link(r: Registry) -> list[str]:
    target = r.path(f"{TOKYO}/kpis.csv")
    target.unlink()
    target.symlink_to("/dev/zero")
    return _validate()


def _precious(r: Registry) -> Path:
    target = r.root.parent / "precious.txt"
    target.write_text("synthetic: must stay as it is\n", encoding="utf-8")
    return target


def export_link_output(r: Registry) -> list[str]:
    link = r.root.parent / "linked.xlsx"
    link.symlink_to(_precious(r))
    return ["export-xlsx", "13", "-o", str(link)]


def _precious_kept(r: Registry, output: str) -> None:
    precious = r.root.parent / "precious.txt"
    assert precious.read_text(encoding="utf-8") == "synthetic: must stay as it is\n"


def _link_outside(r: Registry, relative: str) -> None:
    outside = r.root.parent / Path(relative).name
    outside.write_bytes(r.path(relative).read_bytes())
    r.path(relative).unlink()
    r.path(relative).symlink_to(outside)


def linked_schema(r: Registry) -> list[str]:
    _link_outside(r, "schemas/tables/kpis.json")
    return ["validate", "--no-cache"]


def linked_reference(r: Registry) -> list[str]:
    _link_outside(r, "registry/reference/fields.csv")
    return ["validate", "--no-cache"]


def oversize_blob(r: Registry) -> list[str]:
    from helpers.gitrepo import commit

    _git_repo(r)
    original = r.path(VISION).read_bytes()
    with r.path(VISION).open("ab") as out:
        for _ in range(300):
            out.write(b"# synthetic padding\n" * 50_000)  # 1 MB each, 300 MB in all
    commit(r.root, "synthetic oversize vision")
    r.path(VISION).write_bytes(original)
    commit(r.root, "synthetic vision again")
    return ["log", "13"]


def _crafted(r: Registry, entry: str) -> None:
    from helpers.gitrepo import crafted_commit, escaping_tree, write_blob

    _git_repo(r)
    if entry == "..":
        extra = [("40000", b"..", escaping_tree(r.root, "escaped.txt"))]
    elif entry == "absolute":
        extra = [("100644", b"/etc-passwd", write_blob(r.root, b"synthetic\n"))]
    else:
        extra = [("120000", b"kpis-link.csv", write_blob(r.root, b"/etc/passwd"))]
    crafted_commit(r, extra)


def crafted_tree_diff(r: Registry) -> list[str]:
    _crafted(r, "..")
    return ["diff", "HEAD~1", "HEAD"]


def crafted_absolute_diff(r: Registry) -> list[str]:
    _crafted(r, "absolute")
    return ["diff", "HEAD~1", "HEAD"]


def crafted_symlink_diff(r: Registry) -> list[str]:
    _crafted(r, "symlink")
    return ["diff", "HEAD~1", "HEAD"]


def crafted_tree_bundle(r: Registry) -> list[str]:
    _crafted(r, "..")
    return ["bundle", "13", "--revision", "HEAD", "--out", str(r.root.parent / "dist")]


def _nothing_escaped(r: Registry, output: str) -> None:
    import tempfile

    for base in (r.root.parent, Path(tempfile.gettempdir())):
        assert not (base / "escaped.txt").exists(), f"a file escaped to {base}"


def huge_dimension(r: Registry) -> list[str]:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "municipalities"
    sheet.append(["lg_code", "name", "answer_status"])
    target = r.root.parent / "dimension.xlsx"
    book.save(target)
    with zipfile.ZipFile(target) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    start = xml.index("<dimension ")
    xml = xml[:start] + '<dimension ref="A1:XFD1048576"/>' + xml[xml.index("/>", start) + 2 :]
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return ["import-xlsx", "13", str(target)]


def too_many_cells(r: Registry) -> list[str]:
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 150_002))
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()
    path = _workbook(r, "cells.xlsx", {})
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return ["import-xlsx", "13", str(path)]


def csv_rows_streaming(r: Registry) -> list[str]:
    path = r.root.parent / "rows.csv"
    path.write_text(HEADER + "131016,synthetic,not_answered,,,,,,\n" * 150_000, encoding="utf-8")
    return ["import-csv", "13", str(path)]


ATTACKS += [
    Attack("fifo-file", "platforms.yaml is a FIFO (a reader would block forever)", fifo_platforms,
           ("P019",)),
    Attack("device-node", "kpis.csv is a character device like /dev/zero", device_node, ("P019",)),
    Attack("dev-zero-link", "kpis.csv is a link to /dev/zero", dev_zero_link, ("P015",)),
    Attack("export-link-output", "export-xlsx -o a link to a file outside", export_link_output,
           ("P015",), check=_precious_kept),
    Attack("linked-schema", "a Table Schema linked to a file outside", linked_schema, ("P015",)),
    Attack("linked-reference", "a reference file linked to a file outside", linked_reference,
           ("P015",)),
    Attack("oversize-blob", "a 300 MB vision.yaml in the history, read by renkei log",
           oversize_blob, (), exits=(0,)),
    Attack("git-tree-dotdot-diff", "a crafted commit whose tree climbs with .. entries (diff)",
           crafted_tree_diff, ("P020",)),
    Attack("git-tree-absolute-diff", "a crafted tree entry named /etc-passwd (diff)",
           crafted_absolute_diff, ("P020",)),
    Attack("git-tree-symlink-diff", "a crafted tree with a symlink entry (diff)",
           crafted_symlink_diff, ("P021",)),
    Attack("git-tree-dotdot-bundle", "a bundle of a crafted commit whose tree climbs with ..",
           crafted_tree_bundle, ("P020",), check=_nothing_escaped),
    Attack("workbook-huge-dimension", "a sheet declaring A1:XFD1048576 with three cells",
           huge_dimension, (), exits=(0, 1)),
    Attack("workbook-too-many-rows", "a sheet of 150,001 real rows", too_many_cells, ("W004",)),
    Attack("csv-import-too-many-rows", "import-csv of 150,000 rows", csv_rows_streaming,
           ("P014",)),
]  # fmt: skip


# --- the validation cache and the exit codes --------------------------------------------------

CACHE = ".renkei-cache/validate.json"
CACHE_NOTICE = "discarded the validation cache .renkei-cache/validate.json"


def _break_tokyo(r: Registry) -> None:
    r.replace(MUNICIPALITIES, "131016,千代田区,", "13101,千代田区,")


def cache_corrupt(r: Registry) -> list[str]:
    _break_tokyo(r)
    r.path(".renkei-cache").mkdir()
    r.write(CACHE, '{"format": 2, "stamp": {"inode": 1, "mtime_ns": 1}, "entries": {"13-tokyo": ')
    return ["validate", "--jobs", "1"]


def _cache_notice(r: Registry, output: str) -> None:
    assert CACHE_NOTICE in output, "no notice about the discarded cache"


def cache_folder_is_a_file(r: Registry) -> list[str]:
    _break_tokyo(r)
    r.write(".renkei-cache", "synthetic: a file where the cache folder belongs\n")
    return ["validate", "--jobs", "1"]


def _cache_file_kept(r: Registry, output: str) -> None:
    _cache_notice(r, output)
    text = r.path(".renkei-cache").read_text(encoding="utf-8")
    assert text == "synthetic: a file where the cache folder belongs\n", "the file was changed"


def output_missing_folder(r: Registry) -> list[str]:
    return ["summary", "-o", str(r.root.parent / "no-such-folder" / "summary.md")]


def _missing_folder_named(r: Registry, output: str) -> None:
    folder = r.root.parent / "no-such-folder"
    assert f"The output folder {folder} does not exist" in output
    assert not folder.exists()


def _read_only_folder(r: Registry) -> Path:
    """A folder this process cannot write into: chmod 0o500, or /sys where that does not bind
    (root)."""
    folder = r.root.parent / "read-only"
    folder.mkdir(mode=0o500)
    try:
        (folder / "probe").write_text("", encoding="utf-8")
    except PermissionError:
        return folder
    (folder / "probe").unlink()
    return Path("/sys")


def output_read_only(r: Registry) -> list[str]:
    return ["summary", "-o", str(_read_only_folder(r) / "renkei-summary.md")]


def _read_only_named(r: Registry, output: str) -> None:
    assert "cannot read or write " in output and "renkei-summary.md (" in output
    assert not (r.root.parent / "read-only" / "renkei-summary.md").exists()


ATTACKS += [
    Attack("cache-corrupt", "a truncated validation cache, Tokyo's data broken", cache_corrupt,
           ("R001",), check=_cache_notice),
    Attack("cache-folder-is-a-file", "a regular file in place of .renkei-cache/",
           cache_folder_is_a_file, ("R001",), check=_cache_file_kept),
    Attack("output-missing-folder", "summary -o into a folder that does not exist",
           output_missing_folder, (), exits=(2,), check=_missing_folder_named),
    Attack("output-read-only", "summary -o into a folder that cannot be written",
           output_read_only, (), exits=(2,), check=_read_only_named),
]  # fmt: skip


# --- One verdict per document: whole-value patterns, integers, engine disagreement ----------------

KANAGAWA = "registry/prefectures/14-kanagawa"


def newline_duplicate_id(r: Registry) -> list[str]:
    """Tokyo's platform id again in Kanagawa, written as a YAML block scalar ("test-platform\\n")."""
    text = r.read(PLATFORMS).replace('lead_body: "130001"', 'lead_body: "140007"')
    r.write(
        f"{KANAGAWA}/platforms.yaml",
        text.replace("id: test-platform", "id: |\n      test-platform"),
    )
    return _validate(KANAGAWA)


def float_fiscal_year(r: Registry) -> list[str]:
    r.replace(
        VISION,
        "revisions: []",
        "revisions:\n  - fiscal_year: 2.024e3\n    number: 1\n"
        "    adopted_on: unknown\n    summary: unknown\n    publication_url: unknown",
    )
    return _validate()


def engine_disagreement(r: Registry) -> list[str]:
    """A schema allowing any number and a number JSON cannot hold: jsonschema-rs refuses
    1e999 (infinity), python-jsonschema accepts it."""
    r.replace(
        "schemas/common.schema.json", '{ "type": "integer", "minimum": 0 }', '{ "type": "number" }'
    )
    r.replace(PLATFORMS, "scale: unknown", "scale: {accounts: 1e999, monthly_api_calls: 0}")
    return _validate()


ATTACKS += [
    Attack("newline-duplicate-id", "a duplicate platform id hidden by a final newline (id: |)",
           newline_duplicate_id, ("S008", "X001")),
    Attack("float-fiscal-year", "fiscal_year: 2.024e3 in the vision", float_fiscal_year, ("S010",)),
    Attack("schema-engine-disagreement", "a value one schema engine refuses and the other accepts",
           engine_disagreement, ("S009",)),
]  # fmt: skip

# --- The gate: data-only pull requests, missing prefecture folders ------------------------


def folder_replaced_by_file(r: Registry) -> list[str]:
    folder = r.path(f"{TOKYO.rsplit('/', 1)[0]}/47-okinawa")
    shutil.rmtree(folder)
    folder.write_text("SYNTHETIC: a file where a prefecture folder belongs\n", encoding="utf-8")
    return ["validate", "--no-cache"]


def code_named_like_data(r: Registry) -> list[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    name = f"tools/evil\n{PLATFORMS}"  # one path outside the prefecture folders, not two
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                    ["git", "commit", "-qm", "x"], ["git", "switch", "-q", "-c", "change"]):  # fmt: skip
        subprocess.run(command, cwd=r.root, env=env, check=True, capture_output=True)
    (r.root / name).parent.mkdir(parents=True)
    (r.root / name).write_text("echo owned\n", encoding="utf-8")
    for command in (["git", "add", "-A"], ["git", "commit", "-qm", "y"]):
        subprocess.run(command, cwd=r.root, env=env, check=True, capture_output=True)
    return ["change-kind", "--base", "main"]


def _says_code(r: Registry, output: str) -> None:
    assert "code" in output.splitlines(), "a change outside the prefecture folders passed as data"


ATTACKS += [
    Attack("prefecture-folder-missing", "a prefecture folder replaced by a file",
           folder_replaced_by_file, ("X012",)),
    Attack("code-named-like-data", "a file outside the prefecture folders whose name holds a "
           "newline and a prefecture path", code_named_like_data, (), exits=(0,), check=_says_code),
]  # fmt: skip
