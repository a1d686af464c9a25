"""Named coverage rules over need records, listed in one place (RULES), and the report.

Each rule has a stable ID, a Japanese message and a severity:
- "error": a finding fails the build (a Sphinx warning under -W) unless the accepted-gap
  baseline (needs/accepted-gaps.toml) lists it with a reason citing the source;
- "warning": shown and counted on the coverage page, never fails the build.
Integrity rules that sphinx-needs checks itself (field types, link targets and their types,
schema rules in ubproject.toml) are listed in SPHINX_NEEDS_RULES and fail every build.
The build (coverage.py) and `dxplan check` both call `coverage_report`; nothing is implemented
twice. The project layer (project.py) reads the inputs with the project's configuration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from dxplan.core import model
from dxplan.core.change_reasons import ChangeReasons, unexplained_target_changes
from dxplan.core.errors import SourceLocation, load_records
from dxplan.core.fiscal import format_fiscal_year
from dxplan.core.labels import rules as words
from dxplan.core.model import Need, Needs
from dxplan.core.raw_html import raw_html_in_need
from dxplan.core.revisions import suspect_links
from dxplan.core import labels as shared_words

BASELINE_FILE = "needs/accepted-gaps.toml"

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    message: str
    check: Callable[..., Iterator[tuple[Need, str]]]  # (needs, context) → (need, detail)


@dataclass(frozen=True)
class RuleContext:
    """Data besides the needs that some rules read (loaded once per build)."""

    reviews: dict = field(default_factory=dict)  # revisions.ReviewedLink by (from, link, to)
    #: (parent type, child type) pairs whose directives may be written one inside the other
    nesting_allowed: frozenset = frozenset()
    change_reasons: ChangeReasons = field(default_factory=ChangeReasons)


@dataclass(frozen=True)
class Finding:
    rule: Rule
    need: Need
    detail: str
    accepted_reason: str | None = None
    plan: str | None = None

    @property
    def blocking(self) -> bool:
        return self.rule.severity == ERROR and self.accepted_reason is None

    def location(self) -> str:
        doc = f"{self.need.get('docname') or '?'}{self.need.get('doctype') or ''}"
        return f"{doc}:{self.need.get('lineno') or '?'}"

    def __str__(self) -> str:
        return f"{self.location()}: [{self.rule.id}] {self.need['id']}: {self.rule.message}（{self.detail}）"


# ---------------------------------------------------------------- the rules


#: The generic word of a level, which a plan may call otherwise (its need's category: 指針).
_LEVEL_WORDS = {model.VISION: shared_words.VISION, model.POLICY: shared_words.POLICY}


def in_own_words(detail: str, need: Need) -> str:
    """「この基本方針の下に…」 said of a Koto 指針 reads 「この指針の下に…」."""
    word = _LEVEL_WORDS.get(need.get("type", ""))
    if not word or not need.get("category"):
        return detail
    return detail.replace(f"{words.THIS}{word}", f"{words.THIS}{need['category']}")


def _without(need_type: str, link: str, back: bool, detail: str) -> Callable[[Needs], Iterator[tuple[Need, str]]]:
    """A rule: every need of `need_type` has at least one `link` (or backlink)."""

    def check(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
        for need in model.of_type(needs, need_type):
            if not model.linked(needs, need, link, back=back):
                yield need, in_own_words(detail, need)

    return check


def _measure_has_name(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    for measure in model.of_type(needs, model.MEASURE):
        if not measure.get("name"):
            yield measure, words.MEASURE_WITHOUT_NAME


def _measure_has_kpi(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    for measure in model.of_type(needs, model.MEASURE):
        if not model.kpis_of(needs, measure):
            yield measure, words.NO_KPI_FOR_MEASURE


def _kpi_has_baseline(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    for target in model.of_type(needs, model.TARGET):
        if target.get("baseline_value") is None and target.get("baseline_text") is None:
            yield target, words.NO_BASELINE_IN_SOURCE


def _target_year_in_plan_period(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    for target in model.of_type(needs, model.TARGET):
        year = target.get("target_fy")
        if year is None:
            continue
        for plan in model.ancestors(needs, target, model.PLAN):
            start, end = plan.get("period_start"), plan.get("period_end")
            if start is None or end is None or start <= year <= end:
                continue
            yield target, words.target_year_outside(year=year, year_in_words=format_fiscal_year(year), plan=plan["id"], plan_period=words.period(start=format_fiscal_year(start), end=format_fiscal_year(end)))


def _target_wording_consistent(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    """The structured value must be what the source's wording says (2,600回以上)."""
    for target in model.of_type(needs, model.TARGET):
        if target.get("target_value") is None:
            continue
        structured = model.format_target_value(
            target["target_value"], target.get("target_unit"), target.get("target_qualifier")
        )
        if structured not in target["title"]:
            yield target, words.wording_mismatch(structured=structured, as_written=target["title"])


