"""Traceability matrices: plain grids computed from need records, rendered as tables and CSV."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.core import model
from dxplan.core.labels import RESPONSE_GAP, UNOWNED
from dxplan.core.model import GAP_LABEL, Need, Needs
from dxplan.markup import raw_node
from dxplan.opendata import download_paragraph, matrix_dataset, ward_of
from dxplan.render import gap, need_link, table
from dxplan.core.responses import RESPONSES_FILE, response_text
from dxplan.responses import build_responses
from dxplan.views import register_view

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
KPI_HEADER, KPI_DATA_HEADER = "KPI と目標値", "KPI（目標値は KPI のデータセットに）"


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


def _measure_label(needs: Needs, measure: Need) -> str:
    return measure["title"]


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
        "ビジョン → 基本方針 → 施策 → KPI（1行に1施策）",
        ["ビジョン", "基本方針", "施策", "施策名", KPI_HEADER, "KPI数（施策のまとまりごと）", "主管課"],
    )
    kpi_ids: set[str] = set()
    unowned = 0
    for vision, policy, measure in _measures_in_plan_order(needs):
        kpis = model.kpis_of(needs, measure)
        kpi_ids.update(k["id"] for k in kpis)
        kpi_cell: Cell = []
        for kpi in kpis:
            targets = model.linked(needs, kpi, "kpi", back=True)
            summary = "、".join(model.target_summary(t) for t in targets) or "目標値なし"
            kpi_cell.append(Part(f"{kpi['title']}（{summary}）", kpi["id"], data=kpi["title"]))
        owners = [Part(s["title"], s["id"]) for s in model.linked(needs, measure, "owner")]
        owners += [Part(f"{s['title']}（関係）", s["id"]) for s in model.linked(needs, measure, "co_owner")]
        unowned += not measure.get("owner")
        matrix.rows.append([
            _need(vision, vision.get("number_label") or vision["title"]) if vision else _text("（推進を下支え）"),
            _need(policy, model.policy_label(policy)) if policy["id"] else _gap("基本方針なし"),
            _need(measure),
            _text(measure["name"]) if measure.get("name") else _gap(),
            kpi_cell or _gap("KPIなし"),
            _text(str(len(kpis))),
            owners or _gap(),
        ])
    matrix.totals = [
        _text("合計"), _text(f"{len({r[1][0].text for r in matrix.rows})}方針"),
        _text(f"{len(matrix.rows)}施策"), _text(""), _text(f"{len(kpi_ids)} KPI"),
        _text(str(sum(int(r[5][0].text) for r in matrix.rows))),
        _text(f"未記載 {unowned}施策"),
    ]
    return matrix


def section_matrix(needs: Needs) -> Matrix:
    """Measures (rows) × owning sections (columns): 主管 / 関係, and a column for the gap."""
    sections = model.of_type(needs, model.SECTION)
    matrix = Matrix(
        "sections-by-measure",
        "施策 × 主管課（主: 主管、関: 関係）",
        ["基本方針", "施策", *[s["title"] for s in sections], UNOWNED, "課の数"],
    )
    column_totals = [0] * (len(sections) + 1)
    for _vision, policy, measure in _measures_in_plan_order(needs):
        owner_ids = set(measure.get("owner") or [])
        related_ids = set(measure.get("co_owner") or [])
        cells: list[Cell] = []
        for i, section in enumerate(sections):
            mark = "主" if section["id"] in owner_ids else "関" if section["id"] in related_ids else ""
            column_totals[i] += bool(mark)
            cells.append(_text(mark))
        missing = not owner_ids
        column_totals[-1] += missing
        cells.append(_gap("未記載") if missing else _text(""))
        matrix.rows.append([
            _need(policy, model.policy_label(policy)) if policy["id"] else _gap("基本方針なし"),
            _need(measure), *cells, _text(str(len(owner_ids | related_ids))),
        ])
    matrix.totals = [_text("合計"), _text(f"{len(matrix.rows)}施策"),
                     *[_text(str(n)) for n in column_totals], _text("")]
    return matrix


def policy_kpi_matrix(needs: Needs) -> Matrix:
    """KPIs (rows) × policies (columns): which policies no KPI measures."""
    policies = model.of_type(needs, model.POLICY)
    matrix = Matrix(
        "policy-kpi-coverage",
        f"KPI × 基本方針（{MARK}: その方針の施策を測る KPI）",
        ["KPI", *[f"{p.get('category') or ''}{p.get('number_label') or ''}" for p in policies], "方針の数"],
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
    matrix.totals = [_text("KPI の数"),
                     *[_text(str(n)) if n else _gap("0（KPIなし）") for n in column_totals], _text("")]
    return matrix


# ---------------------------------------------------------------- editorial mappings (提言・意見・国の事項 → 施策 → KPI)
# The sources never state these links: the headers say 「事務局による対応付け」 and an item
# no measure answers shows as a visible gap (never dropped).

EDITORIAL_LINK = "editorial_measures"
EDITORIAL_HEADER = "対応する施策（事務局による対応付け）"


def editorial_cells(needs: Needs, need: Need) -> tuple[Cell, Cell, Cell, bool]:
    """(measures, KPIs with targets, status, answered) for one item's editorial links."""
    targets = model.linked(needs, need, EDITORIAL_LINK)
    if not targets:
        return _gap("対応する施策なし"), _text(""), _gap("対応付けなし（対応する施策を出典も事務局も示していない）"), False
    measures = [Part(model.answer_label(needs, t), t["id"]) for t in targets]
    kpis: dict[str, Need] = {}
    for target in targets:
        kpis.update((k["id"], k) for k in model.kpis_of(needs, target))
    kpi_cell: Cell = []
    for kpi in sorted(kpis.values(), key=model.plan_order):
        summary = "、".join(model.target_summary(t) for t in model.linked(needs, kpi, "kpi", back=True)) or "目標値なし"
        kpi_cell.append(Part(f"{kpi['title']}（{summary}）", kpi["id"], data=kpi["title"]))
    return measures, kpi_cell or _gap("KPIなし"), _text("対応付けあり（事務局による）"), True


