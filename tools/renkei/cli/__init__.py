"""The `renkei` command: a thin click layer over the library.

Exit codes: 0 valid; 1 findings at error level (or warnings under --strict); 2 usage error
(a wrong argument, or a path that is missing, unreadable or unwritable); 3 internal error (a
bug: a one-line message says what to report; `renkei --debug` or RENKEI_DEBUG=1 adds the
traceback); 130 interrupted (also when the reader of the output goes away). No command changes
a registry file unless it says so.

Owns: `fast_path` (the `renkei` entry point: a repeat `validate` whose whole report is kept
by the cache is printed without loading the rest; anything else goes to the group), `commands`
(the group with every command added), `group` (the `renkei` group), one module per command
group (`registry_commands`, `migrate_command`, `fix_command`, `revision_commands`, `summary_command`,
`bundle_commands`, `workbook_commands`, `workflow_commands`, `docs_commands`), the options and helpers they share (`options`) and
the generated command reference (`doc`, `errors_doc`). The command modules import `options`,
never each other; this module puts them together. A command parses its arguments, calls the
library and prints what it returns: no logic of its own.

May import: every renkei package (the library never imports this one).
"""

from __future__ import annotations

#: Not `typing.TYPE_CHECKING`: importing typing costs the fast path time (mypy reads it alike).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from renkei.cli.commands import main

__all__ = ["main"]


def __getattr__(name: str) -> object:
    """`main`, the click group with every command, loaded on first use (importing a module of
    this package, such as the fast path, does not load click)."""
    if name == "main":
        from renkei.cli.commands import main

        return main
    raise AttributeError(name)
