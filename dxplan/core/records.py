"""Records around a plan that are counted, not traced: an earlier plan's evaluation (000 図15・16)
and the figures of a public comment (002). Plain functions over need records; dxplan/records.py
shows them.

Figures are shown as the source gives them. Where the source's own figures do not add up
(002: 5 comments from 4 persons), the view says so and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from dxplan.core import model
from dxplan.core.labels import records as words
from dxplan.core.model import Need, Needs

EVALUATION, CONSULTATION = "evaluation", "consultation"
#: 提出方法 as 002 writes them, with the field holding the number of persons.
CHANNELS = (
    (words.IN_PERSON, "persons_in_person"),
    (words.POST, "persons_post"),
    (words.FAX, "persons_fax"),
    (words.EMAIL, "persons_email"),
    (words.WEB, "persons_web"),
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

    @property
    def graded(self) -> bool:
        """The 評価 table (each row a grade), not the 方向性 one."""
        return self.kind == words.GRADED


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
