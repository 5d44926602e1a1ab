"""Reading a prefecture folder's files: what is there, missing, linked or unexpected."""

from __future__ import annotations

from renkei.catalogue import finding_type
from renkei.findings import Finding, Position
from renkei.layout import ALLOWED_EXTRA, REQUIRED_FILES, PrefectureFolder
from renkei.suggest import nearest


def read_folder_files(folder: PrefectureFolder) -> tuple[dict[str, bytes], list[Finding]]:
    """The bytes of every file the folder should hold; missing, linked or extra files as findings."""
    contents: dict[str, bytes] = {}
    findings: list[Finding] = []
    start = Position(1, 1)
    present = {entry.name: entry for entry in folder.path.iterdir()}
    for name in REQUIRED_FILES:
        entry = present.get(name)
        display = folder.display(name)
        if entry is None:
            findings.append(finding_type("P012").make(display, start, name=name))
        elif entry.is_symlink():
            findings.append(finding_type("P015").make(display, start, name=name))
        elif not entry.is_file():
            findings.append(finding_type("P012").make(display, start, name=name))
        else:
            contents[name] = entry.read_bytes()
    for name in sorted(set(present) - set(REQUIRED_FILES) - ALLOWED_EXTRA):
        if name.startswith("."):
            continue
        findings.append(
            finding_type("P013").make(
                folder.display(name),
                start,
                suggestion=nearest(name, [n for n in REQUIRED_FILES if n not in present]),
                name=name,
            )
        )
    return contents, findings
