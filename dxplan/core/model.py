"""The plan's data model, as need records (dicts shaped like needs.json entries).

Every function here takes plain records, so the Sphinx build (which passes the needs it
has) and the CLI (which passes needs loaded from a needs.json) share one implementation.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dxplan.core.fiscal import format_fiscal_year
from dxplan.internals import backlink_field
from dxplan.core.labels import UNOWNED
from dxplan.core.labels import views as words

Need = Mapping[str, Any]
Needs = Mapping[str, Need]


PLAN, VISION, POLICY, MEASURE, KPI, TARGET, SECTION = (
    "plan", "vision", "policy", "measure", "kpi", "target", "section",
)
ACTION, PILLAR = "action", "pillar"

#: need type → its link(s) to its parent, child → parent: [dxplan.hierarchy] of the project's
#: configuration, set whenever that is loaded (config.load_project_config), for the build and the CLI.
_hierarchy: dict[str, tuple[str, ...]] | None = None


def use_hierarchy(hierarchy: Mapping[str, tuple[str, ...]]) -> None:
    global _hierarchy
    _hierarchy = dict(hierarchy)


def parent_links() -> dict[str, tuple[str, ...]]:
    """The configured hierarchy; a plan is never walked without one (it would find no members)."""
    if _hierarchy is None:
        raise RuntimeError("dxplan: the plan hierarchy is not configured (config.load_project_config)")
    return _hierarchy


_TYPE_INDEXES: dict[int, tuple[Needs, dict[str, list[Need]]]] = {}


def of_type(needs: Needs, need_type: str) -> list[Need]:
    """Needs of one type in plan order (document, then line).

    Indexed once per needs mapping: views call this thousands of times in a large build.
    The mappings are read-only once built (sphinx-needs' frozen view, plan subsets).
    """
    entry = _TYPE_INDEXES.get(id(needs))
    if entry is None or entry[0] is not needs or sum(len(v) for v in entry[1].values()) != len(needs):
        index: dict[str, list[Need]] = {}
        for need in sorted(needs.values(), key=plan_order):
            index.setdefault(need.get("type", ""), []).append(need)
        if len(_TYPE_INDEXES) > 16:
            _TYPE_INDEXES.clear()
        entry = _TYPE_INDEXES[id(needs)] = (needs, index)
    return list(entry[1].get(need_type, []))


def plan_order(need: Need) -> tuple[str, int, str]:
    return (need.get("docname") or "", need.get("lineno") or 0, need["id"])


def measure_label(measure: Need) -> str:
    """How a reader knows a measure: its number and name (施策4 マイナンバー制度を推進する), not its ID."""
    number = measure.get("number_label") or measure["title"]
    return f"{number} {measure['name']}" if measure.get("name") else number


def linked(needs: Needs, need: Need, link: str, back: bool = False) -> list[Need]:
    """The needs `need` links to through `link` (or that link to it, with back=True)."""
    ids = need.get(backlink_field(link) if back else link) or []
    return sorted((needs[i] for i in ids if i in needs), key=plan_order)


def ancestors(needs: Needs, need: Need, need_type: str) -> list[Need]:
    """All needs of `need_type` reachable upwards through the parent links.

    For plans, a need's own `plan` link is authoritative: a policy naming its 実施計画
    belongs to that plan only, even though its vision (of the 基本計画) serves two.
    """
    found: dict[str, Need] = {}
    seen = {need["id"]}  # a wrong-type link can make a cycle (KPI → its own target)
    frontier = [need]
    while frontier:
        current = frontier.pop()
        links = parent_links().get(current.get("type", ""), ())
        if need_type == PLAN and "plan" in links and current.get("plan"):
            links = ("plan",)
        for link in links:
            for parent in linked(needs, current, link):
                if parent["id"] in seen:
                    continue
                seen.add(parent["id"])
                if parent.get("type") == need_type:
                    found[parent["id"]] = parent
                frontier.append(parent)
    return sorted(found.values(), key=plan_order)


def kpis_of(needs: Needs, need: Need) -> list[Need]:
    """KPIs measuring a measure or policy, directly or through the measures under it."""
    if need.get("type") == POLICY:
        found = {k["id"]: k for k in linked(needs, need, "measures", back=True)}
        for measure in linked(needs, need, "policy", back=True):
            found.update((k["id"], k) for k in linked(needs, measure, "measures", back=True))
        return sorted(found.values(), key=plan_order)
    return linked(needs, need, "measures", back=True)


def format_number(value: float) -> str:
    """2800.0 → 2,800; 31.8 → 31.8 (the plan's own style: comma thousands)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def format_target_value(value: float | None, unit: str | None, qualifier: str | None) -> str:
    """The structured part of a target: 2,600回以上."""
    if value is None:
        return ""
    return f"{format_number(value)}{unit or ''}{qualifier or ''}"


def target_summary(target: Need) -> str:
    """「令和7年度 2,800時間削減」: year in 和暦, then the target as the source words it."""
    year = target.get("target_fy")
    prefix = f"{format_fiscal_year(year)} " if year else ""
    return f"{prefix}{target['title']}"


def baseline_summary(target: Need) -> str:
    if target.get("baseline_text") is None:
        return ""
    year = target.get("baseline_fy")
    return words.baseline(year=format_fiscal_year(year), text=target["baseline_text"]) if year else target["baseline_text"]




def load_needs_json(path: Path | str) -> dict[str, dict[str, Any]]:
    """The needs of the current version of a needs.json (as written by the build)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    version = data.get("current_version", "")
    versions = data.get("versions", {})
    if version not in versions:
        version = next(iter(versions), None)
    if version is None:
        raise ValueError(words.needs_json_without_version(path=path))
    return dict(versions[version]["needs"])




def owning_sections(needs: Needs, target_or_kpi: Need) -> list[Need]:
    """The sections owning the measures a KPI (or a target's KPI) measures."""
    kpis = linked(needs, target_or_kpi, "kpi") if target_or_kpi.get("type") == TARGET else [target_or_kpi]
    found = {s["id"]: s for k in kpis for m in linked(needs, k, "measures") for s in linked(needs, m, "owner")}
    return sorted(found.values(), key=plan_order)


def targets_of_section(needs: Needs, section_id: str | None) -> list[Need]:
    """Targets a section reports (section_id=None: targets no section owns yet)."""
    out = []
    for kpi in of_type(needs, KPI):
        owners = {s["id"] for s in owning_sections(needs, kpi)}
        if (section_id in owners) if section_id else not owners:
            out.extend(linked(needs, kpi, "kpi", back=True))
    return out


def plan_of(needs: Needs, need: Need) -> list[Need]:
    """The plans a need belongs to (a vision of a 基本計画 can serve two 実施計画)."""
    if need.get("type") == PLAN:
        return [need]
    return ancestors(needs, need, PLAN)


def plan_members(needs: Needs, plan_id: str) -> set[str]:
    """IDs of every need under a plan, walking the parent links downwards (one pass)."""
    members = {plan_id}
    frontier = [plan_id]
    while frontier:
        parent = needs.get(frontier.pop())
        if parent is None:
            continue
        for child_type, links in parent_links().items():
            for link in links:
                for child_id in parent.get(backlink_field(link)) or []:
                    child = needs.get(child_id)
                    if link != "plan" and "plan" in links and child is not None and child.get("plan"):
                        continue  # a need naming its plan belongs to that plan only (see ancestors)
                    if child is not None and child.get("type") == child_type and child_id not in members:
                        members.add(child_id)
                        frontier.append(child_id)
    return members


def plan_subset(needs: Needs, plan_id: str) -> dict[str, Need]:
    """The needs of one plan, plus every section (sections serve all plans)."""
    members = plan_members(needs, plan_id)
    return {need_id: need for need_id, need in needs.items()
            if need_id in members or need.get("type") == SECTION}


# ---------------------------------------------------------------- labels (matrices, responses, open data)


def section_title(needs: Needs, section_id: str | None) -> str:
    """An owning section's name (its ID if unknown); 主管課未記載 for what no section owns."""
    if not section_id:
        return UNOWNED
    section = needs.get(section_id)
    return section["title"] if section else section_id


def section_named(needs: Needs, text: str) -> Need | None:
    """The owning section a clerk names by its ASCII ID or its official name."""
    return next((s for s in of_type(needs, SECTION) if text in (s["id"], s["title"])), None)



def policy_label(policy: Need) -> str:
    return f"{policy.get('category') or ''}{policy.get('number_label') or ''} {policy['title']}".strip()


def plan_short_name(plan: Need) -> str:
    """「板橋区ICT推進・活用計画2025」前期実施計画 → 前期実施計画; 板橋区DX推進計画2025 後期実施計画 → 後期実施計画."""
    title = plan["title"].split(words.NAME_CLOSE)[-1].strip()
    return title.split()[-1] if title else plan["title"]


def plan_short_label(needs: Needs, need: Need) -> str:
    plans = plan_of(needs, need)
    return plan_short_name(plans[0]) + " " if plans else ""


def answer_label(needs: Needs, target: Need) -> str:
    """後期実施計画 施策1〔基本方針Ⅰ 業務の改善・効率化〕; 前期実施計画 施策01 テレワークの実現."""
    plan = plan_short_label(needs, target)
    if target.get("type") == POLICY:
        return f"{plan}{words.as_policy(policy_label(target))}"
    policies = linked(needs, target, "policy")
    number = words.measure_number(target.get("number_label") or target["title"])
    name = f" {target['name']}" if target.get("name") else ""
    where = words.under_policy(policy=policy_label(policies[0])) if policies else ""
    return f"{plan}{number}{name}{where}"
