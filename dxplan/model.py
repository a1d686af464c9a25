"""The plan's data model, as need records (dicts shaped like needs.json entries).

Every function here takes plain records, so the Sphinx build (which passes the needs it
has) and the CLI (which passes needs loaded from a needs.json) share one implementation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from dxplan.fiscal import format_fiscal_year

Need = Mapping[str, Any]
Needs = Mapping[str, Need]

#: Shown wherever a source is silent: a visible gap, never an invented value.
GAP_LABEL = "未記載（出典に記載なし）"

PLAN, VISION, POLICY, MEASURE, KPI, TARGET, SECTION = (
    "plan", "vision", "policy", "measure", "kpi", "target", "section",
)
#: Link types, child → parent, as declared in ubproject.toml.
PARENT_LINKS = {
    VISION: ("plan",),
    POLICY: ("vision", "plan"),
    MEASURE: ("policy",),
    KPI: ("measures",),
    TARGET: ("kpi",),
}


def of_type(needs: Needs, need_type: str) -> list[Need]:
    """Needs of one type in plan order (document, then line)."""
    selected = [n for n in needs.values() if n.get("type") == need_type]
    return sorted(selected, key=plan_order)


def plan_order(need: Need) -> tuple[str, int, str]:
    return (need.get("docname") or "", need.get("lineno") or 0, need["id"])


def linked(needs: Needs, need: Need, link: str, back: bool = False) -> list[Need]:
    """The needs `need` links to through `link` (or that link to it, with back=True)."""
    ids = need.get(f"{link}_back" if back else link) or []
    return sorted((needs[i] for i in ids if i in needs), key=plan_order)


def ancestors(needs: Needs, need: Need, need_type: str) -> list[Need]:
    """All needs of `need_type` reachable upwards through the parent links."""
    found: dict[str, Need] = {}
    seen = {need["id"]}  # a wrong-type link can make a cycle (KPI → its own target)
    frontier = [need]
    while frontier:
        current = frontier.pop()
        for link in PARENT_LINKS.get(current.get("type", ""), ()):
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
    return f"{format_fiscal_year(year)}実績 {target['baseline_text']}" if year else target["baseline_text"]


def display_name(need: Need) -> str:
    """A measure's official name, or the visible gap label where the source gives none."""
    if need.get("type") == MEASURE:
        return need.get("name") or GAP_LABEL
    return need["title"]


def load_needs_json(path: Path | str) -> dict[str, dict[str, Any]]:
    """The needs of the current version of a needs.json (as written by the build)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    version = data.get("current_version", "")
    versions = data.get("versions", {})
    if version not in versions:
        version = next(iter(versions), None)
    if version is None:
        raise ValueError(f"{path}: needs.json にバージョンがありません")
    return dict(versions[version]["needs"])


def sorted_ids(needs: Iterable[Need]) -> list[str]:
    return [n["id"] for n in sorted(needs, key=plan_order)]


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


def plan_subset(needs: Needs, plan_id: str) -> dict[str, Need]:
    """The needs of one plan, plus every section (sections serve all plans)."""
    return {
        need_id: need for need_id, need in needs.items()
        if need.get("type") == SECTION or any(p["id"] == plan_id for p in plan_of(needs, need))
    }
