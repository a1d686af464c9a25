"""Need cards: a lean renderer of our own, in place of sphinx-needs' layout engine.

sphinx-needs' default layouts cost more than the rest of a plan build together (measured by
`make bench`). A card here shows what a plan reader needs: type and title, the ID as a
permalink, open coverage gaps in words, the fields of ubproject.toml's [dxplan.card] with
their Japanese labels (a missing one the card lists is shown as a gap), every link in both
directions with the linked needs' titles, then the need's own text. Needs stay sphinx-needs'
data (needs.json, needtable, links); only their HTML is ours.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.config import CardConfig, project_config
from dxplan.core import model
from dxplan.core.fiscal import month_words
from dxplan.core.model import GAP_LABEL, Need, Needs, plan_order
from dxplan.coverage import build_report
from dxplan.internals import backlink_field, link_labels, need_nodes as find_need_nodes, resolved_needs
from dxplan.render import gap, need_link, source_ref


@dataclass(frozen=True)
class CardLine:
    label: str
    value: str | None = None  # text, or None with needs
    needs: tuple[Need, ...] = ()
    is_gap: bool = False
    is_source: bool = False


#: What a coverage finding says is missing, in the words of a card's own lines.
MISSING_ITEM = {
    "measure-has-owner": "主管課", "measure-has-name": "施策名", "measure-has-kpi": "KPI",
    "kpi-has-target": "目標値", "kpi-has-baseline": "基準値（実績）",
    "policy-has-measure": "施策", "vision-has-policy": "基本方針",
}
#: Fields a source writes in its own short form: shown in words, the source's form beside it.
READABLE_FIELDS = {"when_label": month_words}
_LIST_SEPARATORS = re.compile(r"[、,，・\s]+")


def _link_label(label: str, targets: tuple[Need, ...]) -> str:
    """A plan's own word for its policies (基本方針, 推進体制強化, 指針), from their category."""
    categories = {t.get("category") for t in targets if t.get("type") == model.POLICY}
    if len(categories) == 1 and None not in categories and all(t.get("type") == model.POLICY for t in targets):
        return next(iter(categories))
    return label


#: Levels each plan names in its own words (Koto: 目指す姿・指針), given by the need's category.
_OWN_WORD_TYPES = (model.VISION, model.POLICY)


def card_type_label(need: Need) -> str:
    """The card's heading word: the plan's own name for the level where it has one (指針 in
    Koto's plan, not the type's generic 基本方針), else the need type's title."""
    if need.get("type") in _OWN_WORD_TYPES and need.get("category"):
        return need["category"]
    return need.get("type_name") or need["type"]


def card_lines(need: Need, needs: Needs, config: CardConfig, links: dict[str, tuple[str, str]],
               findings: Sequence = ()) -> list[CardLine]:
    """What a card shows, as plain data (tests read this; the renderer turns it into nodes).

    Each gap is said once, in the line of what is missing: a coverage finding adds a line
    only when no line says it already, and the source's own list of gaps keeps only what
    no other line shows."""
    lines: list[CardLine] = []
    missing_shown = config.shown_when_missing.get(need.get("type", ""), [])
    for name, label in config.fields:
        value = need.get(name)
        if name == "source" and value:
            lines.append(CardLine(label, str(value), is_source=True))
        elif value not in (None, "", []):
            text = str(value if not isinstance(value, float) or not value.is_integer() else int(value))
            words = READABLE_FIELDS[name](text) if name in READABLE_FIELDS else text
            lines.append(CardLine(label, text if words == text else f"{words}（出典の表記: {text}）"))
        elif name in missing_shown:
            lines.append(CardLine(label, GAP_LABEL, is_gap=True))
    for name, (outgoing, incoming) in links.items():
        for key, label in ((name, outgoing), (backlink_field(name), incoming)):
            targets = tuple(sorted((needs[i] for i in need.get(key) or [] if i in needs), key=plan_order))
            if targets:
                lines.append(CardLine(_link_label(label, targets), needs=targets))
            elif key in missing_shown:
                lines.append(CardLine(label, GAP_LABEL, is_gap=True))
    shown = {line.label for line in lines if line.is_gap}
    for finding in findings:
        item = MISSING_ITEM.get(finding.rule.id)
        if item is None:
            lines.append(CardLine("確認事項", finding.rule.message, is_gap=True))
        elif item not in shown:
            shown.add(item)
            lines.append(CardLine(item, GAP_LABEL, is_gap=True))
    out = []
    for line in lines:
        if line.label == dict(config.fields).get("gaps") and line.value:
            rest = [w for w in _LIST_SEPARATORS.split(line.value) if w and w not in shown]
            if not rest:
                continue
            line = CardLine(line.label, "、".join(rest))
        out.append(line)
    return out


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
                    body += nodes.Text("、")
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
