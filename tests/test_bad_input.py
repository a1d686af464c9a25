"""Bad input fails the build, and the message names the file, the line and the need ID.

Each case copies the project, breaks ONE thing in a page (or in needs/sections.toml),
builds as `make html` does (-W --keep-going) and looks for one message that names all
three. The edits find needs by their :id: (not by line or wording), so the tests keep
working while the pages change. test_unmodified_copy_builds_clean shows that the same
copy builds with no warning at all, so no case can pass on a build that always fails.

Everything is reported while reading, in the consistency check or at write-started
(schema validation), so the cases build with the `dummy` builder: same checks, no HTML.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from dxplan.config import CONFIG_FILE, project_data_model
from dxplan.diagnostics import directive_id_at
from dxplan.core.errors import DataErrors
from dxplan.sections import load_sections
from tests.conftest import ROOT, BuildResult, build, copy_project

ID_REGEX = project_data_model(ROOT / CONFIG_FILE)["id_regex"]
_OPENING = re.compile(r"^(`{3,}|:{3,})\{[\w-]+\}")
_MESSAGE = re.compile(r"\b(?:WARNING|ERROR|CRITICAL): ")

# The needs the cases break. They live on the pages; find_need() looks them up by ID.
PLAN = "PLAN_DX2025_LATE"
POLICY = "POL_1"
MEASURE, OTHER_MEASURE = "MEA_1", "MEA_2"
KPI = "KPI_RPA_AI"
TARGET = "TGT_RPA_AI"  # a target with value, unit, year and baseline, under KPI
OTHER_TARGET = "TGT_TELEWORK"  # a target under another KPI (no link cycle with KPI)


# ---------------------------------------------------------------- editing pages by need ID


@dataclass(frozen=True)
class Site:
    """Where a need's directive is written."""

    path: Path  # the page in the scratch copy
    rel: str  # the page relative to docs/, e.g. "policies/policy-1.md"
    line: int  # 1-based line of the directive's opening fence


