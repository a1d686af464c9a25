"""Named coverage rules over need records, listed in one place (RULES), and the report.

Each rule has a stable ID, a Japanese message and a severity:
- "error": a finding fails the build (a Sphinx warning under -W) unless the accepted-gap
  baseline (needs/accepted-gaps.toml) lists it with a reason citing the source;
- "warning": shown and counted on the coverage page, never fails the build.
Integrity rules that sphinx-needs checks itself (field types, link targets and their types,
schema rules in ubproject.toml) are listed in SPHINX_NEEDS_RULES and fail every build.
The build and `dxplan check` both call `coverage_report`; nothing is implemented twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dxplan.change_reasons import CHANGE_REASONS_FILE, ChangeReasons, unexplained_target_changes
from dxplan.change_reasons import check_file as check_change_reasons_file, load_change_reasons
from dxplan.config import CONFIG_FILE, ProjectConfig, load_project_config, project_config
from dxplan.core import model
from dxplan.core.errors import DataError, DataErrors, SourceLocation, load_records
from dxplan.core.fiscal import format_fiscal_year
from dxplan.core.model import Need, Needs
from dxplan.core.revisions import ID_MAP_FILE, REVIEWS_FILE, SNAPSHOT_DIR, load_reviews, suspect_links
from dxplan.datafiles import broken_files, register_data_file
from dxplan.render import gap, table
from dxplan.security import raw_html_in_need
from dxplan.views import register_view

BASELINE_FILE = "needs/accepted-gaps.toml"
#: What the rules read besides the needs: the baseline, the link reviews, the [dxplan] table.
COVERAGE_FILES = (BASELINE_FILE, REVIEWS_FILE, CONFIG_FILE, CHANGE_REASONS_FILE, ID_MAP_FILE)


def coverage_files(root: Path) -> tuple[str, ...]:
    """COVERAGE_FILES and the snapshots (target-change-has-reason compares them)."""
    return COVERAGE_FILES + tuple(sorted(p.relative_to(root).as_posix() for p in (root / SNAPSHOT_DIR).glob("*.json")))


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
_LEVEL_WORDS = {model.VISION: "ビジョン", model.POLICY: "基本方針"}


def in_own_words(detail: str, need: Need) -> str:
    """「この基本方針の下に…」 said of a Koto 指針 reads 「この指針の下に…」."""
    word = _LEVEL_WORDS.get(need.get("type", ""))
    return detail.replace(f"この{word}", f"この{need['category']}") if word and need.get("category") else detail


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
            yield measure, "施策名が出典にありません"


def _measure_has_kpi(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    for measure in model.of_type(needs, model.MEASURE):
        if not model.kpis_of(needs, measure):
            yield measure, "この施策（またはそれを含む施策のまとまり）を測る KPI がありません"


def _kpi_has_baseline(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    for target in model.of_type(needs, model.TARGET):
        if target.get("baseline_value") is None and target.get("baseline_text") is None:
            yield target, "基準値（実績）が出典にありません"


def _target_year_in_plan_period(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
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


def _target_wording_consistent(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    """The structured value must be what the source's wording says (2,600回以上)."""
    for target in model.of_type(needs, model.TARGET):
        if target.get("target_value") is None:
            continue
        structured = model.format_target_value(
            target["target_value"], target.get("target_unit"), target.get("target_qualifier")
        )
        if structured not in target["title"]:
            yield target, f"数値・単位・条件「{structured}」が出典の表記「{target['title']}」と一致しません"


