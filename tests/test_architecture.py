"""The house stays one-way: every import goes down a layer, and no modules import each other.

Data flows source readers → records → RDF mapping → validation → publication; a room (a module
or package directly under ``bdp_lod``) may import only rooms of a lower layer, and inside a room
the modules form no cycle. A new room must be given its layer here, which is the moment to
decide where it belongs. Imports are read from the source (also those inside functions), so a
lazy import cannot hide a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "bdp_lod"

LAYERS: list[set[str]] = [
    {"model", "files", "vocab", "findings", "progress", "parallel", "terms"},
    {"errors", "codes", "concepts", "field_terms", "uris"},
    {"teryt", "normalize", "redact", "findings_doc", "publishable"},
    {"mapping", "sources", "spilled_records"},
    {"records", "serialize"},
    {"validation", "convert"},
    {"publish"},
    {"store", "site"},
    {"server"},
    {"__init__"},
    {"cli"},
]
"""Bottom to top. ``__init__`` is the package's facade (``import bdp_lod``), above the library
and below the CLI."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports() -> dict[str, set[str]]:
    """Each module of bdp_lod → the modules of bdp_lod it imports."""
    modules = _modules()
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    stem = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    stem = node.module or ""
                targets = [f"{stem}.{a.name}" if f"{stem}.{a.name}" in modules else stem for a in node.names]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    edges[name].add(target)
    return edges


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(room: str) -> int:
    for number, rooms in enumerate(LAYERS):
        if room in rooms:
            return number
    raise AssertionError(f"bdp_lod/{room} has no layer in tests/test_architecture.py LAYERS: give it one")


def test_every_room_has_a_layer() -> None:
    for module in _modules():
        _layer(_room(module))


def test_every_import_goes_down_a_layer() -> None:
    upward = [
        f"{module} → {target}"
        for module, targets in _imports().items()
        for target in targets
        if _room(module) != _room(target) and _layer(_room(target)) >= _layer(_room(module))
    ]
    assert upward == []


def test_no_modules_import_each_other() -> None:
    edges = _imports()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module)
    assert cycles == []


def test_only_the_cli_draws_on_a_terminal() -> None:
    """The library reports progress through callbacks (bdp_lod.progress); click is the CLI's."""
    users = sorted(
        name for name, path in _modules().items()
        if _room(name) != "cli" and any(
            (isinstance(n, ast.Import) and any(a.name.split(".")[0] == "click" for a in n.names))
            or (isinstance(n, ast.ImportFrom) and (n.module or "").split(".")[0] == "click")
            for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    )
    assert users == []
