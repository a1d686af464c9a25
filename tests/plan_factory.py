"""Synthetic need records (labelled test data, never plan content) shaped like needs.json."""

from __future__ import annotations

from typing import Any

from dxplan.config import CONFIG_FILE, project_data_model
from dxplan.internals import backlink_field
from tests.conftest import ROOT

#: The link types the project declares (sphinx-needs resolves each into a backlink field).
LINK_TYPES = tuple(project_data_model(ROOT / CONFIG_FILE)["links"])


def make_needs(*records: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Fill defaults and backlinks, as sphinx-needs does when it resolves links."""
    needs: dict[str, dict[str, Any]] = {}
    for lineno, record in enumerate(records, 1):
        need = {"docname": "synthetic", "doctype": ".md", "lineno": lineno, "title": record["id"], **record}
        for link in LINK_TYPES:
            need.setdefault(link, [])
            need[backlink_field(link)] = []
        needs[need["id"]] = need
    for need in needs.values():
        for link in LINK_TYPES:
            for target in need[link]:
                if target in needs:
                    needs[target][backlink_field(link)].append(need["id"])
    return needs


def small_plan(**overrides: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A complete synthetic plan with no gaps; `overrides` replace whole records by ID."""
    records = {
        "PLAN_T": {"id": "PLAN_T", "type": "plan", "period_start": 2024, "period_end": 2025},
        "VIS_T": {"id": "VIS_T", "type": "vision", "plan": ["PLAN_T"], "number_label": "ビジョン①"},
        "POL_T": {"id": "POL_T", "type": "policy", "vision": ["VIS_T"], "category": "基本方針", "number_label": "Ⅰ"},
        "MEA_T": {"id": "MEA_T", "type": "measure", "policy": ["POL_T"], "owner": ["SEC_T"], "name": "試験施策"},
        "KPI_T": {"id": "KPI_T", "type": "kpi", "measures": ["MEA_T"]},
        "TGT_T": {"id": "TGT_T", "type": "target", "kpi": ["KPI_T"], "title": "2,600回以上",
                  "target_value": 2600.0, "target_unit": "回", "target_qualifier": "以上", "target_fy": 2025,
                  "baseline_value": 2046.0, "baseline_fy": 2022, "baseline_text": "2,046回"},
        "SEC_T": {"id": "SEC_T", "type": "section", "title": "試験課"},
    }
    records.update(overrides)
    return make_needs(*[r for r in records.values() if r is not None])


def two_section_plan() -> dict[str, dict[str, Any]]:
    """Synthetic plan for the Excel round-trip: 試験課 owns a numeric and a qualitative target,
    別課 a percentage target."""
    return make_needs(
        {"id": "PLAN_T", "type": "plan", "period_start": 2024, "period_end": 2025},
        {"id": "VIS_T", "type": "vision", "plan": ["PLAN_T"]},
        {"id": "POL_T", "type": "policy", "vision": ["VIS_T"]},
        {"id": "MEA_A", "type": "measure", "policy": ["POL_T"], "owner": ["SEC_A"]},
        {"id": "MEA_B", "type": "measure", "policy": ["POL_T"], "owner": ["SEC_B"]},
        {"id": "KPI_HOURS", "type": "kpi", "measures": ["MEA_A"], "title": "RPA（試験）", "measure_group": "施策1"},
        {"id": "TGT_HOURS", "type": "target", "kpi": ["KPI_HOURS"], "title": "2,800時間削減", "target_value": 2800.0,
         "target_unit": "時間", "target_fy": 2025, "baseline_value": 1115.0, "baseline_fy": 2022,
         "baseline_text": "1,115時間削減"},
        {"id": "KPI_POC", "type": "kpi", "measures": ["MEA_A"], "title": "実証（試験）"},
        {"id": "TGT_POC", "type": "target", "kpi": ["KPI_POC"], "title": "生成AIの実証実験", "target_fy": 2024},
        {"id": "KPI_OTHER", "type": "kpi", "measures": ["MEA_B"], "title": "他課（試験）"},
        {"id": "TGT_OTHER", "type": "target", "kpi": ["KPI_OTHER"], "title": "40%", "target_value": 40.0,
         "target_unit": "%", "target_fy": 2025},
        {"id": "SEC_A", "type": "section", "title": "試験課"},
        {"id": "SEC_B", "type": "section", "title": "別課"},
    )
