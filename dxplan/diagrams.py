"""Mermaid diagrams generated from the needs (needflow has no Mermaid engine).

Each diagram carries accTitle/accDescr and is placed next to a text equivalent by the page.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.core import model
from dxplan.core.fiscal import format_fiscal_year, format_fiscal_year_western
from dxplan.core.model import Need, Needs
from dxplan.internals import mermaid_node
from dxplan.render import gap, join, table
from dxplan.views import policies_by_vision, register_view


#: Mermaid entity codes for what could end a label, start a directive (%%{init}%%) or become
#: HTML in the label; '#' first, so the codes themselves are not read twice.
_LABEL_CODES = {"#": "#35;", '"': "#quot;", "'": "#39;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "%": "#37;", "`": "#96;"}
_LABEL_ESCAPE = str.maketrans(_LABEL_CODES)
#: Where Mermaid shows text without decoding codes (accTitle, accDescr, gantt task names),
#: the same characters become their full-width forms, which Mermaid and HTML treat as text.
_PLAIN_TEXT = str.maketrans({"%": "％", "<": "＜", ">": "＞", "#": "＃", ":": "：", ";": "；", '"': "＂", "`": "｀", "&": "＆"})


def label_text(text: str) -> str:
    """Data as the text of a quoted Mermaid label: no directive, no HTML, no closing quote."""
    return " ".join(str(text).split()).translate(_LABEL_ESCAPE)


def _label(*lines: str) -> str:
    # Mermaid string labels: text only (label_text); line breaks are <br/>, the one tag we write.
    return "<br/>".join(label_text(line) for line in lines if line)


def _node_id(need_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", need_id)


def _acc(text: str) -> str:
    """Data in an unquoted line (accTitle, accDescr, a gantt task): one line, text only."""
    return " ".join(str(text).split()).translate(_PLAIN_TEXT)


def structure_diagrams(needs: Needs) -> list[tuple[str, str]]:
    """施策体系図, one per vision (and one for 推進体制の強化): vision → policy → measure, with the
    number of KPIs per measure. One diagram for the whole plan drew its text at 6 px on a
    desktop; a vision's branch stays readable. Returns (name of the branch, Mermaid text)."""
    out = []
    for vision, policies in policies_by_vision(needs):
        body = []
        if vision is None:
            name = "推進体制の強化"
            body.append(f'  subgraph SUPPORT["{_label("推進を下支え（推進体制の強化）")}"]')
            body.append("  direction LR")  # a subgraph is laid out top to bottom (wide) by default
            parent = None
        else:
            name = vision.get("number_label") or vision["title"]
            parent = _node_id(vision["id"])
            body.append(f'  {parent}["{_label(vision.get("number_label") or "", vision["title"])}"]')
        measure_count = 0
        for policy in policies:
            pid = _node_id(policy["id"])
            number = f"{policy.get('category') or ''}{policy.get('number_label') or ''}"
            body.append(f'  {pid}["{_label(number, policy["title"])}"]')
            if parent:
                body.append(f"  {parent} --> {pid}")
            for measure in model.linked(needs, policy, "policy", back=True):
                mid = _node_id(measure["id"])
                kpis = len(model.kpis_of(needs, measure))
                body.append(f'  {mid}["{_label(measure["title"], f"KPI {kpis}件")}"]')
                body.append(f"  {pid} --> {mid}")
                measure_count += 1
        if vision is None:
            body.append("  end")
        head = [
            "flowchart LR",
            f"  accTitle: 施策体系図（{_acc(name)}）",
            f"  accDescr: {_acc(name)}の下に基本方針{len(policies)}つ、施策{measure_count}件。同じ内容を下の一覧に文字で示しています。",
        ]
        out.append((name, "\n".join(head + body)))
    return out


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


#: Layout settings put in front of every diagram (Mermaid front matter; code, never data):
#: labels wrap at 130 px so a node stays narrow, and Gantt text is 14 px, not 11.
_FRONT_MATTER = {
    "flowchart": "---\nconfig:\n  flowchart:\n    wrappingWidth: 130\n---\n",
    "gantt": "---\nconfig:\n  gantt:\n    fontSize: 14\n    sectionFontSize: 14\n    barHeight: 28\n    leftPadding: 90\n---\n",
}


def _mermaid_node(code: str, caption: str) -> nodes.Node:
    """The diagram under its caption, inside a frame that scrolls sideways when the diagram,
    drawn large enough to read (dxplan-ja.js), is wider than the screen."""
    kind = code.split(None, 1)[0]
    container = nodes.container(classes=["dxplan-diagram", f"dxplan-diagram-{kind}"])
    container += nodes.paragraph("", caption, classes=["dxplan-diagram-caption"])
    frame = nodes.container(classes=["dxplan-diagram-scroll"])
    frame += mermaid_node(_FRONT_MATTER.get(kind, "") + code)
    container += frame
    return container


def render_structure_diagram(ctx) -> list[nodes.Node]:
    return [_mermaid_node(code, f"施策体系図（{name}。図と同じ内容を下の一覧に文字で示しています）")
            for name, code in structure_diagrams(ctx.needs)]


