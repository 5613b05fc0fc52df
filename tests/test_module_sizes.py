"""Rooms of a readable size (ARCHITECTURE.md, issue 11): no module in the apps or bench/ past
400 lines and no function past 60, so a reader finds a feature without scrolling through
another. Migrations are generated and left out."""

import ast
from pathlib import Path

import pytest

from tests.test_architecture import LAYERS

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules():
    for folder in [*LAYERS, "bench"]:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _length(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    # Decorators count: they are part of what a reader reads.
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    return node.end_lineno - first + 1


def _long_functions(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    relative = path.relative_to(root).as_posix()
    return [
        f"{relative}:{node.lineno} {node.name} has {_length(node)} lines"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and _length(node) > MAX_FUNCTION_LINES
    ]


def test_no_module_is_past_400_lines():
    long = [
        f"{path.relative_to(ROOT).as_posix()} has {count} lines"
        for path in _modules()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert long == []


def test_no_function_is_past_60_lines():
    long = [entry for path in _modules() for entry in _long_functions(path)]
    assert long == []


@pytest.mark.parametrize(("body_lines", "expected"), [(58, 0), (59, 1)])
def test_a_function_one_line_past_the_limit_is_seen(tmp_path, body_lines, expected):
    # def line + docstring + body: 58 body lines make 60 in all, 59 make 61.
    source = "def f():\n    '''Doc.'''\n" + "    x = 1\n" * body_lines
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    assert len(_long_functions(path, root=tmp_path)) == expected
