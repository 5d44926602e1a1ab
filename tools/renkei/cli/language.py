"""The language of a run: chosen once from the command line (`--lang ja|en`), else
RENKEI_LANG, else the locale; in Japanese, click's own messages are translated through the
`_`/`ngettext` names click translates with (`click_ja` holds the texts)."""

from __future__ import annotations

import os

#: `typing.TYPE_CHECKING` without importing typing: the entry point's fast path imports this
#: module, and needs nothing more than it (typing, contextlib and collections cost 3-10 ms of
#: a 35 ms run); type checkers read the block below.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import TracebackType

#: The click modules whose messages go through `gettext` (`_`) and `ngettext`.
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types")
_state = {"lang": "en"}


def current_language() -> str:
    """The language of this run: `ja` or `en`."""
    return _state["lang"]


def japanese() -> bool:
    """True when this run speaks Japanese."""
    return _state["lang"] == "ja"


def _translate(message: str) -> str:
    from renkei.cli.click_ja import MESSAGES

    return MESSAGES.get(message, message)


def _translate_plural(singular: str, plural: str, count: int) -> str:
    return _translate(singular if count == 1 else plural)


def set_language(lang: str) -> None:
    """Make `lang` the language of this run; in Japanese, click's own messages are translated."""
    import gettext
    import importlib

    wanted = "ja" if lang == "ja" else "en"
    if wanted == _state["lang"]:
        return
    _state["lang"] = wanted
    ja = wanted == "ja"
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        names = {"_": _translate if ja else gettext.gettext}
        names["ngettext"] = _translate_plural if ja else gettext.ngettext  # type: ignore[assignment]
        for attribute, function in names.items():
            if hasattr(module, attribute):
                vars(module)[attribute] = function


def default_lang(environ: dict[str, str] | None = None) -> str:
    """RENKEI_LANG when it is `ja` or `en`; else `ja` when the locale (LC_ALL, else
    LC_MESSAGES, else LANG) is Japanese, else `en`."""
    env = os.environ if environ is None else environ
    chosen = env.get("RENKEI_LANG", "").strip().lower()
    if chosen in ("ja", "en"):
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


class _Speaking:
    """A block spoken in one language (`language`)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.before = lang

    def __enter__(self) -> None:
        self.before = current_language()
        set_language(self.lang)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        set_language(self.before)


def language(lang: str) -> _Speaking:
    """Speak `lang` inside the block, then the language of before again."""
    return _Speaking(lang)


def language_of(args: Sequence[str], environ: dict[str, str] | None = None) -> str:
    """The language a command line asks for: its `--lang ja|en`, else RENKEI_LANG (`ja` or
    `en`), else the locale."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = arg[len("--lang=") :] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        if value in ("ja", "en"):
            return value
    return default_lang(dict(os.environ) if environ is None else environ)
