"""The platform ids of the folders outside a selection (`renkei validate PATH`, a bundle of one
prefecture), for the registry-wide checks: duplicate ids (X001), unknown ids (X002) and a
platform's table naming another prefecture's platform (X007).

Those checks only ever report a use inside the selection, so a folder matters only when it
defines an id that the selection defines or names. Parsing the other 46 platforms.yaml files in
full just to find that most of them share nothing with the selection is most of a one-folder
run; instead each file's text is first searched for the selection's ids (`may_define`), and
only a file that may define one is parsed. The search can only err on the side of parsing: it
is used only when every id of the selection is a plain token, and a file whose text could spell
an id other than literally (an escape, an invisible character) is always parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from renkei.checks.patterns import INVISIBLE, without_stray_characters
from renkei.findings.model import Finding, Severity
from renkei.registry.cache import ResultCache, fingerprint
from renkei.registry.folder_files import read_folder_files
from renkei.registry.layout import PLATFORMS_FILE, PrefectureFolder
from renkei.registry.loaders.text import Limits, decode_text, unify_line_endings
from renkei.registry.results import IdUse, PrefectureResult

#: An id the text search can find: it is then written literally, as one run of these.
_TOKEN = re.compile(r"[A-Za-z0-9_-]+")
#: What could make a value differ from its text: an escape, an invisible character.
#: The finding of a file that is absent: an absent platforms.yaml defines no id.
_MISSING = "P012"
_UNLITERAL = re.compile("[\\\\" + "".join(f"\\u{ord(c):04x}" for c in INVISIBLE) + "]")


def selection_ids(results: Iterable[PrefectureResult]) -> frozenset[str] | None:
    """The ids the selection defines (as compared: without stray characters) or names; None
    when one of them is not a plain token, so that every other folder is parsed."""
    ids: set[str] = set()
    for result in results:
        ids.update(without_stray_characters(use.id) for use in result.defined)
        ids.update(use.id for use in result.referenced)
    if not all(_TOKEN.fullmatch(value) for value in ids):
        return None
    return frozenset(ids)


def may_define(text: str, ids: frozenset[str]) -> bool:
    """False only when TEXT defines none of IDS: none of them is a run of token characters in
    it, and nothing in it spells a value other than literally."""
    if _UNLITERAL.search(text):
        return True
    return not ids.isdisjoint(_TOKEN.findall(text))


@dataclass(frozen=True, slots=True)
class UnknownDefinitions:
    """A platforms.yaml that did not load: which ids it defines is unknown, not none, so no
    finding may say that an id it could define is defined nowhere."""

    file: str
    #: Its text; None when it is not even text (a binary file, not UTF-8, too large).
    text: str | None

    def may_define(self, platform_id: str) -> bool:
        """False only when the text surely does not define PLATFORM_ID."""
        if self.text is None or not _TOKEN.fullmatch(platform_id):
            return True
        return may_define(self.text, frozenset((platform_id,)))


def unknown_definitions(
    folder: PrefectureFolder, findings: Iterable[Finding], limits: Limits
) -> UnknownDefinitions | None:
    """The folder's platforms.yaml when FINDINGS say it could not be read or parsed (an error of
    the P family on it, other than its absence); None when it loaded."""
    display = folder.display(PLATFORMS_FILE)
    if not any(
        f.file == display and f.code.startswith("P") and f.code != _MISSING
        for f in findings
        if f.severity is Severity.ERROR
    ):
        return None
    contents, _ = read_folder_files(folder, limits)  # only for a broken file: rare
    data = contents.get(PLATFORMS_FILE)
    text = decode_text(data, display, limits)[0] if data is not None else None
    return UnknownDefinitions(display, unify_line_endings(text) if text is not None else None)


def defined_ids_only(
    folder: PrefectureFolder,
    cache: ResultCache,
    base_key: str,
    limits: Limits,
    selection: frozenset[str] | None,
) -> tuple[list[IdUse], UnknownDefinitions | None]:
    """Platform ids of a folder outside the selection: from the cache, else from platforms.yaml
    (none when it cannot define an id of SELECTION; all when SELECTION is None); and the file
    when it does not load, so its ids are unknown."""
    contents, file_findings = read_folder_files(folder, limits)
    names = "\n".join(f"{f.code}:{f.file}:{f.message_en}" for f in file_findings)
    key = fingerprint(base_key, folder.name, contents, names)
    cached = cache.get(folder.name, key)
    if cached is not None:
        return cached.defined, unknown_definitions(folder, cached.findings, limits)
    data = contents.get(PLATFORMS_FILE)
    if data is None:
        return [], unknown_definitions(folder, file_findings, limits)
    if selection is not None:
        text, _ = decode_text(data, folder.display(PLATFORMS_FILE), limits)
        if text is not None and not may_define(unify_line_endings(text), selection):
            return [], None
    uses, findings = platform_ids(data, folder.display(PLATFORMS_FILE), limits)
    return uses, unknown_definitions(folder, [*file_findings, *findings], limits)


def platform_ids(
    data: bytes, display_path: str, limits: Limits
) -> tuple[list[IdUse], list[Finding]]:
    """Every platform id that platforms.yaml (DATA) defines, with its position, and the findings
    of loading it; no ids when the file does not load."""
    from renkei.registry.loaders.yaml_loader import load_yaml_bytes  # only on a cache miss

    document, findings = load_yaml_bytes(data, display_path, limits)
    if document is None or not isinstance(document.data, dict):
        return [], findings
    platforms = document.data.get("platforms")
    uses: list[IdUse] = []
    if isinstance(platforms, list):
        for index, platform in enumerate(platforms):
            if isinstance(platform, dict) and isinstance(platform.get("id"), str):
                position = document.position(("platforms", index, "id"))
                uses.append(
                    IdUse(
                        platform["id"],
                        document.path,
                        position.line,
                        position.column,
                        f"$.platforms[{index}].id",
                    )
                )
    return uses, findings
