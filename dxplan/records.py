"""Records around a plan that are counted, not traced: an earlier plan's evaluation (000 図15・16)
and the figures of a public comment (002); and a plan's measure list as its source tabulates it
(No, 施策名, 主管課 as written, gaps). Plain functions over need records, then the views.

Figures are shown as the source gives them. Where the source's own figures do not add up
(002: 5 comments from 4 persons), the view says so and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.config import CONFIG_FILE
from dxplan.core import model
from dxplan.core.model import Need, Needs
from dxplan.progress import load_grade_scales
from dxplan.render import gap, join, table
from dxplan.views import register_view

EVALUATION, CONSULTATION = "evaluation", "consultation"
#: 提出方法 as 002 writes them, with the field holding the number of persons.
CHANNELS = (
    ("持参", "persons_in_person"),
    ("郵送", "persons_post"),
    ("FAX", "persons_fax"),
    ("メール", "persons_email"),
    ("Web提出", "persons_web"),
)


@dataclass(frozen=True)
class EvaluationTable:
    kind: str  # 評価 or 方向性
    rows: list[Need]
    total: int  # sum of the rows
    stated_total: int | None  # the source's 合計 (measure_count of the evaluated plan)

    @property
    def adds_up(self) -> bool:
        return self.stated_total is None or self.total == self.stated_total


def evaluation_tables(needs: Needs, evaluated: Need) -> list[EvaluationTable]:
    """The evaluation rows of one earlier plan, grouped by kind (評価, 方向性), in source order."""
    rows = [n for n in model.linked(needs, evaluated, "evaluates", back=True) if n.get("type") == EVALUATION]
    tables = []
    for kind in dict.fromkeys(r.get("eval_kind") for r in rows):
        group = [r for r in rows if r.get("eval_kind") == kind]
        tables.append(EvaluationTable(kind, group, sum(r.get("measure_count") or 0 for r in group),
                                      evaluated.get("measure_count")))
    return tables


def channel_figures(consultation: Need) -> list[tuple[str, int | None]]:
    """(提出方法, persons) as the source gives them."""
    return [(label, consultation.get(field)) for label, field in CHANNELS]


def persons_total(consultation: Need) -> int:
    return sum(n or 0 for _, n in channel_figures(consultation))


# ---------------------------------------------------------------- views


def _grade_definitions(app: Sphinx) -> dict[tuple[str, str], str]:
    scales = load_grade_scales(Path(app.confdir) / CONFIG_FILE)
    return {(s.id, g.label): g.definition for s in scales for g in s.grades}


def render_evaluation(ctx) -> list[nodes.Node]:
    evaluated = ctx.needs.get(ctx.options.get("need", ""))
    if evaluated is None:
        return [nodes.paragraph("", f"評価の対象 {ctx.options.get('need')} が見つかりません")]
    definitions = _grade_definitions(ctx.app)
    out: list[nodes.Node] = []
    for tbl in evaluation_tables(ctx.needs, evaluated):
        graded = tbl.kind == "評価"
        rows = []
        for row in tbl.rows:
            cells: list = [ctx.link(row)]
            if graded:
                definition = definitions.get((row.get("grade_scale") or "", row.get("grade") or ""))
                cells.append(definition or gap("評価の内容が尺度の設定にありません"))
            cells.append(f"{row.get('measure_count')} 施策")
            rows.append(cells)
        stated = f"{tbl.stated_total} 施策" if tbl.stated_total is not None else gap()
        rows.append(["合計（出典）", *([""] if graded else []), stated])
        check = f"{tbl.total} 施策" + ("（出典の合計と一致）" if tbl.adds_up else "")
        rows.append(["各行の合計（事務局による計算）", *([""] if graded else []),
                     check if tbl.adds_up else gap(f"{check}（出典の合計と一致しません）")])
        as_of = tbl.rows[0].get("as_of") if tbl.rows else None
        caption = (f"{evaluated['title']} {as_of or ''}における各施策の"
                   f"{'評価（000 図15）' if graded else '方向性（000 図16）'}")
        headers = ["評価", "評価の内容（出典）", "該当施策"] if graded else ["方向性", "該当施策"]
        out.append(table(headers, rows, caption=caption, classes=["dxplan-evaluation"]))
    return out


def render_consultation(ctx) -> list[nodes.Node]:
    need = ctx.needs.get(ctx.options.get("need", ""))
    if need is None or need.get("type") != CONSULTATION:
        return [nodes.paragraph("", f"意見募集 {ctx.options.get('need')} が見つかりません")]
    figures = channel_figures(need)
    rows = [[label, f"{n}人" if n is not None else gap()] for label, n in figures]
    total = persons_total(need)
    rows.append(["提出方法別の人数の合計（事務局による計算）", f"{total}人"])
    rows.append(["意見の件数（出典）", f"{need.get('comment_count')}件"])
    out: list[nodes.Node] = [table(["提出方法（出典の表記）", "人数"], rows,
                                   caption="提出方法別の人数と意見の件数（出典の数字のまま）",
                                   classes=["dxplan-consultation"])]
    if need.get("comment_count") is not None and total != need["comment_count"]:
        para = nodes.paragraph(classes=["dxplan-gap-note"])
        para += gap(f"出典の数字が一致していません: 提出方法別の人数の合計は{total}人、意見の件数は{need['comment_count']}件です。")
        para += nodes.Text("件数は意見の数、提出方法の内訳は人数で書かれていますが、その差について出典に説明はありません。"
                           "このサイトでは数字を直さず、出典のまま掲載しています。")
        out.append(para)
    return out


def render_measure_list(ctx) -> list[nodes.Node]:
    """The measures of the view's plan as the source's list shows them; a missing name or owner is a visible gap."""
    rows = []
    for measure in sorted(model.of_type(ctx.needs, model.MEASURE), key=lambda m: (m.get("number_label") or "", m["id"])):
        owners = model.linked(ctx.needs, measure, "owner")
        rows.append([
            ctx.link(measure, measure.get("number_label") or measure["title"]),
            measure.get("name") or gap(),
            join([ctx.link(p, f"{p.get('number_label') or ''} {p['title']}".strip())
                  for p in model.linked(ctx.needs, measure, "policy")]) or gap(),
            join([ctx.link(s) for s in owners]) or gap(),
            measure.get("owner_as_written") or ("—" if owners else gap("空欄")),
            measure.get("gaps") or "—",
        ])
    caption = ctx.options.get("caption") or "施策一覧"
    return [table(["No", "施策名", "基本方針", "主管課", "主管課欄の表記（出典のまま）", "出典に記載なし"], rows,
                  caption=caption, classes=["dxplan-measure-list"])]


def setup_records(app: Sphinx) -> None:
    register_view("evaluation-table", render_evaluation, depends_on=(CONFIG_FILE,), options=("need",),
                  required=("need",))
    register_view("consultation-summary", render_consultation, options=("need",), required=("need",))
    register_view("measure-list", render_measure_list, options=("caption",))
