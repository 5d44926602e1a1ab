"""A quick proof that a worksheet part passes every rule `machine_readability.check_workbook`
tests, read from the part's bytes without building its element tree.

A survey workbook's sheets hold tens of thousands of cells, and parsing them with ElementTree
was most of the check's time. The rules fail rarely, and on a sheet in the plain form the
workbook writers produce (no comment, CDATA section, processing instruction, character
reference or element prefix; one default namespace, the spreadsheet's) each of their failures
leaves a mark in the bytes: a `hidden` attribute, a `mergeCells` or `drawing` element, an `f`
(formula) element, a character the rules forbid, a row out of sequence. `sheet_passes` looks for
those marks, and checks with expat that the part is well-formed; when it finds no mark, every
rule passes. Anything else, a mark or a form it does not know, sends the part to ElementTree,
which then says which rule failed and where. It never decides that a rule fails
(tests/registry/test_sheet_scan.py compares both readings).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from xml.parsers import expat as xml_parsers_expat

#: The spreadsheet's namespace, the only one a plain sheet's elements are in.
NAMESPACE = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DECLARATION = re.compile(
    rb'<\?xml version="1\.0"(?: encoding="(?i:utf-8)")?(?: standalone="yes")?\?>'
)
#: What a plain sheet never has, or what a failing rule leaves: a comment, CDATA, DOCTYPE or
#: processing instruction, a hidden row or column, merged cells (searched for as bytes) ...
_UNUSUAL_BYTES = (b"<!", b"<?", b"hidden", b"mergeCells")
#: ... a character or unknown entity reference, a drawing, a formula (each searched for alone:
#: a pattern that starts with its own text is found fastest).
_UNUSUAL = (
    re.compile(rb"&(?!(?:amp|lt|gt|quot|apos);)"),
    re.compile(rb"<drawing[\s>/]"),
    re.compile(rb"<f[\s>/]"),
)
#: A namespace declaration: its prefix (None for the default namespace) and its name.
_DECLARED = re.compile(rb"""xmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_MOST_DECLARATIONS = 16
#: A row's opening tag, and its number when the tag starts with it.
_ROW = re.compile(rb'<row(?=[\s>/])(?: r="([0-9]+)")?')
_ROW_END = b"</row>"

#: Row 1's header problems, as `check_workbook` finds them: (title, row element) → places.
HeaderProblems = Callable[[str, ET.Element], list[str]]
#: Whether a text holds no character the rules forbid.
TextPasses = Callable[[str], bool]


def sheet_passes(
    title: str,
    xml: bytes,
    text_passes: TextPasses,
    header_problems: HeaderProblems,
) -> bool:
    """True only when the worksheet part XML (the sheet TITLE) certainly passes every rule:
    no hidden row or column, no merged cells, drawing or formula, rows numbered 1, 2, 3, …
    without a gap, TEXT_PASSES for its text, and HEADER_PROBLEMS finds nothing in row 1 (the
    workbook's shared strings are the caller's to check, once). False: not proven, read it
    with ElementTree."""
    declaration = _DECLARATION.match(xml)
    body = xml[declaration.end() :] if declaration else xml
    if any(mark in body for mark in _UNUSUAL_BYTES):
        return False
    if any(pattern.search(body) is not None for pattern in _UNUSUAL):
        return False
    if not _namespaces_plain(body):
        return False
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if not text_passes(text):
        return False
    rows = list(_ROW.finditer(body))
    if not rows:
        return False
    for expected, row in enumerate(rows, 1):
        number = row[1]
        if number is None or int(number) != expected:
            return False
    return _header_passes(title, body, rows[0], header_problems) and _well_formed(xml)


def _well_formed(xml: bytes) -> bool:
    """The part is well-formed XML with its namespaces bound, as ElementTree's parser requires
    (the same parser, expat, without building a tree: a fifth of the time). When it is not,
    ElementTree reads it and raises its own error."""
    parser = xml_parsers_expat.ParserCreate(namespace_separator="}")
    try:
        parser.Parse(xml, True)
    except xml_parsers_expat.ExpatError:
        return False
    return True


def _namespaces_plain(body: bytes) -> bool:
    """The root element declares the spreadsheet's namespace as the default, no element
    declares another default, and no prefix names the spreadsheet's namespace (an element
    with a prefix is then in another namespace, which no rule reads)."""
    if body.count(b"xmlns") > _MOST_DECLARATIONS:
        return False
    declarations = list(_DECLARED.finditer(body))
    defaults = 0
    for declared in declarations:
        name = declared[2] if declared[2] is not None else declared[3]
        if declared[1] is None:
            defaults += 1
            if name != NAMESPACE or declared.start() > body.find(b">"):
                return False
        elif name == NAMESPACE:
            return False
    return defaults == 1 and body.count(b"xmlns") == len(declarations)


def _header_passes(
    title: str,
    body: bytes,
    first: re.Match[bytes],
    header_problems: HeaderProblems,
) -> bool:
    """Row 1 (FIRST) parsed alone, in the spreadsheet's namespace, has no header problem. (An
    empty `<row r="1"/>` is read with the row after it and has no cell; a row inside row 1
    leaves the first `</row>` to it and row 1 unclosed: neither passes.)"""
    end = body.find(_ROW_END, first.end())
    if end < 0:
        return False
    wrapped = (
        b'<x xmlns="' + NAMESPACE + b'">' + body[first.start() : end + len(_ROW_END)] + b"</x>"
    )
    try:
        row = ET.fromstring(wrapped)[0]
    except ET.ParseError:  # e.g. an attribute's prefix declared on the root element
        return False
    return not header_problems(title, row)
