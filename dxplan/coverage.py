"""The coverage rules in the build: the findings that fail it, the coverage page, the report kept between builds.

The rules and the report are plain code (core/rules.py); project.py reads what they read with the
project's configuration. Here: the report computed once per build (or restored when nothing the
rules read changed, see incremental.py), its blocking findings as warnings, and the page.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from dxplan.config import CONFIG_FILE, project_config
from dxplan.core import model
from dxplan.core.change_reasons import CHANGE_REASONS_FILE, check_change_reasons_file
from dxplan.core.labels import build as build_words, rules as words
from dxplan.core.model import Needs
from dxplan.core.revisions import REVIEWS_FILE
from dxplan.core.rules import (BASELINE_FILE, ERROR, ORPHAN_RULE, RULES, SPHINX_NEEDS_RULES, WARNING, AcceptedGap,
                               CoverageReport, Finding, load_baseline)
from dxplan.datafiles import broken_files, register_data_file
from dxplan.internals import resolved_needs
from dxplan.project import project_report
from dxplan.render import gap, table
from dxplan.views import register_view
from dxplan.core import labels as shared_words

logger = logging.getLogger(__name__)
_REPORT_ATTR = "dxplan_coverage_report"
#: Set by incremental.py to the last build's compact report when it still holds.
UNCHANGED_REPORT_ATTR = "dxplan_unchanged_coverage_report"


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
        # An unreadable baseline is reported by the data-file check (datafiles.py); no gap is accepted.
        report = project_report(Path(app.confdir), needs, project_config(app))[0]
        setattr(app, _REPORT_ATTR, report)
    return report


#: Data files the rules read: while one cannot be read, its error is the finding (no follow-on noise).
RULE_INPUTS = (BASELINE_FILE, REVIEWS_FILE, CONFIG_FILE, "needs/sections.toml", CHANGE_REASONS_FILE)


def report_findings(app: Sphinx, builder=None) -> None:
    """The blocking findings, on every build (write-started runs whether or not a page was read)."""
    unreadable = broken_files(app) & set(RULE_INPUTS)
    if unreadable:
        logger.info(build_words.rules_wait_for(sorted(unreadable)))
        return
    report = build_report(app)
    for finding in report.blocking:
        logger.warning(
            f"[{finding.rule.id}] {finding.need['id']}: {finding.rule.message}（{finding.detail}）",
            type="dxplan", subtype=finding.rule.id,
            location=(finding.need["docname"], finding.need["lineno"]),
        )
    for entry in report.stale:
        logger.warning(report.stale_message(entry), type="dxplan", subtype="stale-baseline", location=str(entry.location))
    total = len(report.findings)
    accepted = sum(1 for f in report.findings if f.accepted_reason)
    logger.info(f"dxplan coverage: {total} findings, {accepted} accepted, "
                f"{len(report.blocking)} blocking, {len(report.stale)} stale baseline entries")


def render_coverage(ctx) -> list[nodes.Node]:
    report = build_report(ctx.app)
    severity = {ERROR: words.ERROR, WARNING: words.WARNING}
    columns = [words.RULE_ID, shared_words.CONTENT, words.SEVERITY, words.COUNT]
    out: list[nodes.Node] = []
    all_needs = resolved_needs(ctx.app)
    for plan in model.of_type(all_needs, model.PLAN):
        exempt = report.not_applied.get(plan["id"], {})
        rows = [[rule.id, rule.message, severity[rule.severity],
                 *((words.not_applied(reason=exempt[rule.id]), "—", "—") if rule.id in exempt else
                   (str(total), *((str(accepted), str(total - accepted)) if rule.severity == ERROR else ("—", "—"))))]
                for rule, total, accepted in report.counts(plan["id"]) if rule.id != ORPHAN_RULE]
        out.append(table([*columns, words.ACCEPTED, words.UNACCEPTED], rows,
                         caption=words.counts_caption(plan_title=plan["title"]), classes=["dxplan-coverage-counts"]))
    orphans = report.counts(None)
    out.append(table(columns,
                     [[r.id, r.message, severity[r.severity], str(t)] for r, t, _ in orphans if r.id == ORPHAN_RULE],
                     caption=words.ORPHANS_CAPTION))
    sn_rows = [[rule_id, text, words.ERROR, "0"] for rule_id, text in SPHINX_NEEDS_RULES]
    out.append(table(columns, sn_rows, caption=words.SPHINX_NEEDS_CAPTION))
    for rule, total, accepted in report.counts():
        findings = [f for f in report.findings if f.rule is rule]
        if not findings:
            continue
        out.append(nodes.rubric("", words.rule_heading(rule.id, rule.message, total, accepted)))
        by_status: dict[str, list[Finding]] = {}
        for finding in findings:
            status = (words.accepted_because(reason=finding.accepted_reason) if finding.accepted_reason
                      else words.UNACCEPTED_FAILS if rule.severity == ERROR else words.WARNING_ONLY)
            by_status.setdefault(status, []).append(finding)
        for status, group in by_status.items():
            para = nodes.paragraph(classes=["dxplan-coverage-group"])
            para += nodes.strong("", f"{status}: ")
            for i, finding in enumerate(group):
                if i:
                    para += nodes.Text(shared_words.LIST_SEPARATOR)
                para += ctx.link(finding.need, f"{finding.need['id']}（{finding.need['title']}）")
            out.append(para)
    if not report.findings:
        out.append(nodes.paragraph("", words.NO_GAPS))
    if report.stale:
        para = nodes.paragraph()
        para += gap(words.stale_entries(len(report.stale)))
        out.append(para)
    return out


def setup_coverage(app: Sphinx) -> None:
    register_data_file(BASELINE_FILE, "baseline", lambda app, path: load_baseline(path))
    register_data_file(CHANGE_REASONS_FILE, "change-reasons", lambda app, path: check_change_reasons_file(path))
    app.connect("write-started", report_findings, priority=800)  # after the data-file check (700)
    register_view("coverage", render_coverage, depends_on=(BASELINE_FILE, "needs/reviews.toml"))
