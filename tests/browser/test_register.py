"""Two registers: residents' pages speak plain Japanese (no need IDs, file names, tool or
rule names); the secretariat's material lives in the 事務局向け section. And the answer
first: every KPI has one line with its target and year, its latest actual and year, and
this year's state in words."""

from __future__ import annotations

import re

import pytest

from .conftest import CONTENT_PAGES
from .test_content import needs  # noqa: F401  (fixture)

#: Pages of the 事務局向け section (and Sphinx's own index/search pages).
#: The pages that explain the source codes (出典): the codes are their key.
CODE_KEY_PAGES = {"sources.html", "koto/sources.html"}
SECRETARIAT_PAGES = {"reporting.html", "coverage.html", "ids.html", "genindex.html", "search.html"}
SECRETARIAT_WORDS = re.compile(
    r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b"              # need IDs: KPI_ONLINE_APPS, POL_3
    r"|\b[\w.-]+\.(?:toml|json|py|md|xlsx|csv)\b"      # file names
    r"|sphinx|ubproject|dxplan|make test"              # tools and commands
    r"|\b(?:measure|kpi|policy|vision)-has-[a-z-]+"   # rule IDs
    r"|受容|カバレッジ|トレーサビリティ"                 # the secretariat's jargon: 記載の不足, 対応表 instead
    r"|(?<![0-9A-Za-z,.，])00[0-4](?![0-9])",          # source codes: the name reads, the code is a tooltip
    re.IGNORECASE,
)
PUBLIC_PAGES = [p for p in CONTENT_PAGES if p not in SECRETARIAT_PAGES]


def secretariat_words(text: str) -> list[str]:
    return sorted(set(SECRETARIAT_WORDS.findall(text)))


def test_the_pattern_finds_what_a_resident_should_not_meet():
    found = secretariat_words("施策4（MEA_4）、出典 002、46,000件、needs/actuals.toml、sphinx-needs、measure-has-name、令和7年度、"
                              "受容済み、カバレッジ、トレーサビリティ表")
    assert found == ["002", "MEA_4", "actuals.toml", "measure-has-name", "sphinx", "カバレッジ", "トレーサビリティ", "受容"], found


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_shows_no_secretariat_words(reader, path):
    reader.visit(path)
    text = reader.text("article")
    assert len(text) > 100, f"{path}: 本文がありません"
    found = [w for w in secretariat_words(text) if not (path in CODE_KEY_PAGES and re.fullmatch(r"00[0-4]", w))]
    assert not found, f"{path}: 区民向けのページに事務局向けの語: {found}"


def test_secretariat_section_is_in_the_menu_and_holds_the_ids(reader):
    reader.visit("index.html")
    menu = reader.text(".sidebar-tree")
    assert "事務局向け" in menu and "カバレッジ" not in menu and "トレーサビリティ" not in menu, menu
    reader.visit("ids.html")
    assert "KPI_ONLINE_APPS" in reader.text("article")


ANSWER = re.compile(r"目標: (令和\d+（\d{4}）年度)に.+／最新の実績: .+／令和\d+（\d{4}）年度(の実績はまだ報告されていません|は「.+」)")


def test_every_kpi_target_has_an_answer_line_on_the_kpi_list(reader, needs):
    targets = [n for n in needs.values() if n["type"] == "target" and n.get("docname", "").startswith("policies/")]
    assert targets
    reader.visit("kpis.html")
    lines = reader.evaluate("[...document.querySelectorAll('ul.dxplan-answers > li')].map(li => li.innerText)")
    assert len(lines) == len(targets), lines
    for target in targets:
        line = next((ln for ln in lines if target["title"] in ln), None)
        assert line and ANSWER.search(line), f"{target['id']} の答えの行がありません: {line!r}"
    # Answer first: the lines come before the table, one tap from the top page.
    assert reader.evaluate("""() => {
        const a = document.querySelector('ul.dxplan-answers'), t = document.querySelector('table.dxplan-kpi-table');
        return !!(a.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    reader.visit("index.html")
    first = reader.evaluate("() => [...document.querySelectorAll('article a')].findIndex(a => a.getAttribute('href') === 'kpis.html')")
    assert 0 <= first < 5, "トップページの最初のほうに KPI の一覧へのリンクがありません"


@pytest.mark.parametrize("path", ["policies/policy-3.html", "policies/support-2.html"])
def test_policy_page_opens_with_its_kpis_answers(reader, path):
    reader.visit(path)
    first = reader.evaluate("() => document.querySelector('article h1').nextElementSibling?.nextElementSibling?.className || ''")
    assert "dxplan-answers" in first, first
    assert ANSWER.search(reader.text("ul.dxplan-answers"))


def test_gantt_axis_reads_in_reiwa(reader):
    """The plan-period chart's axis says 令和N年 like the rest of the site, not 2022年."""
    reader.visit("plan/index.html")
    ticks = reader.page.evaluate("[...document.querySelectorAll('pre.mermaid .tick text')].map(t => t.textContent)")
    assert ticks and all(re.fullmatch(r"令和(元|\d+)年", t.strip()) for t in ticks), ticks