def _no_orphans(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    """A need of a type in [dxplan.hierarchy] without any of its parent links is an orphan."""
    for need in sorted(needs.values(), key=model.plan_order):
        links = model.parent_links().get(need.get("type", ""))
        if links and not any(need.get(link) for link in links):
            yield need, words.not_in_hierarchy(links)


def _links_not_suspect(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    for source, link, target, ends in suspect_links(needs, context.reviews):
        yield needs[source], words.changed_since_confirmed(link=link, target=target, ends=ends, source=source)


def _not_nested(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    """A need written inside another need's content: usually a closing ``` left out above it."""
    for need in sorted(needs.values(), key=model.plan_order):
        parent = needs.get(need.get("parent_need") or "")
        if parent is not None and (parent.get("type"), need.get("type")) not in context.nesting_allowed:
            yield need, words.nested_in(parent=parent["id"], parent_type=parent.get("type_name") or parent.get("type"))


def _no_raw_html(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    for need in sorted(needs.values(), key=model.plan_order):
        details = list(raw_html_in_need(need))
        if details:
            yield need, "；".join(details)


def _target_change_has_reason(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    yield from unexplained_target_changes(context.change_reasons, needs)


RULES: tuple[Rule, ...] = (
    Rule("need-not-nested", ERROR, words.NESTED_NEED, _not_nested),
    Rule("vision-has-policy", ERROR, words.VISION_WITHOUT_POLICY,
         _without(model.VISION, "vision", True, words.NO_POLICY_FOR_VISION)),
    Rule("policy-has-measure", ERROR, words.POLICY_WITHOUT_MEASURE,
         _without(model.POLICY, "policy", True, words.NO_MEASURE_UNDER_POLICY)),
    Rule("measure-has-owner", ERROR, words.MEASURE_WITHOUT_OWNER,
         _without(model.MEASURE, "owner", False, words.NO_OWNER_WRITTEN)),
    Rule("measure-has-kpi", ERROR, words.MEASURE_WITHOUT_KPI, _measure_has_kpi),
    Rule("kpi-has-target", ERROR, words.KPI_WITHOUT_TARGET, _without(model.KPI, "kpi", True, words.NO_TARGET_FOR_KPI)),
    Rule("target-year-in-plan-period", ERROR, words.TARGET_YEAR_OUTSIDE_PERIOD, _target_year_in_plan_period),
    Rule("target-wording-consistent", ERROR, words.TARGET_WORDING_MISMATCH, _target_wording_consistent),
    Rule("target-change-has-reason", ERROR, words.TARGET_CHANGE_WITHOUT_REASON, _target_change_has_reason),
    Rule("no-orphan-needs", ERROR, words.ORPHAN_NEED, _no_orphans),
    Rule("no-raw-html-in-plan", ERROR, words.RAW_HTML_IN_PLAN, _no_raw_html),
    Rule("measure-has-name", WARNING, words.MEASURE_WITHOUT_NAME, _measure_has_name),
    Rule("kpi-has-baseline", WARNING, words.TARGET_WITHOUT_BASELINE, _kpi_has_baseline),
    Rule("link-suspect", WARNING, words.SUSPECT_LINK, _links_not_suspect),
)
RULES_BY_ID = {rule.id: rule for rule in RULES}
RAW_HTML_RULE = "no-raw-html-in-plan"
#: Rules no plan may exempt and no accepted gap may silence: they keep script off the site.
NEVER_ACCEPTED = {RAW_HTML_RULE}

#: Rules sphinx-needs enforces itself on every build (never baselined), by warning type.
SPHINX_NEEDS_RULES: tuple[tuple[str, str], ...] = (
    ("needs.link_outgoing", words.LINK_TARGET_MISSING),
    ("needs.link_target_type", words.LINK_TARGET_TYPE),
    ("needs.create_need", words.NEED_NOT_MADE),
    ("sn_schema_violation", words.SCHEMA_VIOLATION),
)


# ---------------------------------------------------------------- accepted-gap baseline


@dataclass(frozen=True)
class AcceptedGap:
    rule: str
    need: str
    reason: str
    location: SourceLocation


def load_baseline(path: Path) -> list[AcceptedGap]:
    """Read needs/accepted-gaps.toml; every malformed entry is reported at once."""

    def rule_problems(entry: dict) -> list[str]:
        rule_id = entry["rule"]
        if rule_id not in RULES_BY_ID:
            return [words.unknown_rule(rule_id, RULES_BY_ID)]
        if rule_id in NEVER_ACCEPTED:
            return [words.never_accepted(rule_id=rule_id)]
        if RULES_BY_ID[rule_id].severity != ERROR:
            return [words.warning_needs_no_acceptance(rule_id=rule_id)]
        return []

    return [AcceptedGap(entry["rule"], entry["need"], entry["reason"], where)
            for entry, where in load_records(path, "gap", required=("rule", "need", "reason"), key=("rule", "need"),
                                             id_key="need", check=rule_problems)]


# ---------------------------------------------------------------- the report


@dataclass
class CoverageReport:
    findings: list[Finding]
    stale: list[AcceptedGap] = field(default_factory=list)
    #: per plan ID: rule ID → why the rule does not apply to that plan
    not_applied: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    def counts(self, plan: str | None = None) -> list[tuple[Rule, int, int]]:
        """Per rule: all findings, of which accepted (of one plan, or of all)."""
        findings = [f for f in self.findings if plan is None or f.plan == plan]
        return [
            (rule,
             sum(1 for f in findings if f.rule is rule),
             sum(1 for f in findings if f.rule is rule and f.accepted_reason))
            for rule in RULES
        ]

    def by_need(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for finding in self.findings:
            out.setdefault(finding.need["id"], []).append(finding)
        return out

    def stale_message(self, gap: AcceptedGap) -> str:
        return words.stale_gap(rule_id=gap.rule, need_id=gap.need, baseline_file=BASELINE_FILE)


ORPHAN_RULE = "no-orphan-needs"  # runs over every need: an orphan belongs to no plan


class PlanExemptions(Protocol):
    """The project's configuration as the rules read it (dxplan.config.ProjectConfig)."""

    def settings(self, plan_id: str) -> Any:
        """The plan's settings: their `rules_not_applied` maps a rule ID to why it does not apply."""


def coverage_report(needs: Needs, baseline: list[AcceptedGap], config: PlanExemptions | None = None,
                    context: RuleContext | None = None) -> CoverageReport:
    """Each plan's rules over that plan's needs (minus the rules its configuration exempts)."""
    context = context or RuleContext()
    accepted = {(g.rule, g.need): g for g in baseline}
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    plans = model.of_type(needs, model.PLAN)
    scopes = [(p["id"], model.plan_subset(needs, p["id"])) for p in plans] or [(None, dict(needs))]
    scopes.append((None, dict(needs)))
    not_applied = {}
    for index, (plan_id, scoped) in enumerate(scopes):
        last = index == len(scopes) - 1
        configured = config.settings(plan_id).rules_not_applied if plan_id and config is not None else {}
        exempt = {k: v for k, v in configured.items() if k not in NEVER_ACCEPTED}
        if plan_id:
            not_applied[plan_id] = dict(exempt)
        for rule in RULES:
            # The last scope (every need) runs the orphan rule, and raw HTML also outside any plan.
            if (rule.id == ORPHAN_RULE and not last) or (last and rule.id not in (ORPHAN_RULE, RAW_HTML_RULE)) \
                    or rule.id in exempt:
                continue
            for need, detail in rule.check(scoped, context):
                key = (rule.id, need["id"])
                if key in seen:
                    continue
                seen.add(key)
                gap = accepted.get(key)
                findings.append(Finding(rule, need, detail, gap.reason if gap else None, plan_id))
    stale = [g for key, g in accepted.items() if key not in seen]
    return CoverageReport(findings, stale, not_applied)
