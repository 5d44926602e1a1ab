"""Run every renkei command with the code of two revisions and compare their outputs byte for byte.

A refactoring must not change what users see. This script runs each command (every output format,
both languages, the error paths) on two registries: a clone of this repository (the shipped
registry with its Git history) and a SYNTHETIC registry with a generated history. It runs them
once with the package of BASE and once with the package of the working tree, and prints every
output (stdout, stderr, exit code, written files) that differs.

    python scripts/compare_outputs.py BASE            # e.g. main, a tag or a commit
    python scripts/compare_outputs.py BASE --keep DIR  # keep both record folders in DIR

Exit 0 when everything is the same, 1 when some output differs. Both runs use the same registry
folders, so only the code differs; absolute paths are replaced by placeholders before comparing.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-06-01"

#: The same environment for both runs, whatever the machine's.
ENV = {
    "LC_ALL": "C.UTF-8",
    "LANG": "C.UTF-8",
    "TZ": "UTC",
    "RENKEI_NO_CACHE": "1",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Compare",
    "GIT_AUTHOR_EMAIL": "compare@example.org",
    "GIT_COMMITTER_NAME": "Compare",
    "GIT_COMMITTER_EMAIL": "compare@example.org",
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
}

LAUNCH = "import sys; sys.path.insert(0, sys.argv.pop(1)); from renkei.cli import main; main()"


@dataclass(frozen=True)
class Case:
    """One command line: a name for its record, the registry it runs in, and its arguments."""

    name: str
    registry: str  # "shipped" or "synthetic"
    args: tuple[str, ...]


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=ENV
    ).stdout.strip()


def cases(shipped: Path) -> Iterator[Case]:
    """Every command, format and language, on both registries."""
    first = _git(shipped, "log", "--format=%H", "--reverse", "--", "registry/prefectures")
    old = first.splitlines()[0]
    for registry, pref, frm, to in (
        ("shipped", "31", old, "HEAD"),
        ("synthetic", "13", "v2017", "v2018"),
    ):
        for lang in ("en", "ja"):
            tag = f"{registry}-{lang}"
            common = ("--lang", lang)
            for fmt in ("text", "json", "github"):
                yield Case(
                    f"{tag}-validate-{fmt}",
                    registry,
                    ("validate", *common, "--format", fmt, "--as-of", AS_OF),
                )
            yield Case(
                f"{tag}-validate-summary",
                registry,
                ("validate", *common, "--summary", "--as-of", AS_OF),
            )
            yield Case(
                f"{tag}-validate-strict",
                registry,
                ("validate", *common, "--strict", "--as-of", AS_OF),
            )
            yield Case(
                f"{tag}-validate-pref",
                registry,
                (
                    "validate",
                    *common,
                    f"registry/prefectures/{_folder(registry, pref)}",
                    "--as-of",
                    AS_OF,
                ),
            )
            for fmt in ("text", "markdown", "json", "csv", "svg"):
                yield Case(
                    f"{tag}-summary-{fmt}",
                    registry,
                    ("summary", *common, "--format", fmt, "--as-of", AS_OF),
                )
            yield Case(
                f"{tag}-summary-markdown-file",
                registry,
                (
                    "summary",
                    *common,
                    "--format",
                    "markdown",
                    "--as-of",
                    AS_OF,
                    "-o",
                    "{out}/summary.md",
                ),
            )
            for fmt in ("text", "markdown", "json", "html"):
                yield Case(
                    f"{tag}-diff-{fmt}",
                    registry,
                    ("diff", *common, "--format", fmt, "--from", frm, "--to", to),
                )
                yield Case(
                    f"{tag}-diff-pref-{fmt}",
                    registry,
                    ("diff", *common, pref, "--format", fmt, "--from", frm, "--to", to),
                )
            yield Case(
                f"{tag}-diff-file",
                registry,
                (
                    "diff",
                    *common,
                    "--format",
                    "html",
                    "--from",
                    frm,
                    "--to",
                    to,
                    "-o",
                    "{out}/diff.html",
                ),
            )
            for fmt in ("text", "json"):
                yield Case(f"{tag}-log-{fmt}", registry, ("log", *common, "--format", fmt))
                yield Case(
                    f"{tag}-log-pref-{fmt}", registry, ("log", *common, pref, "--format", fmt)
                )
            yield Case(
                f"{tag}-bundle",
                registry,
                (
                    "bundle",
                    *common,
                    pref,
                    "--revision",
                    "HEAD",
                    "--as-of",
                    AS_OF,
                    "--out",
                    "{out}/bundle",
                ),
            )
            yield Case(
                f"{tag}-bundle-draft-cp932",
                registry,
                (
                    "bundle",
                    *common,
                    pref,
                    "--revision",
                    "HEAD",
                    "--draft",
                    "--csv-encoding",
                    "cp932",
                    "--as-of",
                    AS_OF,
                    "--out",
                    "{out}/bundle-cp932",
                ),
            )
            yield Case(
                f"{tag}-verify-bundle",
                registry,
                ("verify-bundle", *common, "{glob:{out}/bundle/*.zip}"),
            )
            yield Case(
                f"{tag}-verify-bundle-json",
                registry,
                ("verify-bundle", *common, "--format", "json", "{glob:{out}/bundle/*.zip}"),
            )
            for layout in ("standard", "datamap"):
                yield Case(
                    f"{tag}-export-xlsx-{layout}",
                    registry,
                    (
                        "export-xlsx",
                        *common,
                        pref,
                        "--layout",
                        layout,
                        "-o",
                        f"{{out}}/{layout}.xlsx",
                    ),
                )
                yield Case(
                    f"{tag}-import-xlsx-{layout}",
                    registry,
                    ("import-xlsx", *common, pref, f"{{out}}/{layout}.xlsx", "--layout", layout),
                )
            yield Case(
                f"{tag}-import-csv",
                registry,
                (
                    "import-csv",
                    *common,
                    pref,
                    f"registry/prefectures/{_folder(registry, pref)}/municipalities.csv",
                    "--table",
                    "municipalities",
                ),
            )
            yield Case(f"{tag}-scope", registry, ("scope", *common, "--base", frm, "--allow-multi"))
            yield Case(
                f"{tag}-scope-json",
                registry,
                ("scope", *common, "--base", frm, "--allow-multi", "--format", "json"),
            )
            yield Case(f"{tag}-change-kind", registry, ("change-kind", *common, "--base", frm))
            yield Case(f"{tag}-codeowners", registry, ("codeowners", *common, "--check"))
            yield Case(f"{tag}-hygiene", registry, ("hygiene", *common))
            yield Case(
                f"{tag}-annotate",
                registry,
                ("annotate", *common, "--base", frm, "--summary", "{out}/annotate.md"),
            )
            yield Case(f"{tag}-scaffold", registry, ("scaffold", *common))
            # Error paths: a usage error, an unknown prefecture, an unknown revision.
            yield Case(
                f"{tag}-error-pref", registry, ("bundle", *common, "99", "--out", "{out}/none")
            )
            yield Case(f"{tag}-error-rev", registry, ("diff", *common, "--from", "no-such-ref"))
            yield Case(f"{tag}-error-option", registry, ("summary", *common, "--format", "yaml"))
    for doc in ("errors", "cli"):
        yield Case(f"docs-{doc}", "shipped", ("docs", doc))


def _folder(registry: str, pref: str) -> str:
    return {"31": "31-tottori", "13": "13-tokyo"}[pref]


def _expand(arg: str, out: Path) -> str:
    arg = arg.replace("{out}", str(out))
    if arg.startswith("{glob:") and arg.endswith("}"):
        pattern = Path(arg[len("{glob:") : -1])
        found = sorted(pattern.parent.glob(pattern.name))
        return str(found[0]) if found else str(pattern)
    return arg


def _describe_file(path: Path) -> str:
    """A written file as text: its hash, and for a zip (bundle, workbook) each entry's hash."""
    data = path.read_bytes()
    # An exported workbook records when it was written (entry times, docProps/core.xml); a
    # bundle is reproducible, so its whole bytes are compared.
    exported = path.suffix == ".xlsx"
    digest = "" if exported else f" sha256 {hashlib.sha256(data).hexdigest()}"
    lines = [f"{path.name}:{digest}"]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if exported and info.filename == "docProps/core.xml":
                    continue
                body = archive.read(info)
                when = "" if exported else f" {info.date_time}"
                lines.append(
                    f"  {info.filename}{when} {len(body)} {hashlib.sha256(body).hexdigest()[:16]}"
                )
    elif len(data) < 200_000:
        lines.append(data.decode("utf-8", "replace"))
    return "\n".join(lines)


