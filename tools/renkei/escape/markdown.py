"""Registry text in Markdown as GitHub renders it: shown as written, never as markup.

- `text`: inline text (a paragraph, list item, heading or table cell). Markup characters are
  backslash-escaped (links, images, emphasis, strikethrough, code, HTML tags, entities, tables,
  headings, math); bare URLs lose their autolink (`https\\://`, `www\\.`); line breaks become
  spaces. GitHub links @mentions and #123 references in the rendered page, after Markdown, so a
  backslash cannot stop them: a zero-width joiner (U+200D) follows the `@` or `#` instead.
- `block`: prose of several lines (a vision's text): `text` line by line, plus the markers that
  only count at the start of a line (lists, quotes, setext underlines, indented code).
- `url`: a link the writer intends (`<https://…>`), for a plain http(s) URL only.
- `code`: a code span whose fence is longer than any run of backticks inside.
- `html`: text inside an HTML block (`<summary>…</summary>`), where Markdown is not parsed: HTML
  escapes, and the same mention and reference breaking.

Control characters are shown visibly, as in the terminal (`\\x1b`).
"""

from __future__ import annotations

import html as _html
import re

from renkei.escape import terminal

ZWJ = "\u200d"
_MARKUP = re.compile(r"([\\`*\[\]<>|~&#$!@])")
#: `_` emphasises only where it is not inside a word (`to_be_retired` stays as it is).
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_URL_SCHEME = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)")
_WWW = re.compile(r"(?i)(?<![A-Za-z0-9])(www)(\.)")
_MENTION = re.compile(r"([@#])(?=[A-Za-z0-9])")
_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")
_PLAIN_URL = re.compile(
    r"^https?://[^\x00-\x20\x7f-\x9f<>\\`\u2028\u2029\u202a-\u202e\u2066-\u2069]+$"
)
_ORDERED_ITEM = re.compile(r"^([0-9]{1,9})(?=[.)])")


def _one_line(value: object) -> str:
    return terminal.controls(_BREAKS.sub(" ", str(value)))


def _break_references(text: str) -> str:
    """A zero-width joiner after `@` or `#` where GitHub would link a user, team or issue."""
    return _MENTION.sub(lambda m: m.group(1) + ZWJ, text)


def text(value: object) -> str:
    """Inline Markdown that renders as exactly `value` (line breaks as spaces)."""
    shown = _MARKUP.sub(r"\\\1", _one_line(value))
    shown = _UNDERSCORE.sub(r"\\_", shown)
    shown = _URL_SCHEME.sub(r"\\\1", shown)
    shown = _WWW.sub(r"\1\\\2", shown)
    return _break_references(shown)


def block(value: object) -> str:
    """Several lines of prose, each shown as written; blank lines separate paragraphs."""
    out = []
    for raw in str(value).splitlines():
        line = text(raw.strip())
        # "-", "+" start a list item, "=" a setext underline, "1." or "1)" an ordered list.
        starts_block = line[:1] in ("-", "+", "=")
        out.append("\\" + line if starts_block else _ORDERED_ITEM.sub(r"\1\\", line))
    return "\n".join(out)


def code(value: object, in_table: bool = False) -> str:
    """A code span showing `value` literally; inside a table cell `|` is escaped as GFM needs."""
    content = _one_line(value)
    if in_table:
        content = content.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    if content.startswith("`") or content.endswith("`") or not content.strip():
        content = f" {content} "
    return f"{fence}{content}{fence}"


def url(value: object) -> str:
    """An intended link (a vision's publication URL): an autolink `<https://…>` when `value` is a
    plain http(s) URL, otherwise `text`."""
    shown = str(value)
    if _PLAIN_URL.match(shown):
        return f"<{shown}>"
    return text(shown)


def html(value: object) -> str:
    """Text inside an HTML block: HTML-escaped, mentions and references broken."""
    return _break_references(_html.escape(_one_line(value), quote=True))
