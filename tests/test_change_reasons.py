"""変更理由: a changed target without a reason fails every build; reasons come only from the sources."""

import re

import pytest

from dxplan.core.change_reasons import CHANGE_REASONS_FILE, load_change_reasons, stale_reasons, unexplained_target_changes
from dxplan.core.labels import CHANGE_REASON_GAP
from dxplan.core.rules import RuleContext, coverage_report
from dxplan.core.revisions import snapshot_document, write_snapshot
from tests.conftest import build, copy_project
from tests.plan_factory import small_plan
from tests.seeds import seeds_dir

POLICY_1 = "docs/policies/policy-1.md"


def _project(tmp_path, reasons: str, before, name="v1"):
    """A scratch folder holding one synthetic snapshot and a reasons file."""
    write_snapshot(tmp_path / "needs" / "snapshots" / f"{name}.json",
                   snapshot_document(before, name=name, plan_id="PLAN_T", source="synthetic"))
    (tmp_path / CHANGE_REASONS_FILE).write_text(f'[[sequence]]\nrevisions = ["{name}"]\n' + reasons, encoding="utf-8")
    return tmp_path


def _raised_target():
    raised = dict(small_plan()["TGT_T"], title="2,700回以上", target_value=2700.0)
    return small_plan(TGT_T=raised)


def test_changed_target_without_reason_is_a_blocking_finding_naming_target_and_file(tmp_path):
    root = _project(tmp_path, "", small_plan())
    reasons, errors = load_change_reasons(root)
    assert errors == []
    report = coverage_report(_raised_target(), [], context=RuleContext(change_reasons=reasons))
    found = [f for f in report.blocking if f.rule.id == "target-change-has-reason"]
    assert [f.need["id"] for f in found] == ["TGT_T"]
    assert "目標値 2600 → 2700" in found[0].detail and CHANGE_REASONS_FILE in found[0].detail
    assert found[0].location() == "synthetic.md:6"


@pytest.mark.parametrize("entry", [
    'quote = "（合成データ）目標を引き上げる"\nsource = "合成データ"\n',
    'gap = "合成データ: 出典は理由を記載していない"\n',
])
def test_a_quoted_reason_or_a_recorded_gap_answers_the_rule(tmp_path, entry):
    root = _project(tmp_path, f'[[reason]]\nrevision = "current"\nneed = "TGT_T"\n{entry}', small_plan())
    reasons, errors = load_change_reasons(root)
    assert errors == [] and list(unexplained_target_changes(reasons, _raised_target())) == []
    assert stale_reasons(reasons, _raised_target()) == []


def test_unchanged_target_needs_no_reason_and_a_reason_for_no_change_is_stale(tmp_path):
    root = _project(tmp_path, '[[reason]]\nrevision = "current"\nneed = "TGT_T"\ngap = "x"\n', small_plan())
    reasons, _ = load_change_reasons(root)
    assert list(unexplained_target_changes(reasons, small_plan())) == []
    stale = stale_reasons(reasons, small_plan())
    assert len(stale) == 1 and "current にこの項目の変更がありません" in str(stale[0]) and "TGT_T" in str(stale[0])


def test_malformed_reasons_are_reported_with_file_line_and_id(tmp_path):
    root = _project(tmp_path, '\n[[reason]]\nrevision = "current"\nneed = "TGT_T"\nquote = "引用だけ"\n'
                              '\n[[reason]]\nrevision = "current"\nneed = "TGT_T"\ngap = "x"\nwhy = "?"\n'
                              '\n[[sequence]]\nrevisions = ["nosuch"]\n', small_plan())
    _, errors = load_change_reasons(root)
    text = "\n".join(map(str, errors))
    assert re.search(r"change-reasons\.toml:4: TGT_T: quote と source", text), text
    assert re.search(r"change-reasons\.toml:9: TGT_T: 未知の項目があります: why", text), text
    assert "nosuch: スナップショット needs/snapshots/nosuch.json がありません" in text


def test_reasons_of_the_real_plan_quote_002_exactly_or_are_gaps():
    from dxplan.core.change_reasons import load_change_reasons as load
    from tests.conftest import ROOT

    reasons, errors = load(ROOT)
    assert errors == []
    source = next(seeds_dir().glob("002_*.txt")).read_text(encoding="utf-8")
    quoted = {r.need: r for r in reasons.reasons.values() if not r.gap}
    assert set(quoted) == {"POL_5", "SUP_1", "SUP_2", "SUP_3"}
    for reason in quoted.values():
        assert reason.quote in source and reason.source.startswith("002")
    assert all(r.gap for r in reasons.reasons.values() if r.need not in quoted)


def test_changes_page_shows_quoted_reasons_and_gaps(site):
    from html import unescape

    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", (site / "changes.html").read_text(encoding="utf-8"))).split())
    # Sources read as words (their code in the tooltip); versions are named by plan and source.
    squashed = text.replace(" ", "")  # the source's name is an <abbr> with its code as the tooltip
    assert "『前期実施計画進捗に伴い表面化した課題を克服するため、「推進体制」を強化』（出典:後期実施計画の概要冒頭" in squashed
    assert f"{CHANGE_REASON_GAP}（後期実施計画の概要は基本方針Ⅲの改称".replace(" ", "") in squashed
    assert 'title="002 は基本方針Ⅲの改称' in (site / "changes.html").read_text(encoding="utf-8")
    assert "変更の件数（板橋区DX推進計画2025 後期実施計画（後期実施計画の概要）の版 → 現在の掲載内容）" in text
    assert "kouki-002" not in text and "PLAN_DX2025_LATE" not in text


def test_changed_target_fails_the_build_and_every_rebuild_until_a_reason_is_recorded(tmp_path):
    project = copy_project(tmp_path)
    page = project / POLICY_1
    page.write_text(page.read_text(encoding="utf-8").replace("2,600回以上", "2,700回以上").replace(
        ":target_value: 2600", ":target_value: 2700"), encoding="utf-8")  # synthetic change
    line = next(i for i, t in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if "2,700回以上" in t)
    pattern = rf"policy-1\.md:{line}: WARNING: \[target-change-has-reason\] TGT_TELEWORK: .*needs/change-reasons\.toml"
    for _ in range(2):  # a clean build, then a no-op rebuild: the finding never goes quiet
        result = build(project)
        assert result.returncode != 0
        assert re.search(pattern, result.output), result.output
    with (project / CHANGE_REASONS_FILE).open("a", encoding="utf-8") as handle:
        handle.write('\n[[reason]]\nrevision = "current"\nneed = "TGT_TELEWORK"\n'
                     'gap = "合成データ（テスト）: 出典は理由を記載していない"\n')
    result = build(project)
    assert result.returncode == 0, result.output
    html = (result.outdir / "changes.html").read_text(encoding="utf-8")
    assert "2,700回以上" in html and CHANGE_REASON_GAP in html and "合成データ（テスト）" in html
