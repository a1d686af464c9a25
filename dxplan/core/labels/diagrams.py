"""The diagrams' words: accessible titles and descriptions, captions, and the tables beside them."""

from __future__ import annotations

from dxplan.core.labels import views
from dxplan.core import labels as shared_words

#: Where a diagram's content is also given as text (WCAG 1.1.1).
SAME_IN_LIST_BELOW = "同じ内容を下の一覧に文字で示しています"
SAME_IN_TABLE_BELOW = "同じ内容を下の表に文字で示しています"
SAME_IN_TABLE_UNDER_DIAGRAM = "同じ内容を図の下の表に文字で示しています"
#: Ends a sentence.
FULL_STOP = "。"

# ---------------------------------------------------------------- 施策体系図 and a policy's diagram

STRUCTURE_DIAGRAM = "施策体系図"


def structure_title(name: str) -> str:
    return views.in_parentheses(text=STRUCTURE_DIAGRAM, note=name)


structure_description = f"{{name}}の下に{shared_words.POLICY}{{policies}}つ、{shared_words.MEASURE}{{measures}}件。{SAME_IN_LIST_BELOW}{FULL_STOP}".format


def structure_caption(name: str) -> str:
    return views.in_parentheses(text=STRUCTURE_DIAGRAM, note=f"{name}。図と{SAME_IN_LIST_BELOW}")


policy_title = f"{{name}}の{shared_words.MEASURE}と KPI".format
policy_description = f"{{name}}の下に{shared_words.MEASURE}{{measures}}件、それを測る KPI {{kpis}}件。{SAME_IN_TABLE_BELOW}{FULL_STOP}".format
POLICY_DIAGRAM_CAPTION = f"この方針の{shared_words.MEASURE}と KPI の関係図（{SAME_IN_TABLE_BELOW}）"

# ---------------------------------------------------------------- 推進体制

#: The relations between bodies the source states: the edge's label, the sentence, and the
#: table's words for each side.
ASSISTS = "補佐"
ASSISTS_WHOM = "補佐する相手: "
ASSISTED_BY = "補佐する役職・組織: "
AFFAIRS = "庶務"
AFFAIRS_OF = "庶務を処理する相手: "
AFFAIRS_HANDLED_BY = "庶務を処理する事務局: "
assists = f"{{body}}は{{other}}を{ASSISTS}する".format
handles_affairs = f"{{body}}は{{other}}の{AFFAIRS}を処理する".format
ORG_CHART_TITLE = "推進体制の組織図（本文から再構成）"
STATED_RELATIONS = "本文が述べる関係"


def org_description(bodies: int, sentences: list[str]) -> str:
    return (f"推進体制の組織・役職{bodies}件と、{STATED_RELATIONS}{len(sentences)}件。"
            f"{FULL_STOP.join(sentences)}{FULL_STOP}{SAME_IN_TABLE_UNDER_DIAGRAM}{FULL_STOP}")


#: The post a body's head holds (a field a source may leave as a gap).
HOLDER = "充てる職"
NO_RELATIONS = "他の組織との関係は出典に記載なし"
ORG_CHART_CAPTION = f"推進体制の組織図（矢印は「補佐する → 補佐を受ける」、点線は「庶務を処理する → 対象」。{SAME_IN_TABLE_BELOW}）"
ORGS = "組織・役職"
ROLE = views.as_in_source("役割")
ORG_TABLE_CAPTION = "推進体制（組織図と同じ内容）"

# ---------------------------------------------------------------- 計画期間 and the earlier plans

BASIC_PLAN = "基本計画"
IMPLEMENTATION_PLAN = "実施計画"
PERIODS_TITLE = f"計画期間（{BASIC_PLAN}と{IMPLEMENTATION_PLAN}）"
PERIOD = views.as_in_source("期間")
START_YEAR = "開始年度"
END_YEAR = "終了年度"
YEARS = "年数"
PERIODS_CAPTION = ("計画期間の図（横軸の目盛りは暦年（令和N年）。各計画は4月に始まり3月に終わる年度単位。"
                   f"{SAME_IN_TABLE_BELOW}）")
PERIODS_TABLE_CAPTION = "計画期間（図と同じ内容）"
#: 5か年.
years_span = "{years}か年".format


def period(start: str, end: str, years: int) -> str:
    """令和3年度〜令和7年度（5か年）."""
    return f"{start}{shared_words.RANGE}{views.in_parentheses(text=end, note=years_span(years=years))}"


plan_period = "{plan}は{period_text}".format
#: The periods, listed, then how a fiscal year runs.
periods_description = f"{{periods}}。各年度は4月に始まり翌年3月に終わります。{SAME_IN_TABLE_UNDER_DIAGRAM}{FULL_STOP}".format


def plan_not_found(need_id: str) -> str:
    return f"{views.not_found(what=shared_words.PLAN, need_id=need_id)}（:need: に{BASIC_PLAN}の ID を指定）"


HISTORY_TITLE = "区におけるこれまでの情報化計画"
NO_START = "開始年度の記載なし"
NO_END = "終わりの年度は出典に記載なし"
from_year = "{year}から".format
until_year = "{year}まで".format
#: The plans, listed oldest first.
history_description = f"古い順に{{plans}}{FULL_STOP}{SAME_IN_TABLE_UNDER_DIAGRAM}{FULL_STOP}".format
HISTORY_CAPTION = f"{HISTORY_TITLE}の年表（{SAME_IN_TABLE_BELOW}）"
HISTORY_TABLE_CAPTION = "これまでの情報化計画（年表と同じ内容）"
