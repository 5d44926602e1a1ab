"""Every public function, class and method of the library says what it does (a docstring), and
every module says what it is for, so a newcomer can read the package from its docstrings."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "tools" / "renkei"

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def undocumented(tree: ast.Module, module: str) -> list[str]:
    """`module:line name` of each public definition in `tree` without a docstring (methods of
    public classes included; names starting with `_` are private and left out)."""
    missing: list[str] = []

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if not isinstance(node, Definition) or node.name.startswith("_"):
                continue
            if ast.get_docstring(node) is None:
                missing.append(f"{module}:{node.lineno} {prefix}{node.name}")
            if isinstance(node, ast.ClassDef):
                visit(node.body, f"{node.name}.")

    visit(tree.body, "")
    return missing


def test_every_public_definition_has_a_docstring() -> None:
    missing: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        missing += undocumented(tree, path.relative_to(PACKAGE.parent).as_posix())
    assert not missing, "public definitions without a docstring:\n" + "\n".join(missing)


def test_every_module_says_what_it_is_for() -> None:
    silent = [
        path.relative_to(PACKAGE.parent).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None
        and path.name != "__main__.py"
    ]
    assert not silent, "modules without a docstring: " + ", ".join(silent)


def test_the_finder_sees_a_missing_docstring() -> None:
    tree = ast.parse(
        "def shown():\n    pass\n"
        "def _private():\n    pass\n"
        "class Kept:\n    '''Doc.'''\n    def method(self):\n        pass\n"
    )
    assert undocumented(tree, "m.py") == ["m.py:1 shown", "m.py:7 Kept.method"]
