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
    """Code is English: the Japanese the package writes lives in dxplan/core/labels/, as data
    (*.toml) or, for the messages that choose their words, in the factory modules beside them
    (docstrings and comments may quote Japanese; the shapes are a new site's files)."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if "shapes" in path.parts or path.parts[-2] == "labels":
            continue
        offenders += [f"{name}: {text[:40]}" for text in _string_constants(path) if _JAPANESE.search(text)]
    assert offenders == []


def _words(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (tuple, list)):
        return [w for item in value for w in _words(item)]
    if isinstance(value, dict):
        return [w for item in value.values() for w in _words(item)]
    return []


def test_the_catalogue_reads_and_spells_each_wording_once():
    """Every file reads (its references resolve); two words of one wording are two places to change it."""
    from dxplan.core.labels import catalogue

    seen: dict[str, str] = {}
    twins = []
    for file in catalogue.files():
        for name, value in catalogue.load(file).entries().items():
            if name.isupper() and isinstance(value, str) and _JAPANESE.search(value):
                if value in seen:
                    twins.append(f"{seen[value]} = {file}.{name}: {value}")
                seen.setdefault(value, f"{file}.{name}")
    assert twins == []


def _catalogue_uses(path: Path) -> list[tuple[str, str, int]]:
    """(catalogue file, entry, line) for each entry a module asks for by attribute."""
    from dxplan.core.labels import catalogue

    tree = ast.parse(path.read_text(encoding="utf-8"))
    files = set(catalogue.files())
    aliases: dict[str, str] = {}
    uses = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "dxplan.core":
            aliases.update({a.asname or a.name: catalogue.SHARED for a in node.names if a.name == "labels"})
        elif isinstance(node, ast.ImportFrom) and node.module == "dxplan.core.labels":
            for a in node.names:
                if a.name in files:
                    aliases[a.asname or a.name] = a.name
                else:
                    uses.append((catalogue.SHARED, a.name, node.lineno))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dxplan.core.labels."):
            file = node.module.rsplit(".", 1)[1]
            uses += [(file, a.name, node.lineno) for a in node.names if file in files]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            uses.append((aliases[node.value.id], node.attr, node.lineno))
    return uses


def test_code_asks_the_catalogue_only_for_entries_it_has():
    """A misspelt entry fails here, not in front of a resident or a clerk."""
    import importlib

    from dxplan.core.labels import catalogue

    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "shapes" in path.parts or path.name == "catalogue.py":
            continue
        for file, entry, line in _catalogue_uses(path):
            # a capability with messages that choose their words is a module; the others are files
            module = (importlib.import_module(f"dxplan.core.labels.{file}")
                      if (PACKAGE / "core" / "labels" / f"{file}.py").exists() else catalogue.load(file))
            if not hasattr(module, entry):
                missing.append(f"{path.relative_to(PACKAGE)}:{line}: {file}.{entry}")
    assert missing == []


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


def test_the_package_ships_its_data_files():
    """An installed dxplan reads its catalogue, model and templates: every data file in the
    package matches pyproject.toml's package-data (the wheel leaves out the rest)."""
    import fnmatch
    import tomllib

    patterns = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8")
                             )["tool"]["setuptools"]["package-data"]["dxplan"]
    data = [path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*")
            if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts]
    assert data and [name for name in data if not any(fnmatch.fnmatch(name, p) for p in patterns)] == []
