"""The Mermaid source of dxplan's diagrams, generated from the needs (needflow has no Mermaid
engine), and the escaping that keeps data text only.

Each diagram carries accTitle/accDescr; the page (diagrams.py) puts it next to a text equivalent.
"""

from __future__ import annotations

import re

from dxplan.core import model
from dxplan.core.fiscal import format_fiscal_year, format_fiscal_year_western
from dxplan.core.labels import diagrams as words
from dxplan.core.labels import fiscal as fiscal_words
from dxplan.core.labels import views as view_words
from dxplan.core.model import Need, Needs
from dxplan.core.views import earlier_plans, policies_by_vision

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


#: Layout settings put in front of every diagram (Mermaid front matter; code, never data):
#: labels wrap at 130 px so a node stays narrow, and Gantt text is 14 px, not 11.
FRONT_MATTER = {
    "flowchart": "---\nconfig:\n  flowchart:\n    wrappingWidth: 130\n---\n",
    "gantt": "---\nconfig:\n  gantt:\n    fontSize: 14\n    sectionFontSize: 14\n    barHeight: 28\n    leftPadding: 90\n---\n",
}


def structure_diagrams(needs: Needs) -> list[tuple[str, str]]:
    """施策体系図, one per vision (and one for 推進体制の強化): vision → policy → measure, with the
    number of KPIs per measure. One diagram for the whole plan drew its text at 6 px on a
    desktop; a vision's branch stays readable. Returns (name of the branch, Mermaid text)."""
    out = []
    for vision, policies in policies_by_vision(needs):
        body = []
        if vision is None:
            name = view_words.SUPPORT_AREA
            body.append(f'  subgraph SUPPORT["{_label(view_words.supported_by())}"]')
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
                body.append(f'  {mid}["{_label(measure["title"], view_words.counted("KPI", kpis))}"]')
                body.append(f"  {pid} --> {mid}")
                measure_count += 1
        if vision is None:
            body.append("  end")
        head = [
            "flowchart LR",
            f"  accTitle: {words.structure_title(_acc(name))}",
            f"  accDescr: {words.structure_description(name=_acc(name), policies=len(policies), measures=measure_count)}",
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
        f"  accTitle: {words.policy_title(name=_acc(name))}",
        f"  accDescr: {words.policy_description(name=_acc(name), measures=len(measures), kpis=len(kpis))}",
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


# ---------------------------------------------------------------- 推進体制, 計画期間, これまでの計画
# Rebuilt from the needs where a source lost the figure (000 図1, 図13, 図17).

#: Relations between bodies of the 推進体制, as the source states them:
#: (link, arrow, edge label, sentence, table text outgoing, table text incoming).
#: 庶務 is a longer dotted line (-..->): its labels then sit a rank away from the 補佐 labels
#: that meet at the same box, instead of on top of them.
ORG_RELATIONS = (
    ("assists", "-->", words.ASSISTS, words.assists, words.ASSISTS_WHOM, words.ASSISTED_BY),
    ("secretariat_of", "-..->", words.AFFAIRS, words.handles_affairs, words.AFFAIRS_OF, words.AFFAIRS_HANDLED_BY),
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
                sentences.append(sentence(body=org["title"], other=target["title"]))
    desc = words.org_description(len(orgs), sentences)
    lines = ["flowchart BT", f"  accTitle: {words.ORG_CHART_TITLE}", f"  accDescr: {_acc(desc)}"]
    return "\n".join(lines + body)


def _years(start: int, end: int) -> str:
    return words.period(format_fiscal_year(start), format_fiscal_year(end), end - start + 1)


def plan_family(needs: Needs, basic: Need) -> list[Need]:
    """A 基本計画 and the 実施計画 that name it (basic_plan), in plan order."""
    parts = model.linked(needs, basic, "basic_plan", back=True)
    return [basic, *sorted(parts, key=lambda p: (p.get("period_start") or 0, model.plan_order(p)))]


def plan_periods(needs: Needs, basic: Need) -> str:
    """計画期間 (000 図13): a gantt of the 基本計画 and its 実施計画, from their period fields."""
    lines = [
        "gantt",
        f"  accTitle: {words.PERIODS_TITLE}",
        "",  # accDescr, filled below
        "  dateFormat YYYY-MM-DD",
        f"  axisFormat %Y{fiscal_words.YEAR}",
        "  tickInterval 12month",
        "  todayMarker off",
    ]
    desc = []
    section = None
    for plan in plan_family(needs, basic):
        start, end = plan.get("period_start"), plan.get("period_end")
        if start is None or end is None:
            continue
        kind = words.BASIC_PLAN if plan is basic else words.IMPLEMENTATION_PLAN
        if kind != section:
            lines.append(f"  section {kind}")
            section = kind
        # The bar says which plan and how many years; the axis and accDescr give the years
        # (a longer label ran out of the chart on a phone).
        name = _acc(view_words.in_parentheses(text=model.plan_short_name(plan), note=words.years_span(years=end - start + 1)))
        lines.append(f"  {name} :{_node_id(plan['id'])}, {start}-04-01, {end + 1}-03-31")
        desc.append(words.plan_period(plan=model.plan_short_name(plan), period_text=_years(start, end)))
    lines[2] = f"  accDescr: {words.periods_description(periods=_acc(view_words.listed(desc)))}"
    return "\n".join(lines)


def plan_history(needs: Needs, current: Need | None = None) -> str:
    """これまでの計画 (000 図1): the earlier plans (history needs) in order, then the current plan.

    A flowchart, not a Mermaid timeline: the timeline renderer drops accTitle/accDescr. Top to
    bottom: side by side, seven plans made a strip 40 px tall on a phone.
    """
    lines = ["flowchart TB", f"  accTitle: {words.HISTORY_TITLE}", ""]
    desc = []
    previous = None
    for item in [*earlier_plans(needs), *([current] if current else [])]:
        start, end = item.get("period_start"), item.get("period_end")
        when = words.from_year(year=format_fiscal_year_western(start)) if start else words.NO_START
        until = words.until_year(year=format_fiscal_year(end)) if end else words.NO_END
        node = _node_id(item["id"])
        lines.append(f'  {node}["{_label(item["title"], when, until)}"]')
        if previous:
            lines.append(f"  {previous} --> {node}")
        previous = node
        desc.append(view_words.in_parentheses(text=item["title"], note=view_words.listed((when, until))))
    lines[2] = f"  accDescr: {words.history_description(plans=_acc(view_words.listed(desc)))}"
    return "\n".join(lines)
