"""What the views show, as need records in the plan's order: the Sphinx layer (views.py,
diagrams.py) turns them into tables, lists and diagrams."""

from __future__ import annotations

from dataclasses import dataclass

from dxplan.core import model
from dxplan.core.labels import views as words
from dxplan.core.model import Need, Needs
from dxplan.core import labels as shared_words


@dataclass(frozen=True)
class KpiRow:
    kpi: Need
    target: Need | None
    policies: list[Need]


def kpi_rows(needs: Needs, policy_id: str | None = None) -> list[KpiRow]:
    """One row per KPI target (a KPI without a target gets one row, showing the gap)."""
    rows: list[KpiRow] = []
    for kpi in model.of_type(needs, model.KPI):
        policies = model.ancestors(needs, kpi, model.POLICY)
        if policy_id and policy_id not in {p["id"] for p in policies}:
            continue
        targets = model.linked(needs, kpi, "kpi", back=True)
        rows.extend(KpiRow(kpi, t, policies) for t in targets) if targets else rows.append(
            KpiRow(kpi, None, policies)
        )
    return rows


def policies_by_vision(needs: Needs) -> list[tuple[Need | None, list[Need]]]:
    """Each vision with its policies; policies under no vision (推進体制強化) last."""
    groups: list[tuple[Need | None, list[Need]]] = [
        (vision, model.linked(needs, vision, "vision", back=True))
        for vision in model.of_type(needs, model.VISION)
    ]
    loose = [p for p in model.of_type(needs, model.POLICY) if not p.get("vision")]
    if loose:
        groups.append((None, loose))
    return groups


def measures_without_policy(needs: Needs) -> list[Need]:
    """Measures linked to their plan directly: the source does not say which policy they serve."""
    return [m for m in model.of_type(needs, model.MEASURE) if not m.get("policy")]


def action_rows(needs: Needs) -> list[tuple[Need, list[Need]]]:
    """Each 個別施策 with its 施策, in the plan's own order (個別施策1, 2, … 10, never 1, 10, 2)."""
    return [(action, model.linked(needs, action, "measure"))
            for action in model.of_type(needs, model.ACTION)]


def policy_level_label(needs: Needs) -> str:
    """What the plan calls its policies (基本方針・推進体制強化, 指針), from their category."""
    categories = dict.fromkeys(p.get("category") for p in model.of_type(needs, model.POLICY))
    return shared_words.WORD_SEPARATOR.join(c for c in categories if c) or shared_words.POLICY


def section_measures(needs: Needs, section: Need) -> list[tuple[Need, str]]:
    """Measures a section owns (主管) or is related to (関係)."""
    owned = [(m, words.OWNS) for m in model.linked(needs, section, "owner", back=True)]
    related = [(m, words.RELATED) for m in model.linked(needs, section, "co_owner", back=True)]
    return owned + related


def earlier_plans(needs: Needs) -> list[Need]:
    """The plans before the current one (history needs), oldest first."""
    return sorted(model.of_type(needs, "history"), key=lambda h: (h.get("period_start") or 0, model.plan_order(h)))
