"""Traceability matrices: plain grids computed from need records (matrices.py renders them as
tables, opendata.py as files)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dxplan.core import model
from dxplan.core.labels import GAP_LABEL, RESPONSE_GAP, UNOWNED
from dxplan.core.labels import views as words
from dxplan.core.model import Need, Needs
from dxplan.core import labels as shared_words

MARK = "●"


@dataclass(frozen=True)
class Part:
    """One piece of a cell: text, optionally linking to a need, optionally a visible gap."""

    text: str
    need_id: str | None = None
    is_gap: bool = False
    #: the value in the open-data files, where it differs from the text read on the page
    #: (one datum per cell: a KPI's name, its targets being in the KPI dataset)
    data: str | None = None


Cell = list[Part]
KPI_HEADER, KPI_DATA_HEADER = words.KPI_AND_TARGETS, words.KPI_IN_DATA


@dataclass
class Matrix:
    slug: str
    caption: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    totals: list[Cell] | None = None

    def text_rows(self) -> list[list[str]]:
        """Rows (and the totals row) as plain text, for tests and the CLI."""
        rows = self.rows + ([self.totals] if self.totals else [])
        return [[" / ".join(p.text for p in cell) for cell in row] for row in rows]

    def value_rows(self) -> list[list[list[str]]]:
        """Data rows only (no totals), each cell as its list of values (opendata.one_datum_rows)."""
        return [[[p.text if p.data is None else p.data for p in cell] for cell in row] for row in self.rows]

    @property
    def data_headers(self) -> list[str]:
        """The headers of the open-data files: a KPI column holds the KPI alone there."""
        return [KPI_DATA_HEADER if h == KPI_HEADER else h for h in self.headers]


def _text(text: str) -> Cell:
    return [Part(text)]


def _need(need: Need, text: str | None = None) -> Cell:
    return [Part(text if text is not None else need["title"], need["id"])]


def _gap(text: str = GAP_LABEL) -> Cell:
    return [Part(text, is_gap=True)]


def _kpi_part(kpi: Need, targets: list[Need]) -> Part:
    """A KPI with its targets (KPI名（令和7年度 …、…）), the KPI alone in the open data."""
    summary = words.listed(model.target_summary(t) for t in targets) or words.NO_TARGET
    return Part(words.in_parentheses(text=kpi["title"], note=summary), kpi["id"], data=kpi["title"])


def _measures_in_plan_order(needs: Needs) -> list[tuple[Need | None, Need, Need]]:
    """(vision or None, policy, measure) for every measure, in the plan's structure order."""
    out = []
    for policy in model.of_type(needs, model.POLICY):
        visions = model.linked(needs, policy, "vision")
        for measure in model.linked(needs, policy, "policy", back=True):
            out.append((visions[0] if visions else None, policy, measure))
    orphans = [m for m in model.of_type(needs, model.MEASURE) if not m.get("policy")]
    return out + [(None, {"id": "", "title": ""}, m) for m in orphans]


def trace_matrix(needs: Needs) -> Matrix:
    """Vision → policy → measure → KPI, one row per measure."""
    matrix = Matrix(
        "trace-vision-policy-measure-kpi",
        words.TRACE_CAPTION,
        [shared_words.VISION, shared_words.POLICY, shared_words.MEASURE, shared_words.MEASURE_NAME, KPI_HEADER, words.KPIS_PER_GROUP, shared_words.OWNER],
    )
    kpi_ids: set[str] = set()
    unowned = 0
    for vision, policy, measure in _measures_in_plan_order(needs):
        kpis = model.kpis_of(needs, measure)
        kpi_ids.update(k["id"] for k in kpis)
        kpi_cell: Cell = []
        for kpi in kpis:
            targets = model.linked(needs, kpi, "kpi", back=True)
            kpi_cell.append(_kpi_part(kpi, targets))
        owners = [Part(s["title"], s["id"]) for s in model.linked(needs, measure, "owner")]
        owners += [Part(words.related(s["title"]), s["id"]) for s in model.linked(needs, measure, "co_owner")]
        unowned += not measure.get("owner")
        matrix.rows.append([
            _need(vision, vision.get("number_label") or vision["title"]) if vision else _text(f"（{words.SUPPORT}）"),
            _need(policy, model.policy_label(policy)) if policy["id"] else _gap(words.NO_POLICY),
            _need(measure),
            _text(measure["name"]) if measure.get("name") else _gap(),
            kpi_cell or _gap(words.NO_KPI),
            _text(str(len(kpis))),
            owners or _gap(),
        ])
    matrix.totals = [
        _text(shared_words.TOTAL), _text(words.policies_count(number=len({r[1][0].text for r in matrix.rows}))),
        _text(words.measures_count(number=len(matrix.rows))), _text(""), _text(f"{len(kpi_ids)} KPI"),
        _text(str(sum(int(r[5][0].text) for r in matrix.rows))),
        _text(words.unowned_count(unowned)),
    ]
    return matrix


