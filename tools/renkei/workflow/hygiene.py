"""Basic text hygiene for committed files: a final newline, no trailing spaces, no byte order
mark in YAML or CSV, and no file of the validation cache (.renkei-cache/), which belongs to one
checkout and must never be committed. A prefecture's YAML file whose source URL registry/SOURCES.md
does not list gets a warning (`renkei.workflow.source_listing`). Files are only read; the problems
are reported with line and column."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from renkei.registry.safe_files import SUPPORT_FILE_LIMIT, UnsafeFile, read_limited

BOM = b"\xef\xbb\xbf"
#: Where a byte order mark is refused (the strict loaders reject it too, later and less clearly).
NO_BOM_SUFFIXES = frozenset({".yaml", ".yml", ".csv", ".json"})
#: Two trailing spaces are a line break in markdown, so trailing spaces are allowed there.
TRAILING_SPACE_ALLOWED = frozenset({".md"})
#: The validation cache's folder (renkei.registry.cache.CACHE_DIR; not imported, to keep the hook fast).
CACHE_DIR = ".renkei-cache"


@dataclass(frozen=True, slots=True)
class Problem:
    """One hygiene problem: the file, its line and column, a code, the message in both
    languages and whether it is an error (the file must change) or a warning."""

    file: str
    line: int
    column: int
    code: str
    message_ja: str
    message_en: str
    severity: str = "error"

    def render(self, lang: str) -> str:
        """`file:line:col: error: CODE message` in the message language."""
        message = self.message_ja if lang == "ja" else self.message_en
        from renkei.escape.terminal import text as show

        where = f"{show(self.file)}:{self.line}:{self.column}"
        return f"{where}: {self.severity}: {self.code} {show(message)}"


def check_bytes(display: str, data: bytes) -> list[Problem]:
    """The hygiene problems of one file's bytes (a binary file has none)."""
    suffix = Path(display).suffix.lower()
    if b"\0" in data[:8192]:
        return []  # binary
    problems: list[Problem] = []
    if data.startswith(BOM) and suffix in NO_BOM_SUFFIXES:
        problems.append(
            Problem(
                display,
                1,
                1,
                "bom",
                "ファイルの先頭に BOM があります。BOM なしの UTF-8 で保存してください。",
                "The file starts with a byte order mark; save it as UTF-8 without BOM.",
            )
        )
    if suffix not in TRAILING_SPACE_ALLOWED:
        for number, line in enumerate(data.split(b"\n"), start=1):
            if number == 1:
                line = line.removeprefix(BOM)
            stripped = line.rstrip(b"\r")
            trimmed = stripped.rstrip(b" \t")
            if trimmed != stripped:
                column = len(trimmed.decode("utf-8", errors="replace")) + 1
                problems.append(
                    Problem(
                        display,
                        number,
                        column,
                        "trailing-space",
                        "行末に空白があります。削除してください。",
                        "Trailing whitespace; remove it.",
                    )
                )
    if data and not data.endswith(b"\n"):
        lines = data.removeprefix(BOM).split(b"\n")
        column = len(lines[-1].decode("utf-8", errors="replace")) + 1
        problems.append(
            Problem(
                display,
                len(lines),
                column,
                "final-newline",
                "ファイルの最後に改行がありません。最後の行のあとで改行してください。",
                "No newline at end of file; end the last line with a newline.",
            )
        )
    return problems


def cache_problem(display: str) -> Problem | None:
    """A problem when DISPLAY lies in the validation cache's folder."""
    if CACHE_DIR not in Path(display).parts:
        return None
    return Problem(
        display,
        1,
        1,
        "cache-committed",
        f"検証キャッシュ（{CACHE_DIR}/）のファイルはコミットしません。"
        f"git rm --cached -r {CACHE_DIR} で外してください。",
        f"Files of the validation cache ({CACHE_DIR}/) are never committed; remove them with "
        f"git rm --cached -r {CACHE_DIR}.",
    )


def registry_files(root: Path) -> list[Path]:
    """Every file of ROOT's registry/ folder, in path order, as `renkei hygiene` checks them
    when it is given no path: links are listed (and reported), never followed, and the
    validation cache's folder is left out. Paths are relative to the current directory when
    ROOT lies inside it, so that findings read as registry/...:line."""
    base = root / "registry"
    found: list[Path] = []
    for folder, subfolders, names in os.walk(base, followlinks=False):
        subfolders[:] = [name for name in subfolders if name != CACHE_DIR]
        found.extend(Path(folder) / name for name in names)
        found.extend(
            Path(folder) / name for name in subfolders if (Path(folder) / name).is_symlink()
        )
    return sorted(_shown(path) for path in found)


def _shown(path: Path) -> Path:
    """PATH relative to the current directory when it lies inside it, else as given."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def check_files(paths: list[Path]) -> list[Problem]:
    """Problems of every file; a link, special file or file above the support-file limit is a
    problem itself (it is never followed, waited on or read whole). Missing paths are skipped."""
    problems: list[Problem] = []
    listings: dict[Path, frozenset[str] | None] = {}
    for path in paths:
        cached = cache_problem(path.as_posix())
        if cached is not None:
            problems.append(cached)
            continue
        try:
            data = read_limited(path, SUPPORT_FILE_LIMIT, display=path.as_posix())
        except FileNotFoundError:
            continue
        except UnsafeFile as error:
            finding = error.finding()
            problems.append(
                Problem(finding.file, 1, 1, finding.code, finding.message_ja, finding.message_en)
            )
            continue
        problems.extend(check_bytes(path.as_posix(), data))
        if path.suffix.lower() in {".yaml", ".yml"}:
            problems.extend(_unlisted_sources(path, data, listings))
    return problems


def _unlisted_sources(
    path: Path, data: bytes, listings: dict[Path, frozenset[str] | None]
) -> list[Problem]:
    """A warning for each source URL of a prefecture's YAML file that registry/SOURCES.md does
    not list (nothing when the file is elsewhere or the repository has no list)."""
    from renkei.workflow.source_listing import listed_urls, listing_for, unlisted

    listing = listing_for(path)
    if listing is None:
        return []
    if listing not in listings:
        try:
            text = read_limited(listing, SUPPORT_FILE_LIMIT).decode("utf-8", errors="replace")
            listings[listing] = listed_urls(text)
        except (OSError, UnsafeFile):
            listings[listing] = None
    listed = listings[listing]
    if listed is None:
        return []
    return [
        Problem(
            path.as_posix(),
            cited.line,
            cited.column,
            "source-not-listed",
            f"出典 {cited.url} が registry/SOURCES.md の一覧にありません。"
            "題名・発行者・公開日とともに一覧に加えてください。",
            f"The source {cited.url} is not listed in registry/SOURCES.md; add it to the list "
            "with its title, publisher and date.",
            severity="warning",
        )
        for cited in unlisted(data.decode("utf-8", errors="replace"), listed)
    ]
