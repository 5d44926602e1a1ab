"""The `renkei` command: a thin click layer over the library.

Exit codes: 0 valid; 1 findings at error level (or warnings under --strict); 2 usage error
(a wrong argument, or a path that is missing, unreadable or unwritable); 3 internal error (a
bug: a one-line message says what to report; `renkei --debug` or RENKEI_DEBUG=1 adds the
traceback); 130 interrupted (also when the reader of the output goes away). No command changes
a registry file unless it says so.

Owns: `group` (the `renkei` group), one module per command group (`registry_commands`,
`revision_commands`, `summary_command`, `bundle_commands`, `workbook_commands`,
`workflow_commands`, `docs_commands`), the options and helpers they share (`options`) and
the generated command reference (`doc`, `errors_doc`). The command modules import `options`,
never each other; this module puts them together. A command parses its arguments, calls the
library and prints what it returns: no logic of its own.

May import: every renkei package (the library never imports this one).
"""

from __future__ import annotations

from renkei.cli.bundle_commands import bundle, verify_bundle_command
from renkei.cli.docs_commands import docs
from renkei.cli.fix_command import fix
from renkei.cli.group import main
from renkei.cli.registry_commands import scaffold, validate
from renkei.cli.revision_commands import diff, log
from renkei.cli.summary_command import summary
from renkei.cli.workbook_commands import export_xlsx, import_csv, import_xlsx
from renkei.cli.workflow_commands import annotate, change_kind, codeowners, hygiene, scope

__all__ = ["main"]

for _command in (
    validate,
    scaffold,
    diff,
    log,
    summary,
    bundle,
    verify_bundle_command,
    docs,
    export_xlsx,
    import_csv,
    import_xlsx,
    annotate,
    codeowners,
    hygiene,
    scope,
    change_kind,
    fix,
):
    main.add_command(_command)
