"""A scan of a YAML file's text, before libyaml reads it, for characters that a Japanese input
mode types in place of YAML's own: a full-width space or a tab in the indentation, a full-width
colon after a key, a long-vowel mark or full-width hyphen as a list marker, full-width brackets or
curly quotes around a value, a no-break space.

Only the places where such a character changes the structure are looked at: the indentation, the
character after a key, the list marker, and the first and last character of a value outside
quotes. The same characters inside a value (「東京都　データ連携基盤」, "10：00") are data and are
never reported. Block scalars (`|`, `>`), quoted values over several lines and comments are
skipped. Each problem is named at its own line and column (1-based, in characters).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Spaces that YAML does not take for a space, by name (Japanese, English).
_SPACES = {
    "\u3000": ("全角スペース", "full-width space"),
    "\u00a0": ("ノーブレークスペース", "no-break space"),
    "\u2002": ("半角幅の特殊な空白", "en space"),
    "\u2003": ("全角幅の特殊な空白", "em space"),
    "\u2009": ("細い空白", "thin space"),
    "\u200a": ("極細の空白", "hair space"),
    "\u202f": ("狭いノーブレークスペース", "narrow no-break space"),
    "\u205f": ("数式用の空白", "medium mathematical space"),
    "\ufeff": ("ゼロ幅ノーブレークスペース（BOM）", "zero-width no-break space (BOM)"),
}
_TAB = {"\t": ("タブ文字", "tab character")}
_COLONS = {"\uff1a": ("全角コロン", "full-width colon"), "\ufe55": ("小さいコロン", "small colon")}
_DASHES = {
    "\uff0d": ("全角ハイフンマイナス", "full-width hyphen-minus"),
    "\u30fc": ("長音記号", "prolonged sound mark"),
    "\uff70": ("半角長音記号", "half-width prolonged sound mark"),
    "\u2010": ("ハイフン", "hyphen"),
    "\u2011": ("改行しないハイフン", "non-breaking hyphen"),
    "\u2212": ("マイナス記号", "minus sign"),
    "\u2013": ("エンダッシュ", "en dash"),
    "\u2014": ("エムダッシュ", "em dash"),
}
_OPENERS = {"\uff3b": "\uff3d", "\uff5b": "\uff5d"}
_BRACKETS = {
    "\uff3b": ("全角の角括弧", "full-width square bracket", "["),
    "\uff3d": ("全角の角括弧", "full-width square bracket", "]"),
    "\uff5b": ("全角の波括弧", "full-width curly bracket", "{"),
    "\uff5d": ("全角の波括弧", "full-width curly bracket", "}"),
}
_QUOTES = {
    "\u201c": ("\u201d", "左二重引用符", "left double quotation mark", '"'),
    "\u2018": ("\u2019", "左一重引用符", "left single quotation mark", "'"),
    "\uff02": ("\uff02", "全角の二重引用符", "full-width quotation mark", '"'),
    "\uff07": ("\uff07", "全角のアポストロフィ", "full-width apostrophe", "'"),
}
#: Each opening bracket or quote a scan names, by the character that closes it.
CLOSING = {**_OPENERS, **{opener: spec[0] for opener, spec in _QUOTES.items()}}
#: Each bracket or quote a scan names (opening or closing), by the ASCII character meant.
ASCII_MEANT = {
    **{char: spec[2] for char, spec in _BRACKETS.items()},
    **{opener: spec[3] for opener, spec in _QUOTES.items()},
    **{spec[0]: spec[3] for spec in _QUOTES.values()},
}
_WIDE_SPACES = "".join(_SPACES)
#: A line in which the scan can find something: a tab, a space that is not YAML's, a full-width
#: colon, bracket or quote, or a dash as the line's first list marker (「データ」 is a word, not
#: a marker). A file without such a line is not scanned.
_SUSPECT_LINE = re.compile(
    "[\t"
    + _WIDE_SPACES
    + "".join(_COLONS)
    + "".join(_BRACKETS)
    + "".join(_QUOTES)
    + "\u201d\u2019]|^ *["
    + "".join(_DASHES)
    + "]",
    re.MULTILINE,
)
#: A character that leaves the scan in another state (a quote, a bracket, a block scalar).
_STATEFUL_CHARACTER = re.compile("[\"'\\[{|>]")
#: A key as the registry writes them: ASCII letters, digits, _ and -.
_ASCII_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_BLOCK_INDICATOR = re.compile(r"[|>][0-9+-]*[ \t]*(#.*)?")
_COMMENT = re.compile(r"[ \t]#")


@dataclass(frozen=True, slots=True)
class Misplaced:
    """A character in a structural place that YAML does not read as meant."""

    line: int
    column: int
    char: str
    #: indentation, after-colon, key-colon, list-marker, after-marker, bracket or quote.
    place: str
    name_ja: str
    name_en: str
    #: What was probably meant, as typed on a keyboard in half-width mode.
    expected: str

    @property
    def codepoint(self) -> str:
        """The character's code point, as U+3000."""
        return f"U+{ord(self.char):04X}"


