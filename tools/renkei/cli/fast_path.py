"""The `renkei` entry point: a repeat `renkei validate` whose whole report the cache holds is
printed at once, before click or the checks are imported; every other command line goes to
the click group (`renkei.cli.main`) unchanged.

The fast path takes `validate` with --lang, --format, --strict and --root only (each at most
once, as `--opt value` or `--opt=value`), with the cache on, standard output in UTF-8 and the
whole run's key (`renkei.registry.run_key`) matching the kept report
(`renkei.registry.run_output`). It prints the very bytes the normal run printed and exits with
its code. Anything else, or anything unexpected, and the normal run runs; that run keeps its
report for the next one (`renkei.cli.kept_report`)."""

from __future__ import annotations

import atexit
import os
import sys

from renkei.cli.kept_report import key_before_run
from renkei.cli.language import default_lang
from renkei.registry.cache_keys import disabled_by_environment

#: The options the fast path understands, with the values each may take (None: a folder).
OPTIONS: dict[str, frozenset[str] | None] = {
    "--lang": frozenset({"ja", "en"}),
    "--format": frozenset({"text", "json", "github"}),
    "--root": None,
}
FLAGS = frozenset({"--strict"})
EXIT_INTERRUPTED = 130


def main() -> None:
    """Run `renkei`: the fast path when it applies, else the click group; then leave at once
    (`leave`)."""
    serve(sys.argv[1:])
    from renkei.cli.commands import main as group

    try:
        group()
    except SystemExit as ended:
        leave(ended.code)
    leave(0)


def leave(code: object) -> None:
    """Exit with CODE (as `sys.exit` takes it) without tearing the interpreter down: a run that
    read a whole registry holds millions of objects, and freeing them one by one took 0.2-0.3 s
    after the work was done. The output is flushed and the exit handlers run first (they stop
    worker processes and save coverage data), so nothing written is lost; while another thread
    runs, under a profiler, or when the output cannot be flushed, the normal exit runs
    instead."""
    if code is None:
        code = 0
    # A thread can only have been started through `threading`; the fast path never imports it
    # (3 ms of a 35 ms run).
    threading = sys.modules.get("threading")
    others = (
        [t for t in threading.enumerate() if t is not threading.main_thread()] if threading else []
    )
    profiled = sys.getprofile() is not None  # a profiler writes its results after the run
    if profiled or not isinstance(code, int) or any(t.is_alive() and not t.daemon for t in others):
        raise SystemExit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    os._exit(code)


def parse(arguments: list[str]) -> dict[str, str] | None:
    """The options of a `validate` command line that the fast path understands (`--strict`
    as "1"), or None for any other command line."""
    if not arguments or arguments[0] != "validate":
        return None
    given: dict[str, str] = {}
    words = iter(arguments[1:])
    for word in words:
        name, equals, value = word.partition("=")
        if name in FLAGS and not equals:
            value = "1"
        elif name in OPTIONS:
            if not equals:
                value = next(words, "")
            choices = OPTIONS[name]
            if not value or value.startswith("-") or (choices is not None and value not in choices):
                return None
        else:
            return None
        if name in given:
            return None
        given[name] = value
    return given


def find_root(given: str | None) -> str | None:
    """The registry root as `renkei.cli.options.resolve_root` finds it, or None when it would
    report an error."""

    def is_root(path: str) -> bool:
        return os.path.isdir(os.path.join(path, "registry", "prefectures")) and os.path.isdir(
            os.path.join(path, "schemas")
        )

    if given is not None:
        return os.path.realpath(given) if is_root(given) else None
    candidate = os.path.realpath(os.getcwd())
    while True:
        if is_root(candidate):
            return candidate
        parent = os.path.dirname(candidate)
        if parent == candidate:
            return None
        candidate = parent


def serve(arguments: list[str]) -> None:
    """Print the kept report and exit when ARGUMENTS are a `validate` that the fast path can
    answer; return (having printed nothing) otherwise."""
    try:
        found = kept_report(arguments)
    except KeyboardInterrupt:  # as the normal run
        given = parse(arguments) or {}
        lang = given.get("--lang") or default_lang()
        print("renkei: 中断しました。" if lang == "ja" else "renkei: interrupted.", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    except Exception:  # the fast path is only a shortcut: the normal run reports any problem
        return
    if found is None:
        return
    text, code = found
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # as the normal run: the reader went away
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(code)


def kept_report(arguments: list[str]) -> tuple[str, int] | None:
    """The kept report and exit code that answer ARGUMENTS, or None (see the module)."""
    given = parse(arguments)
    if given is None or disabled_by_environment():
        return None
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    if encoding not in ("utf8", "utf_8"):
        return None
    root = find_root(given.get("--root"))
    if root is None:
        return None
    strict = "--strict" in given
    lang = given.get("--lang") or default_lang()
    before = key_before_run(root, strict)
    if before is None:
        return None
    from renkei.registry.run_output import stored_output

    return stored_output(root, before[0], given.get("--format", "text"), lang)
