"""The whole report of a `renkei validate` run kept for the next run with nothing changed:
the key made before the run (`key_before_run`) and the report kept after it (`keep_report`).
The fast path (`renkei.cli.fast_path`) serves it; `renkei.cli.registry_commands` keeps it."""

from __future__ import annotations

import time

from renkei.registry.cache_keys import disabled_by_environment


def fiscal_year() -> int:
    """The fiscal year of today (the local date, as `datetime.date.today`), April 1 starting a
    new one as in `renkei.revisions.dates.fiscal_year_of` (read from `time`: datetime costs
    the fast path time)."""
    today = time.localtime()
    return today.tm_year if today.tm_mon >= 4 else today.tm_year - 1


def key_before_run(root: str, strict: bool) -> tuple[str, int] | None:
    """The key of a whole run with the default options, and the fiscal year it was made for;
    None when the cache is off or the run cannot be served whole."""
    from renkei.registry.run_key import full_run_key

    if disabled_by_environment():
        return None
    year = fiscal_year()
    key = full_run_key(root, strict, year)
    return None if key is None else (key, year)


def keep_report(
    root: str,
    before: tuple[str, int],
    strict: bool,
    output_format: str,
    lang: str,
    text: str,
    code: int,
) -> None:
    """Keep the report a normal run printed, when nothing changed while it ran (the key made
    again is the key made before) and it printed no escape character (click would strip
    them when standard output is not a terminal)."""
    from renkei.registry.run_key import full_run_key
    from renkei.registry.run_output import store_output

    if "\x1b" in text or fiscal_year() != before[1]:
        return
    if full_run_key(root, strict, before[1]) == before[0]:
        store_output(root, before[0], output_format, lang, text, code)
