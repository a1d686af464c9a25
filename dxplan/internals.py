"""The only door to sphinx-needs', Sphinx's and sphinxcontrib-mermaid's internals.

Everything else in dxplan uses their public API (sphinx_needs.api, documented Sphinx events) or
this module. Each internal used here is listed in INTERNALS with what it is for; CHECKED_AGAINST
names the versions they were read against. tests/test_internals.py fails when an installed
version differs, so an upgrade (sphinx-needs 10, say) is a deliberate review of this one file,
not a silent break in eight.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dxplan.core.labels import revisions as revision_words

if TYPE_CHECKING:  # the door imports the libraries only where they are used: model.py stays Sphinx-free
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: Versions this module was checked against (distribution name → version).
CHECKED_AGAINST = {"sphinx-needs": "9.1.0", "sphinx": "9.0.4", "sphinxcontrib-mermaid": "2.1.1"}

#: Each internal reached through this module, and why.
INTERNALS = {
    "sphinx_needs.data.SphinxNeedsData.get_needs_mutable":
        "the needs as read, before sphinx-needs resolves them (incremental builds must not freeze them)",
    "sphinx_needs.config.NeedsSphinxConfig": "link types with their labels, need types with their titles",
    "sphinx_needs.config.NeedsSphinxConfig.field_names / convert_field_value":
        "dxplan's shared data model set as sphinx-needs' own TOML loader sets a [needs] table",
    "sphinx_needs.nodes.Need": "the node of a need, replaced by dxplan's lean card (cards.py)",
    "sphinx_needs' filter node classes (Needtable, Needlist, ..., NeedCount)": "pages to rewrite when any need changed",
    "sphinx_needs.utils.add_doc": "a page holding needs made by {dxplan-section}, so their cards resolve",
    "sphinx_needs.directives.needtable.HAS_INTERACTIVE_TABLE": "the KPI list uses sphinx-needs' table script",
    "needs_schema_validation_enabled / needs_build_json": "skipped for a build whose needs did not change",
    "sphinxcontrib.mermaid.mermaid": "the node sphinxcontrib-mermaid renders, filled with generated text",
    "sphinx.environment.BuildEnvironment.current_document": "which page a warning was raised for",
    "<link>_back": "sphinx-needs' name for the backlinks of a link type (also in needs.json)",
    "schema_violations.json": "whether the schema validation of a build was clean",
    "'Need could not be created:' / \"Need 'ID' has schema violations\"": "sphinx-needs' messages, completed",
    "permalink.html": "sphinx-needs' redirect page, translated into Japanese",
    "sphinx.locale.get_translator().add_fallback (and gettext's _fallback chain)":
        "Japanese for the theme's strings after Sphinx's own catalogue, added once per process"
}


def resolved_needs(app: Sphinx):
    """Every need with backlinks, as needs.json has them (only from the write phase on)."""
    from sphinx_needs.api import get_needs_view

    return get_needs_view(app)


def needs_as_read(env: BuildEnvironment) -> dict[str, Any]:
    """The needs as the pages defined them, before resolution (no backlinks)."""
    from sphinx_needs.data import SphinxNeedsData

    return SphinxNeedsData(env).get_needs_mutable()


def link_labels(config: Config) -> dict[str, tuple[str, str]]:
    """Each link type: (outgoing label, incoming label)."""
    from sphinx_needs.config import NeedsSphinxConfig

    return {name: (spec.get("outgoing", name), spec.get("incoming", revision_words.incoming(link=name)))
            for name, spec in NeedsSphinxConfig(config).links.items()}


def link_types(config: Config) -> list[str]:
    return list(link_labels(config))


def backlink_field(link: str) -> str:
    """The field sphinx-needs fills with the needs linking here by `link` (also in needs.json)."""
    return f"{link}_back"


def type_titles(config: Config) -> dict[str, str]:
    from sphinx_needs.config import NeedsSphinxConfig

    return {t["directive"]: t["title"] for t in NeedsSphinxConfig(config).types}


def __getattr__(name: str):
    if name == "NeedNode":  # loaded on first use: importing the door does not load sphinx-needs
        from sphinx_needs.nodes import Need

        return Need
    raise AttributeError(name)


def need_nodes(doctree: nodes.Node) -> list[nodes.Element]:
    from sphinx_needs.nodes import Need

    return list(doctree.findall(Need))


#: sphinx-needs' nodes that list needs from any page (needtable, needlist, needflow, ...).
_FILTER_NODES = {"Needtable", "Needlist", "Needflow", "Needgantt", "Needpie", "Needbar", "Needfilter",
                 "Needextract", "Needsequence", "Needuml", "Needarch", "NeedCount"}


def lists_needs_of_any_page(doctree: nodes.Node) -> bool:
    """Whether a page holds a sphinx-needs directive that shows needs from other pages (sphinx-needs #354)."""
    from docutils import nodes

    return any(type(node).__name__ in _FILTER_NODES and type(node).__module__.startswith("sphinx_needs")
               for node in doctree.findall(nodes.Element))


def register_page_with_needs(env: BuildEnvironment, docname: str) -> None:
    from sphinx_needs.utils import add_doc

    add_doc(env, docname)


def mark_interactive_table(doctree: nodes.document) -> None:
    from sphinx_needs.directives.needtable import HAS_INTERACTIVE_TABLE

    doctree[HAS_INTERACTIVE_TABLE] = True


#: sphinx-needs' whole-project work that depends on the needs (and its configuration) alone.
WHOLE_PROJECT_WORK = ("needs_schema_validation_enabled", "needs_build_json")


def needs_version() -> str:
    import sphinx_needs

    return sphinx_needs.__version__


def schema_validation_clean(outdir: Path) -> bool:
    """Whether sphinx-needs' schema validation of this build found nothing (its report file)."""
    report = Path(outdir) / "schema_violations.json"
    return report.exists() and not json.loads(report.read_text(encoding="utf-8")).get("validation_warnings")


#: sphinx-needs' English message texts that diagnostics.py completes with the need ID or location.
NOT_CREATED_MESSAGE = "Need could not be created:"
SCHEMA_MESSAGE = re.compile(r"Need '([^']+)' has schema (?:violations|warnings|infos|configuration errors?)")
#: The redirect page sphinx-needs writes in English (site.py translates it).
PERMALINK_PAGE = "permalink.html"


def mermaid_node(code: str) -> nodes.Element:
    from sphinxcontrib.mermaid import mermaid

    node = mermaid()
    node["code"] = code
    node["options"] = {}
    return node


def current_docname(env: BuildEnvironment) -> str | None:
    return env.current_document.docname or None


def set_needs_config(config: Config, table: dict[str, Any], base: Path) -> None:
    """Set sphinx-needs' configuration from a [needs] table as its own TOML loader does (after it,
    at config-inited): unknown keys are left to that loader to ignore, values given with -D win."""
    from sphinx_needs.config import NeedsSphinxConfig

    overridden = {str(key) for key in getattr(config, "overrides", None) or {}}
    known = NeedsSphinxConfig.field_names()
    for key, value in table.items():
        if key in known and not {key, f"needs_{key}"} & overridden:
            config[f"needs_{key}"] = NeedsSphinxConfig.convert_field_value(key, value, base)


def add_theme_translations(po_file: Path) -> None:
    """Words Sphinx's own catalogue lacks (the theme's), read after it: Sphinx's wording wins."""
    import gettext
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from sphinx.locale import get_translator

    translator = get_translator()
    chain = translator
    while chain is not None:  # Sphinx keeps its translator between builds in one process
        if getattr(chain, "dxplan_theme", None) == po_file:
            return
        chain = getattr(chain, "_fallback", None)
    compiled = io.BytesIO()
    with po_file.open("rb") as po:
        write_mo(compiled, read_po(po))
    compiled.seek(0)
    theme = gettext.GNUTranslations(compiled)
    theme.dxplan_theme = po_file
    translator.add_fallback(theme)
