"""`dxplan init DIR --shape SHAPE` writes a sample plan site that builds clean and passes its checks."""

import re
import subprocess
import sys
import tomllib

import pytest

from dxplan.config import data_model
from dxplan.core import model
from dxplan.scaffold import SHAPES, shape_files
from tests.conftest import ROOT, build

#: per shape: need type → how many sample needs
SAMPLE_COUNTS = {
    "itabashi": {"plan": 1, "vision": 1, "policy": 1, "measure": 1, "kpi": 1, "target": 1, "section": 1},
    "koto": {"plan": 1, "vision": 1, "policy": 1, "measure": 1, "action": 1, "pillar": 1},
}


def _init(directory, shape):
    return subprocess.run([sys.executable, "-m", "dxplan.cli", "init", str(directory), "--shape", shape],
                          capture_output=True, text=True)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_init_builds_clean_and_passes_its_checks(tmp_path, shape):
    project = tmp_path / "plan"
    created = _init(project, shape)
    assert created.returncode == 0, created.stderr
    for name in ("conf.py", "ubproject.toml", "docs/index.md", "docs/coverage.md",
                 "needs/sections.toml", "needs/accepted-gaps.toml", "needs/actuals.toml"):
        assert (project / name).is_file(), name

    result = build(project)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output, result.output
    assert "0 blocking, 0 stale" in result.output

    needs = model.load_needs_json(result.outdir / "needs.json")
    counts = {t: len(model.of_type(needs, t)) for t in SAMPLE_COUNTS[shape]}
    assert counts == SAMPLE_COUNTS[shape]
    assert sum(counts.values()) == len(needs)
    # Sample content is labelled as such, never presented as plan data.
    for need in needs.values():
        assert need["source"].startswith("サンプル"), need["id"]
    assert "サンプル" in (result.outdir / "index.html").read_text(encoding="utf-8")

    check = subprocess.run([sys.executable, "-m", "dxplan.cli", "check", "--project", str(project)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_koto_shape_exempts_rules_by_configuration_only(tmp_path):
    project = tmp_path / "plan"
    assert _init(project, "koto").returncode == 0
    config = tomllib.loads((project / "ubproject.toml").read_text(encoding="utf-8"))
    exempt = config["dxplan"]["plans"]["PLAN_SAMPLE"]["rules_not_applied"]
    assert set(exempt) == {"measure-has-kpi", "measure-has-owner"}
    assert all(reason.startswith("【サンプル】") for reason in exempt.values())
    # Without the exemption the sample's measure (no KPI) fails the build.
    text = (project / "ubproject.toml").read_text(encoding="utf-8")
    (project / "ubproject.toml").write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith('"measure-has-kpi"')), encoding="utf-8")
    result = build(project, "dummy")
    assert result.returncode != 0
    assert "[measure-has-kpi] MEA_SAMPLE_1" in result.output


def test_init_refuses_a_non_empty_directory(tmp_path):
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    result = _init(tmp_path, "itabashi")
    assert result.returncode == 1
    assert "空ではありません" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_a_site_adds_to_the_shared_model_and_replaces_by_name():
    """One model for every site (dxplan/model.toml): a site's own [needs] entries are added, and an
    entry of the same directive, name or id replaces the shared one in place."""
    shared = data_model({})
    site = {"types": [{"directive": "kpi", "title": "成果指標", "prefix": "KPI_"},
                      {"directive": "memo", "title": "メモ", "prefix": "MEMO_"}],
            "links": {"memo": {"outgoing": "メモ"}},
            "schema_definitions": {"schemas": [{"id": "need-has-source", "severity": "info"}]},
            "id_regex": "^[A-Z]+$"}
    merged = data_model(site)
    directives = [t["directive"] for t in merged["types"]]
    assert directives == [t["directive"] for t in shared["types"]] + ["memo"]
    assert next(t for t in merged["types"] if t["directive"] == "kpi")["title"] == "成果指標"
    assert set(merged["links"]) == set(shared["links"]) | {"memo"}
    rules = {rule["id"]: rule for rule in merged["schema_definitions"]["schemas"]}
    assert rules["need-has-source"] == {"id": "need-has-source", "severity": "info"}
    assert len(rules) == len(shared["schema_definitions"]["schemas"])
    assert merged["id_regex"] == "^[A-Z]+$" and shared["id_regex"] != "^[A-Z]+$"


def test_new_sites_and_the_project_share_one_model_and_one_set_of_settings():
    """`dxplan init` writes no copy of the model or the shared settings: both come from the package."""
    files = shape_files("itabashi")
    assert tomllib.loads(files["ubproject.toml"].decode())["needs"] == {}
    for conf in (files["conf.py"].decode(), (ROOT / "conf.py").read_text(encoding="utf-8")):
        assert "shared_settings()" in conf and not re.search(r"^(needs_from_toml|language|html_theme) *=", conf, re.M)

