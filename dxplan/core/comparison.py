"""Plans side by side: structure, period, counts per type and coverage, computed from the needs.

`compare_plans` is a plain function over need records and a coverage report (the build and
tests call it alike); compare.py turns its rows into one table, a column per plan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from dxplan.core import model
from dxplan.core.fiscal import format_fiscal_year
from dxplan.core.labels import GAP_LABEL, rules as words
from dxplan.core.model import Need, Needs
from dxplan.core.rules import ERROR, RULES_BY_ID, WARNING, CoverageReport
from dxplan.core import labels as shared_words


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
        breakdown = shared_words.WORD_SEPARATOR.join(f"{c} {k}" for c, k in categories.items())
        out[title] = (len(selected), f"{len(selected)}（{breakdown}）" if breakdown else str(len(selected)))
    sections = {s for m in model.of_type(needs, model.MEASURE)
                for link in ("owner", "co_owner") for s in (m.get(link) or [])}
    linked_sections = words.linked_to_measures(sections=type_titles.get(model.SECTION, shared_words.OWNER))
    out[linked_sections] = (len(sections), str(len(sections)))
    return out


def coverage_lines(report: CoverageReport, plan_id: str) -> tuple[list[str], list[str]]:
    """The plan's coverage in words, and the rules its configuration does not apply (with why)."""
    findings = [f for f in report.findings if f.plan == plan_id]
    errors = [f for f in findings if f.rule.severity == ERROR]
    accepted = sum(1 for f in errors if f.accepted_reason)
    lines = [words.error_gaps(len(errors), accepted),
             words.warnings(sum(1 for f in findings if f.rule.severity == WARNING))]
    # Residents read what each rule checks; its ID is for the secretariat (coverage page).
    by_rule = Counter(f.rule.message for f in findings)
    lines += [words.rule_count(message, count) for message, count in by_rule.items()]
    exempt = report.not_applied.get(plan_id, {})
    # The configuration check has already refused unknown rule IDs.
    return lines, [f"{RULES_BY_ID[rule_id].message}（{reason}）" for rule_id, reason in exempt.items()]


def compare_plans(needs: Needs, report: CoverageReport, type_titles: Mapping[str, str]) -> list[PlanSummary]:
    """One summary per plan in the build, in plan order."""
    summaries = []
    for plan in model.of_type(needs, model.PLAN):
        scoped = model.plan_subset(needs, plan["id"])
        start, end = plan.get("period_start"), plan.get("period_end")
        period = (words.period_with_years(plan_period=words.period(start=format_fiscal_year(start), end=format_fiscal_year(end)), years=end - start + 1)
                  if start is not None and end is not None else GAP_LABEL)
        coverage, not_applied = coverage_lines(report, plan["id"])
        summaries.append(PlanSummary(
            plan=plan,
            period=period,
            period_as_written=plan.get("period_label") or GAP_LABEL,
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
        (words.PERIOD, [[s.period] for s in summaries]),
        (words.PERIOD_AS_WRITTEN, [[s.period_as_written] for s in summaries]),
        (words.STRUCTURE, [s.structure for s in summaries]),
    ]
    # A type no plan has (or a type of needs outside every plan's hierarchy) gets no row.
    titles = [t for t in dict.fromkeys(t for s in summaries for t in s.counts)
              if any(s.counts.get(t, (0, ""))[0] for s in summaries)]
    rows += [(words.number_of(title=t), [[s.counts.get(t, (0, "0"))[1]] for s in summaries]) for t in titles]
    rows += [
        (words.NEEDS_WITH_GAPS, [[words.count(number=s.needs_with_gaps)] for s in summaries]),
        (words.COVERAGE_CHECK, [s.coverage for s in summaries]),
        (words.RULES_NOT_APPLIED, [s.rules_not_applied or [shared_words.NONE] for s in summaries]),
    ]
    return rows
