"""Revisions: diff (added/removed/changed/renamed), git-revision diff, suspect links. Synthetic data."""

import json
from dataclasses import replace
import subprocess
import sys

from dxplan.core import model
from dxplan.core.errors import SourceLocation
from dxplan.core.revisions import (SameObject, confirm_links, diff_needs, merge_reviews, write_reviews, load_reviews, snapshot_document,
                              suspect_links)
from tests.conftest import copy_project
from tests.plan_factory import make_needs, small_plan


def _renumbered():
    """The small plan again, with the measure renumbered, its KPI target raised, a KPI added."""
    old = small_plan()
    records = [dict(n) for n in old.values() if n["id"] not in ("MEA_T",)]
    for r in records:
        if r["id"] == "KPI_T":
            r["measures"] = ["MEA_NEW"]
        if r["id"] == "TGT_T":
            r.update(title="2,700回以上", target_value=2700.0)
        if r["id"] == "POL_T":
            r["title"] = "改称後の方針"
    records += [{"id": "MEA_NEW", "type": "measure", "policy": ["POL_T"], "owner": ["SEC_T"], "name": "試験施策",
                 "title": "施策3"},
                {"id": "KPI_ADDED", "type": "kpi", "measures": ["MEA_NEW"], "title": "新KPI"}]
    for r in records:
        for key in [k for k in r if k.endswith("_back")]:
            del r[key]
    return old, make_needs(*records)


def test_diff_reports_added_removed_changed_and_renamed():
    old, new = _renumbered()
    same = [SameObject("MEA_T", "MEA_NEW", "前期の施策が後期の施策3になった（synthetic）", SourceLocation("id-map.toml", 1))]
    changes = {(c.kind, c.old_id, c.new_id): c for c in diff_needs(old, new, same)}
    assert ("added", None, "KPI_ADDED") in changes
    renamed = changes[("renamed", "MEA_T", "MEA_NEW")]
    assert ("title", "MEA_T", "施策3") in renamed.fields and renamed.note.startswith("前期")
    target = changes[("changed", "TGT_T", "TGT_T")]
    assert ("target_value", 2600.0, 2700.0) in target.fields and ("title", "2,600回以上", "2,700回以上") in target.fields
    assert ("title", "POL_T", "改称後の方針") in changes[("changed", "POL_T", "POL_T")].fields
    # The KPI's link moved with the renumbered measure: not reported as a change.
    assert ("changed", "KPI_T", "KPI_T") not in changes
    # Without the declared mapping the same edit is a removal plus an addition.
    plain = {(c.kind, c.old_id, c.new_id) for c in diff_needs(old, new)}
    assert ("removed", "MEA_T", None) in plain and ("added", None, "MEA_NEW") in plain
    assert ("changed", "KPI_T", "KPI_T") in plain
    assert "[改番・改称] MEA_T → MEA_NEW" in renamed.as_text()


def test_changed_target_makes_links_suspect_until_confirmed(tmp_path):
    old, _ = _renumbered()
    reviews = confirm_links(old, {}, None)
    assert suspect_links(old, reviews) == []
    changed = make_needs(*[{**{k: v for k, v in n.items() if not k.endswith("_back")},
                            **({"title": "2,700回以上", "target_value": 2700.0} if n["id"] == "TGT_T" else {})}
                           for n in old.values()])
    suspects = suspect_links(changed, reviews)
    assert ("KPI_T", "measures", "MEA_T", "リンク元") in suspects  # the KPI's target changed
    assert ("TGT_T", "kpi", "KPI_T", "リンク元・リンク先") in suspects
    path = tmp_path / "reviews.toml"
    path.write_text(merge_reviews("", confirm_links(changed, reviews, {"KPI_T", "TGT_T"})), encoding="utf-8")
    assert suspect_links(changed, load_reviews(path)) == []


def test_reviews_are_written_by_the_one_record_writer_keeping_comments(tmp_path):
    """write_reviews edits the file through tomlkit: a clerk's comment stays, a value with a quote is escaped."""
    old, _ = _renumbered()
    reviews = confirm_links(old, {}, None)
    path = tmp_path / "reviews.toml"
    path.write_text("# 事務局のメモ: 残すこと\n", encoding="utf-8")
    first = next(iter(reviews))
    odd = {first: replace(reviews[first], confirmed_at='2026-12-02 "確認"')}
    write_reviews(path, {**reviews, **odd})
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 事務局のメモ: 残すこと")
    assert load_reviews(path) == {**reviews, **odd}


def test_snapshot_holds_one_plan():
    needs = small_plan()
    document = snapshot_document(needs, name="test", plan_id="PLAN_T", source="synthetic")
    assert set(document["versions"]["test"]["needs"]) == set(needs)
    assert json.loads(json.dumps(document, default=str))["dxplan_snapshot"]["plan"] == "PLAN_T"


def _git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
                   cwd=cwd, check=True, capture_output=True)


def test_diff_between_git_revisions_shows_exactly_the_changed_target(tmp_path):
    project = copy_project(tmp_path)
    (project / ".assets").unlink()
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "base")
    page = project / "docs" / "policies" / "policy-1.md"
    page.write_text(page.read_text(encoding="utf-8").replace("2,600回以上", "2,700回以上").replace(
        ":target_value: 2600", ":target_value: 2700"), encoding="utf-8")
    with (project / "needs" / "change-reasons.toml").open("a", encoding="utf-8") as reasons:  # or the build fails
        reasons.write('\n[[reason]]\nrevision = "current"\nneed = "TGT_TELEWORK"\ngap = "合成データ（テスト）"\n')
    _git(project, "commit", "-qam", "scratch: raise one target (synthetic)")
    run = subprocess.run([sys.executable, "-m", "dxplan.cli", "diff", "HEAD~1", "HEAD", "--format", "json",
                          "--project", str(project)], capture_output=True, text=True, cwd=project)
    assert run.returncode == 0, run.stderr
    changes = json.loads(run.stdout)
    assert [(c["kind"], c["new_id"]) for c in changes] == [("changed", "TGT_TELEWORK")]
    assert sorted(f[0] for f in changes[0]["fields"]) == ["target_value", "title"]


def test_changes_page_lists_what_changed_between_zenki_and_kouki(site):
    import re
    from html import unescape

    html = (site / "changes.html").read_text(encoding="utf-8")
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    # Residents read names: each change names the kind of item and its title, never its ID.
    assert "改番・改称 計画 板橋区DX推進計画2025 後期実施計画" in text
    assert "「板橋区ICT推進・活用計画2025」前期実施計画 → 板橋区DX推進計画2025 後期実施計画" in text
    assert "改番・改称 基本方針 オンライン化に伴う利便性向上" in text and "オンライン化の促進 → オンライン化に伴う利便性向上" in text
    assert "改番・改称 施策 施策3" in text and "番号: 06 → 施策3" in text  # renumbered: 前期 06 → 後期 施策3
    needs = model.load_needs_json(site / "needs.json")
    for added in ("POL_5", "SUP_1", "SUP_2", "SUP_3"):
        assert f"新しい版で掲載 基本方針 {needs[added]['title']} " in text, added
    article = text.split("計画の変更点", 1)[1].split("事務局向けの")[0]  # the page's own text (not the footer)
    assert not re.search(r"\b(?:PLAN|POL|SUP|MEA|KPI|TGT)_[A-Z0-9_]+", article) and ".json" not in article
