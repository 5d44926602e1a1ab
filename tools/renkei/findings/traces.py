"""Where each finding code is emitted and which tests trigger it, found by walking the source.

A module emits a code when it names the code's constant (`codes.P001`) other than to read its
`.code`; a test triggers a code when its function names the code (`"P001"` in a string, or
`codes.P001`), directly or through a module-level name it uses (a table of cases, imported or
not). `docs/errors.md` lists both, so a reader goes from a code to its check and its test.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

#: A finding code as it is written in a string.
CODE_IN_TEXT = re.compile(r"\b[PSTRXBWA][0-9]{3}\b")
#: The name the package imports the constants under (`from renkei.findings import codes`).
CODES_MODULE = "codes"


@dataclass(frozen=True, slots=True)
class CodeReference:
    """One `codes.XNNN` in a module: the code, the line, and the node that holds it."""

    code: str
    line: int
    node: ast.Attribute
    parent: ast.AST | None


def code_references(tree: ast.AST) -> Iterator[CodeReference]:
    """Every `codes.XNNN` in a parsed module, with the node that contains it."""
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == CODES_MODULE
            and CODE_IN_TEXT.fullmatch(node.attr)
        ):
            yield CodeReference(node.attr, node.lineno, node, parents.get(node))


def _reads_code_only(reference: CodeReference) -> bool:
    parent = reference.parent
    return isinstance(parent, ast.Attribute) and parent.attr == "code"


def emitting_modules(package: Path, known: Iterable[str]) -> dict[str, list[str]]:
    """Code → the modules of `package` that emit it (paths relative to the package's parent's
    parent, e.g. `tools/renkei/checks/codes.py`), sorted. The catalogue itself is left out."""
    codes = set(known)
    found: dict[str, set[str]] = {code: set() for code in codes}
    base = package.parent.parent
    for path in sorted(package.rglob("*.py")):
        if path.is_relative_to(package / "findings"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for reference in code_references(tree):
            if reference.code in codes and not _reads_code_only(reference):
                found[reference.code].add(path.relative_to(base).as_posix())
    return {code: sorted(modules) for code, modules in found.items()}


def _is_docstring(node: ast.Constant, parent: ast.AST | None) -> bool:
    return isinstance(parent, ast.Expr)


def _mentions(node: ast.AST, codes: set[str]) -> set[str]:
    """The codes a piece of test code names, in strings (not docstrings) or as constants."""
    parents: dict[ast.AST, ast.AST] = {}
    for outer in ast.walk(node):
        for child in ast.iter_child_nodes(outer):
            parents[child] = outer
    found: set[str] = set()
    for inner in ast.walk(node):
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            if not _is_docstring(inner, parents.get(inner)):
                found.update(m for m in CODE_IN_TEXT.findall(inner.value) if m in codes)
        elif (
            isinstance(inner, ast.Attribute)
            and isinstance(inner.value, ast.Name)
            and inner.value.id == CODES_MODULE
            and inner.attr in codes
        ):
            found.add(inner.attr)
    return found


def _names_used(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


@dataclass
class _TestModule:
    """One file of the test suite: what its module-level names and its tests mention."""

    shown: str
    dotted: str
    names: dict[str, set[str]] = field(default_factory=dict)  # name → codes mentioned
    uses: dict[str, set[str]] = field(default_factory=dict)  # name → names it uses
    tests: dict[str, set[str]] = field(default_factory=dict)  # test → codes mentioned
    test_uses: dict[str, set[str]] = field(default_factory=dict)  # test → names its body uses
    test_marks: dict[str, set[str]] = field(default_factory=dict)  # test → its decorators' names
    defs: set[str] = field(default_factory=set)  # module-level functions and classes
    imports: dict[str, tuple[str, str]] = field(default_factory=dict)  # local → (module, name)
    loose: set[str] = field(default_factory=set)  # codes at module level, in no name


def _assigned(statement: ast.stmt) -> list[str]:
    if isinstance(statement, ast.Assign):
        return [t.id for t in statement.targets if isinstance(t, ast.Name)]
    if isinstance(statement, ast.AnnAssign | ast.AugAssign) and isinstance(
        statement.target, ast.Name
    ):
        return [statement.target.id]
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [statement.name]
    return []


def _read_test_module(path: Path, tests: Path, codes: set[str]) -> _TestModule:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    relative = path.relative_to(tests).with_suffix("")
    module = _TestModule(
        shown=path.relative_to(tests.parent).as_posix(), dotted=".".join(relative.parts)
    )
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                module.imports[alias.asname or alias.name] = (node.module, alias.name)
    for statement in tree.body:
        names = _assigned(statement)
        tests_here: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]] = []
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            if statement.name.startswith("test"):
                tests_here.append((statement.name, statement))
        elif isinstance(statement, ast.ClassDef) and statement.name.startswith("Test"):
            tests_here.extend(
                (f"{statement.name}::{item.name}", item)
                for item in statement.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                and item.name.startswith("test")
            )
        if tests_here:
            for name, node in tests_here:
                marks = set().union(*(_names_used(d) for d in node.decorator_list))
                module.tests[name] = _mentions(node, codes)
                module.test_uses[name] = _names_used(node) - marks
                module.test_marks[name] = marks
            continue
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            module.defs.add(statement.name)
        mentioned = _mentions(statement, codes)
        if names:
            for name in names:  # `CASES += [...]` adds to what `CASES = [...]` named
                module.names[name] = module.names.get(name, set()) | mentioned
                module.uses[name] = module.uses.get(name, set()) | _names_used(statement)
        else:
            module.loose |= mentioned
    return module


def triggering_tests(
    tests: Path, known: Iterable[str], exclude: Iterable[str] = ()
) -> dict[str, list[str]]:
    """Code → the tests under `tests` that name it (`tests/test_x.py::test_y`), sorted.

    A test names a code in its own body, through the module-level functions it calls, or
    through the tables of cases its decorators use (`pytest.mark.parametrize`), followed across
    `from module import name`. A table the body only reads (a list of the codes tested
    elsewhere) does not credit the test. A code named at module level outside any name is
    credited to the file. Files whose name is in `exclude` are skipped, wherever they are."""
    codes = set(known)
    skipped = set(exclude)
    modules = [
        _read_test_module(path, tests, codes)
        for path in sorted(tests.rglob("*.py"))
        if path.name not in skipped
    ]
    by_dotted = {m.dotted: m for m in modules}

    def resolve(dotted: str) -> _TestModule | None:
        if dotted in by_dotted:
            return by_dotted[dotted]
        matches = [m for d, m in by_dotted.items() if d.endswith("." + dotted)]
        return matches[0] if len(matches) == 1 else None

    def codes_of(module: _TestModule, marks: set[str], calls: set[str]) -> set[str]:
        """The codes named through `marks` (any name) and `calls` (functions and classes only)
        of `module`, and through every module-level name those use in turn."""
        found: set[str] = set()
        pending = [(module, n, False) for n in marks] + [(module, n, True) for n in calls]
        seen: set[tuple[str, str, bool]] = set()
        while pending:
            where, name, defs_only = pending.pop()
            if (where.dotted, name, defs_only) in seen:
                continue
            seen.add((where.dotted, name, defs_only))
            if name in where.names:
                if defs_only and name not in where.defs:
                    continue
                found |= where.names[name]
                pending.extend((where, used, False) for used in where.uses[name])
            elif name in where.imports:
                source, original = where.imports[name]
                target = resolve(source)
                if target is not None:
                    pending.append((target, original, defs_only))
        return found

    result: dict[str, set[str]] = {code: set() for code in codes}
    for module in modules:
        for test, direct in module.tests.items():
            through = codes_of(module, module.test_marks[test], module.test_uses[test])
            for code in direct | through:
                result[code].add(f"{module.shown}::{test}")
        for code in module.loose:
            result[code].add(module.shown)
    return {code: sorted(tests_of) for code, tests_of in result.items()}
