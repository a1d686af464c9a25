"""dxplan's own configuration: the [dxplan] table of ubproject.toml (sphinx-needs reads [needs]).

Per plan: which coverage rules do not apply (with the reason, shown on the coverage page)
and which grade scale grades its KPIs. A new plan shape is configuration, not code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

CONFIG_FILE = "ubproject.toml"


@dataclass(frozen=True)
class PlanSettings:
    id: str
    #: rule ID → why it does not apply to this plan (e.g. "004 sets no KPIs")
    rules_not_applied: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ProjectConfig:
    main_plan: str | None
    plans: dict[str, PlanSettings]

    def settings(self, plan_id: str) -> PlanSettings:
        return self.plans.get(plan_id, PlanSettings(plan_id))


def load_project_config(path: Path) -> ProjectConfig:
    data = tomllib.loads(path.read_text(encoding="utf-8")).get("dxplan", {})
    plans = {}
    for plan_id, entry in data.get("plans", {}).items():
        not_applied = entry.get("rules_not_applied", {})
        if not isinstance(not_applied, dict) or not all(isinstance(v, str) and v for v in not_applied.values()):
            raise ValueError(f"{path}: dxplan.plans.{plan_id}.rules_not_applied は「規則 ID = 理由」の表にしてください")
        plans[plan_id] = PlanSettings(plan_id, dict(not_applied))
    return ProjectConfig(data.get("main_plan"), plans)
