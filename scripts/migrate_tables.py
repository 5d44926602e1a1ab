"""Bring every prefecture's CSV tables up to schemas/tables after optional columns were added.

    python scripts/migrate_tables.py [ROOT]

Missing optional columns are appended empty and renamed enumeration values rewritten
(`renkei.registry.table_migration`); every other cell stays as it is. Then run
`renkei scaffold` to regenerate each datapackage.yaml. Exit 1 when a table cannot be migrated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from renkei.registry.table_migration import CannotMigrate, migrate_registry


def main(argv: list[str]) -> int:
    """Migrate the registry at argv[0] (default: the current directory)."""
    root = Path(argv[0]) if argv else Path.cwd()
    try:
        done = migrate_registry(root)
    except CannotMigrate as error:
        sys.stderr.write(f"migrate_tables: {error}\n")
        return 1
    for item in done:
        sys.stdout.write(f"{item.path}: +{len(item.added)} columns, {item.renamed} renamed\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