def _space(line: int, column: int, char: str, place: str) -> Misplaced:
    names = _SPACES.get(char) or _TAB.get(char)
    if names is None:
        english = unicodedata.name(char, "space").lower()
        names = ("特殊な空白", english)
    return Misplaced(line, column, char, place, names[0], names[1], " ")


def _quote_end(text: str, start: int, quote: str) -> int | None:
    """Index just after the quote that closes the one at START-1 (a YAML quoted scalar); None
    when the line ends first."""
    index = start
    while index < len(text):
        char = text[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and text[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return None


def _plain_end(text: str, start: int) -> str:
    """The plain value from START to the end of the line, without a comment or trailing space."""
    value = text[start:]
    comment = _COMMENT.search(value)
    if comment is not None:
        value = value[: comment.start()]
    return value.rstrip(" \t")


class _Scanner:
    """The scan's state from line to line: an open quote, a block scalar, a flow collection."""

    def __init__(self) -> None:
        self.found: list[Misplaced] = []
        self.quote: str | None = None
        self.block_indent: int | None = None
        self.flow = 0
        #: Where the open quote opened (line, column), and each quoted value over several
        #: lines: (line, column, closing line).
        self.quote_at = (0, 0)
        self.spans: list[tuple[int, int, int]] = []

    def line(self, number: int, text: str) -> None:
        """Scan one line (NUMBER, 1-based) in the state the lines before left."""
        if self.block_indent is not None:
            body = text.lstrip(" ")
            if not body.strip() or len(text) - len(body) > self.block_indent:
                return
            self.block_indent = None
        if self.quote is not None:
            end = _quote_end(text, 0, self.quote)
            if end is None:
                return
            self.quote = None
            self.spans.append((*self.quote_at, number))
            self._flow_rest(text, end)
            return
        if self.flow:
            self._flow_rest(text, 0)
            return
        self._block_line(number, text)

    def _block_line(self, number: int, text: str) -> None:
        index = 0
        while index < len(text) and (text[index] in " \t" or text[index] in _WIDE_SPACES):
            char = text[index]
            blank_tab = char == "\t" and not text.strip()
            repeated = index > 0 and text[index - 1] == char
            if char != " " and not blank_tab and not repeated:
                self.found.append(_space(number, index + 1, char, "indentation"))
            index += 1
        if index == len(text) or text[index] == "#":
            return
        if text.startswith(("---", "...", "%")) and index == 0:
            return
        index = self._markers(number, text, index)
        self._content(number, text, index)

    def _markers(self, number: int, text: str, index: int) -> int:
        """Skip the list markers at INDEX, reporting a dash or a space that is not YAML's."""
        first = True
        while index < len(text):
            char = text[index]
            after = text[index + 1 : index + 2]
            spaced = after in (" ", "\t") or after in _SPACES
            if char == "-" and after in ("", " ", "\t"):
                index += 1
            elif char == "-" and after in _SPACES:
                self.found.append(_space(number, index + 2, after, "after-marker"))
                index += 2
            elif char in _DASHES and first and spaced:
                # Only as the first marker of a line: "- ー" is a value (a dash for "none").
                name_ja, name_en = _DASHES[char]
                self.found.append(
                    Misplaced(number, index + 1, char, "list-marker", name_ja, name_en, "-")
                )
                index += 2 if after in _SPACES else 1
            else:
                return index
            first = False
            while index < len(text) and text[index] in " \t":
                index += 1
        return index

    def _content(self, number: int, text: str, index: int) -> None:
        """A key and its value, or a value alone, starting at INDEX."""
        parent = text.rfind("-", 0, index) if index else -1
        if index < len(text) and text[index] not in "\"'[{":
            value_at = self._key(number, text, index)
            if value_at is None:
                return
            if value_at != index:
                parent, index = index, value_at
        if _BLOCK_INDICATOR.fullmatch(text, index):
            # Content lines are indented more than the key (or the list marker) they belong to.
            self.block_indent = max(parent, 0)
            return
        self._value(number, text, index)

    def _key(self, number: int, text: str, index: int) -> int | None:
        """Where the value after a key starts (INDEX when there is no key); None when a wrong
        colon was reported (the rest of the line cannot be read as meant)."""
        rest = text[index:]
        colon = next(
            (
                i
                for i, c in enumerate(rest)
                if c == ":" and (i + 1 == len(rest) or rest[i + 1] in " \t" + _WIDE_SPACES)
            ),
            None,
        )
        wide = next((i for i, c in enumerate(rest) if c in _COLONS), None)
        if wide is not None and (colon is None or wide < colon):
            key, after = rest[:wide], rest[wide + 1 : wide + 2]
            spaced = after in ("", " ", "\t") or after in _SPACES
            if key and (
                _ASCII_KEY.fullmatch(key) or (spaced and not any(c.isspace() for c in key))
            ):
                name_ja, name_en = _COLONS[rest[wide]]
                self.found.append(
                    Misplaced(
                        number, index + wide + 1, rest[wide], "key-colon", name_ja, name_en, ":"
                    )
                )
                return None
        if colon is None:
            return index
        after = rest[colon + 1 : colon + 2]
        if after and after in _SPACES and _ASCII_KEY.fullmatch(rest[:colon]):
            self.found.append(_space(number, index + colon + 2, after, "after-colon"))
            return None
        value_at = index + colon + 1
        while value_at < len(text) and text[value_at] in " \t":
            value_at += 1
        return value_at

    def _value(self, number: int, text: str, index: int) -> None:
        if index >= len(text):
            return
        char = text[index]
        if char in "\"'":
            end = _quote_end(text, index + 1, char)
            if end is None:
                self.quote, self.quote_at = char, (number, index + 1)
            return
        if char in "[{":
            self._flow_rest(text, index, number)
            return
        value = _plain_end(text, index)
        if char in _OPENERS and (len(value) == 1 or value[-1] in _BRACKETS or value[-1] in "]}"):
            name_ja, name_en, expected = _BRACKETS[char]
            self.found.append(
                Misplaced(number, index + 1, char, "bracket", name_ja, name_en, expected)
            )
        elif char in _QUOTES and len(value) > 1 and value[-1] == _QUOTES[char][0]:
            _, name_ja, name_en, expected = _QUOTES[char]
            self.found.append(
                Misplaced(number, index + 1, char, "quote", name_ja, name_en, expected)
            )

    def _flow_rest(self, text: str, index: int, number: int = 0) -> None:
        """Follow a flow collection's brackets and quotes from INDEX to the end of the line; on
        the line it opens (NUMBER), a full-width closer at its end is reported."""
        opened = self.flow == 0
        while index < len(text):
            char = text[index]
            if char in "\"'":
                end = _quote_end(text, index + 1, char)
                if end is None:
                    self.quote, self.quote_at = char, (number, index + 1)
                    return
                index = end
                continue
            if char == "#" and (index == 0 or text[index - 1] in " \t"):
                break
            if char in "[{":
                self.flow += 1
            elif char in "]}":
                self.flow = max(0, self.flow - 1)
            index += 1
        value = _plain_end(text, 0)
        if number and opened and self.flow and value and value[-1] in ("\uff3d", "\uff5d"):
            name_ja, name_en, expected = _BRACKETS[value[-1]]
            self.found.append(
                Misplaced(number, len(value), value[-1], "bracket", name_ja, name_en, expected)
            )


def scan_yaml_text(text: str) -> list[Misplaced]:
    """Every character of TEXT (with `\\n` line endings) that stands where YAML expects a
    space, a colon, a list marker, a bracket or a quote, but is another character."""
    if _SUSPECT_LINE.search(text) is None:
        # No line can hold a finding (most files: a dash inside a word such as 「データ」 is
        # no list marker), so none is scanned.
        return []
    scanner = _Scanner()
    suspect, stateful = _SUSPECT_LINE.search, _STATEFUL_CHARACTER.search
    for number, line in enumerate(text.split("\n"), start=1):
        settled = scanner.quote is None and scanner.block_indent is None and not scanner.flow
        if settled and suspect(line) is None:
            if stateful(line):
                # Followed only for the state it leaves: it cannot hold a finding.
                scanner.line(number, line)
            continue
        scanner.line(number, line)
    return scanner.found


def quoted_spans(text: str) -> list[tuple[int, int, int]]:
    """Each quoted value of TEXT that runs over several lines: the line and column of its
    opening quote and the line of the quote that closes it (a quote left open by mistake is
    closed by the next quote in the file)."""
    scanner = _Scanner()
    for number, line in enumerate(text.split("\n"), start=1):
        scanner.line(number, line)
    return scanner.spans
