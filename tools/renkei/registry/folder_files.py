"""Reading a prefecture folder's files: what is there, missing, linked or unexpected."""

from __future__ import annotations

import os

from renkei.checks.suggest import nearest
from renkei.findings import codes
from renkei.findings.model import Finding, Position
from renkei.registry.layout import (
    ALLOWED_EXTRA,
    DATA_FILES,
    OPTIONAL_YAML_FILES,
    REQUIRED_FILES,
    PrefectureFolder,
)
from renkei.registry.loaders.text import DEFAULT_LIMITS, Limits
from renkei.registry.safe_files import UnsafeFile, read_limited


def read_folder_files(
    folder: PrefectureFolder, limits: Limits = DEFAULT_LIMITS
) -> tuple[dict[str, bytes], list[Finding]]:
    """The bytes of every file the folder should hold (and of the optional ones it holds); missing, linked, special, oversize or
    extra files as findings (a file is never followed, waited on or read past the limit)."""
    contents: dict[str, bytes] = {}
    findings: list[Finding] = []
    start = Position(1, 1)
    with os.scandir(folder.path) as entries:
        present = {entry.name for entry in entries}
    for name in DATA_FILES:
        display = folder.display(name)
        if name not in present and name in OPTIONAL_YAML_FILES:
            continue
        if name not in present:
            findings.append(codes.P012.make(display, start, name=name))
            continue
        try:
            contents[name] = read_limited(folder.path / name, limits.max_file_size, display=display)
        except UnsafeFile as error:
            findings.append(error.finding())
        except FileNotFoundError:
            if name not in OPTIONAL_YAML_FILES:
                findings.append(codes.P012.make(display, start, name=name))
    for name in sorted(set(present) - set(DATA_FILES) - ALLOWED_EXTRA):
        if name.startswith("."):
            continue
        findings.append(
            codes.P013.make(
                folder.display(name),
                start,
                suggestion=nearest(name, [n for n in REQUIRED_FILES if n not in present]),
                name=name,
            )
        )
    return contents, findings
