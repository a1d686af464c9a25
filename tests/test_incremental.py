"""An incremental build after a change publishes exactly what a clean build of the same sources does.

Changes are synthetic (scratch copies only): one actual, one measure's owner, one target.
"""

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import build, copy_project

#: What the build says when it reuses the last schema validation and needs.json.
REUSED = "要求の検証と needs.json は前回の結果のまま"


def _published(outdir: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(outdir.rglob("*")):
        rel = path.relative_to(outdir).as_posix()
        if path.is_dir() or rel.startswith((".doctrees", "_static/", "_sources/", ".buildinfo")) or rel in ("searchindex.js", "schema_violations.json"):  # timings
            continue
        files[rel] = path.read_bytes()
    return files


def _normalise(name: str, data: bytes) -> bytes:
    """Remove what differs between any two builds: random container ids, timestamps."""
    if name.endswith(".xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return b"".join(archive.read(n) for n in sorted(archive.namelist()) if n != "docProps/core.xml")
    data = re.sub(rb'id="SNCB-[0-9a-f]{8}"', b'id="SNCB-X"', data)  # sphinx-needs: random per build
    return re.sub(rb'"(created|timestamp)": "[^"]*"', rb'"\1": "X"', data)


def _add_actual(project: Path) -> None:
    path = project / "needs" / "actuals.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[actual]]\ntarget = "TGT_ONLINE_APPS"\nfy = 2024\n'
                    'value = 42000\ntext = "42,000件"\nsource = "synthetic test data"\n', encoding="utf-8")


def _set_owner(project: Path) -> None:
    page = project / "docs" / "policies" / "policy-3.md"
    page.write_text(page.read_text(encoding="utf-8").replace(":id: MEA_4\n", ":id: MEA_4\n:owner: SEC_KOSEKI_JUMIN\n", 1),
                    encoding="utf-8")
    baseline = project / "needs" / "accepted-gaps.toml"
    baseline.write_text(re.sub(r'\[\[gap\]\]\nrule = "measure-has-owner"\nneed = "MEA_4"\n[^\n]*\n', "",
                               baseline.read_text(encoding="utf-8")), encoding="utf-8")


def _change_target(project: Path) -> None:
    page = project / "docs" / "policies" / "policy-1.md"
    page.write_text(page.read_text(encoding="utf-8").replace("2,600回以上", "2,700回以上").replace(
        ":target_value: 2600", ":target_value: 2700"), encoding="utf-8")
    with (project / "needs" / "change-reasons.toml").open("a", encoding="utf-8") as reasons:  # or the build fails
        reasons.write('\n[[reason]]\nrevision = "current"\nneed = "TGT_TELEWORK"\ngap = "合成データ（テスト）"\n')


#: A measure with one KPI under 基本方針Ⅲ, added as a ward adds one: one content file (synthetic).
SYNTHETIC_MEASURE = """
```{measure} 施策12
:id: MEA_TEST_X
:number_label: 施策12
:name: 試験用の施策（合成データ）
:owner: SEC_IT_SUISHIN
:policy: POL_3
:source: 試験用（合成データ）
```

```{kpi} 試験用の指標（合成データ）
:id: KPI_TEST_X
:measures: MEA_TEST_X
:source: 試験用（合成データ）
```

```{target} 100件以上
:id: TGT_TEST_X
:kpi: KPI_TEST_X
:target_value: 100
:target_unit: 件
:target_qualifier: 以上
:target_fy: 2025
:target_year_label: R7年度目標
:source: 試験用（合成データ）
```
"""


def add_measure(project: Path) -> None:
    page = project / "docs" / "policies" / "policy-3.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("## この方針の進捗", SYNTHETIC_MEASURE + "\n## この方針の進捗", 1), encoding="utf-8")


def _incremental_and_clean(tmp_path: Path, change) -> tuple[dict, dict, dict, str]:
    """Build, change, build again; build the changed sources clean: (before, incremental, clean, log)."""
    (tmp_path / "incremental").mkdir()
    project = copy_project(tmp_path / "incremental")
    first = build(project)
    assert first.returncode == 0, first.output
    before = _published(first.outdir)
    change(project)
    incremental = build(project)
    assert incremental.returncode == 0, incremental.output

    clean_project = tmp_path / "clean"
    shutil.copytree(project, clean_project, symlinks=True, ignore=shutil.ignore_patterns("build"))
    clean = build(clean_project)
    assert clean.returncode == 0, clean.output

    got, want = _published(incremental.outdir), _published(clean.outdir)
    assert sorted(got) == sorted(want)
    stale = [name for name in want if _normalise(name, got[name]) != _normalise(name, want[name])]
    assert stale == [], f"pages left stale by the incremental build: {stale}"
    return before, got, want, incremental.output


def _changed_pages(before: dict, after: dict) -> list[str]:
    return [name for name in after if _normalise(name, before.get(name, b"")) != _normalise(name, after[name])]


@pytest.mark.parametrize("change", [_add_actual, _set_owner, _change_target, add_measure],
                         ids=["actual", "owner", "target", "measure"])
def test_incremental_build_equals_clean_build(tmp_path, change):
    before, _, want, _ = _incremental_and_clean(tmp_path, change)
    changed = _changed_pages(before, want)
    assert len(changed) >= 3, changed  # the change really shows on several pages


def _edit_prose(project: Path) -> None:
    """A sentence added to a page, no need touched (synthetic)."""
    page = project / "docs" / "policies" / "policy-1.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n試験用に追加した文です。\n", encoding="utf-8")


