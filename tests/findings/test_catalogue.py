"""The finding catalogue against its users: every template's placeholders are supplied where a
finding is made, every entry's example fills its templates, Japanese and English agree, and every
code has a module that emits it and a test that triggers it."""

from __future__ import annotations

import ast
import stat
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from renkei.cli.errors_doc import CATALOGUE_TESTS, PACKAGE, TESTS
from renkei.findings import codes
from renkei.findings.catalogue import CATALOGUE
from renkei.findings.finding_type import FindingType
from renkei.findings.traces import (
    CodeReference,
    code_references,
    emitting_modules,
    triggering_tests,
)
from renkei.registry.safe_files import kind_of

TEMPLATES = ("message_ja", "message_en", "hint_ja", "hint_en")
#: Codes no test triggers yet (each is a gap to close, not a state to keep).
UNTESTED: frozenset[str] = frozenset()
#: Functions whose result a call site spreads into a finding's parameters (`**kind_of(mode)`),
#: with the keys they give, read from the real function.
SPREAD_SOURCES = {"kind_of": set(kind_of(stat.S_IFIFO)) | set(kind_of(stat.S_IFREG))}


def placeholders(template: str) -> set[str]:
    """The `{names}` of one template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def needed(entry: FindingType) -> set[str]:
    """Every placeholder of an entry's four templates."""
    return set().union(*(placeholders(getattr(entry, t)) for t in TEMPLATES))


def _language_neutral(names: set[str], suffix: str) -> set[str]:
    return {name.removesuffix(suffix) for name in names}


def test_codes_module_holds_exactly_the_catalogue() -> None:
    assert sorted(codes.__all__) == sorted(CATALOGUE)
    for code in codes.__all__:
        assert getattr(codes, code) is CATALOGUE[code]
        assert CATALOGUE[code].code == code


@pytest.mark.parametrize("code", list(CATALOGUE))
def test_japanese_and_english_templates_use_the_same_placeholders(code: str) -> None:
    # A value given in each language is written `x_ja`/`x` or `x`/`x_en`: the same placeholder.
    entry = CATALOGUE[code]
    for part in ("message", "hint"):
        ja = _language_neutral(placeholders(getattr(entry, f"{part}_ja")), "_ja")
        en = _language_neutral(placeholders(getattr(entry, f"{part}_en")), "_en")
        assert ja == en, f"{code} {part}: ja {sorted(ja)} ≠ en {sorted(en)}"


@pytest.mark.parametrize("code", list(CATALOGUE))
def test_the_example_fills_every_placeholder(code: str) -> None:
    entry = CATALOGUE[code]
    assert set(entry.example) == needed(entry), f"{code}: example keys ≠ placeholders"
    for template in TEMPLATES:
        filled = getattr(entry, template).format_map(entry.example)  # KeyError when short
        assert filled.strip(), f"{code} {template} is empty once filled"


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if not path.is_relative_to(PACKAGE / "findings"):
            shown = path.relative_to(PACKAGE.parent.parent).as_posix()
            yield shown, ast.parse(path.read_text(encoding="utf-8"), shown)


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _keywords(call: ast.Call) -> set[str] | None:
    """The parameter names a call passes; None when it spreads a mapping nobody can check."""
    names = {k.arg for k in call.keywords if k.arg is not None}
    for spread in (k.value for k in call.keywords if k.arg is None):
        if not (
            isinstance(spread, ast.Call)
            and isinstance(spread.func, ast.Name)
            and spread.func.id in SPREAD_SOURCES
        ):
            return None
        names |= SPREAD_SOURCES[spread.func.id]
    return names


def _dict_keys(mapping: ast.Dict) -> set[str]:
    return {
        k.value for k in mapping.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)
    }


def _called_name(call: ast.Call) -> str:
    func = call.func
    return (
        func.id
        if isinstance(func, ast.Name)
        else func.attr
        if isinstance(func, ast.Attribute)
        else ""
    )


