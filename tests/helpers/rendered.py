"""Reading rendered output as its reader would: GitHub's runner (workflow commands in a step's
output) and GitHub's Markdown (parsed with markdown-it-py). Shared by tests/escape/test_escaping.py and
the attack suite; the hostile strings are synthetic."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

#: A municipality name (synthetic) that tries every terminal and workflow-command trick.
HOSTILE_LINES = (
    "千代田\n::error file=fake.csv,line=1::injected\r##[warning]legacy\x1b[2J\x9b31m\x7f"
    "\u2028::stop-commands::token"
)
#: A name (synthetic) that tries every Markdown construct GitHub would render.
HOSTILE_MARKDOWN = (
    "# heading [link](https://evil.example) ![image](https://evil.example/i.png) "
    "<img src=x onerror=alert(1)> <script>alert(1)</script> @example-org/team #123 "
    "https://evil.example www.evil.example a@evil.example **bold** _em_ ~~strike~~ `code` "
    "| cell | &lt;b&gt; $x^2$ \\"
)
#: The commands GitHub's runner knows (a line naming one of them is executed).
RUNNER_COMMANDS = {
    "set-env", "set-output", "save-state", "add-mask", "add-path", "add-matcher",
    "remove-matcher", "debug", "warning", "error", "notice", "group", "endgroup", "echo",
    "stop-commands",
}  # fmt: skip
TEXT_LINE = re.compile(r"^[^\n]+:\d+:\d+: (error|warning): [A-Z]\d{3} .*$")


def runner_commands(output: str) -> list[tuple[str, dict[str, str], str]]:
    """The workflow commands GitHub's runner finds in a step's output: `::name props::data` at
    the start of a line (after spaces), else the legacy `##[name props]data` anywhere in it."""

    def unescape(text: str, table: list[tuple[str, str]]) -> str:
        for escaped, char in table:
            text = text.replace(escaped, char)
        return text

    data_table = [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")]
    property_table = [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]
    found = []
    for line in re.split(r"\r\n|\n|\r", output):
        message = line.lstrip()
        if message.startswith("::") and (end := message.find("::", 2)) >= 0:
            info = message[2:end]
            name, _, props = info.partition(" ")
            if name in RUNNER_COMMANDS:
                properties = {}
                for item in props.strip().split(","):
                    key, sep, value = item.partition("=")
                    if sep and key and value:
                        properties[key] = unescape(value, property_table)
                found.append((name, properties, unescape(message[end + 2 :], data_table)))
                continue
        start = line.find("##[")
        if start >= 0 and (end := line.find("]", start)) >= 0:
            name = line[start + 3 : end].split(" ")[0]
            if name in RUNNER_COMMANDS:
                found.append((name, {}, line[end + 1 :]))
    return found


def markdown_tokens(text: str) -> list[Any]:
    """Every block and inline token of `text`, as GitHub-flavoured markdown-it parses it."""
    parser = MarkdownIt("gfm-like")
    out = []
    for token in parser.parse(text):
        out.append(token)
        out.extend(token.children or [])
    return out


def assert_inert_markdown(
    text: str,
    allowed_html: frozenset[str] = frozenset(),
    images: frozenset[str] = frozenset(),
    links: frozenset[str] = frozenset(),
) -> None:
    """No link, image, HTML or heading beyond the writer's own, and no @mention or #reference
    GitHub would link."""
    tokens = markdown_tokens(text)
    assert {str(t.attrs.get("href")) for t in tokens if t.type == "link_open"} <= links, text
    assert {str(t.attrs.get("src")) for t in tokens if t.type == "image"} <= images, text
    for token in tokens:
        if token.type in ("html_inline", "html_block"):
            tags = set(re.findall(r"</?([A-Za-z][A-Za-z0-9]*)", token.content))
            assert tags <= allowed_html, token.content
        if token.type == "heading_open":
            content = tokens[tokens.index(token) + 1].content
            assert "heading" not in content, content
        if token.type == "text":
            assert not re.search(r"(?<![\w])[@#][A-Za-z0-9]", token.content), token.content


def table_rows(text: str) -> list[int]:
    """The number of cells of every row of the markdown tables in `text`."""
    counts, cells = [], 0
    for token in markdown_tokens(text):
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("td_open", "th_open"):
            cells += 1
        elif token.type == "tr_close":
            counts.append(cells)
    return counts