def find_need(project: Path, need_id: str) -> Site:
    docs = project / "docs"
    hits = []
    for path in sorted(docs.rglob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for index, line in enumerate(lines):
            if re.fullmatch(rf":id:\s*{re.escape(need_id)}\s*", line.strip()):
                opening = next(i for i in range(index, -1, -1) if _OPENING.match(lines[i].strip()))
                hits.append(Site(path, path.relative_to(docs).as_posix(), opening + 1))
    assert len(hits) == 1, f"{need_id} should be written once in docs/, found {hits}"
    return hits[0]


def edit_options(project: Path, need_id: str, **changes: str | None) -> Site:
    """Set (str; "" leaves the option empty) or remove (None) options of one need."""
    site = find_need(project, need_id)
    lines = site.path.read_text(encoding="utf-8").splitlines()
    start = site.line  # 0-based index of the line after the opening fence: the first option
    end = start
    while end < len(lines) and lines[end].startswith(":"):
        end += 1
    options = lines[start:end]
    for key, value in changes.items():
        new = None if value is None else f":{key}: {value}".rstrip()
        at = [i for i, line in enumerate(options) if re.match(rf":{key}:(\s|$)", line)]
        if at:
            if new is None:
                del options[at[0]]
            else:
                options[at[0]] = new
        else:
            assert new is not None, f"{need_id} has no :{key}: to remove"
            options.append(new)
    lines[start:end] = options
    site.path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return site


# ---------------------------------------------------------------- reading the build output


def messages(output: str) -> list[str]:
    """Warnings and errors, each with its indented continuation lines."""
    found: list[str] = []
    inside = False
    for line in output.splitlines():
        if _MESSAGE.search(line):
            found.append(line)
            inside = True
        elif inside and line[:1] in (" ", "\t") and line.strip():
            found[-1] += "\n" + line
        else:
            inside = False
    return found


def assert_reported(result: BuildResult, where: str, need_id: str, *markers: str) -> str:
    """The build failed, and one message names `where` (file:line), the ID and every marker."""
    assert result.returncode != 0, f"the build should fail:\n{result.output}"
    header = re.compile(rf"{re.escape(where)}: (?:WARNING|ERROR): ")
    for message in messages(result.output):
        first_line = message.split("\n", 1)[0]
        if header.search(first_line) and need_id in message and all(m in message for m in markers):
            return message
    found = "\n".join(messages(result.output)) or result.output
    raise AssertionError(f"no message names {where}, {need_id} and {markers}; the build reported:\n{found}")


def build_broken(tmp_path: Path, need_id: str, **changes: str | None) -> tuple[BuildResult, Site]:
    project = copy_project(tmp_path)
    site = edit_options(project, need_id, **changes)
    return build(project, "dummy"), site


# ---------------------------------------------------------------- i. the control


@pytest.mark.parametrize("builder", ["html", "dummy"])
def test_unmodified_copy_builds_clean(tmp_path, builder):
    result = build(copy_project(tmp_path), builder)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output, result.output
    assert "ERROR" not in result.output, result.output


def test_edit_options_changes_only_what_it_is_told(tmp_path):
    """The page editor used by every case: one option changed, everything else as it was."""
    project = copy_project(tmp_path)
    site = find_need(project, TARGET)
    before = site.path.read_text(encoding="utf-8").splitlines()
    edit_options(project, TARGET, target_unit=None)
    after = site.path.read_text(encoding="utf-8").splitlines()
    unit = next(i for i in range(site.line, len(before)) if before[i].startswith(":target_unit:"))
    assert after == before[:unit] + before[unit + 1:]


# ---------------------------------------------------------------- a–f. links, values, IDs, plan period


LINK_AND_VALUE_CASES = {
    # a. a KPI measures a need that does not exist
    "unknown-link": (KPI, {"measures": "MEA_99"}, KPI, ["MEA_99", "needs.link_outgoing"]),
    # b. a KPI measures a target (measures accepts measure and policy only)
    "wrong-link-type": (KPI, {"measures": OTHER_TARGET}, KPI, [OTHER_TARGET, "needs.link_target_type"]),
    # c. text in a number field: sphinx-needs drops the need; dxplan.diagnostics names it
    "text-in-number-field": (
        TARGET, {"target_value": "たくさん"}, TARGET,
        [f"Need '{TARGET}' could not be created", "target_value", "たくさん", "needs.create_need"],
    ),
    # d. a second need with an ID already taken (reported where the second one is written)
    "duplicate-id": (
        OTHER_MEASURE, {"id": MEASURE}, MEASURE,
        [f"Need '{MEASURE}' could not be created", "already exists", "needs.create_need"],
    ),
    # e. an ID that breaks needs_id_regex
    "id-breaks-regex": (
        MEASURE, {"id": "mea-1"}, "mea-1",
        ["Need 'mea-1' could not be created", "does not match configured regex", "needs.create_need"],
    ),
    # f. a target year outside the plan period (dxplan.coverage)
    "target-year-outside-plan": (
        TARGET, {"target_fy": "2030"}, TARGET,
        ["target-year-in-plan-period", PLAN, "2030"],
    ),
}


@pytest.mark.parametrize("case", list(LINK_AND_VALUE_CASES))
def test_bad_need_fails_naming_file_line_and_id(tmp_path, case):
    need_id, changes, reported_id, markers = LINK_AND_VALUE_CASES[case]
    result, site = build_broken(tmp_path, need_id, **changes)
    assert_reported(result, f"{site.rel}:{site.line}", reported_id, *markers)


CYCLE_TIMEOUT = 30  # a clean build takes a few seconds, even on a busy machine


def test_link_cycle_is_reported_and_the_build_ends(tmp_path):
    """b again, with the KPI measuring its own target: KPI -> target -> KPI is a cycle.

    sphinx-needs reports the wrong type at once; the build must then still end (dxplan
    walks the links upwards in its coverage rules) instead of looping for ever.
    """
    project = copy_project(tmp_path)
    site = edit_options(project, KPI, measures=TARGET)
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-c", str(project),
           "-b", "dummy", str(project / "docs"), str(project / "build" / "dummy")]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=project, timeout=CYCLE_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise AssertionError(
            f"the build did not end within {CYCLE_TIMEOUT} s on the link cycle {KPI} -> {TARGET} -> {KPI}"
        ) from None
    result = BuildResult(proc.returncode, proc.stdout + proc.stderr, project / "build" / "dummy")
    assert_reported(result, f"{site.rel}:{site.line}", KPI, TARGET, "needs.link_target_type")


