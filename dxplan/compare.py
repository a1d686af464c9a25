"""Plans side by side: structure, period, counts per type and coverage, computed from the needs.

`compare_plans` is a plain function over need records and a coverage report (the build and
tests call it alike); `render_comparison` turns its rows into one table, a column per plan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.core import model
from dxplan.core.fiscal import format_fiscal_year
from dxplan.core.model import Need, Needs
from dxplan.coverage import CoverageReport, ERROR, RULES_BY_ID, WARNING, build_report
from dxplan.internals import resolved_needs, type_titles
from dxplan.render import source_ref, table
from dxplan.views import register_view


@dataclass
class PlanSummary:
    plan: Need
    period: str
    period_as_written: str
    #: "上位 → 下位（件数）": each parent → child level the plan's links actually make
    structure: list[str]
    #: type title → (number of needs of the type in the plan, the number as shown: with the
    #: breakdown by 区分 where the needs have one)
    counts: dict[str, tuple[int, str]]
    needs_with_gaps: int
    coverage: list[str]
    rules_not_applied: list[str] = field(default_factory=list)


def level_label(need: Need) -> str:
    """What the plan calls a need's level: its category (指針, 目指す姿) or its type's title."""
    return need.get("category") or need.get("type_name") or need.get("type", "")


def _depths(needs: Needs) -> dict[str, int]:
    """Distance of every need from its plan along the parent links (plan = 0)."""
    depth: dict[str, int] = {}
    frontier = [n for n in needs.values() if n.get("type") == model.PLAN]
    for plan in frontier:
        depth[plan["id"]] = 0
    while frontier:
        following = []
        for parent in frontier:
            for child_type, links in model.parent_links().items():
                for link in links:
                    for child in model.linked(needs, parent, link, back=True):
                        if child.get("type") == child_type and child["id"] not in depth:
                            depth[child["id"]] = depth[parent["id"]] + 1
                            following.append(child)
        frontier = following
    return depth


def structure_levels(needs: Needs) -> list[str]:
    """The plan's hierarchy as its links make it: 「目指す姿 → 指針（4）」, top level first."""
    depth = _depths(needs)
    type_order = {t: i for i, t in enumerate([model.PLAN, *model.parent_links()])}
    children: dict[tuple[str, str], set[str]] = {}
    order: dict[tuple[str, str], tuple[int, tuple]] = {}
    for need in sorted(needs.values(), key=model.plan_order):
        for link in model.parent_links().get(need.get("type", ""), ()):
            for parent in model.linked(needs, need, link):
                if parent["id"] not in needs:
                    continue
                key = (level_label(parent), level_label(need))
                children.setdefault(key, set()).add(need["id"])
                rank = (depth.get(need["id"], 99), type_order.get(need.get("type"), 99), model.plan_order(need))
                order[key] = min(order.get(key, rank), rank)
    return [f"{parent} → {child}（{len(children[(parent, child)])}）"
            for parent, child in sorted(children, key=lambda k: order[k])]


def type_counts(needs: Needs, type_titles: Mapping[str, str]) -> dict[str, tuple[int, str]]:
    """Per type (in the model's order): how many needs, with the categories where there are any."""
    out: dict[str, tuple[int, str]] = {}
    for need_type, title in type_titles.items():
        if need_type in (model.PLAN, model.SECTION):
            continue
        selected = model.of_type(needs, need_type)
        categories = Counter(n.get("category") for n in selected if n.get("category"))
        breakdown = "・".join(f"{c} {k}" for c, k in categories.items())
        out[title] = (len(selected), f"{len(selected)}（{breakdown}）" if breakdown else str(len(selected)))
    sections = {s for m in model.of_type(needs, model.MEASURE)
                for link in ("owner", "co_owner") for s in (m.get(link) or [])}
    out[f"{type_titles.get(model.SECTION, '主管課')}（施策に結び付いたもの）"] = (len(sections), str(len(sections)))
    return out


