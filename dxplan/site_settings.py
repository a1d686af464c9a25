"""The Sphinx settings every dxplan site shares, written once for the project and for `dxplan init`.

A site's conf.py starts with `globals().update(shared_settings())` and then sets its own names
(project, author, html_title, ...). Each call returns fresh lists, because Sphinx and extensions
append to configured lists and one process may build several sites (the tests do).
"""

from __future__ import annotations

from typing import Any


def shared_settings() -> dict[str, Any]:
    return {
        "language": "ja",
        "extensions": ["myst_parser", "sphinx_needs", "dxplan"],
        "root_doc": "index",
        "exclude_patterns": ["_build"],
        "myst_enable_extensions": ["colon_fence", "deflist"],
        # sphinx-needs reads the site's [needs] here; dxplan adds its shared model under it.
        "needs_from_toml": "ubproject.toml",
        "html_theme": "furo",
        "html_last_updated_fmt": "%Y-%m-%d",
    }