# ---------------------------------------------------------------- g. schema rules in ubproject.toml


def _schema_rule_ids() -> list[str]:
    return [schema["id"] for schema in project_data_model(ROOT / CONFIG_FILE)["schema_definitions"]["schemas"]]


# rule -> the need broken and the option removed (None) or left empty (""). Each field a
# rule requires is removed once; each required text field is also left empty, which
# sphinx-needs stores as "" and `required` alone accepts (hence the minLength).
SCHEMA_CASES = [
    ("need-has-source", KPI, "source", None),
    ("need-has-source", POLICY, "source", ""),
    ("target-has-year", TARGET, "target_fy", None),
    ("target-has-year", TARGET, "target_year_label", None),
    ("target-has-year", TARGET, "target_year_label", ""),
    ("target-unit-with-value", TARGET, "target_unit", None),
    ("target-unit-with-value", TARGET, "target_unit", ""),
    ("baseline-complete", TARGET, "baseline_fy", None),
    ("baseline-complete", TARGET, "baseline_text", None),
    ("baseline-complete", TARGET, "baseline_text", ""),
    ("plan-has-period", PLAN, "period_start", None),
    ("plan-has-period", PLAN, "period_end", None),
    ("policy-has-category", POLICY, "category", None),
    ("policy-has-category", POLICY, "number_label", None),
    ("policy-has-category", POLICY, "number_label", ""),
    ("target-has-kpi", TARGET, "kpi", None),
    # 板橋区 records (000–003)
    ("org-has-role", "ORG_HQ", "role", None),
    ("org-has-role", "ORG_HQ", "role", ""),
    ("evaluation-complete", "EVAL_ICT2020_A", "eval_kind", None),
    ("evaluation-complete", "EVAL_ICT2020_A", "measure_count", None),
    ("evaluation-complete", "EVAL_ICT2020_A", "evaluates", None),
    ("recommendation-has-focus", "REC_1_1", "focus", None),
    ("recommendation-has-focus", "REC_1_1", "rec_heading", None),
    ("pubcomment-complete", "PC_1", "topic", None),
    ("pubcomment-complete", "PC_1", "consultation", None),
    ("consultation-has-figures", "PCR_DX2025_LATE", "comment_count", None),
    ("consultation-has-figures", "PCR_DX2025_LATE", "persons_in_person", None),
    ("consultation-has-figures", "PCR_DX2025_LATE", "persons_post", None),
    ("consultation-has-figures", "PCR_DX2025_LATE", "persons_fax", None),
    ("consultation-has-figures", "PCR_DX2025_LATE", "persons_email", None),
    ("consultation-has-figures", "PCR_DX2025_LATE", "persons_web", None),
]


def test_every_schema_rule_has_a_case():
    assert sorted({rule for rule, *_ in SCHEMA_CASES}) == sorted(_schema_rule_ids())


@pytest.mark.parametrize(
    ("rule", "need_id", "option", "value"),
    SCHEMA_CASES,
    ids=[f"{rule}-{option}-{'removed' if value is None else 'empty'}" for rule, _, option, value in SCHEMA_CASES],
)
def test_schema_rule_fires(tmp_path, rule, need_id, option, value):
    result, site = build_broken(tmp_path, need_id, **{option: value})
    message = assert_reported(
        result, f"{site.rel}:{site.line}", need_id,
        f"Need '{need_id}' has schema violations", f"{rule}[", "sn_schema_violation",
    )
    assert f'"{option}"' in message or f"Field:          {option}" in message, message


