"""The apps depend in one direction (ARCHITECTURE.md): a module imports only from its own app
or from apps below it, at module level and inside functions alike, so there is no import cycle
between apps and no function-level import hiding one."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lower number = lower layer. An app may import its own layer's modules only from itself.
LAYERS = {
    "core": 0,
    # The audit trail's record and chain: every app above writes to it.
    "audit": 1,
    "accounts": 2,
    "committee": 3,
    "dispatch_stats": 3,
    "schemes": 3,
    "policies": 4,
    "search": 5,
    "reports": 5,
    "proceedings": 5,
    "api": 5,
    # The project package wires the apps together (settings, root URLconf): on top of all.
    "config": 6,
}

# Imports in apps whose owners fix them in their own branches; each entry is
# (file, imported module). The lead empties this list after merging. Keep it explicit:
# a new violation anywhere else fails the test.
ALLOWED: set[tuple[str, str]] = set()


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def violations() -> list[str]:
    found = []
    for app, layer in LAYERS.items():
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            for lineno, module in _imports(path):
                target = module.split(".")[0]
                if target == app or target not in LAYERS:
                    continue
                if LAYERS[target] < layer or (relative, module) in ALLOWED:
                    continue
                found.append(f"{relative}:{lineno} imports {module} ({app} -> {target})")
    return found


def test_imports_point_down_only():
    assert violations() == []


def test_every_allowlisted_import_still_exists():
    """An entry whose import is gone must leave the list, so it only ever shrinks."""
    present = {
        (path.relative_to(ROOT).as_posix(), module)
        for app in LAYERS
        for path in (ROOT / app).rglob("*.py")
        for _, module in _imports(path)
    }
    assert sorted(ALLOWED - present) == []


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import policies.models\n", ["policies.models"]),
        ("def f():\n    from search.selectors import x\n", ["search.selectors"]),
    ],
)
def test_function_level_imports_are_seen(tmp_path, source, expected):
    path = tmp_path / "module.py"
    path.write_text(source, encoding="utf-8")
    assert [module for _, module in _imports(path)] == expected