def section_matrix(needs: Needs) -> Matrix:
    """Measures (rows) × owning sections (columns): 主管 / 関係, and a column for the gap."""
    sections = model.of_type(needs, model.SECTION)
    matrix = Matrix(
        "sections-by-measure",
        words.SECTIONS_CAPTION,
        [shared_words.POLICY, shared_words.MEASURE, *[s["title"] for s in sections], UNOWNED, words.SECTION_COUNT],
    )
    column_totals = [0] * (len(sections) + 1)
    for _vision, policy, measure in _measures_in_plan_order(needs):
        owner_ids = set(measure.get("owner") or [])
        related_ids = set(measure.get("co_owner") or [])
        cells: list[Cell] = []
        for i, section in enumerate(sections):
            mark = (words.OWNER_MARK if section["id"] in owner_ids
                    else words.RELATED_MARK if section["id"] in related_ids else "")
            column_totals[i] += bool(mark)
            cells.append(_text(mark))
        missing = not owner_ids
        column_totals[-1] += missing
        cells.append(_gap(words.UNRECORDED) if missing else _text(""))
        matrix.rows.append([
            _need(policy, model.policy_label(policy)) if policy["id"] else _gap(words.NO_POLICY),
            _need(measure), *cells, _text(str(len(owner_ids | related_ids))),
        ])
    matrix.totals = [_text(shared_words.TOTAL), _text(words.measures_count(number=len(matrix.rows))),
                     *[_text(str(n)) for n in column_totals], _text("")]
    return matrix


def policy_kpi_matrix(needs: Needs) -> Matrix:
    """KPIs (rows) × policies (columns): which policies no KPI measures."""
    policies = model.of_type(needs, model.POLICY)
    matrix = Matrix(
        "policy-kpi-coverage",
        words.policy_kpi_caption(mark=MARK),
        ["KPI", *[f"{p.get('category') or ''}{p.get('number_label') or ''}" for p in policies], words.POLICY_COUNT],
    )
    column_totals = [0] * len(policies)
    for kpi in model.of_type(needs, model.KPI):
        covered = {p["id"] for p in model.ancestors(needs, kpi, model.POLICY)}
        cells = []
        for i, policy in enumerate(policies):
            hit = policy["id"] in covered
            column_totals[i] += hit
            cells.append(_text(MARK if hit else ""))
        matrix.rows.append([_need(kpi), *cells, _text(str(len(covered)))])
    matrix.totals = [_text(words.KPI_COUNT),
                     *[_text(str(n)) if n else _gap(words.NO_KPI_COUNT) for n in column_totals], _text("")]
    return matrix


# ---------------------------------------------------------------- editorial mappings (提言・意見・国の事項 → 施策 → KPI)
# The sources never state these links: the headers say 「事務局による対応付け」 and an item
# no measure answers shows as a visible gap (never dropped).

EDITORIAL_LINK = "editorial_measures"
EDITORIAL_HEADER = words.EDITORIAL_HEADER


def editorial_cells(needs: Needs, need: Need) -> tuple[Cell, Cell, Cell, bool]:
    """(measures, KPIs with targets, status, answered) for one item's editorial links."""
    targets = model.linked(needs, need, EDITORIAL_LINK)
    if not targets:
        return _gap(words.NO_EDITORIAL_MEASURE), _text(""), _gap(words.UNMAPPED_STATUS), False
    measures = [Part(model.answer_label(needs, t), t["id"]) for t in targets]
    kpis: dict[str, Need] = {}
    for target in targets:
        kpis.update((k["id"], k) for k in model.kpis_of(needs, target))
    kpi_cell: Cell = []
    for kpi in sorted(kpis.values(), key=model.plan_order):
        kpi_cell.append(_kpi_part(kpi, model.linked(needs, kpi, "kpi", back=True)))
    return measures, kpi_cell or _gap(words.NO_KPI), _text(words.MAPPED_STATUS), True