def _no_orphans(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    """A need of a type in [dxplan.hierarchy] without any of its parent links is an orphan."""
    for need in sorted(needs.values(), key=model.plan_order):
        links = model.parent_links().get(need.get("type", ""))
        if links and not any(need.get(link) for link in links):
            yield need, f"計画の体系につながっていません（{' / '.join(links)} のリンクがありません）"


def _links_not_suspect(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    for source, link, target, ends in suspect_links(needs, context.reviews):
        yield needs[source], f"{link} → {target}: {ends}が確認後に変わりました（dxplan review --confirm {source}）"


def _not_nested(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    """A need written inside another need's content: usually a closing ``` left out above it."""
    for need in sorted(needs.values(), key=model.plan_order):
        parent = needs.get(need.get("parent_need") or "")
        if parent is not None and (parent.get("type"), need.get("type")) not in context.nesting_allowed:
            yield need, (f"{parent['id']}（{parent.get('type_name') or parent.get('type')}）の本文の中に書かれています。"
                         f"{parent['id']} の指令の閉じ記号（```）が抜けていないか確認してください")


def _no_raw_html(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    for need in sorted(needs.values(), key=model.plan_order):
        details = list(raw_html_in_need(need))
        if details:
            yield need, "；".join(details)


def _target_change_has_reason(needs: Needs, context: RuleContext) -> Iterator[tuple[Need, str]]:
    yield from unexplained_target_changes(context.change_reasons, needs)


RULES: tuple[Rule, ...] = (
    Rule("need-not-nested", ERROR, "項目が別の項目の本文の中に書かれています", _not_nested),
    Rule("vision-has-policy", ERROR, "ビジョンに基本方針がありません",
         _without(model.VISION, "vision", True, "このビジョンにつながる基本方針がありません")),
    Rule("policy-has-measure", ERROR, "基本方針に施策がありません",
         _without(model.POLICY, "policy", True, "この基本方針の下に施策がありません")),
    Rule("measure-has-owner", ERROR, "施策に主管課がありません",
         _without(model.MEASURE, "owner", False, "主管課が記載されていません")),
    Rule("measure-has-kpi", ERROR, "施策に KPI がありません", _measure_has_kpi),
    Rule("kpi-has-target", ERROR, "KPI に目標値がありません",
         _without(model.KPI, "kpi", True, "この KPI の目標値がありません")),
    Rule("target-year-in-plan-period", ERROR, "目標年度が計画期間の外です", _target_year_in_plan_period),
    Rule("target-wording-consistent", ERROR, "目標値の数値と出典の表記が一致しません", _target_wording_consistent),
    Rule("target-change-has-reason", ERROR, "目標値・単位・目標年度・基準値の変更に変更理由がありません",
         _target_change_has_reason),
    Rule("no-orphan-needs", ERROR, "体系につながっていない項目があります", _no_orphans),
    Rule("no-raw-html-in-plan", ERROR, "計画の内容（タイトル・フィールド・本文）に HTML があります（文字として表示します）",
         _no_raw_html),
    Rule("measure-has-name", WARNING, "施策名が出典にありません", _measure_has_name),
    Rule("kpi-has-baseline", WARNING, "目標値に基準値（実績）がありません", _kpi_has_baseline),
    Rule("link-suspect", WARNING, "確認が必要なリンクがあります（リンクの元か先の名称・目標が変わった）", _links_not_suspect),
)
RULES_BY_ID = {rule.id: rule for rule in RULES}
RAW_HTML_RULE = "no-raw-html-in-plan"
#: Rules no plan may exempt and no accepted gap may silence: they keep script off the site.
NEVER_ACCEPTED = {RAW_HTML_RULE}

#: Rules sphinx-needs enforces itself on every build (never baselined), by warning type.
SPHINX_NEEDS_RULES: tuple[tuple[str, str], ...] = (
    ("needs.link_outgoing", "リンク先の項目が存在しません"),
    ("needs.link_target_type", "リンク先の項目の種類が誤っています（例: KPI の対象が施策・基本方針でない）"),
    ("needs.create_need", "項目を作れません（ID の重複・ID の規則違反・フィールドの型の誤り）"),
    ("sn_schema_violation", "ubproject.toml のスキーマ規則に違反しています（出典・目標年度・単位など）"),
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
            return [f"未知の規則 ID です: {rule_id}（{', '.join(RULES_BY_ID)}）"]
        if rule_id in NEVER_ACCEPTED:
            return [f"規則 {rule_id} は受容できません（HTML を取り除いてください）"]
        if RULES_BY_ID[rule_id].severity != ERROR:
            return [f"規則 {rule_id} は警告なので受容リストに載せる必要はありません"]
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
        return (f"[{gap.rule}] {gap.need}: 受容リストの記載が古くなっています"
                "（この不足はもうありません。needs/accepted-gaps.toml から削除してください）")


ORPHAN_RULE = "no-orphan-needs"  # runs over every need: an orphan belongs to no plan


def coverage_report(needs: Needs, baseline: list[AcceptedGap], config: ProjectConfig | None = None,
                    context: RuleContext | None = None) -> CoverageReport:
    """Each plan's rules over that plan's needs (minus the rules its configuration exempts)."""
    config = config or ProjectConfig(None, {})
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
        exempt = {k: v for k, v in (config.settings(plan_id).rules_not_applied if plan_id else {}).items()
                  if k not in NEVER_ACCEPTED}
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


# ---------------------------------------------------------------- Sphinx wiring
# (kept below the plain functions: the CLI imports this module without needing an app)

from docutils import nodes  # noqa: E402
from sphinx.application import Sphinx  # noqa: E402
from sphinx.util import logging  # noqa: E402

from dxplan.internals import resolved_needs  # noqa: E402

logger = logging.getLogger(__name__)
_REPORT_ATTR = "dxplan_coverage_report"
#: Set by incremental.py to the last build's compact report when it still holds.
UNCHANGED_REPORT_ATTR = "dxplan_unchanged_coverage_report"


def rule_context(root: Path) -> RuleContext:
    try:
        return RuleContext(reviews=load_reviews(root / REVIEWS_FILE),
                           nesting_allowed=load_project_config(root / CONFIG_FILE).nesting_allowed,
                           change_reasons=load_change_reasons(root)[0])
    except DataErrors:
        return RuleContext()  # the data-file check reports the file; the rules wait for it


CompactReport = tuple[list[tuple[str, str, str, "str | None", "str | None"]], list[AcceptedGap], dict]


def compact_report(report: CoverageReport) -> CompactReport:
    """The report without the need records, small enough to keep in the environment."""
    return ([(f.rule.id, f.need["id"], f.detail, f.accepted_reason, f.plan) for f in report.findings],
            list(report.stale), dict(report.not_applied))


def restore_report(compact: CompactReport, needs: Needs) -> CoverageReport | None:
    """The report again, over these needs (None if it no longer fits them)."""
    rules = {rule.id: rule for rule in RULES}
    findings = []
    for rule_id, need_id, detail, accepted_reason, plan in compact[0]:
        if rule_id not in rules or need_id not in needs:
            return None
        findings.append(Finding(rules[rule_id], needs[need_id], detail, accepted_reason, plan))
    return CoverageReport(findings, list(compact[1]), dict(compact[2]))


def build_report(app: Sphinx) -> CoverageReport:
    """The report of this build, computed once from the resolved needs.

    When nothing the rules read changed since the last build (incremental.py decides), the
    last build's report is restored instead of running every rule over every need again.
    """
    report = getattr(app, _REPORT_ATTR, None)
    if report is None:
        needs = resolved_needs(app)
        unchanged = getattr(app, UNCHANGED_REPORT_ATTR, None)
        report = restore_report(unchanged, needs) if unchanged else None
        if report is not None:
            setattr(app, _REPORT_ATTR, report)
            return report
        try:
            baseline = load_baseline(Path(app.confdir) / BASELINE_FILE)
        except DataErrors:
            baseline = []  # reported by the data-file check (datafiles.py); findings are withheld
        report = coverage_report(needs, baseline, project_config(app),
                                 rule_context(Path(app.confdir)))
        setattr(app, _REPORT_ATTR, report)
    return report


#: Data files the rules read: while one cannot be read, its error is the finding (no follow-on noise).
RULE_INPUTS = (BASELINE_FILE, REVIEWS_FILE, CONFIG_FILE, "needs/sections.toml", CHANGE_REASONS_FILE)


def report_findings(app: Sphinx, builder=None) -> None:
    """The blocking findings, on every build (write-started runs whether or not a page was read)."""
    unreadable = broken_files(app) & set(RULE_INPUTS)
    if unreadable:
        logger.info(f"dxplan: {'、'.join(sorted(unreadable))} を読めないため、規則の検査はそれを直してから行います")
        return
    report = build_report(app)
    for finding in report.blocking:
        logger.warning(
            f"[{finding.rule.id}] {finding.need['id']}: {finding.rule.message}（{finding.detail}）",
            type="dxplan", subtype=finding.rule.id,
            location=(finding.need["docname"], finding.need["lineno"]),
        )
    for gap in report.stale:
        logger.warning(report.stale_message(gap), type="dxplan", subtype="stale-baseline", location=str(gap.location))
    total = len(report.findings)
    accepted = sum(1 for f in report.findings if f.accepted_reason)
    logger.info(f"dxplan coverage: {total} findings, {accepted} accepted, "
                f"{len(report.blocking)} blocking, {len(report.stale)} stale baseline entries")


def render_coverage(ctx) -> list[nodes.Node]:
    report = build_report(ctx.app)
    severity = {ERROR: "エラー", WARNING: "警告"}
    out: list[nodes.Node] = []
    all_needs = resolved_needs(ctx.app)
    for plan in model.of_type(all_needs, model.PLAN):
        exempt = report.not_applied.get(plan["id"], {})
        rows = [[rule.id, rule.message, severity[rule.severity],
                 *((f"適用しない: {exempt[rule.id]}", "—", "—") if rule.id in exempt else
                   (str(total), *((str(accepted), str(total - accepted)) if rule.severity == ERROR else ("—", "—"))))]
                for rule, total, accepted in report.counts(plan["id"]) if rule.id != ORPHAN_RULE]
        out.append(table(["規則 ID", "内容", "重大度", "件数", "うち受容済み", "未受容"], rows,
                         caption=f"規則ごとの件数: {plan['title']}", classes=["dxplan-coverage-counts"]))
    orphans = report.counts(None)
    out.append(table(["規則 ID", "内容", "重大度", "件数"],
                     [[r.id, r.message, severity[r.severity], str(t)] for r, t, _ in orphans if r.id == ORPHAN_RULE],
                     caption="どの計画にも属さない項目"))
    sn_rows = [[rule_id, text, "エラー", "0"] for rule_id, text in SPHINX_NEEDS_RULES]
    out.append(table(["規則 ID", "内容", "重大度", "件数"], sn_rows,
                     caption="sphinx-needs が検査する規則（違反があるとビルドが失敗するため、公開中のサイトでは常に 0 件）"))
    for rule, total, accepted in report.counts():
        findings = [f for f in report.findings if f.rule is rule]
        if not findings:
            continue
        out.append(nodes.rubric("", f"{rule.id}: {rule.message}（{total}件、うち受容済み {accepted}件）"))
        by_status: dict[str, list[Finding]] = {}
        for finding in findings:
            status = (f"受容済み（理由: {finding.accepted_reason}）" if finding.accepted_reason
                      else "未受容: ビルドは失敗します" if rule.severity == ERROR else "警告（表示のみ）")
            by_status.setdefault(status, []).append(finding)
        for status, group in by_status.items():
            para = nodes.paragraph(classes=["dxplan-coverage-group"])
            para += nodes.strong("", f"{status}: ")
            for i, finding in enumerate(group):
                if i:
                    para += nodes.Text("、")
                para += ctx.link(finding.need, f"{finding.need['id']}（{finding.need['title']}）")
            out.append(para)
    if not report.findings:
        out.append(nodes.paragraph("", "不足はありません。"))
    if report.stale:
        para = nodes.paragraph()
        para += gap(f"古くなった受容リストの記載: {len(report.stale)}件")
        out.append(para)
    return out


def setup_coverage(app: Sphinx) -> None:
    register_data_file(BASELINE_FILE, "baseline", lambda app, path: load_baseline(path))
    register_data_file(CHANGE_REASONS_FILE, "change-reasons", lambda app, path: check_change_reasons_file(path))
    app.connect("write-started", report_findings, priority=800)  # after the data-file check (700)
    register_view("coverage", render_coverage, depends_on=(BASELINE_FILE, "needs/reviews.toml"))
