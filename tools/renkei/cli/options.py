"""What every `renkei` command shares: the common options (--root, --lang, --as-of), the exit
codes, the language default, the guard that turns errors into one-line messages, and the
checks of paths given on the command line. The command modules import this one, never each other."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, ParamSpec, Protocol, TypeVar

import click

from renkei.cli.bilingual import option
from renkei.cli.language import default_lang as default_lang  # shared by the commands

if TYPE_CHECKING:
    from renkei.checks.broken_schema import SchemaError
    from renkei.registry.reference import ReferenceDataError
    from renkei.registry.safe_files import UnsafeFile

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
_TRUE = frozenset({"1", "true", "yes", "on"})

F = TypeVar("F", bound=Callable[..., Any])
P = ParamSpec("P")
R = TypeVar("R")


class OptionDecorator(Protocol):
    """What click.option returns: a decorator that keeps the type of the command it adds to."""

    def __call__(self, function: F, /) -> F: ...


def _fail(message_ja: str, message_en: str, lang: str) -> NoReturn:
    """Report a usage error on stderr and exit 2."""
    from renkei.escape import terminal

    click.echo(f"renkei: {terminal.text(message_ja if lang == 'ja' else message_en)}", err=True)
    sys.exit(EXIT_USAGE)


def fail_on_unusable_setup(error: SchemaError | ReferenceDataError, lang: str) -> NoReturn:
    """A schema that cannot be used or a reference file that cannot be read: a usage error."""
    from renkei.checks.broken_schema import SchemaError

    if isinstance(error, SchemaError):
        _fail(
            f"スキーマ {error.path} を使えません: {error.detail}",
            f"The schema {error.path} cannot be used: {error.detail}",
            lang,
        )
    _fail(
        f"参照データ {error.path} を読めません: {error.detail}",
        f"The reference file {error.path} cannot be read: {error.detail}",
        lang,
    )


def data_problem(message_ja: str, message_en: str, lang: str) -> NoReturn:
    """Report a problem in the data (not in the command line) on stderr and exit 1."""
    from renkei.escape import terminal

    click.echo(f"renkei: {terminal.text(message_ja if lang == 'ja' else message_en)}", err=True)
    sys.exit(EXIT_FINDINGS)


def report_unsafe_file(error: UnsafeFile, lang: str) -> NoReturn:
    """A refused path (a link, a special file, a file above its limit, an unsafe Git tree
    entry) as a finding on standard output, and exit 1: the data is at fault, not the call."""
    from renkei.report.reporters import finding_lines

    for line in finding_lines(error.finding(), lang, localised=True):
        click.echo(line)
    sys.exit(EXIT_FINDINGS)


def debug_requested() -> bool:
    """True under `renkei --debug ...` or RENKEI_DEBUG=1."""
    if os.environ.get("RENKEI_DEBUG", "").strip().lower() in _TRUE:
        return True
    context = click.get_current_context(silent=True)
    return bool(context is not None and context.find_root().params.get("debug"))


def file_system_message(error: OSError) -> tuple[str, str]:
    """A usage error for a path that cannot be read or written, naming the path."""
    reason = error.strerror or type(error).__name__
    if error.filename is None:
        return (
            f"ファイルを読み書きできません（{reason}）。",
            f"A file could not be read or written ({reason}).",
        )
    path = os.fsdecode(error.filename)
    return (
        f"{path} を読み書きできません（{reason}）。パスがあるか、権限があるかを確かめてください。",
        f"cannot read or write {path} ({reason}). Check that the path exists and that you may "
        "read or write it.",
    )


def internal_error_message(error: BaseException) -> tuple[str, str]:
    """The one-line message of an internal error: what happened and what to report."""
    from renkei.escape.terminal import text as show

    what = show(" ".join(f"{type(error).__name__}: {error}".split()))
    return (
        f"内部エラーです（{what}）。renkei の不具合です。実行したコマンド、renkei --version の出力、"
        "renkei --debug（または RENKEI_DEBUG=1）で表示されるトレースバックを添えて報告してください。",
        f"internal error ({what}). This is a bug in renkei: please report it with the command you "
        "ran, the output of renkei --version and the traceback that renkei --debug (or "
        "RENKEI_DEBUG=1) prints.",
    )


def guarded(function: Callable[P, R]) -> Callable[P, R]:
    """The error boundary of a command: an unreadable or unwritable path is a usage error
    (exit 2) naming the path; any other unexpected exception is an internal error (exit 3) in
    one line, with the traceback only under --debug or RENKEI_DEBUG=1; a refused path (a link,
    a special file, a file above its limit) is its finding, exit 1."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from renkei.registry.safe_files import UnsafeFile

        given = kwargs.get("lang")  # click passes --lang as a str, or None when not given
        lang = given if isinstance(given, str) and given else default_lang()
        try:
            return function(*args, **kwargs)
        except UnsafeFile as error:
            report_unsafe_file(error, lang)
        except KeyboardInterrupt:
            click.echo(
                "renkei: 中断しました。" if lang == "ja" else "renkei: interrupted.", err=True
            )
            sys.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except BrokenPipeError:
            # The reader of the output went away (`renkei ... | head`): stop quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_INTERRUPTED)
        except OSError as error:
            if debug_requested():
                click.echo(traceback.format_exc(), err=True, nl=False)
            _fail(*file_system_message(error), lang)
        except Exception as error:  # the one place that catches everything
            if debug_requested():
                click.echo(traceback.format_exc(), err=True, nl=False)
            message_ja, message_en = internal_error_message(error)
            click.echo(f"renkei: {message_ja if lang == 'ja' else message_en}", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


def missing_file_message(path: Path) -> tuple[str, str]:
    """The usage error for an input file that is missing or is not a regular file."""
    if path.exists():
        return f"{path} は通常のファイルではありません。", f"{path} is not a regular file."
    return f"{path} がありません。", f"{path} does not exist."


def output_file(path: Path, lang: str) -> None:
    """Refuse (exit 2) an output file that is a folder, or whose folder is missing or is not a
    folder. A folder that cannot be written is reported when writing, naming the path."""
    if path.is_dir():
        _fail(
            f"{path} はフォルダです。ファイル名を指定してください。",
            f"{path} is a directory; give a file name.",
            lang,
        )
    parent = path.absolute().parent
    if not parent.exists():
        _fail(
            f"出力先のフォルダ {parent} がありません。先に作ってください。",
            f"The output folder {parent} does not exist; create it first.",
            lang,
        )
    if not parent.is_dir():
        _fail(
            f"出力先 {parent} はフォルダではありません。",
            f"The output folder {parent} is not a directory.",
            lang,
        )


def output_folder(path: Path, lang: str) -> None:
    """Refuse (exit 2) an output folder that is not a folder, or that cannot be created because
    a part of its path is not a folder. A missing folder is created when writing."""
    for part in (path.absolute(), *path.absolute().parents):
        if part.exists():
            if not part.is_dir():
                _fail(
                    f"出力先のフォルダを作れません: {part} はフォルダではありません。",
                    f"The output folder {path} cannot be made: {part} is not a directory.",
                    lang,
                )
            return


def resolve_root(root: Path | None, lang: str) -> Path:
    """The registry root: --root when it is one (else exit 2), or found from the current
    directory upwards (exit 2 when there is none)."""
    from renkei.registry.layout import RootNotFound, find_root, is_root

    if root is not None:
        if not is_root(root):
            _fail(
                f"{root} はレジストリのルートではありません（registry/prefectures と schemas が必要）。",
                f"{root} is not a registry root (it needs registry/prefectures and schemas).",
                lang,
            )
        return root.resolve()
    try:
        return find_root(Path.cwd())
    except RootNotFound:
        _fail(
            "レジストリが見つかりません。レジストリのフォルダ内で実行するか --root を指定してください。",
            "No registry found here or in any parent directory. Run inside a registry "
            "checkout or pass --root DIR.",
            lang,
        )


def _run_language(_context: click.Context, _param: click.Parameter, value: str | None) -> str:
    """--lang as given, else the language this run was started in."""
    from renkei.cli.language import current_language

    return value or current_language()


LANG_OPTION: OptionDecorator = option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    default=None,
    callback=_run_language,
    help="Message language (default: RENKEI_LANG, else from LC_ALL/LANG; ja for ja_*).",
    help_ja="表示の言語（既定: RENKEI_LANG、なければ LC_ALL/LANG から。ja_* なら ja）。",
)
AS_OF_OPTION: OptionDecorator = option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date that sets the current fiscal year (default: today).",
    help_ja="今の年度を決める日付（既定: 今日）。形式は YYYY-MM-DD。",
)
ROOT_OPTION: OptionDecorator = option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Registry root (default: found from the current directory upwards).",
    help_ja="レジストリのルート（既定: 今のフォルダから上へ探します）。",
)
FORMAT_HELP = "Output format."
FORMAT_HELP_JA = "出力の形式。"


