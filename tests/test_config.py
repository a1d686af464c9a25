"""The [dxplan] configuration: typos and wrong types are located errors; the hierarchy is configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxplan.core import model
from dxplan.config import load_project_config
from dxplan.core.rules import coverage_report
from dxplan.core.errors import DataErrors
from tests.plan_factory import make_needs, small_plan

MODEL = "[needs]\n"  # the site adds nothing: the shared model (dxplan/model.toml) is the whole model


def _config(tmp_path: Path, dxplan_table: str) -> Path:
    path = tmp_path / "ubproject.toml"
    path.write_text(MODEL + dxplan_table, encoding="utf-8")
    return path


def _errors(path: Path) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_project_config(path)
    return [f"{e.location.file}:{e.location.line}: {e.message}" for e in caught.value.errors]


def test_a_typo_names_file_line_and_key(tmp_path):
    path = _config(tmp_path, '[dxplan]\nmain_plann = "PLAN_T"\n\n[dxplan.hierarchy]\nvision = ["plan"]\n')
    line = MODEL.count("\n") + 2
    assert _errors(path) == [f"{path}:{line}: dxplan.main_plann: 未知の設定「main_plann」です"
                             "（使える設定: main_plan, hierarchy, nesting_allowed, plans, card, grade_scales, reporting）"]


def test_the_hierarchy_is_required_and_checked_against_the_data_model(tmp_path):
    assert any("hierarchy がありません" in e for e in _errors(_config(tmp_path, '[dxplan]\nmain_plan = "P"\n')))
    path = _config(tmp_path, '[dxplan.hierarchy]\nvison = ["plan"]\npolicy = ["vishon"]\n')
    errors = _errors(path)
    line = MODEL.count("\n") + 2
    assert f"{path}:{line}: dxplan.hierarchy.vison: 未知の項目の種類「vison」です（[[needs.types]] にありません）" in errors
    assert f"{path}:{line + 1}: dxplan.hierarchy.policy: 未知のリンク「vishon」です（[needs.links] にありません）" in errors
    assert any("空です" in e for e in _errors(_config(tmp_path, "[dxplan.hierarchy]\n")))


def test_a_new_plan_shape_is_configuration_only(tmp_path):
    """A plan whose measures hang from pillars (synthetic): the hierarchy in the file decides membership."""
    needs = make_needs(
        {"id": "PLAN_X", "type": "plan"},
        {"id": "PIL_X", "type": "pillar", "plan": ["PLAN_X"]},
        {"id": "MEA_X", "type": "measure", "policy": [], "plan": [], "measure": [], "owner": ["SEC_X"]},
        {"id": "SEC_X", "type": "section"},
    )
    # Without a way up from measure, MEA_X is an orphan and outside PLAN_X.
    config = load_project_config(_config(tmp_path, '[dxplan.hierarchy]\npillar = ["plan"]\nmeasure = ["policy", "plan"]\n'))
    assert "MEA_X" not in model.plan_subset(needs, "PLAN_X")
    orphans = [f.need["id"] for f in coverage_report(needs, [], config).findings if f.rule.id == "no-orphan-needs"]
    assert orphans == ["MEA_X"]
    # Link it to its plan: a member, no finding (the same code, another configuration).
    needs = make_needs(*[{**{k: v for k, v in n.items() if not k.endswith("_back")},
                          **({"plan": ["PLAN_X"]} if n["id"] == "MEA_X" else {})} for n in needs.values()])
    assert "MEA_X" in model.plan_subset(needs, "PLAN_X")
    assert not [f for f in coverage_report(needs, [], config).findings if f.rule.id == "no-orphan-needs"]


def test_the_model_refuses_to_walk_a_plan_without_a_hierarchy(monkeypatch):
    monkeypatch.setattr(model, "_hierarchy", None)
    with pytest.raises(RuntimeError, match="hierarchy is not configured"):
        model.plan_subset(small_plan(), "PLAN_T")
