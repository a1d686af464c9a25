"""Need cards: a lean renderer of our own, in place of sphinx-needs' layout engine.

sphinx-needs' default layouts cost more than the rest of a plan build together (measured by
`make bench`). A card here shows what a plan reader needs: type and title, the ID as a
permalink, open coverage gaps in words, the fields of ubproject.toml's [dxplan.card] with
their Japanese labels (a missing one the card lists is shown as a gap), every link in both
directions with the linked needs' titles, then the need's own text. Needs stay sphinx-needs'
data (needs.json, needtable, links); only their HTML is ours.
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.config import CardConfig, project_config
from dxplan.internals import backlink_field
from dxplan.model import GAP_LABEL, Need, Needs, plan_order
from dxplan.render import gap, need_link


@dataclass(frozen=True)
class CardLine:
    label: str
    value: str | None = None  # text, or None with needs
    needs: tuple[Need, ...] = ()
    is_gap: bool = False


def card_lines(need: Need, needs: Needs, config: CardConfig, links: dict[str, tuple[str, str]]) -> list[CardLine]:
    """What a card shows, as plain data (tests read this; the renderer turns it into nodes)."""
    lines: list[CardLine] = []
    missing_shown = config.shown_when_missing.get(need.get("type", ""), [])
    for name, label in config.fields:
        value = need.get(name)
        if value not in (None, "", []):
            text = value if not isinstance(value, float) or not value.is_integer() else int(value)
            lines.append(CardLine(label, str(text)))
        elif name in missing_shown:
            lines.append(CardLine(label, GAP_LABEL, is_gap=True))
    for name, (outgoing, incoming) in links.items():
        for key, label in ((name, outgoing), (backlink_field(name), incoming)):
            targets = tuple(sorted((needs[i] for i in need.get(key) or [] if i in needs), key=plan_order))
            if targets:
                lines.append(CardLine(label, needs=targets))
            elif key in missing_shown:
                lines.append(CardLine(label, GAP_LABEL, is_gap=True))
    return lines


def _render_card(app: Sphinx, node: nodes.Element, need: Need, needs: Needs, fromdocname: str,
                 config: CardConfig, links: dict[str, tuple[str, str]], findings) -> nodes.container:
    card = nodes.container(ids=[need["id"]], classes=["need", "dxplan-card", f"needs_type_{need['type']}"])
    head = nodes.paragraph(classes=["dxplan-card-head"])
    head += nodes.inline("", f"{need.get('type_name') or need['type']}: ", classes=["dxplan-card-type"])
    head += nodes.strong("", need["title"])
    head += nodes.Text(" ")
    head += nodes.reference("", need["id"], refuri=f"#{need['id']}", classes=["dxplan-card-id"])
    card += head
    if findings:
        badge = nodes.paragraph(classes=["dxplan-gap-badge"])
        badge += nodes.strong("", f"不足 {len(findings)}件: ")
        badge += nodes.Text("、".join(
            f"{f.rule.message}（{needs[f.plan]['title'] + '・' if f.plan in needs else ''}"
            f"{'受容済み: 出典に記載なし' if f.accepted_reason else f.rule.id}）" for f in findings))
        card += badge
    field_list = nodes.field_list(classes=["dxplan-card-fields"])
    for line in card_lines(need, needs, config, links):
        body = nodes.paragraph()
        if line.is_gap:
            body += gap(line.value or GAP_LABEL)
        elif line.needs:
            for i, target in enumerate(line.needs):
                if i:
                    body += nodes.Text("、")
                body += need_link(app, fromdocname, target, f"{target['title']}（{target['id']}）")
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
    from dxplan.internals import link_labels, need_nodes as find_need_nodes, resolved_needs

    need_nodes = find_need_nodes(doctree)
    if not need_nodes:
        return
    from dxplan.coverage import build_report

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
