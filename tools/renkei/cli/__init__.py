"""The `renkei` command: a thin click layer over the library.

Exit codes: 0 valid; 1 findings at error level (or warnings under --strict); 2 usage error
(a wrong argument, or a path that is missing, unreadable or unwritable); 3 internal error (a
bug: a one-line message says what to report; `renkei --debug` or RENKEI_DEBUG=1 adds the
traceback); 130 interrupted (also when the reader of the output goes away). No command changes
a registry file unless it says so.

The commands live in `main` (the group and the core commands), `workbook` and `workflow`; the
options and helpers they share in `options`. This module puts them together.
"""

from __future__ import annotations

from renkei.cli.main import main
from renkei.cli.workbook import export_xlsx, import_csv, import_xlsx
from renkei.cli.workflow import annotate, change_kind, codeowners, hygiene, scope

__all__ = ["main"]

for _command in (export_xlsx, import_csv, import_xlsx, annotate, codeowners, hygiene, scope):
    main.add_command(_command)
main.add_command(change_kind)
