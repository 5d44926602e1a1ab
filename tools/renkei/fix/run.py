"""A `renkei fix` run: which files it reads (the YAML and CSV files of the prefecture folders,
all of them or those under PATHS), their fixes, and writing them (each file atomically)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from renkei.checks.json_schema import DOCUMENT_SCHEMAS, SchemaSet
from renkei.fix.csv_fix import fix_csv
from renkei.fix.model import FileFix
from renkei.fix.yaml_fix import fix_yaml
from renkei.registry.layout import PREFECTURES_DIR, TABLES, within
from renkei.registry.loaders.text import DEFAULT_LIMITS
from renkei.registry.reference import Reference
from renkei.registry.safe_files import UnsafeFile, read_limited, regular_files, write_atomic

#: The files `renkei fix` reads: the prefecture folders' YAML documents and CSV tables.
FIXABLE = frozenset(DOCUMENT_SCHEMAS) | frozenset(TABLES)


class OutsideRegistry(ValueError):
    """A PATH that is not inside the registry root; `path` is the path as given."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def _is_fixable(relative: Path) -> bool:
    parts = relative.parts
    prefix = PREFECTURES_DIR.parts
    return (
        len(parts) == len(prefix) + 2
        and parts[: len(prefix)] == prefix
        and relative.name in FIXABLE
    )


def selected_files(root: Path, paths: Iterable[Path]) -> list[Path]:
    """The fixable files (relative to the root) of the registry, or under PATHS (files or
    folders); a path outside the registry raises OutsideRegistry, other files are skipped."""
    chosen: dict[Path, None] = {}
    bases = list(paths) or [root / PREFECTURES_DIR]
    for base in bases:
        relative = within(root, base)
        if relative is None:
            raise OutsideRegistry(base)
        if base.is_dir() and not base.is_symlink():
            for path, _ in regular_files(root / relative, root):
                inner = path.relative_to(root)
                if _is_fixable(inner):
                    chosen[inner] = None
        elif _is_fixable(relative):
            chosen[relative] = None
    return sorted(chosen)


def fix_files(root: Path, paths: Iterable[Path] = ()) -> list[FileFix]:
    """The fixes of every selected file (a file that cannot be read or parsed carries its
    findings and no fix)."""
    schemas = SchemaSet(root)
    reference = Reference(root).load()
    out: list[FileFix] = []
    for relative in selected_files(root, paths):
        shown = relative.as_posix()
        try:
            data = read_limited(root / relative, DEFAULT_LIMITS.max_file_size, root=root)
        except UnsafeFile as error:
            out.append(FileFix(shown, "", "", problems=[error.finding()]))
            continue
        if relative.suffix == ".csv":
            out.append(fix_csv(root, shown, data, reference))
        else:
            out.append(fix_yaml(shown, data, schemas, reference))
    return out


def write_fixes(root: Path, fixes: Iterable[FileFix]) -> list[str]:
    """Write each changed file (beside it, then renamed into place); the paths written."""
    written = []
    for fix in fixes:
        if fix.changed and not fix.problems:
            write_atomic(root / fix.path, fix.after.encode("utf-8"), root=root)
            written.append(fix.path)
    return written


__all__ = ["FIXABLE", "OutsideRegistry", "fix_files", "selected_files", "write_fixes"]
