"""Every fault fails every build until it is fixed: clean, again, after touching another page,
after an unrelated actual — then the fix passes and publishes what a clean build publishes.

The project is `dxplan init --shape itabashi` (sample content, labelled 【サンプル】), with one
more measure whose owner and KPI the "source" leaves open (two accepted gaps), built once and
copied warm for each fault. The faults and the actual are synthetic test data.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from dxplan.scaffold import init_project
from tests.conftest import ROOT, build
from tests.test_incremental import _normalise, _published

POLICY = "docs/policy-1.md"
EXTRA_MEASURE = """
```{measure} 施策2
:id: MEA_SAMPLE_2
:number_label: 施策2
:name: 【サンプル】主管課と KPI の記載がない施策
:policy: POL_SAMPLE_1
:source: サンプル（出典なし）
```
"""
GAPS = """
[[gap]]
rule = "measure-has-owner"
need = "MEA_SAMPLE_2"
reason = "サンプル: 出典が主管課を記載していない"

[[gap]]
rule = "measure-has-kpi"
need = "MEA_SAMPLE_2"
reason = "サンプル: 出典が KPI を定めていない"
"""
UNRELATED_ACTUAL = '\n[[actual]]\ntarget = "TGT_SAMPLE_1"\nfy = 2025\nvalue = 90\nsource = "synthetic test data"\n'


@dataclass(frozen=True)
class Fault:
    file: str
    old: str  # replaced by `new` to break the project; the fix puts it back
    new: str
    expected: tuple[str, ...]  # what the report must say: the file (and line), the ID, the problem
    absent: tuple[str, ...] = ()  # follow-on noise that must not appear

    def apply(self, project: Path) -> None:
        _replace(project / self.file, self.old, self.new)

    def fix(self, project: Path) -> None:
        path = project / self.file
        if self.old == "":  # appended: take it off the end
            text = path.read_text(encoding="utf-8")
            assert text.endswith(self.new), (path, self.new)
            path.write_text(text[:-len(self.new)], encoding="utf-8")
        else:
            _replace(path, self.new, self.old)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old == "":  # append
        path.write_text(text + new, encoding="utf-8")
        return
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


FAULTS = {
    "toml-syntax-in-actuals": Fault("needs/actuals.toml", "", "\nthis is [ not toml\n",
                                    ("needs/actuals.toml:", "TOML の書き方に誤り")),
    "text-in-number-field": Fault(POLICY, ":target_value: 100\n", ":target_value: 二千八百\n",
                                  (f"{POLICY}:", "TGT_SAMPLE_1", "target_value")),
    "duplicate-id": Fault("docs/kpis.md", "", "\n```{measure} 重複\n:id: MEA_SAMPLE_1\n:policy: POL_SAMPLE_1\n"
                          ":owner: SEC_SAMPLE\n:source: x\n```\n", ("MEA_SAMPLE_1", "already exists")),
    "accepted-gap-removed": Fault("needs/accepted-gaps.toml",
                                  '[[gap]]\nrule = "measure-has-owner"\nneed = "MEA_SAMPLE_2"\nreason = "サンプル: 出典が主管課を記載していない"\n',
                                  "# (removed)\n", (f"{POLICY}:", "[measure-has-owner] MEA_SAMPLE_2")),
    "unclosed-fence": Fault(POLICY, ":owner: SEC_SAMPLE\n:source: サンプル（出典なし）\n```\n",
                            ":owner: SEC_SAMPLE\n:source: サンプル（出典なし）\n",
                            (f"{POLICY}:", "[need-not-nested]", "MEA_SAMPLE_1")),
    "dangling-link": Fault(POLICY, ":vision: VIS_SAMPLE_1\n", ":vision: VIS_NOPE\n", (f"{POLICY}:", "VIS_NOPE")),
    "owner-not-registered": Fault(POLICY, ":owner: SEC_SAMPLE\n", ":owner: SEC_NOPE\n", (f"{POLICY}:", "SEC_NOPE")),
    "actual-for-unknown-target": Fault("needs/actuals.toml", "", '\n[[actual]]\ntarget = "TGT_NOPE"\nfy = 2025\nvalue = 1\n',
                                       ("needs/actuals.toml:", "TGT_NOPE")),
    "malformed-sections": Fault("needs/sections.toml", "", "\nx = [\n", ("needs/sections.toml:",),
                                absent=("measure-has-owner", "link_outgoing")),
    "malformed-accepted-gaps": Fault("needs/accepted-gaps.toml", "", '\n[[gap]]\nrule = "measure-has-owner"\n',
                                     ("needs/accepted-gaps.toml:", "need がありません"),
                                     absent=("[measure-has-owner] MEA_SAMPLE_2",)),
    "malformed-reviews": Fault("needs/reviews.toml", "", '[[link]]\nfrom = "MEA_SAMPLE_1"\n',
                               ("needs/reviews.toml:1", "MEA_SAMPLE_1", "to_fingerprint"), absent=("Traceback",)),
    "malformed-id-map": Fault("needs/id-map.toml", "", "x = [\n", ("needs/id-map.toml:",)),
    "config-typo": Fault("ubproject.toml", "[dxplan.card]", "[dxplan.cardd]",
                         ("ubproject.toml:", "cardd"), absent=("Traceback",)),
    "malformed-config": Fault("ubproject.toml", "", "\n[dxplan\n", ("ubproject.toml:", "TOML"),
                              absent=("Traceback",)),
    "unknown-view": Fault("docs/kpis.md", "", "\n```{dxplan-view} kpi-tabel\n```\n", ("docs/kpis.md:", "kpi-tabel")),
    "option-of-another-view": Fault("docs/kpis.md", "", "\n```{dxplan-view} kpi-table\n:matrix: policy-measure\n```\n",
                                    ("docs/kpis.md:", "kpi-table", ":matrix:")),
    "unknown-option": Fault("docs/kpis.md", "", "\n```{dxplan-view} kpi-table\n:polcy: POL_SAMPLE_1\n```\n",
                            ("docs/kpis.md:", "polcy")),
    "view-names-missing-need": Fault("docs/kpis.md", "", "\n```{dxplan-view} kpi-table\n:policy: POL_NOPE\n```\n",
                                     ("docs/kpis.md:", "POL_NOPE")),
}


#: Faults that share builds (the suite's slowest test otherwise builds six times per fault): at
#: most one per file, none whose report another hides or whose `absent` text another causes.
#: Faults in the configuration, and in the files that hold back rules (sections, accepted gaps),
#: go alone.
BATCHES = [
    ("toml-syntax-in-actuals", "text-in-number-field", "duplicate-id", "malformed-id-map"),
    ("actual-for-unknown-target", "dangling-link", "unknown-view", "malformed-reviews"),
    ("owner-not-registered", "option-of-another-view", "accepted-gap-removed"),
    ("unclosed-fence", "unknown-option"),
    ("view-names-missing-need",),
    ("malformed-sections",),
    ("malformed-accepted-gaps",),
    ("config-typo",),
    ("malformed-config",),
]


def test_every_fault_is_in_one_batch_with_at_most_one_fault_per_file():
    batched = [name for batch in BATCHES for name in batch]
    assert sorted(batched) == sorted(FAULTS)
    for batch in BATCHES:
        files = [FAULTS[name].file for name in batch]
        assert len(files) == len(set(files)), batch


def _sample_project(dest: Path) -> Path:
    init_project(dest, "itabashi")
    (dest / ".assets").symlink_to(ROOT / ".assets", target_is_directory=True)
    (dest / "needs" / "reviews.toml").write_text("", encoding="utf-8")
    (dest / "needs" / "id-map.toml").write_text("", encoding="utf-8")
    _replace(dest / POLICY, "", EXTRA_MEASURE)
    _replace(dest / "needs" / "accepted-gaps.toml", "", GAPS)
    return dest


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> Path:
    """One project, built once; each fault breaks it in place and leaves it fixed (builds stay incremental)."""
    project = _sample_project(tmp_path_factory.mktemp("warm") / "plan")
    _replace(project / "needs" / "actuals.toml", "", UNRELATED_ACTUAL)
    result = build(project)
    assert result.returncode == 0, result.output
    return project


@pytest.fixture(scope="module")
def reference(warm) -> dict[str, bytes]:
    """What the fixed project publishes (a clean build of it): what every fix must publish again."""
    return {name: _normalise(name, data) for name, data in _published(warm / "build" / "html").items()}


def _assert_reported(output: str, fault: Fault, when: str) -> None:
    for text in fault.expected:
        assert text in output, f"{when}: {text!r} not reported\n{output}"
    for text in fault.absent:
        assert text not in output, f"{when}: follow-on {text!r} reported\n{output}"


@pytest.fixture
def sources(warm):
    """The project's sources as they were, put back whatever the test did."""
    saved = {p: p.read_bytes() for p in warm.rglob("*") if p.is_file() and "build" not in p.relative_to(warm).parts}
    yield warm
    for path, data in saved.items():
        if path.read_bytes() != data:
            path.write_bytes(data)


