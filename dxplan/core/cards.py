"""What a need card shows, as plain data: its heading word and its lines (cards.py renders them)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from dxplan.core import model
from dxplan.core.fiscal import month_words
from dxplan.core.labels import GAP_LABEL
from dxplan.core.labels import views as words
from dxplan.core.model import Need, Needs, plan_order
from dxplan.internals import backlink_field
from dxplan.core import labels as shared_words


class CardFields(Protocol):
    """[dxplan.card] of the project's configuration (config.CardConfig)."""

    fields: list[tuple[str, str]]
    shown_when_missing: Mapping[str, list[str]]


@dataclass(frozen=True)
class CardLine:
    label: str
    value: str | None = None  # text, or None with needs
    needs: tuple[Need, ...] = ()
    is_gap: bool = False
    is_source: bool = False


#: What a coverage finding says is missing, in the words of a card's own lines.
MISSING_ITEM = {
    "measure-has-owner": shared_words.OWNER, "measure-has-name": shared_words.MEASURE_NAME, "measure-has-kpi": "KPI",
    "kpi-has-target": shared_words.TARGET_VALUE, "kpi-has-baseline": words.BASELINE,
    "policy-has-measure": shared_words.MEASURE, "vision-has-policy": shared_words.POLICY,
}
#: Fields a source writes in its own short form: shown in words, the source's form beside it.
READABLE_FIELDS = {"when_label": month_words}
_LIST_SEPARATORS = re.compile(rf"[{shared_words.LIST_SEPARATOR},，{shared_words.WORD_SEPARATOR}\s]+")


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


def card_lines(need: Need, needs: Needs, config: CardFields, links: dict[str, tuple[str, str]],
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
            readable = READABLE_FIELDS[name](text) if name in READABLE_FIELDS else text
            lines.append(CardLine(label, text if readable == text else words.in_words(words=readable, source_text=text)))
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
            lines.append(CardLine(words.TO_CHECK, finding.rule.message, is_gap=True))
        elif item not in shown:
            shown.add(item)
            lines.append(CardLine(item, GAP_LABEL, is_gap=True))
    out = []
    for line in lines:
        if line.label == dict(config.fields).get("gaps") and line.value:
            rest = [w for w in _LIST_SEPARATORS.split(line.value) if w and w not in shown]
            if not rest:
                continue
            line = CardLine(line.label, words.listed(rest))
        out.append(line)
    return out
