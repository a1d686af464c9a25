"""`dxplan init DIR --shape SHAPE`: write a minimal plan site of a known shape.

The templates ship inside the package (dxplan/shapes/): `common/` holds what every plan site
has (conf.py with the site's names, ubproject.toml with an empty [needs] table, empty baseline
and actuals, the coverage page); `<shape>/` adds the shape's pages, section registry and its
[dxplan] table (`dxplan.toml`, appended to ubproject.toml). The data model, the shared Sphinx
settings and the theme's Japanese are not copied: a build takes them from the package
(model.toml, site_settings.py, core/labels/). Every sample value is labelled 【サンプル】: a new
site never presents sample content as plan data.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from dxplan.config import CONFIG_FILE
from dxplan.core.labels import cli as words

SHAPES = words.SHAPE_DESCRIPTIONS
SHAPE_CONFIG = "dxplan.toml"
GITIGNORE = "build/\n__pycache__/\n*.mo\n.dxplan.lock\n*.dxplan-tmp\n"


def _templates() -> Traversable:
    return files("dxplan") / "shapes"


def _walk(root: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    out = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        rel = f"{prefix}{entry.name}"
        if entry.is_dir():
            out.extend(_walk(entry, rel + "/"))
        else:
            out.append((rel, entry))
    return out


def shape_files(shape: str) -> dict[str, bytes]:
    """Relative path → content of every file a new site of `shape` gets."""
    if shape not in SHAPES:
        raise ValueError(words.unknown_shape(shape, SHAPES))
    out: dict[str, bytes] = {}
    for rel, entry in _walk(_templates() / "common"):
        out[rel] = entry.read_bytes()
    shape_config = b""
    for rel, entry in _walk(_templates() / shape):
        if rel == SHAPE_CONFIG:
            shape_config = entry.read_bytes()
        else:
            out[rel] = entry.read_bytes()
    out[CONFIG_FILE] = out[CONFIG_FILE].rstrip(b"\n") + b"\n\n" + shape_config
    out[".gitignore"] = GITIGNORE.encode()
    return out


def init_project(directory: Path, shape: str) -> list[Path]:
    """Write a new plan site into `directory` (which must be missing or empty)."""
    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise FileExistsError(words.directory_not_empty(directory=directory))
    content = shape_files(shape)
    written = []
    for rel, data in sorted(content.items()):
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
