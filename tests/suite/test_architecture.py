"""The package's architecture, read from its source (imports and syntax trees, nothing is run):
no import cycle between modules, no module over 400 lines, click only under `renkei.cli`, a
library that never prints, and each package's docstring saying what it owns and what it may
import, with its modules' imports keeping to that."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "tools" / "renkei"
MAX_LINES = 400
#: Modules over MAX_LINES that are being split; delete an entry once its module is under the
#: limit (the test fails on an entry that is no longer needed, so the list only shrinks).
OVERSIZED_FOR_NOW: dict[str, str] = {}
#: Library modules that still write to the terminal; delete an entry once its module no longer
#: does (the test fails on an entry that is no longer needed).
PRINTS_FOR_NOW = {
    "renkei.registry.cache": "the default cache notice goes to stderr when no notify is given",
}
#: The finding catalogue's family modules are data (one entry per code), not logic.
DATA_MODULE_PREFIXES = ("renkei.findings.catalogue.",)
#: Where click may be imported: the command line, and nowhere else.
CLI_PACKAGE = "renkei.cli"


@dataclass
class Module:
    """One module of the package: its dotted name, file, syntax tree and renkei imports."""

    name: str
    path: Path
    tree: ast.Module
    #: Imports run when the module (or one of its functions) runs: the edges of cycles.
    runtime_imports: set[str] = field(default_factory=set)
    #: Every renkei import, including those only for type checking.
    all_imports: set[str] = field(default_factory=set)
    #: Every top-level name imported (`click`, `os`, ...), with the line it is imported on.
    external: list[tuple[str, int]] = field(default_factory=list)


def _dotted(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_nodes(tree: ast.Module) -> set[int]:
    """The ids of every node under an `if TYPE_CHECKING:` block (never run)."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                inside.update(id(n) for n in ast.walk(child))
    return inside


@cache
def modules() -> dict[str, Module]:
    """Every module of the package, parsed once."""
    found = {
        _dotted(path): Module(_dotted(path), path, ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
    }
    for module in found.values():
        typing_only = _type_checking_nodes(module.tree)
        for node in ast.walk(module.tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                # `from renkei.x import y` imports the module renkei.x.y when there is one.
                targets = [
                    f"{node.module}.{alias.name}"
                    if f"{node.module}.{alias.name}" in found
                    else node.module
                    for alias in node.names
                ]
            elif isinstance(node, ast.ImportFrom):
                raise AssertionError(f"{module.path}: relative import; write it absolute")
            for target in targets:
                if target.split(".")[0] != "renkei":
                    module.external.append((target.split(".")[0], node.lineno))
                    continue
                module.all_imports.add(target)
                if id(node) not in typing_only:
                    module.runtime_imports.add(target)
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_between_modules() -> None:
    graph = {name: module.runtime_imports for name, module in modules().items()}
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_lazy_cycle() -> None:
    # The check above is only as good as this: a cycle closed by an import inside a function.
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_over_the_line_limit() -> None:
    lengths = {
        name: len(module.path.read_text(encoding="utf-8").splitlines())
        for name, module in modules().items()
        if not name.startswith(DATA_MODULE_PREFIXES)
    }
    oversized = {name for name, lines in lengths.items() if lines > MAX_LINES}
    assert sorted(oversized - set(OVERSIZED_FOR_NOW)) == []
    assert sorted(set(OVERSIZED_FOR_NOW) - oversized) == [], "split: remove it from the list"


def test_click_is_imported_only_by_the_cli() -> None:
    outside = [
        f"{module.path.relative_to(PACKAGE.parent)}:{line}"
        for name, module in modules().items()
        if not (name == CLI_PACKAGE or name.startswith(CLI_PACKAGE + "."))
        for imported, line in module.external
        if imported == "click"
    ]
    assert outside == []


def _writes_to_the_terminal(tree: ast.Module) -> list[int]:
    """Lines that call print() or touch sys.stdout / sys.stderr."""
    streams = ("stdout", "stderr")
    lines: list[int] = []
    for node in ast.walk(tree):
        if (
            (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "print"
            )
            or (
                isinstance(node, ast.Attribute)
                and node.attr in streams
                and isinstance(node.value, ast.Name)
                and node.value.id == "sys"
            )
            or (
                isinstance(node, ast.ImportFrom)
                and node.module == "sys"
                and any(alias.name in streams for alias in node.names)
            )
        ):
            lines.append(node.lineno)
    return sorted(lines)


def test_the_library_never_prints() -> None:
    # Library code returns text (or writes to a stream it is given); only the CLI prints.
    printing = {
        name: _writes_to_the_terminal(module.tree)
        for name, module in modules().items()
        if not (name == CLI_PACKAGE or name.startswith(CLI_PACKAGE + "."))
    }
    offenders = {name for name, lines in printing.items() if lines}
    assert sorted(offenders - set(PRINTS_FOR_NOW)) == []
    assert sorted(set(PRINTS_FOR_NOW) - offenders) == [], (
        "no longer prints: remove it from the list"
    )


def test_the_print_detector_sees_prints() -> None:
    tree = ast.parse("import sys\nprint('x')\nsys.stderr.write('y')\nfrom sys import stdout\n")
    assert _writes_to_the_terminal(tree) == [2, 3, 4]


def _packages() -> list[str]:
    """The capability packages: renkei's direct sub-packages."""
    return sorted(
        _dotted(path.parent)
        for path in PACKAGE.glob("*/__init__.py")
        if path.parent.name != "__pycache__"
    )


def allowed_imports(docstring: str) -> set[str] | None:
    """What a package's docstring says it may import: the `renkei.…` names after "May import:"
    up to the first ";" or the end of the paragraph; None for "every renkei package"."""
    match = re.search(r"May import:(.*?)(?:;|\n\n|$)", docstring, re.DOTALL)
    assert match, "the docstring needs a sentence 'May import: ...'"
    stated = match.group(1)
    if "every renkei package" in stated:
        return None
    return set(re.findall(r"`(renkei(?:\.[a-z_]+)+)`", stated))


def test_allowed_imports_reads_the_docstring_sentence() -> None:
    text = "Owns x.\n\nMay import: `renkei.a` and `renkei.b.c` (why); never `renkei.d`."
    assert allowed_imports(text) == {"renkei.a", "renkei.b.c"}
    assert allowed_imports("May import: nothing else of renkei; others import it.") == set()
    assert allowed_imports("May import: every renkei package.") is None


def _within(target: str, names: set[str]) -> bool:
    return any(target == name or target.startswith(name + ".") for name in names)


def test_each_package_says_what_it_owns_and_imports_only_what_it_says() -> None:
    everything = modules()
    problems = []
    for package in _packages():
        docstring = ast.get_docstring(everything[package].tree) or ""
        owns = docstring.split("May import:")[0].strip()
        assert len(owns) > 40, f"{package}: the docstring says what the package owns"
        allowed = allowed_imports(docstring)
        if allowed is None:
            continue
        allowed.add(package)
        for name, module in everything.items():
            if name != package and not name.startswith(package + "."):
                continue
            for target in sorted(module.all_imports):
                # `renkei` itself holds only the version, which every package may read.
                if target != "renkei" and not _within(target, allowed):
                    problems.append(f"{name} imports {target}")
    assert problems == []