def record(tools: Path, registries: dict[str, Path], target: Path, work: Path) -> None:
    """Run every case with the package in `tools`, writing one record file per case."""
    target.mkdir(parents=True)
    for case in cases(registries["shipped"]):
        root = registries[case.registry]
        out = work / case.name
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        argv = [_expand(arg, out) for arg in case.args]
        run = subprocess.run(
            [sys.executable, "-c", LAUNCH, str(tools), *argv],
            cwd=root, capture_output=True, env=ENV, timeout=600,
        )  # fmt: skip
        text = "\n".join(
            [
                "$ renkei " + " ".join(case.args),
                f"exit {run.returncode}",
                "--- stdout",
                run.stdout.decode("utf-8", "replace"),
                "--- stderr",
                run.stderr.decode("utf-8", "replace"),
                *(f"--- file {_describe_file(p)}" for p in sorted(out.rglob("*")) if p.is_file()),
            ]
        )
        for path, placeholder in ((out, "<OUT>"), (root, "<ROOT>"), (tools, "<TOOLS>")):
            text = text.replace(str(path), placeholder)
        (target / f"{case.name}.txt").write_text(text, encoding="utf-8")


def _make_registries(work: Path) -> dict[str, Path]:
    shipped = work / "shipped"
    subprocess.run(
        ["git", "clone", "-q", "--no-hardlinks", str(REPO), str(shipped)], check=True, env=ENV
    )
    synthetic = work / "synthetic"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate_history.py"), str(synthetic),
         "--years", "3", "--per-year", "2"],
        check=True, capture_output=True, env=ENV,
    )  # fmt: skip
    # The generated history's tags start at the first fiscal year; v2017/v2018 are two of them.
    return {"shipped": shipped, "synthetic": synthetic}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="The revision to compare the working tree's code with.")
    parser.add_argument("--keep", type=Path, help="Keep the records in this folder.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="renkei-compare-") as scratch:
        work = Path(scratch)
        base_tree = work / "base"
        subprocess.run(
            [
                "git",
                "-C",
                str(REPO),
                "worktree",
                "add",
                "-q",
                "--detach",
                str(base_tree),
                options.base,
            ],
            check=True,
        )
        try:
            registries = _make_registries(work)
            record(base_tree / "tools", registries, work / "records-base", work / "out")
            record(REPO / "tools", registries, work / "records-new", work / "out")
        finally:
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", str(base_tree)],
                check=True,
            )
        differing = 0
        for before in sorted((work / "records-base").iterdir()):
            after = work / "records-new" / before.name
            old, new = before.read_text(encoding="utf-8"), after.read_text(encoding="utf-8")
            if old != new:
                differing += 1
                sys.stdout.writelines(difflib.unified_diff(
                    old.splitlines(keepends=True), new.splitlines(keepends=True),
                    f"base/{before.name}", f"new/{before.name}", n=2))  # fmt: skip
        total = len(list((work / "records-base").iterdir()))
        if options.keep:
            shutil.rmtree(options.keep, ignore_errors=True)
            options.keep.mkdir(parents=True)
            shutil.copytree(work / "records-base", options.keep / "base")
            shutil.copytree(work / "records-new", options.keep / "new")
        print(
            f"{total - differing} of {total} outputs the same, {differing} differ", file=sys.stderr
        )
        return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