def render_policy_diagram(ctx) -> list[nodes.Node]:
    policy = ctx.needs.get(ctx.options.get("policy", ""))
    if policy is None:
        return [nodes.paragraph("", f"基本方針 {ctx.options.get('policy')} が見つかりません")]
    return [_mermaid_node(policy_diagram(ctx.needs, policy), "この方針の施策と KPI の関係図（同じ内容を下の表に文字で示しています）")]


# ---------------------------------------------------------------- 推進体制, 計画期間, これまでの計画
# Rebuilt from the needs where a source lost the figure (000 図1, 図13, 図17). Each view puts
# the diagram next to a table with the same content.

#: Relations between bodies of the 推進体制, as the source states them:
#: (link, arrow, edge label, sentence, table text outgoing, table text incoming).
#: 庶務 is a longer dotted line (-..->): its labels then sit a rank away from the 補佐 labels
#: that meet at the same box, instead of on top of them.
ORG_RELATIONS = (
    ("assists", "-->", "補佐", "{a}は{b}を補佐する", "補佐する相手: ", "補佐する役職・組織: "),
    ("secretariat_of", "-..->", "庶務", "{a}は{b}の庶務を処理する", "庶務を処理する相手: ", "庶務を処理する事務局: "),
)


def org_chart(needs: Needs) -> str:
    """推進体制 (000 図17): each body or post with its holder; arrows only where the source states a relation."""
    orgs = model.of_type(needs, "org")
    body, sentences = [], []
    for org in orgs:
        body.append(f'  {_node_id(org["id"])}["{_label(org["title"], org.get("holder") or "")}"]')
    for org in orgs:
        for link, arrow, label, sentence, _out, _in in ORG_RELATIONS:
            for target in model.linked(needs, org, link):
                body.append(f"  {_node_id(org['id'])} {arrow}|{label}| {_node_id(target['id'])}")
                sentences.append(sentence.format(a=org["title"], b=target["title"]))
    desc = (f"推進体制の組織・役職{len(orgs)}件と、本文が述べる関係{len(sentences)}件。"
            f"{'。'.join(sentences)}。同じ内容を図の下の表に文字で示しています。")
    lines = ["flowchart BT", "  accTitle: 推進体制の組織図（本文から再構成）", f"  accDescr: {_acc(desc)}"]
    return "\n".join(lines + body)


def _plan_short_name(plan: Need) -> str:
    """「板橋区ICT推進・活用計画2025」前期実施計画 → 前期実施計画; 板橋区DX推進計画2025 後期実施計画 → 後期実施計画."""
    title = plan["title"].split("」")[-1].strip()
    return title.split()[-1] if title else plan["title"]


def _years(start: int, end: int) -> str:
    return f"{format_fiscal_year(start)}〜{format_fiscal_year(end)}（{end - start + 1}か年）"


def plan_family(needs: Needs, basic: Need) -> list[Need]:
    """A 基本計画 and the 実施計画 that name it (basic_plan), in plan order."""
    parts = model.linked(needs, basic, "basic_plan", back=True)
    return [basic, *sorted(parts, key=lambda p: (p.get("period_start") or 0, model.plan_order(p)))]


def plan_periods(needs: Needs, basic: Need) -> str:
    """計画期間 (000 図13): a gantt of the 基本計画 and its 実施計画, from their period fields."""
    lines = [
        "gantt",
        "  accTitle: 計画期間（基本計画と実施計画）",
        "",  # accDescr, filled below
        "  dateFormat YYYY-MM-DD",
        "  axisFormat %Y年",
        "  tickInterval 12month",
        "  todayMarker off",
    ]
    desc = []
    section = None
    for plan in plan_family(needs, basic):
        start, end = plan.get("period_start"), plan.get("period_end")
        if start is None or end is None:
            continue
        kind = "基本計画" if plan is basic else "実施計画"
        if kind != section:
            lines.append(f"  section {kind}")
            section = kind
        # The bar says which plan and how many years; the axis and accDescr give the years
        # (a longer label ran out of the chart on a phone).
        name = _acc(f"{_plan_short_name(plan)}（{end - start + 1}か年）")
        lines.append(f"  {name} :{_node_id(plan['id'])}, {start}-04-01, {end + 1}-03-31")
        desc.append(f"{_plan_short_name(plan)}は{_years(start, end)}")
    lines[2] = f"  accDescr: {_acc('、'.join(desc))}。各年度は4月に始まり翌年3月に終わります。同じ内容を図の下の表に文字で示しています。"
    return "\n".join(lines)


