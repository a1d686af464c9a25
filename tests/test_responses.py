"""区の対応: each 提言's response is set by the secretariat; none is stated, so all are counted gaps."""

import re
from html import unescape

from dxplan.matrices import committee_matrix
from dxplan.core.labels import RESPONSE_GAP
from dxplan.core.responses import RESPONSES_FILE, load_responses, response_counts
from tests.conftest import ROOT
from tests.plan_factory import make_needs, small_plan


def _needs():
    """Synthetic: two recommendations, one measure."""
    return {**small_plan(), **make_needs({"id": "REC_A", "type": "recommendation"},
                                         {"id": "REC_B", "type": "recommendation"})}


def _write(tmp_path, text):
    (tmp_path / "needs").mkdir()
    (tmp_path / RESPONSES_FILE).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_recorded_response_is_shown_and_the_rest_are_counted_gaps(tmp_path):
    root = _write(tmp_path, '[[response]]\nrecommendation = "REC_A"\nstatus = "対応中"\nmeasures = ["MEA_T"]\n'
                            'source = "合成データ（テスト）"\n')
    responses, errors = load_responses(root, _needs())
    assert errors == []
    assert response_counts(_needs(), responses) == [("対応済", 0), ("対応中", 1), ("未対応", 0), (RESPONSE_GAP, 1)]
    rows = committee_matrix(_needs(), responses).text_rows()
    assert rows[0][-1].startswith("対応中（") and "試験施策" in rows[0][-1]
    assert rows[1][-1] == RESPONSE_GAP and rows[-1][-1] == f"{RESPONSE_GAP} 1件"


def test_malformed_responses_are_located(tmp_path):
    root = _write(tmp_path, '[[response]]\nrecommendation = "MEA_T"\nstatus = "検討中"\nmeasures = ["REC_B"]\n'
                            '\n[[response]]\nrecommendation = "REC_A"\nstatus = "対応済"\n')
    _, errors = load_responses(root, _needs())
    text = "\n".join(map(str, errors))
    assert re.search(r"responses\.toml:1: MEA_T: recommendation は提言の ID", text), text
    assert re.search(r"responses\.toml:1: MEA_T: status は 対応済 / 対応中 / 未対応", text), text
    assert re.search(r"responses\.toml:1: MEA_T: measures の REC_B は施策", text), text
    assert re.search(r"responses\.toml:6: REC_A: source", text), text


def test_the_sources_state_no_response():
    responses, errors = load_responses(ROOT, {})
    assert responses == {} and errors == []


def test_committee_page_counts_recommendations_without_a_response(site):
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", (site / "committee" / "index.html").read_text(encoding="utf-8"))).split())
    assert f"{RESPONSE_GAP} 33" in text and "対応済 0 対応中 0 未対応 0" in text
    review = " ".join(unescape(re.sub(r"<[^>]+>", " ", (site / "committee" / "review.html").read_text(encoding="utf-8"))).split())
    assert f"{RESPONSE_GAP} 33件" in review