def coverage_lines(report: CoverageReport, plan_id: str) -> tuple[list[str], list[str]]:
    """The plan's coverage in words, and the rules its configuration does not apply (with why)."""
    findings = [f for f in report.findings if f.plan == plan_id]
    errors = [f for f in findings if f.rule.severity == ERROR]
    accepted = sum(1 for f in errors if f.accepted_reason)
    lines = [
        f"エラーの規則に当たる不足 {len(errors)}件（うち出典の欠落として理由を記録済み {accepted}件、未記録 {len(errors) - accepted}件）",
        f"警告 {sum(1 for f in findings if f.rule.severity == WARNING)}件",
    ]
    # Residents read what each rule checks; its ID is for the secretariat (coverage page).
    by_rule = Counter(f.rule.message for f in findings)
    lines += [f"{message}: {count}件" for message, count in by_rule.items()]
    exempt = report.not_applied.get(plan_id, {})
    # The configuration check has already refused unknown rule IDs.
    return lines, [f"{RULES_BY_ID[rule_id].message}（{reason}）" for rule_id, reason in exempt.items()]


def compare_plans(needs: Needs, report: CoverageReport, type_titles: Mapping[str, str]) -> list[PlanSummary]:
    """One summary per plan in the build, in plan order."""
    summaries = []
    for plan in model.of_type(needs, model.PLAN):
        scoped = model.plan_subset(needs, plan["id"])
        start, end = plan.get("period_start"), plan.get("period_end")
        period = (f"{format_fiscal_year(start)}〜{format_fiscal_year(end)}（{end - start + 1}年度分）"
                  if start is not None and end is not None else model.GAP_LABEL)
        coverage, not_applied = coverage_lines(report, plan["id"])
        summaries.append(PlanSummary(
            plan=plan,
            period=period,
            period_as_written=plan.get("period_label") or model.GAP_LABEL,
            structure=structure_levels(scoped),
            counts=type_counts(scoped, type_titles),
            needs_with_gaps=sum(1 for n in scoped.values() if n.get("gaps")),
            coverage=coverage,
            rules_not_applied=not_applied,
        ))
    return summaries


def comparison_rows(summaries: list[PlanSummary]) -> list[tuple[str, list[list[str]]]]:
    """Rows of the comparison table: (row label, the lines of each plan's cell)."""
    rows: list[tuple[str, list[list[str]]]] = [
        ("計画期間", [[s.period] for s in summaries]),
        ("計画期間（出典の表記）", [[s.period_as_written] for s in summaries]),
        ("体系（上位 → 下位）", [s.structure for s in summaries]),
    ]
    # A type no plan has (or a type of needs outside every plan's hierarchy) gets no row.
    titles = [t for t in dict.fromkeys(t for s in summaries for t in s.counts)
              if any(s.counts.get(t, (0, ""))[0] for s in summaries)]
    rows += [(f"{t}の数", [[s.counts.get(t, (0, "0"))[1]] for s in summaries]) for t in titles]
    rows += [
        ("出典に記載のない事項がある項目", [[f"{s.needs_with_gaps}件"] for s in summaries]),
        ("記載の不足の点検", [s.coverage for s in summaries]),
        ("適用しない規則（理由）", [s.rules_not_applied or ["なし"] for s in summaries]),
    ]
    return rows


# ---------------------------------------------------------------- Sphinx wiring


def render_comparison(ctx) -> list[nodes.Node]:
    """Every plan of the build (whatever the page's plan scope), one column each."""
    needs = resolved_needs(ctx.app)
    titles = type_titles(ctx.app.config)
    summaries = compare_plans(needs, build_report(ctx.app), titles)
    header_row = ["項目", *(s.plan["title"] for s in summaries)]
    rows: list[list] = [["計画", *(ctx.link(s.plan) for s in summaries)]]
    for label, cells in comparison_rows(summaries):
        row: list = [label]
        for lines in cells:
            # A reason may cite a source by its code: residents read its name (code in the tooltip).
            if len(lines) == 1:
                row.append(source_ref(lines[0]))
            else:
                items = nodes.bullet_list()
                for line in lines:
                    items += nodes.list_item("", nodes.paragraph("", "", source_ref(line)))
                row.append(items)
        rows.append(row)
    caption = ctx.options.get("caption") or "計画の比較（サイトに掲載しているすべての計画）"
    return [table(header_row, rows, caption=caption, classes=["dxplan-compare"])]


def setup_compare(app: Sphinx) -> None:
    register_view("plan-comparison", render_comparison, options=("caption",))