def plan_history(needs: Needs, current: Need | None = None) -> str:
    """これまでの計画 (000 図1): the earlier plans (history needs) in order, then the current plan.

    A flowchart, not a Mermaid timeline: the timeline renderer drops accTitle/accDescr. Top to
    bottom: side by side, seven plans made a strip 40 px tall on a phone.
    """
    entries = sorted(model.of_type(needs, "history"), key=lambda h: (h.get("period_start") or 0, model.plan_order(h)))
    lines = ["flowchart TB", "  accTitle: 区におけるこれまでの情報化計画", ""]
    desc = []
    previous = None
    for item in [*entries, *([current] if current else [])]:
        start, end = item.get("period_start"), item.get("period_end")
        when = f"{format_fiscal_year_western(start)}から" if start else "開始年度の記載なし"
        until = f"{format_fiscal_year(end)}まで" if end else "終わりの年度は出典に記載なし"
        node = _node_id(item["id"])
        lines.append(f'  {node}["{_label(item["title"], when, until)}"]')
        if previous:
            lines.append(f"  {previous} --> {node}")
        previous = node
        desc.append(f"{item['title']}（{when}、{until}）")
    lines[2] = f"  accDescr: 古い順に{_acc('、'.join(desc))}。同じ内容を図の下の表に文字で示しています。"
    return "\n".join(lines)


def render_org_chart(ctx) -> list[nodes.Node]:
    rows = []
    for org in model.of_type(ctx.needs, "org"):
        relations: list[nodes.Node] = []
        for link, _arrow, _label, _sentence, out_text, in_text in ORG_RELATIONS:
            for back, verb in ((False, out_text), (True, in_text)):
                linked = model.linked(ctx.needs, org, link, back=back)
                if linked:
                    if relations:
                        relations.append(nodes.Text("／"))
                    relations += [nodes.Text(verb), *join([ctx.link(n) for n in linked])]
        # A body (部会, 事務局) has no holder; only a post the source leaves unfilled shows the gap.
        holder = org.get("holder") or (gap() if "充てる職" in (org.get("gaps") or "") else "—")
        rows.append([ctx.link(org), holder, org.get("role") or gap(),
                     relations or gap("他の組織との関係は出典に記載なし")])
    return [
        _mermaid_node(org_chart(ctx.needs), "推進体制の組織図（矢印は「補佐する → 補佐を受ける」、点線は「庶務を処理する → 対象」。同じ内容を下の表に文字で示しています）"),
        table(["組織・役職", "充てる職（出典の表記）", "役割（出典の表記）", "本文が述べる関係"], rows,
              caption="推進体制（組織図と同じ内容）", classes=["dxplan-org-table"]),
    ]


def _need_from_option(ctx, kind: str) -> Need | None:
    need = ctx.needs.get(ctx.options.get("need", ""))
    return need if need is not None and need.get("type") == kind else None


def render_plan_periods(ctx) -> list[nodes.Node]:
    basic = _need_from_option(ctx, model.PLAN)
    if basic is None:
        return [nodes.paragraph("", f"計画 {ctx.options.get('need')} が見つかりません（:need: に基本計画の ID を指定）")]
    rows = [[ctx.link(p), _plan_short_name(p), p.get("period_label") or "",
             format_fiscal_year_western(p["period_start"]), format_fiscal_year_western(p["period_end"]),
             f"{p['period_end'] - p['period_start'] + 1}か年"]
            for p in plan_family(ctx.needs, basic) if p.get("period_start") and p.get("period_end")]
    return [
        _mermaid_node(plan_periods(ctx.needs, basic), "計画期間の図（横軸の目盛りは暦年（令和N年）。各計画は4月に始まり3月に終わる年度単位。同じ内容を下の表に文字で示しています）"),
        table(["計画", "区分", "期間（出典の表記）", "開始年度", "終了年度", "年数"], rows,
              caption="計画期間（図と同じ内容）", classes=["dxplan-period-table"]),
    ]


def render_plan_history(ctx) -> list[nodes.Node]:
    current = _need_from_option(ctx, model.PLAN)
    rows = []
    for item in sorted(model.of_type(ctx.needs, "history"), key=lambda h: (h.get("period_start") or 0, model.plan_order(h))):
        rows.append([ctx.link(item), item.get("period_label") or gap(),
                     format_fiscal_year_western(item["period_start"]) if item.get("period_start") else gap(),
                     format_fiscal_year_western(item["period_end"]) if item.get("period_end") else gap()])
    if current:
        rows.append([ctx.link(current), current.get("period_label") or "",
                     format_fiscal_year_western(current["period_start"]), format_fiscal_year_western(current["period_end"])])
    return [
        _mermaid_node(plan_history(ctx.needs, current), "区におけるこれまでの情報化計画の年表（同じ内容を下の表に文字で示しています）"),
        table(["計画", "期間（出典の表記）", "開始年度", "終了年度"], rows,
              caption="これまでの情報化計画（年表と同じ内容）", classes=["dxplan-history-table"]),
    ]


def setup_diagrams(app: Sphinx) -> None:
    register_view("structure-diagram", render_structure_diagram)
    register_view("policy-diagram", render_policy_diagram, options=("policy",), required=("policy",))
    register_view("org-chart", render_org_chart)
    register_view("plan-periods", render_plan_periods, options=("need",), required=("need",))
    register_view("plan-history", render_plan_history, options=("need",), required=("need",))
