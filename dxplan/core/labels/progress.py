"""Progress: grades and their scales, the progress tables and charts, a KPI's answer line, and
the reporting cycle's states and refusals (施策の進行管理)."""

from __future__ import annotations

from dxplan.core import labels as shared

# ---------------------------------------------------------------- words several tables share

#: A reported figure.
ACTUAL = "実績"
#: A grade (S, A, B, … or the plan's own words).
GRADE = "評語"
PROGRESS_RATE = "進捗率"
#: A target, in running text (目標: …) and on a chart's target line.
GOAL = "目標"
SOURCE = "出典"
not_found = "{name} が見つかりません".format


# ---------------------------------------------------------------- grade scales

#: A computed scale whose grades do not cover every figure.
INCOMPLETE_GRADE_SCALE = "評語の尺度の条件が不完全です（最後の評語は otherwise = true）"
NO_GRADE_SCALE = "この計画には評語の尺度が設定されていません。"
#: The grade-scale table's headers and condition words.
GRADE_DEFINITION = "説明（出典）"
GRADE_CONDITION = "判定の条件（このサイトの設定）"
EXCEEDS_TARGET = "目標を上回る"
OTHERWISE = "上記以外"
REPORTED_GRADE = "報告された評語"
plan_without_grade_scale = "{plan_id} に評語の尺度（dxplan.grade_scales の plans）がありません".format


def at_least_progress(percent: float) -> str:
    return f"{PROGRESS_RATE} {percent:g}% 以上"


def grade_scale_caption(name: str, source: str, computed: bool) -> str:
    return f"{name}（{SOURCE}: {source}）{'' if computed else '— 実績から計算せず、報告された評語を記録する尺度'}"


# ---------------------------------------------------------------- progress tables

#: The first column of a summary: the plan, a policy, a section.
SUBJECT = "対象"
WHOLE_PLAN = "計画全体"
PROVISIONAL_COLUMN = f"{shared.PROVISIONAL}（未確定）"
TARGET_COUNT = "目標値の数"
MEAN_PROGRESS = "平均進捗率"
NO_TARGETS_LINKED = "この項目に結び付いた目標値はありません（主管課が出典に記載されていないため）。"
NO_KPIS_LINKED = "この項目に結び付いた KPI はありません。"
HISTORY_HEADING = "目標値ごとの実績の推移"
PROVISIONAL_NOTE = f"（{shared.PROVISIONAL}: 未確定の実績）"
BASELINE_YEAR_NOTE = f"（{shared.BASELINE_YEAR}）"
SOURCE_OR_REPORT = "出典・報告"
#: A year of the status table outside the plan's period.
OUTSIDE_PLAN_PERIOD = "—（計画期間外）"
KPI_AND_TARGET = "KPI（目標）"
STATUS_BY_YEAR_CAPTION = "年度別 達成状況一覧（KPI × 年度）"


def year_caption(year: str, has_data: bool) -> str:
    """令和7年度, saying so when that year has no actual yet."""
    return year + ("" if has_data else "（この年度の実績はまだ報告されていません）")


#: 令和7年度の進捗（評語の尺度）.
progress_of = "{subject}の進捗（{detail}）".format


def progress_by_policy(year: str) -> str:
    return progress_of(subject=f"{shared.POLICY}別", detail=year)


def progress_by_section(year: str) -> str:
    return progress_of(subject=f"{shared.OWNER}別", detail=year)


yearly_actuals_caption = "{kpi}（{target}）の年度別実績".format
history_chart_label = "{title} の実績の推移（同じ値を右の表に示しています）".format


def baseline_figure(text: str) -> str:
    return f"基準値 {text}".strip()


# ---------------------------------------------------------------- a KPI's answer line

NOTHING_REPORTED = "計画書に記載がなく、まだ報告もありません"
goal_in_year = "{year}に{title}".format
goal_without_year = f"{{title}}（目標年度は{shared.GAP_LABEL}）".format
figure_in_year = "{year}は{figure}".format
not_reported_in = f"{{year}}の{ACTUAL}はまだ報告されていません".format


def graded_in(year: str, grade: str, percent: str | None) -> str:
    return f"{year}は「{grade}」" + (f"（{PROGRESS_RATE} {percent}）" if percent is not None else "")


answer_line = f"{GOAL}: {{goal}}／最新の{ACTUAL}: {{latest}}／{{state}}".format


# ---------------------------------------------------------------- reporting (依頼 → 提出 → 確定)

NOT_REQUESTED = "依頼前"
REQUESTED = "依頼済"
SUBMITTED = "提出済"
RETURNED = "差戻し"
CONFIRMED = "確定"
#: The header of a new needs/reporting.toml.
REPORTING_FILE_HEADER = ("# 実績の報告状況: one [[report]] per section (\"\" = no owning section) and fiscal year.\n"
                         "# Written only by dxplan (excel template / import / return / confirm); "
                         "[[report.history]] keeps each step.\n")
_RETURN_FIRST = "先に dxplan excel return で差し戻してください"
#: 施策推進課の令和7年度の報告: who a refusal is about.
report_of = "{section}の{year}の報告".format
report_already_confirmed = "{report}は既に確定しています".format
report_not_submitted_to_confirm = "{report}は提出されていないため確定できません（現在: {state}）。確定できるのは提出済みの報告だけです".format
report_not_submitted_to_return = "{report}は提出されていないため差し戻せません（現在: {state}）".format
report_confirmed_to_import = f"{{report}}は確定しています。取り込み直すには、{_RETURN_FIRST}".format


def report_in_hand_to_request(report: str, confirmed: bool) -> str:
    done = "確定しています" if confirmed else "提出されています"
    return f"{report}は既に{done}。依頼し直すには、{_RETURN_FIRST}"


def report_fields_required(states: tuple[str, ...]) -> str:
    return f"section, fy, state（{shared.WORD_SEPARATOR.join(states)}）が必要です"


duplicate_report = "{year}の記録が重複しています".format


