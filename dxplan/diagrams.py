"""Mermaid diagrams generated from the needs (needflow has no Mermaid engine).

Each diagram carries accTitle/accDescr and is placed next to a text equivalent by the page.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

from dxplan import model
from dxplan.model import Need, Needs


def _label(*lines: str) -> str:
    # Mermaid string labels: escape quotes, keep line breaks as <br/>.
    return "<br/>".join(line.replace('"', "#quot;") for line in lines if line)


def _node_id(need_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", need_id)


def _acc(text: str) -> str:
    return " ".join(text.split())


def structure_diagram(needs: Needs) -> str:
    """施策体系図: vision → policy → measure, with the number of KPIs per measure."""
    from dxplan.views import policies_by_vision

    lines = ["flowchart LR", "  accTitle: 施策体系図（ビジョン・基本方針・施策）"]
    desc = []
    body = []
    for vision, policies in policies_by_vision(needs):
        if vision is None:
            body.append('  subgraph SUPPORT["推進を下支え（推進体制の強化）"]')
            parent = None
        else:
            vid = _node_id(vision["id"])
            body.append(f'  {vid}["{_label(vision.get("number_label") or "", vision["title"])}"]')
            parent = vid
            desc.append(f"{vision.get('number_label') or vision['title']}の下に基本方針{len(policies)}つ")
        for policy in policies:
            pid = _node_id(policy["id"])
            number = f"{policy.get('category') or ''}{policy.get('number_label') or ''}"
            body.append(f'  {pid}["{_label(number, policy["title"])}"]')
            if parent:
                body.append(f"  {parent} --> {pid}")
            measures = model.linked(needs, policy, "policy", back=True)
            for measure in measures:
                mid = _node_id(measure["id"])
                kpis = len(model.kpis_of(needs, measure))
                body.append(f'  {mid}["{_label(measure["title"], f"KPI {kpis}件")}"]')
                body.append(f"  {pid} --> {mid}")
        if vision is None:
            body.append("  end")
            desc.append(f"推進体制の強化{len(policies)}つ")
    measures = model.of_type(needs, model.MEASURE)
    lines.append(f"  accDescr: {_acc('、'.join(desc))}。施策は合計{len(measures)}件。同じ内容を図の下の一覧に文字で示しています。")
    return "\n".join(lines + body)


def policy_diagram(needs: Needs, policy: Need) -> str:
    """One policy: its measures and the KPIs (with targets) that measure them."""
    name = f"{policy.get('category')}{policy.get('number_label')} {policy['title']}"
    measures = model.linked(needs, policy, "policy", back=True)
    kpis = model.kpis_of(needs, policy)
    lines = [
        "flowchart LR",
        f"  accTitle: {_acc(name)}の施策と KPI",
        f"  accDescr: {_acc(name)}の下に施策{len(measures)}件、それを測る KPI {len(kpis)}件。同じ内容を下の表に文字で示しています。",
        f'  {_node_id(policy["id"])}["{_label(name)}"]',
    ]
    for measure in measures:
        lines.append(f'  {_node_id(measure["id"])}["{_label(measure["title"])}"]')
        lines.append(f'  {_node_id(policy["id"])} --> {_node_id(measure["id"])}')
    for kpi in kpis:
        targets = model.linked(needs, kpi, "kpi", back=True)
        lines.append(f'  {_node_id(kpi["id"])}(["{_label(kpi["title"], *(model.target_summary(t) for t in targets))}"])')
        for measure in model.linked(needs, kpi, "measures"):
            if measure["id"] in {m["id"] for m in measures}:
                lines.append(f'  {_node_id(measure["id"])} -.-> {_node_id(kpi["id"])}')
    return "\n".join(lines)


def _mermaid_node(code: str, caption: str) -> nodes.Node:
    from sphinxcontrib.mermaid import mermaid

    node = mermaid()
    node["code"] = code
    node["options"] = {}
    container = nodes.container(classes=["dxplan-diagram"])
    container += nodes.paragraph("", caption, classes=["dxplan-diagram-caption"])
    container += node
    return container


def render_structure_diagram(ctx) -> list[nodes.Node]:
    return [_mermaid_node(structure_diagram(ctx.needs), "施策体系図（図と同じ内容を下の一覧に文字で示しています）")]


def render_policy_diagram(ctx) -> list[nodes.Node]:
    policy = ctx.needs.get(ctx.options.get("policy", ""))
    if policy is None:
        return [nodes.paragraph("", f"基本方針 {ctx.options.get('policy')} が見つかりません")]
    return [_mermaid_node(policy_diagram(ctx.needs, policy), "この方針の施策と KPI の関係図（同じ内容を下の表に文字で示しています）")]


def setup_diagrams(app: Sphinx) -> None:
    from dxplan.views import register_view

    register_view("structure-diagram", render_structure_diagram)
    register_view("policy-diagram", render_policy_diagram)
