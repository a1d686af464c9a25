"""The one way dxplan writes HTML or SVG: Jinja2 templates with autoescape on.

Data is passed to a template as a value and escaped there; markup is never built by
formatting data into a string. Only a value wrapped in markupsafe.Markup (already escaped,
or markup this module made) passes as is.
"""

from __future__ import annotations

import functools

from docutils import nodes
from jinja2 import Environment, StrictUndefined, Template

_ENV = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=False)


@functools.lru_cache(maxsize=64)
def _template(source: str) -> Template:
    return _ENV.from_string(source)


def html(template: str, **values: object) -> str:
    """Render `template` with every value escaped for HTML/SVG text and attributes.

    A plain str: adding a Markup to a str would escape the str (Markup.__radd__).
    """
    return str(_template(template).render(**values))


def raw_node(template: str, **values: object) -> nodes.raw:
    """A docutils raw-HTML node whose markup comes from `html` (the only nodes.raw dxplan makes)."""
    return nodes.raw("", html(template, **values), format="html")
