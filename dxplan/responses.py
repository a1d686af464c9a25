"""区の対応: the ward's response to each 提言 of the council committee, set by the secretariat.

needs/responses.toml holds one [[response]] per recommendation: its status (対応済 / 対応中 /
未対応), the measures that answer it and where the response is stated. The sources state no
response, so the file starts empty and every 提言 shows the gap 「区の対応: 未記載」, counted
on the committee pages — a response is never inferred from the editorial measure mapping.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dxplan.core import model
from dxplan.core.errors import DataError, DataErrors, SourceLocation, read_toml_records
from dxplan.core.labels import RESPONSE_GAP
from dxplan.core.model import Needs
from dxplan.datafiles import log_data_errors
from dxplan.internals import resolved_needs
from dxplan.render import gap, table
from dxplan.views import register_view

RESPONSES_FILE = "needs/responses.toml"
STATUSES = ("対応済", "対応中", "未対応")
RECOMMENDATION = "recommendation"
_KEYS = {"recommendation", "status", "measures", "source", "note"}


@dataclass(frozen=True)
class Response:
    recommendation: str
    status: str
    measures: tuple[str, ...]
    source: str  # where the ward states its response (a report, minutes, a 委員会 date)
    note: str | None
    location: SourceLocation


def load_responses(root: Path, needs: Needs) -> tuple[dict[str, Response], list[DataError]]:
    """Every valid response by recommendation ID, and every malformed entry, located."""
    path = root / RESPONSES_FILE
    if not path.exists():
        return {}, []
    try:
        data, records = read_toml_records(path, "response")
    except DataErrors as exc:
        return {}, list(exc.errors)
    errors: list[DataError] = []
    if set(data) - {"response"}:
        errors.append(DataError(SourceLocation(str(path)), None,
                                f"未知の表があります: {', '.join(sorted(set(data) - {'response'}))}"))
    out: dict[str, Response] = {}
    for entry, where in records:
        rec_id = entry.get("recommendation")
        problems = []
        if not isinstance(rec_id, str) or needs.get(rec_id, {}).get("type") != RECOMMENDATION:
            problems.append(f"recommendation は提言の ID にしてください（{rec_id!r} は提言ではありません）")
        if entry.get("status") not in STATUSES:
            problems.append(f"status は {' / '.join(STATUSES)} のどれかにしてください（{entry.get('status')!r}）")
        measures = entry.get("measures", [])
        if not isinstance(measures, list) or not all(isinstance(m, str) for m in measures):
            problems.append("measures は施策 ID の並びにしてください")
            measures = []
        for measure in measures:
            if needs.get(measure, {}).get("type") not in (model.MEASURE, model.POLICY):
                problems.append(f"measures の {measure} は施策・基本方針の ID ではありません")
        if not isinstance(entry.get("source"), str) or not entry["source"].strip():
            problems.append("source（区の対応を記した文書と箇所）がありません")
        if set(entry) - _KEYS:
            problems.append(f"未知の項目があります: {', '.join(sorted(set(entry) - _KEYS))}")
        if not problems and rec_id in out:
            problems.append(f"重複しています（最初の記載: {out[rec_id].location}）")
        if problems:
            errors.extend(DataError(where, rec_id if isinstance(rec_id, str) else None, p) for p in problems)
            continue
        out[rec_id] = Response(rec_id, entry["status"], tuple(measures), entry["source"], entry.get("note"), where)
    return out, errors


def response_counts(needs: Needs, responses: dict[str, Response]) -> list[tuple[str, int]]:
    """(status, number of 提言) for each status, then the gap 「区の対応: 未記載」."""
    recs = model.of_type(needs, RECOMMENDATION)
    counts = [(status, sum(1 for r in recs if r["id"] in responses and responses[r["id"]].status == status))
              for status in STATUSES]
    return [*counts, (RESPONSE_GAP, sum(1 for r in recs if r["id"] not in responses))]


def response_text(needs: Needs, response: Response) -> str:

    answers = "、".join(model.answer_label(needs, needs[m]) for m in response.measures)
    return f"{response.status}" + (f"（{answers}）" if answers else "") + f"［出典: {response.source}］"


# ---------------------------------------------------------------- Sphinx wiring

from docutils import nodes  # noqa: E402
from sphinx.application import Sphinx  # noqa: E402

def build_responses(app: Sphinx, needs: Needs) -> dict[str, Response]:
    return load_responses(Path(app.confdir), needs)[0]


def check_responses(app: Sphinx, builder: object = None) -> None:
    """A malformed response fails every build, no-op rebuilds included."""
    log_data_errors(load_responses(Path(app.confdir), resolved_needs(app))[1], "responses")


def render_response_summary(ctx) -> list[nodes.Node]:
    counts = response_counts(ctx.needs, build_responses(ctx.app, ctx.needs))
    total = sum(n for _label, n in counts)
    rows = [[gap(label) if label == RESPONSE_GAP else label, gap(str(n)) if label == RESPONSE_GAP and n else str(n)]
            for label, n in counts]
    rows.append(["合計", str(total)])
    return [table(["区の対応", "提言の数"], rows, caption=f"提言への区の対応（{total}件の提言）",
                  classes=["dxplan-response-summary"])]


def setup_responses(app: Sphinx) -> None:
    app.connect("write-started", check_responses)
    register_view("response-summary", render_response_summary, depends_on=(RESPONSES_FILE,))