def find_prefecture_folder(root: Path, text: str) -> str | None:
    """The prefecture folder meant by `text`, spelt the same way for every command: a code
    (`9`, `09`), a folder (`09-tochigi`), romaji (`tochigi`), a name (`栃木県`) or a path to
    the folder or into it; None when it names none."""
    from renkei.registry.layout import PREFECTURES_DIR
    from renkei.registry.prefecture_lookup import find_prefecture

    folder = find_prefecture(root, text.strip())
    if folder is not None:
        return folder
    path = Path(text)
    if path.exists():
        prefectures = (root / PREFECTURES_DIR).resolve()
        try:
            inside = path.resolve().relative_to(prefectures)
        except ValueError:
            return None
        if inside.parts:
            return find_prefecture(root, inside.parts[0])
    return None


def prefecture_folder(root: Path, text: str, lang: str) -> str:
    """The prefecture folder meant by `text` (see `find_prefecture_folder`); exit 2 naming the
    accepted spellings when there is none."""
    folder = find_prefecture_folder(root, text)
    if folder is None:
        _fail(
            f"都道府県「{text}」はありません。コード（09）、フォルダ名（09-tochigi）、ローマ字"
            "（tochigi）、名称（栃木県）またはフォルダのパスで指定してください。",
            f"No prefecture '{text}'. Give a code (09), a folder (09-tochigi), romaji "
            "(tochigi), a name (栃木県) or the folder's path.",
            lang,
        )
    return folder


def wrote_line(path: object, lang: str) -> str:
    """The line that names a file a command wrote."""
    return f"書き込みました: {path}" if lang == "ja" else f"wrote {path}"
