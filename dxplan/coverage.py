"""Named validation rules over need records, listed in one place (RULES).

Each rule has a stable ID, a Japanese message and a severity. The build reports every
finding as a Sphinx warning naming file, line and need ID (so `-W` fails the build); the
CLI reports the same findings from a needs.json. One implementation for both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from dxplan import model
from dxplan.fiscal import format_fiscal_year
from dxplan.model import Need, Needs

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Finding:
    rule: str
    need_id: str
    detail: str


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # "error" fails the build; "warning" is reported and counted
    message: str
    check: Callable[[Needs], Iterator[tuple[Need, str]]]


def _target_year_in_plan_period(needs: Needs) -> Iterator[tuple[Need, str]]:
    for target in model.of_type(needs, model.TARGET):
        year = target.get("target_fy")
        if year is None:
            continue
        for plan in model.ancestors(needs, target, model.PLAN):
            start, end = plan.get("period_start"), plan.get("period_end")
            if start is None or end is None or start <= year <= end:
                continue
            yield target, (
                f"目標年度 {year}（{format_fiscal_year(year)}）が {plan['id']} の計画期間 "
                f"{format_fiscal_year(start)}〜{format_fiscal_year(end)} の外です"
            )


RULES: tuple[Rule, ...] = (
    Rule(
        "target-year-in-plan-period",
        "error",
        "目標年度が計画期間の外です",
        _target_year_in_plan_period,
    ),
)


def run_rules(needs: Needs, rules: tuple[Rule, ...] = RULES) -> list[Finding]:
    return [
        Finding(rule.id, need["id"], detail)
        for rule in rules
        for need, detail in rule.check(needs)
    ]


def format_finding(finding: Finding, needs: Needs, srcdir: str = "") -> str:
    need = needs.get(finding.need_id, {})
    where = f"{need.get('docname', '?')}{need.get('doctype', '')}:{need.get('lineno') or '?'}"
    return f"{where}: [{finding.rule}] {finding.need_id}: {finding.detail}"


def report_findings(app: Sphinx, env: BuildEnvironment) -> None:
    from sphinx_needs.data import SphinxNeedsData

    needs = SphinxNeedsData(env).get_needs_view()
    for finding in run_rules(needs):
        need = needs[finding.need_id]
        logger.warning(
            f"[{finding.rule}] {finding.need_id}: {finding.detail}",
            type="dxplan",
            subtype=finding.rule,
            location=(need["docname"], need["lineno"]),
        )


def setup_coverage(app: Sphinx) -> None:
    app.connect("env-check-consistency", report_findings)
