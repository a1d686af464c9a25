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
from dxplan.core.labels import RESPONSE_GAP, errors as errors_words, rules as words
from dxplan.core.model import Needs
from dxplan.core import labels as shared_words

RESPONSES_FILE = "needs/responses.toml"
STATUSES = (words.DONE, words.IN_PROGRESS, words.NOT_STARTED)
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
                                errors_words.unknown_tables(sorted(set(data) - {"response"}))))
    out: dict[str, Response] = {}
    for entry, where in records:
        rec_id = entry.get("recommendation")
        problems = []
        if not isinstance(rec_id, str) or needs.get(rec_id, {}).get("type") != RECOMMENDATION:
            problems.append(words.not_a_recommendation(value=repr(rec_id)))
        if entry.get("status") not in STATUSES:
            problems.append(words.status_expected(STATUSES, repr(entry.get("status"))))
        measures = entry.get("measures", [])
        if not isinstance(measures, list) or not all(isinstance(m, str) for m in measures):
            problems.append(words.MEASURES_EXPECTED)
            measures = []
        for measure in measures:
            if needs.get(measure, {}).get("type") not in (model.MEASURE, model.POLICY):
                problems.append(words.not_a_measure(measure=measure))
        if not isinstance(entry.get("source"), str) or not entry["source"].strip():
            problems.append(words.RESPONSE_SOURCE_MISSING)
        if set(entry) - _KEYS:
            problems.append(errors_words.unknown_keys(sorted(set(entry) - _KEYS)))
        if not problems and rec_id in out:
            problems.append(errors_words.duplicate(first=out[rec_id].location))
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
    answers = shared_words.LIST_SEPARATOR.join(model.answer_label(needs, needs[m]) for m in response.measures)
    return f"{response.status}" + (f"（{answers}）" if answers else "") + words.cited(source=response.source)
