"""Registry text in a terminal or a CI log: one value never spans lines or moves the cursor.

Control characters (C0 including ESC, tab, newline and carriage return; DEL; C1), the Unicode
line and paragraph separators and the bidirectional controls are shown visibly as `\\n`, `\\r`,
`\\t`, `\\x1b` or `\\u202e`. GitHub's runner reads every line of a step's output for workflow
commands: `::name::` at the start of a line (after spaces) and the legacy `##[name]` anywhere in
a line, so a value that would start a line with `::` has its first colon shown as `\\x3a`, and
`##[` is shown as `##\\x5b`. One finding is therefore always one line (plus its hint line), and
a value can neither rewrite the terminal nor inject a line of its own.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Characters shown by their escape: C0, DEL, C1, line/paragraph separators, bidi controls.
_VISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_LEGACY_COMMAND = re.compile(r"##\[")
_LEADING_COMMAND = re.compile(r"^(\s*):(?=:)")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def controls(value: object) -> str:
    """`value` with every control character shown by its escape (the other writers' rule)."""
    return _VISIBLE.sub(_visible, str(value))


def log_safe(line: str) -> str:
    """A line the GitHub runner will not take for a workflow command (controls untouched, for
    lines that hold colour codes; the values in it must have gone through `controls`)."""
    shown = _LEGACY_COMMAND.sub("##\\\\x5b", line)
    return _LEADING_COMMAND.sub(lambda m: m.group(1) + "\\x3a", shown, count=1)


def text(value: object) -> str:
    """`value` as one inert line of terminal text."""
    return log_safe(controls(value))


#: ANSI colour codes of the colours the text formats use.
_COLOURS = {"green": 32, "red": 31, "yellow": 33, "cyan": 36}


def styled(value: str, *, colour: str | None = None, bold: bool = False) -> str:
    """`value` in a colour and/or bold for a colour terminal, then a reset."""
    start = (f"\x1b[{_COLOURS[colour]}m" if colour else "") + ("\x1b[1m" if bold else "")
    return f"{start}{value}\x1b[0m"


def lines(block: str) -> str:
    """A block of lines that holds data line by line (a diff of a file): each line made inert,
    the line breaks kept."""
    return "".join(
        text(line.rstrip("\n")) + ("\n" if line.endswith("\n") else "")
        for line in block.splitlines(keepends=True)
    )