def test_prose_edit_reuses_the_checks_and_publishes_the_same_as_a_clean_build(tmp_path):
    before, _, want, log = _incremental_and_clean(tmp_path, _edit_prose)
    assert REUSED in log  # the needs are as validated last time
    changed = _changed_pages(before, want)
    assert "policies/policy-1.html" in changed, changed
    assert "試験用に追加した文です。" in want["policies/policy-1.html"].decode("utf-8")


def _rename_section(project: Path) -> None:
    """The registry makes the section needs: views listing sections must follow (synthetic)."""
    path = project / "needs" / "sections.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('name = "人事課"', 'name = "人事課（試験用の改称）"'),
                    encoding="utf-8")


def test_registry_change_reaches_every_page(tmp_path):
    before, _, want, log = _incremental_and_clean(tmp_path, _rename_section)
    assert REUSED not in log
    assert len(_changed_pages(before, want)) >= 3


# ---------------------------------------------------------------- work skipped when no need changed


def test_schema_violation_fails_every_rebuild_until_fixed(tmp_path):
    """A rebuild skips sphinx-needs' schema check only after a clean one: a violation never goes quiet.

    Edits are synthetic (scratch copy): a target loses its unit, an actual is added.
    """
    from tests.test_bad_input import TARGET, assert_reported, edit_options, find_need

    project = copy_project(tmp_path)
    first = build(project, "dummy")
    assert first.returncode == 0, first.output
    page = find_need(project, TARGET).path
    original = page.read_text(encoding="utf-8")
    site = edit_options(project, TARGET, target_unit=None)
    for step in ("edited", "rebuilt as it is", "an actual added"):
        if step == "an actual added":
            _add_actual(project)
        result = build(project, "dummy")
        assert REUSED not in result.output, step
        assert_reported(result, f"{site.rel}:{site.line}", TARGET, "target-unit-with-value[")

    page.write_text(original, encoding="utf-8")
    fixed = build(project, "dummy")
    assert fixed.returncode == 0 and REUSED not in fixed.output, fixed.output
    path = project / "needs" / "actuals.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("value = 42000", "value = 43000"), encoding="utf-8")
    actual_only = build(project, "dummy")
    assert actual_only.returncode == 0, actual_only.output
    assert REUSED in actual_only.output  # no page was read again: the clean result still holds
