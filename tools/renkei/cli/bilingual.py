"""Commands and options that carry a Japanese help text (`help_ja`) beside the English one.

The outermost command chooses the language of the run when parsing begins
(`renkei.cli.language`); in Japanese the help shows each command's and option's `help_ja`,
laid out by `renkei.cli.help_format`, and click's own words come from `click_ja`. English is
click's own text, untouched."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

import click

from renkei.cli.help_format import BilingualContext, display_width, paragraphs
from renkei.cli.language import japanese, language_of, set_language


def _ja_help(param: click.Parameter) -> str | None:
    """A parameter's Japanese help: its own, or click's for --help and --version."""
    own = getattr(param, "help_ja", None)
    if isinstance(own, str):
        return own
    text = getattr(param, "help", None)
    if isinstance(text, str):
        from renkei.cli.click_ja import MESSAGES

        return MESSAGES.get(text)
    return None


class BilingualOption(click.Option):
    """An option with a Japanese help text (`help_ja`) beside its English `help`."""

    def __init__(self, *args: Any, help_ja: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_ja = help_ja

    def get_help_extra(self, ctx: click.Context) -> Any:
        """click's extras of the help line, a number's range in Japanese words when the run
        speaks Japanese (`x>=1` as `1 以上`)."""
        extra = super().get_help_extra(ctx)
        if japanese() and "range" in extra:
            extra["range"] = range_ja(str(extra["range"]))
        return extra


_RANGE = re.compile(r"^(?:(?P<low>[^<>=x]+)(?P<lop><=?))?x(?:(?P<hop>[<>]=?)(?P<high>[^<>=]+))?$")


def range_ja(text: str) -> str:
    """A click range (`x>=1`, `x<10`, `1<=x<=5`) in Japanese words; as it is if unknown."""
    match = _RANGE.match(text.replace(" ", ""))
    if not match:
        return text
    words = []
    if match["low"]:
        words.append(f"{match['low']} {'以上' if match['lop'] == '<=' else 'より大きい'}")
    if match["hop"]:
        side = {">=": "以上", ">": "より大きい", "<=": "以下", "<": "未満"}[match["hop"]]
        words.append(f"{match['high']} {side}")
    return "、".join(words) if words else text


class Count(click.IntRange):
    """An integer in a range (click's IntRange) whose range reads in Japanese words when the
    run speaks Japanese, in the help line and in the error (「0 は使えません（1 以上）」)."""

    def _describe_range(self) -> str:
        described = super()._describe_range()
        return range_ja(described) if japanese() else described


class BilingualMixin:
    """What a bilingual command and group share: the Japanese help text of the command and its
    options, the usage line's [オプション], and the choice of language when parsing begins."""

    help_ja: str | None

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command's help text, in Japanese when the run speaks Japanese."""
        if japanese() and self.help_ja:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(inspect.cleandoc(self.help_ja))
            return
        super().format_help_text(ctx, formatter)  # type: ignore[misc]

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options, each with its Japanese help when the run speaks Japanese."""
        if not japanese():
            super().format_options(ctx, formatter)  # type: ignore[misc]
            return
        params: list[click.Parameter] = self.get_params(ctx)  # type: ignore[attr-defined]
        saved = [(p, getattr(p, "help", None)) for p in params if _ja_help(p) is not None]
        try:
            for param, _text in saved:
                vars(param)["help"] = _ja_help(param)
            super().format_options(ctx, formatter)  # type: ignore[misc]
        finally:
            for param, text in saved:
                vars(param)["help"] = text

    def get_short_help_str(self, limit: int = 45) -> str:
        """The one-line help in a group's list of commands, in the run's language."""
        if japanese() and self.help_ja:
            text = paragraphs(inspect.cleandoc(self.help_ja))[0][1][0]
            end = text.find("。")
            text = text[: end + 1] if end >= 0 else text
            while display_width(text) > limit:
                text = text[:-2] + "…"
            return text
        return super().get_short_help_str(limit)  # type: ignore[misc,no-any-return]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """click's --help option, its help always in English here (translated when shown)."""
        option: click.Option | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None and not japanese():
            option.help = "Show this message and exit."
        return option

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """The usage line's pieces, `[OPTIONS]` as `[オプション]` in Japanese."""
        pieces: list[str] = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        if japanese():
            return ["[オプション]" if p == "[OPTIONS]" else p for p in pieces]
        return pieces

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """The context of the command; the outermost one sets the language of the run first."""
        if parent is None:
            set_language(language_of(args))
        return super().make_context(info_name, args, parent, **extra)  # type: ignore[misc,no-any-return]


class BilingualCommand(BilingualMixin, click.Command):
    """A command with a Japanese help text (`help_ja`) beside its English docstring."""

    context_class = BilingualContext

    def __init__(self, *args: Any, help_ja: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_ja = help_ja


class BilingualGroup(BilingualMixin, click.Group):
    """A group of bilingual commands, itself with a Japanese help text."""

    command_class = BilingualCommand
    context_class = BilingualContext

    def __init__(self, *args: Any, help_ja: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_ja = help_ja


def command(
    name: str | None = None, *, help_ja: str, **attrs: Any
) -> Callable[[Callable[..., Any]], BilingualCommand]:
    """`click.command` for a bilingual command: the docstring in English, `help_ja` beside it."""
    return click.command(name, cls=BilingualCommand, help_ja=help_ja, **attrs)


def placeholder(kind: Any) -> str | None:
    """The placeholder an option's value shows in help, the same in both languages: the date
    as it is written (YYYY-MM-DD, not click's `[%Y-%m-%d]`), N for a number, DIR, FILE or PATH
    for a path; None for the others (click's own: choices in brackets, TEXT)."""
    if isinstance(kind, click.DateTime):
        return "YYYY-MM-DD"
    if isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)) or kind in (
        int,
        float,
    ):
        return "N"
    if isinstance(kind, click.Path):
        if not kind.file_okay:
            return "DIR"
        return "FILE" if not kind.dir_okay else "PATH"
    return None


def option(*decls: str, help_ja: str, **attrs: Any) -> Callable[[Any], Any]:
    """`click.option` for a bilingual option: `help` in English, `help_ja` beside it; a value's
    placeholder from its type (`placeholder`) unless `metavar` is given."""
    if "metavar" not in attrs and not attrs.get("is_flag"):
        shown = placeholder(attrs.get("type"))
        if shown:
            attrs["metavar"] = shown
    return click.option(*decls, cls=BilingualOption, help_ja=help_ja, **attrs)
