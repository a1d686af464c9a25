"""Need cards: a lean renderer of our own, in place of sphinx-needs' layout engine.

sphinx-needs' default layouts cost more than the rest of a plan build together (measured by
`make bench`). A card here shows what a plan reader needs: type and title, the ID as a
permalink, open coverage gaps in words, the fields of ubproject.toml's [dxplan.card] with
their Japanese labels (a missing one the card lists is shown as a gap), every link in both
directions with the linked needs' titles, then the need's own text. Needs stay sphinx-needs'
data (needs.json, needtable, links); only their HTML is ours.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.config import CardConfig, project_config
from dxplan.core import model
from dxplan.core.cards import card_lines, card_type_label
from dxplan.core.labels import GAP_LABEL
from dxplan.core.model import Need, Needs
from dxplan.coverage import build_report
from dxplan.internals import link_labels, need_nodes as find_need_nodes, resolved_needs
from dxplan.render import gap, need_link, source_ref
from dxplan.core import labels as shared_words


def _render_card(app: Sphinx, node: nodes.Element, need: Need, needs: Needs, fromdocname: str,
                 config: CardConfig, links: dict[str, tuple[str, str]], findings) -> nodes.container:
    card = nodes.container(ids=[need["id"]], classes=["need", "dxplan-card", f"needs_type_{need['type']}"])
    head = nodes.paragraph(classes=["dxplan-card-head"])
    head += nodes.inline("", f"{card_type_label(need)}: ", classes=["dxplan-card-type"])
    head += nodes.strong("", need["title"])
    card += head
    # The ID stays the card's anchor (permalinks, the secretariat's ID list), not its text.
    field_list = nodes.field_list(classes=["dxplan-card-fields"])
    for line in card_lines(need, needs, config, links, findings):
        body = nodes.paragraph()
        if line.is_gap:
            body += gap(line.value or GAP_LABEL)
        elif line.is_source:
            body += source_ref(line.value or "")
        elif line.needs:
            for i, target in enumerate(line.needs):
                if i:
                    body += nodes.Text(shared_words.LIST_SEPARATOR)
                # A measure is known by its number and name (施策9 …), the title alone is just 施策9.
                text = model.measure_label(target) if target.get("type") == model.MEASURE else None
                body += need_link(app, fromdocname, target, text)
        else:
            body += nodes.Text(line.value or "")
        field_list += nodes.field("", nodes.field_name("", line.label), nodes.field_body("", body))
    card += field_list
    if node.children:
        content = nodes.container(classes=["dxplan-card-content"])
        content.extend(node.children)
        card += content
    return card


def render_cards(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Replace sphinx-needs' Need nodes before its own (slow) layout step sees them."""
    need_nodes = find_need_nodes(doctree)
    if not need_nodes:
        return

    needs = resolved_needs(app)
    config = project_config(app).card
    links = link_labels(app.config)
    by_need = build_report(app).by_need()
    for node in need_nodes:
        need = needs.get(node["ids"][0])
        if need is None or need.get("docname") != fromdocname:
            continue  # sphinx-needs handles (and warns about) anything unusual
        node.replace_self(_render_card(app, node, need, needs, fromdocname, config, links,
                                       by_need.get(need["id"], [])))


def setup_cards(app: Sphinx) -> None:
    app.connect("doctree-resolved", render_cards, priority=400)  # before sphinx-needs (500)