class _Sites:
    """Every place the package names a code, checked for the parameters it supplies."""

    def __init__(self) -> None:
        self.modules = list(_modules())
        self.problems: list[str] = []
        self.checked: dict[str, int] = {code: 0 for code in CATALOGUE}
        # Classes that carry a code (`finding_type = codes.P019`): their constructor calls make it.
        self.carriers: dict[str, str] = {}
        for _, tree in self.modules:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    for item in node.body:
                        value = item.value if isinstance(item, ast.Assign | ast.AnnAssign) else None
                        if (
                            isinstance(value, ast.Attribute)
                            and isinstance(value.value, ast.Name)
                            and value.value.id == "codes"
                            and value.attr in CATALOGUE
                        ):
                            self.carriers[node.name] = value.attr

    def cover(self, where: str, code: str, supplied: set[str] | None, wanted: set[str]) -> None:
        self.checked[code] += 1
        if supplied is None:
            self.problems.append(f"{where}: {code} gets a mapping whose keys cannot be checked")
        elif missing := wanted - supplied:
            self.problems.append(f"{where}: {code} misses {sorted(missing)}")

    def check(self) -> None:
        for shown, tree in self.modules:
            parents = _parents(tree)
            for reference in code_references(tree):
                self._reference(shown, tree, parents, reference)
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and _called_name(node) in self.carriers:
                    code = self.carriers[_called_name(node)]
                    where = f"{shown}:{node.lineno}"
                    self.cover(where, code, _keywords(node), needed(CATALOGUE[code]))

    def _reference(
        self, shown: str, tree: ast.Module, parents: dict[ast.AST, ast.AST], ref: CodeReference
    ) -> None:
        entry, where, parent = CATALOGUE[ref.code], f"{shown}:{ref.line}", ref.parent
        above = parents.get(parent) if parent is not None else None
        if isinstance(parent, ast.Attribute) and parent.attr == "code":
            return  # the code itself, compared with a finding's (no template is filled)
        if isinstance(parent, ast.Attribute) and parent.attr in ("make", "make_from"):
            assert isinstance(above, ast.Call), where
            if parent.attr == "make_from":
                mapping = above.args[2] if len(above.args) > 2 else None
                supplied = _dict_keys(mapping) if isinstance(mapping, ast.Dict) else None
                self.cover(where, ref.code, supplied, needed(entry))
            else:
                self.cover(where, ref.code, _keywords(above), needed(entry))
        elif isinstance(parent, ast.Attribute) and parent.attr in TEMPLATES:
            call = parents.get(above) if isinstance(above, ast.Attribute) else None
            assert isinstance(above, ast.Attribute) and above.attr == "format", where
            assert isinstance(call, ast.Call), where
            self.cover(where, ref.code, _keywords(call), placeholders(getattr(entry, parent.attr)))
        elif isinstance(parent, ast.Call) and ref.node in parent.args:
            # Passed to what makes the finding later (UnsafeWorkbook, the workbook reader).
            self.cover(where, ref.code, _keywords(parent), needed(entry))
        elif isinstance(parent, ast.Assign | ast.AnnAssign) and ref.code in self.carriers.values():
            return  # a carrier class: its constructor calls are checked in `check`
        elif isinstance(parent, ast.Dict):
            self._table(shown, tree, parents, parent, ref)
        elif isinstance(parent, ast.Tuple) and any(isinstance(e, ast.Dict) for e in parent.elts):
            self._pair(shown, tree, parent, ref)
        else:
            self.problems.append(f"{where}: {ref.code} is used in a way this test does not check")

    def _table(
        self,
        shown: str,
        tree: ast.Module,
        parents: dict[ast.AST, ast.AST],
        table: ast.Dict,
        ref: CodeReference,
    ) -> None:
        """`CODES = {kind: codes.R012, ...}` and `CODES[kind].make(...)`: every call covers."""
        assign = parents.get(table)
        assert isinstance(assign, ast.Assign) and isinstance(assign.targets[0], ast.Name)
        name = assign.targets[0].id
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "make"
            and isinstance(node.func.value, ast.Subscript)
            and isinstance(node.func.value.value, ast.Name)
            and node.func.value.value.id == name
        ]
        assert calls, f"{shown}: the table {name} is never used to make a finding"
        for call in calls:
            where = f"{shown}:{call.lineno}"
            self.cover(where, ref.code, _keywords(call), needed(CATALOGUE[ref.code]))

    def _pair(self, shown: str, tree: ast.Module, pair: ast.Tuple, ref: CodeReference) -> None:
        """`(codes.R009, {"chars": ...})` made later by `kind.make(..., field=..., **params)`:
        the dict's keys and each such call's own keywords together cover."""
        given: set[str] = set()
        for element in pair.elts:
            if isinstance(element, ast.Dict):
                given |= _dict_keys(element)
        makers = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and _called_name(node) == "make"
            and any(k.arg is None for k in node.keywords)
        ]
        assert makers, f"{shown}: {ref.code} is paired with parameters nothing makes"
        for call in makers:
            own = {k.arg for k in call.keywords if k.arg is not None}
            where = f"{shown}:{call.lineno}"
            self.cover(where, ref.code, given | own, needed(CATALOGUE[ref.code]))


