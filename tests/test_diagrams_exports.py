import csv
import io

import pytest

from dxplan.core.mermaid import policy_diagram, structure_diagrams
from dxplan.core.exports import csv_bytes, safe_cell, write_atomic
from dxplan.core.matrices import trace_matrix
from tests.plan_factory import small_plan


def structure_diagram(needs) -> str:
    """The small plan has one vision: its one 施策体系図."""
    [(name, code)] = structure_diagrams(needs)
    assert name
    return code


def test_structure_diagram_is_generated_from_the_needs_with_accessible_text():
    needs = small_plan()
    code = structure_diagram(needs)
    assert code.startswith("flowchart LR")
    assert "accTitle: 施策体系図（" in code
    assert "accDescr:" in code and "基本方針1つ、施策1件" in code
    assert "VIS_T --> POL_T" in code and "POL_T --> MEA_T" in code
    assert "KPI 1件" in code


def test_structure_diagram_is_one_per_vision():
    """One diagram for the whole plan drew its text at 6 px: each vision gets its own."""
    needs = small_plan(
        VIS_U={"id": "VIS_U", "type": "vision", "plan": ["PLAN_T"], "number_label": "ビジョン②"},
        POL_U={"id": "POL_U", "type": "policy", "vision": ["VIS_U"], "category": "基本方針", "number_label": "Ⅱ"},
    )
    diagrams = structure_diagrams(needs)
    assert len(diagrams) == 2
    assert "VIS_U --> POL_U" in diagrams[1][1] and "VIS_T" not in diagrams[1][1]


def test_changing_a_need_changes_the_diagram():
    before = structure_diagram(small_plan())
    after = structure_diagram(small_plan(KPI_T=None, TGT_T=None))
    assert before != after and "KPI 0件" in after


def test_policy_diagram_shows_kpis_with_targets_in_wareki():
    needs = small_plan()
    code = policy_diagram(needs, needs["POL_T"])
    assert "MEA_T -.-> KPI_T" in code
    assert "令和7年度 2,600回以上" in code
    assert "accTitle:" in code and "accDescr:" in code


def test_quotes_in_titles_cannot_break_the_mermaid_syntax():
    needs = small_plan(MEA_T={"id": "MEA_T", "type": "measure", "policy": ["POL_T"], "owner": ["SEC_T"],
                              "title": 'say "hi"', "name": "x"})
    assert 'say #quot;hi#quot;' in structure_diagram(needs)


def test_exported_cells_never_start_a_formula():
    for dangerous in ("=SUM(A1)", "+1", "-1+2", "@cmd", "\tx", "\rx"):
        assert safe_cell(dangerous) == "'" + dangerous
    assert safe_cell(-5) == -5 and safe_cell(2.5) == 2.5
    assert safe_cell("2,800時間削減") == "2,800時間削減"


def test_matrix_csv_is_utf8_with_bom_and_formula_safe(tmp_path):
    matrix = trace_matrix(small_plan())
    data = csv_bytes(matrix.headers + ["=evil"], [row + ["@x"] for row in matrix.text_rows()])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "ビジョン" and rows[0][-1] == "'=evil"
    assert all(row[-1] == "'@x" for row in rows[1:])
    target = tmp_path / "out" / "m.csv"
    write_atomic(target, data)
    assert target.read_bytes() == data
    assert [p.name for p in target.parent.iterdir()] == ["m.csv"]  # no temporary left behind


def test_mermaid_labels_carry_text_only():
    from dxplan.core.mermaid import _acc, label_text

    label = label_text("施策 \"><img src=http://127.0.0.2/x> %%{init: {'themeCSS': 'x'}}%% `md`")
    assert not set('"<>%\'`') & set(label), label
    assert "#lt;img" in label and "#37;#37;{init" in label
    assert not set('%<>;:"') & set(_acc("a%%{init}%%; b: <img>")), _acc("a%%{init}%%; b: <img>")


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "＝1+1", "＋1", "－1", "＠A", "　＝1", " =1"])
def test_every_formula_start_is_neutralised(text):
    from dxplan.core.exports import looks_like_formula, safe_cell

    assert looks_like_formula(text) and safe_cell(text) == "'" + text and not looks_like_formula(safe_cell(text))


def test_diff_refuses_an_option_as_revision(tmp_path):
    from dxplan.project import needs_at_revision

    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    with pytest.raises(SystemExit, match="リビジョンとして使えません"):
        needs_at_revision(tmp_path, f"--output={victim}")
    assert victim.read_text(encoding="utf-8") == "keep"
