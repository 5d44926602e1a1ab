"""The `renkei` group with every command added: what `renkei.cli.main` is."""

from __future__ import annotations

from renkei.cli.bundle_commands import bundle, verify_bundle_command
from renkei.cli.docs_commands import docs
from renkei.cli.export_commands import export
from renkei.cli.fix_command import fix
from renkei.cli.group import main as main
from renkei.cli.migrate_command import migrate
from renkei.cli.registry_commands import scaffold, validate
from renkei.cli.revision_commands import diff, log
from renkei.cli.site_command import site
from renkei.cli.summary_command import summary
from renkei.cli.workbook_commands import export_xlsx, import_csv, import_xlsx
from renkei.cli.workflow_commands import annotate, change_kind, codeowners, hygiene, scope

for _command in (
    validate,
    scaffold,
    migrate,
    fix,
    diff,
    log,
    summary,
    site,
    bundle,
    verify_bundle_command,
    docs,
    export,
    export_xlsx,
    import_csv,
    import_xlsx,
    annotate,
    codeowners,
    hygiene,
    scope,
    change_kind,
):
    main.add_command(_command)
