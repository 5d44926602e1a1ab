"""`check_workbook`'s quick path (`renkei.registry.sheet_scan`) gives what ElementTree's reading
gives, on any sheet: the same rules passed and failed, at the same places, or the same error;
and it is the path renkei's own workbooks take."""

from __future__ import annotations

import io
import zipfile
from functools import partial
from xml.sax.saxutils import escape

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers.registry import Registry
from helpers.workbook_cases import export
from renkei.registry import machine_readability as rules
from renkei.registry.sheet_scan import NAMESPACE, sheet_passes

MAIN = NAMESPACE.decode()
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET = RELATIONSHIPS + "/worksheet"


def workbook(sheet_xml: str, shared: list[str] | None = None) -> bytes:
    """A workbook of one sheet (SYNTHETIC) whose part is SHEET_XML, with SHARED strings."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
            '<sheet name="SYNTHETIC" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" Type="{WORKSHEET}" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml.encode("utf-8", "surrogatepass"))
        if shared is not None:
            items = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
            archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{items}</sst>')
    return buffer.getvalue()


def reading(data: bytes, quick: bool) -> object:
    """check_workbook's results, or the kind of error it raised."""
    try:
        return rules.check_workbook("survey.xlsx", data, quick)
    except Exception as error:
        return type(error)