@pytest.mark.parametrize("batch", BATCHES, ids=["+".join(batch) for batch in BATCHES])
def test_faults_fail_every_build_until_fixed(batch, sources, reference):
    faults, project = [FAULTS[name] for name in batch], sources
    for fault in faults:
        fault.apply(project)

    def reported(output: str, when: str) -> None:
        for fault in faults:
            _assert_reported(output, fault, when)

    for when in ("first build", "same build again"):
        result = build(project)
        assert result.returncode != 0, f"{when} passed\n{result.output}"
        reported(result.output, when)

    (project / "docs" / "sections.md").touch()
    result = build(project)
    assert result.returncode != 0, f"after touching another page: passed\n{result.output}"
    reported(result.output, "after touching another page")

    actuals = project / "needs" / "actuals.toml"
    _replace(actuals, UNRELATED_ACTUAL, UNRELATED_ACTUAL.replace("value = 90", "value = 95"))
    result = build(project)
    assert result.returncode != 0, f"after an unrelated actual: passed\n{result.output}"
    reported(result.output, "after an unrelated actual")
    _replace(actuals, UNRELATED_ACTUAL.replace("value = 90", "value = 95"), UNRELATED_ACTUAL)

    check = subprocess.run([sys.executable, "-m", "dxplan.cli", "check", "--project", str(project)],
                           capture_output=True, text=True)  # a clean build of its own
    assert check.returncode == 1, check.stdout + check.stderr
    reported(check.stdout + check.stderr, "dxplan check")

    for fault in reversed(faults):
        fault.fix(project)
    result = build(project)
    assert result.returncode == 0, f"the fix did not pass\n{result.output}"
    fixed = {n: _normalise(n, data) for n, data in _published(result.outdir).items()}
    assert fixed.keys() == reference.keys()
    assert [n for n in fixed if fixed[n] != reference[n]] == []