def _editorial_matrix(needs: Needs, items: list[Need], matrix: Matrix, first: Callable[[Need], list[Cell]],
                      noun: str) -> Matrix:
    answered = 0
    kpi_ids: set[str] = set()
    for item in items:
        measures, kpi_cell, status, ok = editorial_cells(needs, item)
        answered += ok
        kpi_ids.update(p.need_id for p in kpi_cell if p.need_id)
        matrix.rows.append([*first(item), measures, kpi_cell, status])
    lead = [_text("合計")] + [_text("")] * (len(matrix.headers) - 4)
    lead[-1] = _text(f"{len(items)}件の{noun}") if len(lead) > 1 else _text(f"合計 {len(items)}件の{noun}")
    unanswered = len(items) - answered
    matrix.totals = [*lead, _text(f"対応付けあり {answered}件"), _text(f"KPI {len(kpi_ids)}件"),
                     _gap(f"対応付けなし {unanswered}件") if unanswered else _text("対応付けなし 0件")]
    return matrix


def _focus_label(needs: Needs, need: Need) -> Cell:
    focus = model.linked(needs, need, "focus")
    if not focus:
        return _gap("重点調査項目なし")
    return _need(focus[0], f"{focus[0].get('number_label') or ''} {focus[0]['title']}".strip())