def test_every_call_site_supplies_the_placeholders_of_its_templates() -> None:
    sites = _Sites()
    sites.check()
    assert not sites.problems, "\n".join(sites.problems)
    # Every code the package makes was checked at least once (none slipped past the walk).
    made = {code for code, modules in emitting_modules(PACKAGE, CATALOGUE).items() if modules}
    assert {code for code, count in sites.checked.items() if count} == made


def test_a_site_short_of_a_placeholder_is_found() -> None:
    source = (
        "from renkei.findings import codes\n"
        "def f(file, position, params):\n"
        "    yield codes.P001.make(file, position, size=1)\n"
        "    yield codes.P002.make(file, position, **params)\n"
        "    yield codes.P003 if file else None\n"
    )
    sites = _Sites()
    sites.modules = [("tools/renkei/checks/broken.py", ast.parse(source))]
    sites.check()
    assert sorted(sites.problems) == [
        "tools/renkei/checks/broken.py:3: P001 misses ['limit']",
        "tools/renkei/checks/broken.py:4: P002 gets a mapping whose keys cannot be checked",
        "tools/renkei/checks/broken.py:5: P003 is used in a way this test does not check",
    ]


def test_every_code_has_an_emitting_module_and_a_triggering_test() -> None:
    emitters = emitting_modules(PACKAGE, CATALOGUE)
    assert not [code for code, modules in emitters.items() if not modules]
    triggers = triggering_tests(TESTS, CATALOGUE, CATALOGUE_TESTS)
    untested = {code for code, tests in triggers.items() if not tests}
    assert untested == UNTESTED, "write a test that triggers these codes"


def test_tests_are_credited_through_their_tables_of_cases(tmp_path: Path) -> None:
    (tmp_path / "helpers").mkdir()
    (tmp_path / "helpers" / "cases.py").write_text(
        'CASES = [("P001", 1)]\nCASES += [("P002", 2)]\n', encoding="utf-8"
    )
    (tmp_path / "test_a.py").write_text(
        "import pytest\n"
        "from helpers.cases import CASES\n"
        'TESTED_ELSEWHERE = ["S001"]\n'
        "def _check(report):\n"
        '    assert report == "T001"\n'
        '@pytest.mark.parametrize("case", CASES)\n'
        "def test_cases(case):\n"
        "    pass\n"
        "def test_direct():\n"
        '    """Says R001 in its docstring only."""\n'
        '    assert "X001" in codes_of() and codes.X002\n'
        "def test_helper():\n"
        "    _check(run())\n"
        "def test_bookkeeping():\n"
        "    assert TESTED_ELSEWHERE\n",
        encoding="utf-8",
    )
    found = triggering_tests(tmp_path, ["P001", "P002", "S001", "T001", "R001", "X001", "X002"])
    assert found == {
        "P001": [f"{tmp_path.name}/test_a.py::test_cases"],
        "P002": [f"{tmp_path.name}/test_a.py::test_cases"],
        "S001": [],
        "T001": [f"{tmp_path.name}/test_a.py::test_helper"],
        "R001": [],
        "X001": [f"{tmp_path.name}/test_a.py::test_direct"],
        "X002": [f"{tmp_path.name}/test_a.py::test_direct"],
    }
