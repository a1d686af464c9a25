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
class CardConfig:
    """[dxplan.card]: the fields a need card shows, with their labels, in order."""

    fields: list[tuple[str, str]] = field(default_factory=list)  # (field, Japanese label)
    shown_when_missing: dict[str, list[str]] = field(default_factory=dict)  # need type → fields


@dataclass(frozen=True)
class ProjectConfig:
    main_plan: str | None
    plans: dict[str, PlanSettings]
    card: CardConfig = field(default_factory=CardConfig)

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
    card = data.get("card", {})
    return ProjectConfig(data.get("main_plan"), plans,
                         CardConfig([(f, label) for f, label in card.get("fields", [])],
                                    {t: list(fs) for t, fs in card.get("shown_when_missing", {}).items()}))


def project_config(app) -> ProjectConfig:
    """The project's configuration, read once per build."""
    config = getattr(app, "dxplan_project_config", None)
    if config is None:
        config = app.dxplan_project_config = load_project_config(Path(app.confdir) / CONFIG_FILE)
    return config
