"""Schema patterns read as "the whole value", the same way by every regular-expression engine.

A schema's `pattern` is written in the common subset of ECMA-262 (jsonschema-rs) and Python's
`re` (python-jsonschema, the Table Schema checker). The dialects differ where it matters: Python's
`$` also matches before a final line break (so "foo\\n" passed `^[a-z]+$`), `\\d`, `\\w` and `\\b`
are Unicode in Python and ASCII in ECMA-262, `\\s` differs on U+FEFF, U+0085 and U+001C–U+001F,
`.` differs on CR, U+2028 and U+2029. `whole_value_pattern` rewrites a pattern so that both
engines give the same answer and the pattern describes the whole value:

- `$` means the very end (no final line break), `.` and the class escapes are spelled out as
  explicit ECMA-262 character sets;
- the value may not start or end with white space, and may not contain an invisible format
  character (zero-width space U+200B, joiners, U+2060, BOM U+FEFF, bidirectional controls);
- the rewritten pattern is anchored at both ends even where the schema's is not.

Constructs whose meaning differs between the dialects and that cannot be spelled out (`\\b`,
`\\A`, `\\Z`, inline flags, named groups, a class starting with `]`) are refused with
`PatternError`, so a schema cannot silently mean two things.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

#: White space as ECMA-262 defines it (WhiteSpace and LineTerminator).
WHITE_SPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
#: Characters that are invisible in an editor and on a web page but change a value: format
#: characters (zero-width space and joiners, word joiner, bidirectional controls, BOM), the
#: soft hyphen and NEL.
INVISIBLE = (
    "\u0085\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d\u206e"
    "\u206f\ufeff"
)


def _escaped(chars: str) -> str:
    return "".join(f"\\u{ord(c):04x}" for c in chars)


_WS = _escaped(WHITE_SPACE)
_INVISIBLE = _escaped(INVISIBLE)
_END = r"(?![\s\S])"
_CLASS_ESCAPES = {"d": "0-9", "w": "A-Za-z0-9_", "s": _WS}
_NEGATED_ESCAPES = {"D": "d", "W": "w", "S": "s"}
_GROUP_OPENERS = ("(?:", "(?=", "(?!", "(?<=", "(?<!")
_REFUSED_ESCAPES = {
    "b": "\\b (word boundary)",
    "B": "\\B (word boundary)",
    "A": "\\A",
    "Z": "\\Z",
    "z": "\\z",
    "G": "\\G",
}
_INVISIBLE_OR_SPACE = re.compile(f"[{_WS}{_INVISIBLE}]")


class PatternError(ValueError):
    """A pattern that the engines would read differently."""


def has_stray_characters(value: str) -> bool:
    """True when `value` starts or ends with white space or holds an invisible character."""
    if not value:
        return False
    return value[0] in WHITE_SPACE or value[-1] in WHITE_SPACE or any(c in INVISIBLE for c in value)


def without_stray_characters(value: str) -> str:
    """`value` without surrounding white space and invisible characters (for a fix hint)."""
    cleaned = "".join(c for c in value if c not in INVISIBLE)
    return cleaned.strip(WHITE_SPACE)


def describe_stray_characters(value: str) -> tuple[str, str]:
    """What is wrong with `value`, in Japanese and English (e.g. "末尾の改行" / "a final line break")."""
    ja: list[str] = []
    en: list[str] = []
    if value.endswith("\n"):
        ja.append("末尾の改行")
        en.append("a final line break")
    elif value and value[-1] in WHITE_SPACE:
        ja.append("末尾の空白")
        en.append("trailing white space")
    if value and value[0] in WHITE_SPACE:
        ja.append("先頭の空白")
        en.append("leading white space")
    invisible = sorted({c for c in value if c in INVISIBLE})
    if invisible:
        names = ", ".join(f"U+{ord(c):04X}" for c in invisible)
        ja.append(f"見えない文字 {names}")
        en.append(f"the invisible character {names}")
    return "・".join(ja), ", ".join(en)


@cache
def whole_value_pattern(pattern: str) -> str:
    """`pattern` rewritten to match the whole value, identically in ECMA-262 and Python `re`."""
    body = _translate(pattern)
    guard = f"(?![{_WS}])(?![\\s\\S]*[{_INVISIBLE}])(?![\\s\\S]*[{_WS}]{_END})"
    rewritten = f"^{guard}(?:{body}){_END}"
    try:
        re.compile(rewritten)
    except re.error as error:
        raise PatternError(f"pattern {pattern!r}: {error}") from error
    return rewritten


_WHITE_SPACE_SET = frozenset(WHITE_SPACE)
_INVISIBLE_SEARCH = re.compile(f"[{_INVISIBLE}]").search


@cache
def python_matcher(pattern: str) -> Callable[[str], bool]:
    """A Python function equivalent to matching `whole_value_pattern(pattern)`, about three
    times faster on the common short, clean value (for the CSV checker's hot path)."""
    whole = re.compile(whole_value_pattern(pattern))
    body = re.compile(f"(?:{_translate(pattern)})").fullmatch

    def matches(value: str) -> bool:
        if not value:
            return whole.match(value) is not None
        if value[0] in _WHITE_SPACE_SET or value[-1] in _WHITE_SPACE_SET:
            return False
        if not value.isascii() and _INVISIBLE_SEARCH(value):
            return False
        return body(value) is not None

    return matches


def _translate(pattern: str) -> str:
    out: list[str] = []
    i = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                raise PatternError(f"pattern {pattern!r} ends with a lone backslash")
            e = pattern[i + 1]
            if e in _REFUSED_ESCAPES:
                raise PatternError(
                    f"pattern {pattern!r} uses {_REFUSED_ESCAPES[e]}, which the engines read "
                    "differently; use ^, $ or an explicit character set"
                )
            if e in _CLASS_ESCAPES:
                out.append(f"[{_CLASS_ESCAPES[e]}]")
            elif e in _NEGATED_ESCAPES:
                out.append(f"[^{_CLASS_ESCAPES[_NEGATED_ESCAPES[e]]}]")
            else:
                out.append(c + e)
            i += 2
            continue
        if c == "[":
            end, text = _translate_class(pattern, i)
            out.append(text)
            i = end
            continue
        if c == "$":
            out.append(_END)
        elif c == ".":
            out.append("[^\\n\\r\\u2028\\u2029]")
        elif c == "(" and pattern.startswith("(?", i):
            opener = next((g for g in _GROUP_OPENERS if pattern.startswith(g, i)), None)
            if opener is None:
                raise PatternError(
                    f"pattern {pattern!r} uses a group (?{pattern[i + 2 : i + 3]}…) that the "
                    "engines read differently; use (?:…), (?=…), (?!…), (?<=…) or (?<!…)"
                )
            out.append(opener)
            i += len(opener)
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _translate_class(pattern: str, start: int) -> tuple[int, str]:
    """The character class at `start` ("[" … "]"): its end and its explicit spelling."""
    i = start + 1
    out = ["["]
    if pattern.startswith("^", i):
        out.append("^")
        i += 1
    if pattern.startswith("]", i):
        raise PatternError(f"pattern {pattern!r}: a class starting with ] means different things")
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "]":
            out.append("]")
            return i + 1, "".join(out)
        if c == "[":
            raise PatternError(f"pattern {pattern!r}: write [ inside a class as \\[")
        if c == "\\":
            if i + 1 >= n:
                break
            e = pattern[i + 1]
            if e in _CLASS_ESCAPES:
                out.append(_CLASS_ESCAPES[e])
            elif e in _NEGATED_ESCAPES or e in _REFUSED_ESCAPES:
                raise PatternError(
                    f"pattern {pattern!r}: \\{e} inside a character class is read differently "
                    "by the engines; spell the characters out"
                )
            else:
                out.append(c + e)
            i += 2
            continue
        out.append(c)
        i += 1
    raise PatternError(f"pattern {pattern!r}: an unclosed character class")


def visible(value: str, limit: int = 60) -> str:
    """A value as a message shows it: JSON-quoted, invisible characters as \\uXXXX escapes."""
    import json

    text = json.dumps(value, ensure_ascii=False)
    text = "".join(f"\\u{ord(c):04x}" if c in INVISIBLE else c for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def printable(value: str) -> str:
    """`value` with line breaks and invisible characters escaped, unquoted (for a message)."""
    import json

    text = json.dumps(value, ensure_ascii=False)[1:-1]
    return "".join(f"\\u{ord(c):04x}" if c in INVISIBLE else c for c in text)
