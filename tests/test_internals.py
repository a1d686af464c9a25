"""dxplan reaches sphinx-needs', Sphinx's and sphinxcontrib-mermaid's internals through one module only.

An upgrade of any of them is a deliberate review of dxplan/internals.py: this test fails until
CHECKED_AGAINST names the installed versions.
"""

import re
from importlib.metadata import version
from pathlib import Path

from dxplan.internals import CHECKED_AGAINST

PACKAGE = Path(__file__).resolve().parent.parent / "dxplan"


def test_installed_versions_are_the_ones_the_door_was_checked_against():
    installed = {name: version(name) for name in CHECKED_AGAINST}
    assert installed == CHECKED_AGAINST, ("a library was upgraded: review dxplan/internals.py against it, "
                                          "then record the new versions in CHECKED_AGAINST")


def test_only_the_door_imports_library_internals():
    internal = re.compile(r"^\s*(from|import)\s+(sphinx_needs(?!\.api\b)|sphinxcontrib)", re.M)
    offenders = [str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
                 if path.name != "internals.py" and "shapes" not in path.parts
                 and internal.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def _imports(path: Path) -> set[str]:
    """The dxplan modules one module imports (at the top or inside a function)."""
    found = set()
    for match in re.finditer(r"^\s*from (dxplan(?:\.\w+)*) import ([\w, ()]+)|^\s*import (dxplan(?:\.\w+)*)",
                             path.read_text(encoding="utf-8"), re.M):
        target = match[1] or match[3]
        if target == "dxplan":
            found.update(f"dxplan.{name}" for name in re.findall(r"\w+", match[2] or ""))
        else:
            found.add(target)
    return found


def test_no_import_cycle():
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        if "shapes" not in path.parts:
            name = ".".join(("dxplan", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")
            graph[name] = _imports(path) - {name}
    cycles = []

    def visit(module, trail):
        for imported in graph.get(module, ()):
            if imported in trail:
                cycles.append(trail[trail.index(imported):] + [imported])
            elif imported not in done:
                visit(imported, trail + [imported])
        done.add(module)

    done: set[str] = set()
    for module in sorted(graph):
        if module not in done and module != "dxplan":  # the package wires every module together
            visit(module, [module])
    assert [c for c in cycles if "dxplan" not in c] == []