# ---------------------------------------------------------------- h. needs/sections.toml


def _break_registry(path: Path, section_id: str, edit) -> int:
    """Apply edit(lines, id_line_index) to the entry of section_id; return its header line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index(f'id = "{section_id}"')
    header = next(i for i in range(at, -1, -1) if lines[i].strip() == "[[section]]")
    edit(lines, at)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return header + 1


def _set_id(new_id: str):
    def edit(lines: list[str], at: int) -> None:
        lines[at] = f'id = "{new_id}"'
    return edit


def _drop_key(key: str):
    def edit(lines: list[str], at: int) -> None:
        index = next(i for i in range(at, len(lines)) if lines[i].startswith(f"{key} ="))
        del lines[index]
    return edit


REGISTRY_CASES = {
    # an entry reusing the first entry's ID
    "duplicate-id": (lambda ids: (ids[1], _set_id(ids[0]), ids[0], "重複")),
    "missing-name": (lambda ids: (ids[1], _drop_key("name"), ids[1], "name がありません")),
    "id-breaks-regex": (lambda ids: (ids[1], _set_id("sec_lower"), "sec_lower", "規則")),
}


def _registry_ids(path: Path) -> list[str]:
    return [entry["id"] for entry in tomllib.loads(path.read_text(encoding="utf-8"))["section"]]


@pytest.mark.parametrize("case", list(REGISTRY_CASES))
def test_registry_error_names_file_header_line_and_id(tmp_path, case):
    path = tmp_path / "sections.toml"
    path.write_text((ROOT / "needs" / "sections.toml").read_text(encoding="utf-8"), encoding="utf-8")
    assert load_sections(path, ID_REGEX)  # the unmodified registry loads
    entry_id, edit, reported_id, wording = REGISTRY_CASES[case](_registry_ids(path))
    line = _break_registry(path, entry_id, edit)
    with pytest.raises(DataErrors) as caught:
        load_sections(path, ID_REGEX)
    texts = [str(error) for error in caught.value.errors]
    assert any(
        text.startswith(f"{path}:{line}: {reported_id}:") and wording in text for text in texts
    ), texts


def test_bad_registry_fails_the_build(tmp_path):
    project = copy_project(tmp_path)
    registry = project / "needs" / "sections.toml"
    untouched = _registry_ids(registry)[0]
    line = _break_registry(registry, _registry_ids(registry)[1], _set_id("sec_lower"))
    result = build(project, "dummy")
    assert result.returncode != 0, result.output
    assert f"needs/sections.toml:{line}: WARNING: sec_lower: ID が規則" in result.output, result.output
    # one problem, one message: nothing about the valid sections whose needs the build could not make
    assert f"unknown outgoing link '{untouched}'" not in result.output
    assert f": {untouched} という項目はありません" not in result.output


# ---------------------------------------------------------------- dxplan.diagnostics


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("```{target} T\n:id: TGT_A\n:kpi: KPI_A\n```\n", 1, "TGT_A"),
        ("# Title\n\n:::{kpi} K\n:source: s\n:id: KPI_B\n:::\n", 3, "KPI_B"),
        ("```{measure} M\n---\nid: MEA_C\n---\n```\n", 1, "MEA_C"),
        (".. measure:: M\n   :id: MEA_D\n", 1, "MEA_D"),
        # no :id: in the option block: the ID in the content below is not the need's
        ("```{measure} M\n:source: s\n\n:id: MEA_E\n```\n", 1, None),
        # the reported line is not a directive's opening
        ("text\n:id: MEA_F\n", 1, None),
    ],
)
def test_directive_id_at(tmp_path, text, line, expected):
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    assert directive_id_at(page, line) == expected