def _editorial_matrix(needs: Needs, items: list[Need], matrix: Matrix, first: Callable[[Need], list[Cell]],
                      noun: str) -> Matrix:
    answered = 0
    kpi_ids: set[str] = set()
    for item in items:
        measures, kpi_cell, status, ok = editorial_cells(needs, item)
        answered += ok
        kpi_ids.update(p.need_id for p in kpi_cell if p.need_id)
        matrix.rows.append([*first(item), measures, kpi_cell, status])
    lead = [_text(shared_words.TOTAL)] + [_text("")] * (len(matrix.headers) - 4)
    lead[-1] = _text(words.items_count(len(items), noun) if len(lead) > 1 else words.total_items(len(items), noun))
    unanswered = len(items) - answered
    matrix.totals = [*lead, _text(words.counted(words.MAPPED, answered)), _text(words.counted("KPI", len(kpi_ids))),
                     (_gap if unanswered else _text)(words.counted(words.UNMAPPED, unanswered))]
    return matrix


def _focus_label(needs: Needs, need: Need) -> Cell:
    focus = model.linked(needs, need, "focus")
    if not focus:
        return _gap(words.NO_FOCUS)
    return _need(focus[0], f"{focus[0].get('number_label') or ''} {focus[0]['title']}".strip())


def committee_matrix(needs: Needs, response_texts: Mapping[str, str] | None = None) -> Matrix:
    """提言 → 施策 → KPI: every recommendation of the council committee, answered or not,
    with the ward's response in words (by recommendation ID) or the gap 「区の対応: 未記載」."""
    response_texts = response_texts or {}
    matrix = Matrix(
        "committee-recommendations",
        words.COMMITTEE_CAPTION,
        [words.FOCUS, words.RECOMMENDATION, EDITORIAL_HEADER, KPI_HEADER, shared_words.STATUS],
    )
    recommendations = model.of_type(needs, "recommendation")
    _editorial_matrix(needs, recommendations, matrix, lambda r: [_focus_label(needs, r), _need(r)],
                      words.RECOMMENDATION)
    matrix.headers.append(shared_words.RESPONSE)
    for row, rec in zip(matrix.rows, recommendations):
        response = response_texts.get(rec["id"])
        row.append(_text(response) if response is not None else _gap(RESPONSE_GAP))
    missing = sum(1 for r in recommendations if r["id"] not in response_texts)
    matrix.totals.append((_gap if missing else _text)(words.responses_missing(missing)))
    return matrix


def national_matrix(needs: Needs) -> Matrix:
    """国の自治体DX推進計画の重点取組事項 → 施策 → KPI."""
    matrix = Matrix(
        "national-priorities",
        words.NATIONAL_CAPTION,
        [words.NATIONAL_PRIORITY, EDITORIAL_HEADER, KPI_HEADER, shared_words.STATUS],
    )
    return _editorial_matrix(needs, model.of_type(needs, "national"), matrix, lambda n: [_need(n)],
                             words.NATIONAL_PRIORITY)


def comments_matrix(needs: Needs) -> Matrix:
    """パブリックコメントの意見 → 施策 → KPI."""
    matrix = Matrix(
        "public-comments",
        words.COMMENTS_CAPTION,
        ["No.", shared_words.ITEM, EDITORIAL_HEADER, KPI_HEADER, shared_words.STATUS],
    )
    return _editorial_matrix(needs, model.of_type(needs, "pubcomment"), matrix,
                             lambda c: [_text(c.get("number_label") or ""), _need(c, c.get("topic") or c["title"])],
                             words.COMMENT)


MATRICES: dict[str, Callable[[Needs], Matrix]] = {
    "trace": trace_matrix,
    "sections": section_matrix,
    "policy-kpi": policy_kpi_matrix,
    "committee": committee_matrix,
    "national": national_matrix,
    "comments": comments_matrix,
}
