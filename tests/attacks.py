"""Hostile and broken input, one small fixture per attack, each run through the real `renkei`
command in a fresh process with its time and peak memory measured.

Used by tests/test_attacks.py (the assertions) and benchmarks/security_report.py (which writes
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

from conftest import Registry

RENKEI = str(Path(sys.executable).with_name("renkei"))
TOKYO = "registry/prefectures/13-tokyo"
PLATFORMS = f"{TOKYO}/platforms.yaml"
VISION = f"{TOKYO}/vision.yaml"
MUNICIPALITIES = f"{TOKYO}/municipalities.csv"
HEADER = "lg_code,name,answer_status,answered_on,intention,planned_fiscal_year,department,notes\n"


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
            env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
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
    r.write(MUNICIPALITIES, HEADER.encode() + b"131016,\xff\xfe\xfd,not_answered,,,,,\n")
    return _validate()


def utf16(r: Registry) -> list[str]:
    r.write(f"{TOKYO}/prefecture.yaml", r.read(f"{TOKYO}/prefecture.yaml").encode("utf-16"))
    return _validate()


def ragged_rows(r: Registry) -> list[str]:
    r.replace(MUNICIPALITIES, "131016,千代田区,not_answered,,,,,\n", "131016,千代田区\n")
    return _validate()


def embedded_newlines(r: Registry) -> list[str]:
    r.replace(MUNICIPALITIES, "131016,千代田区,", '131016,"千代田\n区",')
    return _validate()


def million_rows(r: Registry) -> list[str]:
    rows = "".join(f"13{i:04d},x,not_answered,,,,,\n" for i in range(1_000_000))
    r.write(MUNICIPALITIES, HEADER + rows)
    return _validate()


def too_many_rows(r: Registry) -> list[str]:
    r.write(MUNICIPALITIES, HEADER + "131016,x,y,,,,,\n" * 150_000)
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
