"""dxplan reaches sphinx-needs', Sphinx's and sphinxcontrib-mermaid's internals through one module only.

An upgrade of any of them is a deliberate review of dxplan/internals.py: this test fails until
CHECKED_AGAINST names the installed versions.
"""

import ast
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


def _string_constants(path: Path) -> list[str]:
    """The strings a module's code writes (docstrings and comments left out), spaces removed."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [re.sub(r"\s", "", node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


_JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff]")


def test_japanese_text_lives_only_in_the_catalogue():
    """Code is English: a string the package writes in Japanese comes from dxplan/core/labels/
    (docstrings and comments may quote Japanese; the shapes are a new site's files)."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if path.parts[-2] == "labels" or "shapes" in path.parts:
            continue
        offenders += [f"{name}: {text[:40]}" for text in _string_constants(path) if _JAPANESE.search(text)]
    assert offenders == []


def test_the_catalogue_spells_each_wording_once():
    """Two names for one wording are two places to change it."""
    import importlib
    seen: dict[str, str] = {}
    twins = []
    for path in sorted((PACKAGE / "core" / "labels").glob("*.py")):
        module = importlib.import_module(f"dxplan.core.labels{'' if path.stem == '__init__' else '.' + path.stem}")
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, str) and _JAPANESE.search(value):
                where = f"{path.stem}.{name}"
                if value in seen and seen[value] != where:
                    twins.append(f"{seen[value]} = {where}: {value}")
                seen.setdefault(value, where)
    assert twins == []


def test_the_core_imports_no_sphinx():
    """dxplan/core/ is the plan's model and arithmetic: the CLI and the tests use it without Sphinx."""
    sphinx = re.compile(r"^\s*(from|import)\s+(sphinx|docutils|sphinx_needs|sphinxcontrib)\b", re.M)
    core = PACKAGE / "core"
    offenders = [str(path.relative_to(PACKAGE)) for path in core.rglob("*.py")
                 if sphinx.search(path.read_text(encoding="utf-8"))]
    assert core.is_dir() and offenders == []
    outside = {name for path in core.rglob("*.py") for name in _imports(path)
               if not name.startswith("dxplan.core") and name != "dxplan.internals"}
    assert outside == set(), "the core builds on nothing outside it but the door's naming of backlinks"
