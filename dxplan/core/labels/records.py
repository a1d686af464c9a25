"""Records counted beside the plan: an earlier plan's evaluation (000 図15・16), the figures of a
public comment (002), and a plan's measure list as its source tabulates it."""

from __future__ import annotations

from dxplan.core.labels import progress
from dxplan.core import labels as shared_words

# ---------------------------------------------------------------- an earlier plan's evaluation

#: The kinds of evaluation rows (eval_kind), as 000 names its two figures.
GRADED, DIRECTION = "評価", "方向性"
EVALUATED_PLAN = "評価の対象"
GRADE_MEANING = "評価の内容（出典）"
MEASURES_IN_ROW = "該当施策"
GRADE_NOT_IN_SCALE = "評価の内容が尺度の設定にありません"
STATED_TOTAL = f"合計（{progress.SOURCE}）"
ROWS_TOTAL = "各行の合計（事務局による計算）"
measure_count = f"{{count}} {shared_words.MEASURE}".format
total_matches = "{total}（出典の合計と一致）".format
total_differs = "{total}（出典の合計と一致しません）".format


def evaluation_caption(plan: str, as_of: str | None, graded: bool) -> str:
    return f"{plan} {as_of or ''}における各{shared_words.MEASURE}の{'評価（000 図15）' if graded else '方向性（000 図16）'}"


# ---------------------------------------------------------------- a public comment (意見募集)

CONSULTATION = "意見募集"
#: 提出方法 as 002 writes them.
IN_PERSON, POST, FAX, EMAIL, WEB = "持参", "郵送", "FAX", "メール", "Web提出"
CHANNEL = "提出方法（出典の表記）"
PERSONS = "人数"
PERSONS_TOTAL = "提出方法別の人数の合計（事務局による計算）"
COMMENTS_STATED = "意見の件数（出典）"
CONSULTATION_CAPTION = "提出方法別の人数と意見の件数（出典の数字のまま）"
FIGURES_LEFT_AS_GIVEN = ("件数は意見の数、提出方法の内訳は人数で書かれていますが、その差について出典に説明はありません。"
                         "このサイトでは数字を直さず、出典のまま掲載しています。")
persons = "{count}人".format
comments = "{count}件".format
figures_disagree = "出典の数字が一致していません: 提出方法別の人数の合計は{persons_total}人、意見の件数は{comment_count}件です。".format


# ---------------------------------------------------------------- a plan's measure list

MEASURE_LIST = f"{shared_words.MEASURE}一覧"
OWNER_AS_WRITTEN = f"{shared_words.OWNER}欄の表記（出典のまま）"
NOT_IN_SOURCE = "出典に記載なし"
#: An owner cell the source left empty.
BLANK = "空欄"
MEASURE_LIST_HEADERS = ("No", shared_words.MEASURE_NAME, shared_words.POLICY, shared_words.OWNER, OWNER_AS_WRITTEN, NOT_IN_SOURCE)