#: Texts the rules accept, with the XML's own characters.
SAFE_TEXT = st.lists(st.sampled_from(["a", "基盤", " ", "&", "<", '"', "'", "é", "1"]), max_size=4)
#: What breaks a rule or the plain form, one or two to a sheet: (text searched for, its
#: replacement; the first occurrence only). `{MAIN}` is the spreadsheet's namespace.
DEVIATIONS = [
    ('<row r="2"', '<row r="3"'),  # a gap
    ('<row r="2"', "<row"),  # a row without its number
    ('<row r="2"', "<row r='2'"),
    ('<row r="2"', '<row r = "2"'),
    ('<row r="2"', '<row r="02"'),
    ('<row r="1"', '<row r="1" hidden="1"'),
    ('<row r="2"', '<row r="2" hidden="true"'),
    ('<row r="2"', '<row r="2" hidden="0"'),
    ('<row r="2"', '<row r="2" x14ac:dyDescent="0.25"'),
    ('<row r="1"', '<row r="1" x14ac:dyDescent="0.25"'),
    ("<sheetData>", '<cols><col min="1" max="1" hidden="1"/></cols><sheetData>'),
    ("<sheetData>", '<cols><col min="1" max="1" width="9"/></cols><sheetData>'),
    ("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'),
    ("</sheetData>", '</sheetData><drawing r:id="d"/>'),
    ("</sheetData>", '</sheetData><legacyDrawing r:id="d"/>'),
    ("</sheetData>", "</sheetData><rowBreaks/>"),
    ("<t>", "<t>\n"),
    ("<t>", "<t>\r"),
    ("<t>", "<t>①"),
    ("<t>", "<t>\u2028"),
    ("<t>", "<t>\x85"),
    ("<t>", "<t>\ufffe"),
    ("<t>", "<t>\x01"),
    ("<t>", "<t>&#10;"),
    ("<t>", "<t>&#x2460;"),
    ("<t>", "<t>&#65;"),
    ("<t>", "<t>&nbsp;"),
    ("<t>", '<t xml:space="preserve">'),
    ("<t>", "<t><![CDATA[①]]>"),
    ("<t>", "<t>hidden"),
    ("<is><t>", "<is><t></t><t>"),
    ("<v>", "<v>99"),  # a shared string that is not there
    ("<is><t>", "<is><r><t>x</t></r><t>"),
    ('<c r="A2"', '<c r="A2"><f>1</f></c><c r="Z2"'),
    ('<c r="A2"', '<c r="A2"><f/></c><c r="Z2"'),
    ('<c r="A1"', '<c r="A1"/><c r="Z1"'),  # an empty header cell
    ('<row r="1">', '<row r="1"/><row r="9">'),
    ('<row r="1">', '<row r="1"><row r="2"/>'),
    ("<sheetData>", "<sheetData><!-- <row r='9'/> -->"),
    ("<sheetData>", "<sheetData><?pi x?>"),
    ('<row r="2"', '<!-- <row r="2"/> --><row r="3"'),  # a gap that only the comment fills
    ('<row r="2"', '<?pi <row r="2"/>?><row r="3"'),
    ('<row r="2"', '<![CDATA[<row r="2"/>]]><row r="3"'),
    ("<sheetData>", '<sheetData><x:row xmlns:x="{MAIN}" r="9"/>'),
    ("<sheetData>", '<sheetData><x:row xmlns:x="urn:synthetic" r="9"/>'),
    ("<sheetData>", '<sheetData><o xmlns="urn:synthetic"><row r="9"/></o>'),
    ("</sheetData>", '</sheetData><x:mergeCells xmlns:x="{MAIN}"/>'),
    ('<c r="A2"', '<c r="A2"><x:f xmlns:x="{MAIN}">1</x:f></c><c r="Z2"'),
    ('xmlns="{MAIN}"', 'xmlns="urn:synthetic"'),
    ('xmlns="{MAIN}"', "xmlns='{MAIN}'"),
    ('xmlns="{MAIN}"', 'xmlns:x="{MAIN}" xmlns="{MAIN}"'),
    ("<worksheet", '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet'),
    ("<worksheet", '<?xml version="1.0" encoding="ISO-8859-1"?><worksheet'),
    ("<worksheet", "\ufeff<worksheet"),
]


@st.composite
def cell_xml(draw: st.DrawFn, ref: str, strings: int) -> str:
    if strings and draw(st.booleans()):
        return f'<c r="{ref}" t="s"><v>{draw(st.integers(0, strings - 1))}</v></c>'
    if ref[1:] != "1" and draw(st.booleans()):
        return f'<c r="{ref}"><v>{draw(st.integers(0, 99))}</v></c>'
    text = "".join(draw(SAFE_TEXT)) or "x"
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    """A workbook whose sheet passes every rule, in the plain form, but for one or two
    DEVIATIONS (none now and then)."""
    shared = draw(st.one_of(st.none(), st.lists(SAFE_TEXT.map("".join), max_size=3)))
    rows = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        cells = "".join(draw(cell_xml(f"{c}{number}", len(shared or []))) for c in "AB")
        rows.append(f'<row r="{number}">{cells}</row>')
    sheet = (
        f'<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}" xmlns:x14ac="urn:x14ac">'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )
    for old, new in draw(st.lists(st.sampled_from(DEVIATIONS), max_size=2)):
        sheet = sheet.replace(old.format(MAIN=MAIN), new.format(MAIN=MAIN), 1)
    if shared and draw(st.integers(0, 9)) == 0:
        shared[0] += draw(st.sampled_from(["\n", "①", "\u2028"]))
    return workbook(sheet, shared)


PLAIN = (
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is>'
    '</c></row><row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    "</worksheet>"
)


@settings(max_examples=1000, deadline=None)
@given(data=workbooks())
@example(data=workbook(PLAIN))
@example(data=workbook(PLAIN.replace('<c r="A2"', '<c r="A2"><f>1</f></c><c r="B2"')))
@example(data=workbook(PLAIN.replace("<sheetData>", "<sheetData><!-- -->")))
@example(data=workbook(PLAIN.replace('<row r="2"', '<!-- <row r="2"/> --><row r="3"')))
@example(data=workbook(PLAIN.replace('<row r="2"', '<?pi <row r="2"/>?><row r="3"')))
@example(data=workbook(PLAIN.replace(f'xmlns="{MAIN}"', f'xmlns="{MAIN}" xmlns:x="{MAIN}"')))
def test_the_quick_path_reads_any_sheet_as_elementtree_reads_it(data: bytes) -> None:
    assert reading(data, quick=True) == reading(data, quick=False)


@pytest.mark.parametrize(
    "change",
    [
        ('<row r="2">', '<row r="3">'),  # a gap
        ('<row r="2">', '<row r="2" hidden="1">'),
        ("<t>x</t>", "<t>x\n</t>"),
        ("<t>x</t>", "<t>①</t>"),
        ("<t>x</t>", "<t>&#10;</t>"),
        ("<t>id</t>", "<t></t>"),  # an empty header cell
        ("</sheetData>", '</sheetData><mergeCells count="1"/>'),
        ('<c r="A2"', '<c r="A2"><f>1</f></c><c r="B2"'),
        ("<sheetData>", '<sheetData><x:row xmlns:x="' + MAIN + '" r="9"/>'),
    ],
)
def test_a_sheet_that_fails_a_rule_or_is_unusual_is_never_proven_passing(
    change: tuple[str, str],
) -> None:
    sheet = PLAIN.replace(*change).encode()
    assert sheet != PLAIN.encode()
    headers = partial(rules._header_problems, strings=[])
    assert not sheet_passes("SYNTHETIC", sheet, rules._text_passes, headers)
    assert sheet_passes("SYNTHETIC", PLAIN.encode(), rules._text_passes, headers)


def test_every_data_sheet_of_renkeis_workbook_takes_the_quick_path(registry: Registry) -> None:
    data = export(registry).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        strings = rules.shared_strings(archive)
        assert rules._text_passes("\t".join(strings))  # checked once, for every sheet
        header_problems = partial(rules._header_problems, strings=strings)
        proven = {
            sheet.title
            for sheet in rules.sheet_parts(archive)
            if sheet_passes(
                sheet.title, archive.read(sheet.part), rules._text_passes, header_problems
            )
        }
    for title in ("platforms", "municipalities", "services", "kpis"):
        assert title in proven
    assert reading(data, quick=True) == reading(data, quick=False)