def committee_matrix(needs: Needs, responses: dict | None = None) -> Matrix:
    """提言 → 施策 → KPI: every recommendation of the council committee, answered or not,
    with the ward's response (responses.py) or the gap 「区の対応: 未記載」."""
    responses = responses or {}
    matrix = Matrix(
        "committee-recommendations",
        "提言 → 施策 → KPI（1行に1提言。施策は事務局による対応付けで、出典は対応を記載していない）",
        ["重点調査項目", "提言", EDITORIAL_HEADER, KPI_HEADER, "状態"],
    )
    recommendations = model.of_type(needs, "recommendation")
    _editorial_matrix(needs, recommendations, matrix, lambda r: [_focus_label(needs, r), _need(r)], "提言")
    matrix.headers.append("区の対応")
    for row, rec in zip(matrix.rows, recommendations):
        response = responses.get(rec["id"])
        row.append(_text(response_text(needs, response)) if response else _gap(RESPONSE_GAP))
    missing = sum(1 for r in recommendations if r["id"] not in responses)
    matrix.totals.append(_gap(f"{RESPONSE_GAP} {missing}件") if missing else _text(f"{RESPONSE_GAP} 0件"))
    return matrix


def national_matrix(needs: Needs) -> Matrix:
    """国の自治体DX推進計画の重点取組事項 → 施策 → KPI."""
    matrix = Matrix(
        "national-priorities",
        "自治体DX推進計画の重点取組事項 → 施策 → KPI（施策は事務局による対応付け）",
        ["重点取組事項", EDITORIAL_HEADER, KPI_HEADER, "状態"],
    )
    return _editorial_matrix(needs, model.of_type(needs, "national"), matrix, lambda n: [_need(n)], "重点取組事項")


def comments_matrix(needs: Needs) -> Matrix:
    """パブリックコメントの意見 → 施策 → KPI."""
    matrix = Matrix(
        "public-comments",
        "意見 → 施策 → KPI（施策は事務局による対応付け）",
        ["No.", "項目", EDITORIAL_HEADER, KPI_HEADER, "状態"],
    )
    return _editorial_matrix(needs, model.of_type(needs, "pubcomment"), matrix,
                             lambda c: [_text(c.get("number_label") or ""), _need(c, c.get("topic") or c["title"])], "意見")


MATRICES: dict[str, Callable[[Needs], Matrix]] = {
    "trace": trace_matrix,
    "sections": section_matrix,
    "policy-kpi": policy_kpi_matrix,
    "committee": committee_matrix,
    "national": national_matrix,
    "comments": comments_matrix,
}


# ---------------------------------------------------------------- rendering


def _cell_nodes(ctx, cell: Cell) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, part in enumerate(cell):
        if i:
            out.append(raw_node("<br/>"))
        if part.is_gap:
            out.append(gap(part.text))
        elif part.need_id and part.need_id in ctx.needs:
            out.append(need_link(ctx.app, ctx.fromdocname, ctx.needs[part.need_id], part.text))
        else:
            out.append(nodes.Text(part.text))
    return out


def render_matrix(ctx) -> list[nodes.Node]:
    name = ctx.options.get("matrix", "")
    if name not in MATRICES:
        return [nodes.paragraph("", f"未知の表: {name}（{', '.join(MATRICES)}）")]
    if name == "committee":
        matrix = committee_matrix(ctx.needs, build_responses(ctx.app, ctx.needs))
    else:
        matrix = MATRICES[name](ctx.needs)
    out: list[nodes.Node] = []
    if ctx.app.builder.format == "html":
        out.append(download_paragraph(ctx, matrix_dataset(matrix, ward_of(ctx.app, ctx.options.get("plan"))),
                                      "この表をダウンロード: "))
    rows = [[_cell_nodes(ctx, cell) for cell in row] for row in matrix.rows]
    if matrix.totals:
        rows.append([_cell_nodes(ctx, cell) for cell in matrix.totals])
    out.append(table(matrix.headers, rows, caption=matrix.caption,
                     classes=["dxplan-matrix", f"dxplan-matrix-{name}"]))
    return out


def setup_matrices(app: Sphinx) -> None:
    register_view("matrix", render_matrix, options=("matrix",), required=("matrix",),
                  choices={"matrix": lambda: list(MATRICES)}, depends_on=(RESPONSES_FILE,))
