"""Raw HTML in plan content (a need's title, fields, body) fires `no-raw-html-in-plan`."""

import pytest

from dxplan.core.rules import coverage_report, load_baseline
from dxplan.core.errors import DataErrors
from dxplan.core.raw_html import raw_html_in_need
from tests.plan_factory import small_plan

SVG = '"><svg onload=alert(document.domain)>'


@pytest.mark.parametrize("field,value,where", [
    ("title", f"試験施策{SVG}", "タイトル"),
    ("target_unit", "<img src=http://127.0.0.2/x>", "フィールド target_unit"),
    ("source", ["000", "<script>alert(1)</script>"], "フィールド source"),
])
def test_html_in_title_or_field_is_named(field, value, where):
    need = {"id": "MEA_T", "type": "measure", "docname": "policies/p", "doctype": ".md", field: value}
    [detail] = raw_html_in_need(need)
    assert detail.startswith(where), detail


def test_html_in_body_names_file_and_line_also_inside_a_nested_directive():
    # MyST counts lineno_content from the directive line (25): the body starts on line 31.
    body = "一行目\n\n<script>alert(1)</script>\n\n```{note}\n注記 <img src=http://127.0.0.2/x> です\n```\n"
    need = {"id": "MEA_T", "docname": "policies/p", "doctype": ".md", "content": body, "lineno": 25, "lineno_content": 6}
    details = list(raw_html_in_need(need))
    assert details[0].startswith("policies/p.md:33 の本文") and "<script>" in details[0]
    assert details[1].startswith("policies/p.md:36 の本文") and "<img" in details[1]


@pytest.mark.parametrize("text", ["1 < 2 かつ 3 > 2", "A&B", "=HYPERLINK(\"x\")"])
def test_text_that_is_not_html_does_not_fire(text):
    assert list(raw_html_in_need({"id": "X", "title": text, "content": text})) == []


def test_html_as_code_in_a_body_does_not_fire():
    assert list(raw_html_in_need({"id": "X", "content": "`<script>` はコードとして書けます"})) == []


def test_rule_fires_outside_any_plan_and_cannot_be_accepted_or_exempted(tmp_path):
    needs = small_plan(SEC_T={"id": "SEC_T", "type": "section", "title": "試験課<script>"})
    report = coverage_report(needs, [])
    assert [(f.rule.id, f.need["id"]) for f in report.blocking] == [("no-raw-html-in-plan", "SEC_T")]
    baseline = tmp_path / "accepted-gaps.toml"
    baseline.write_text('[[gap]]\nrule = "no-raw-html-in-plan"\nneed = "SEC_T"\nreason = "x"\n', encoding="utf-8")
    with pytest.raises(DataErrors, match="受容できません"):
        load_baseline(baseline)
