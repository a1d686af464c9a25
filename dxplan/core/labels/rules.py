"""The words of the coverage rules and their report, change reasons, the ward's responses and the plan comparison."""

from __future__ import annotations

# Modules, not names: a name imported here would be a second entry of the same wording.
from dxplan.core import labels as shared

#: Before a need's own word for its level: 「この指針」.
THIS = "この"
#: How many, as a table or a sentence says it: 「3件」.
count = "{number}件".format
period = f"{{start}}{shared.RANGE}{{end}}".format


# ---------------------------------------------------------------- severities

ERROR = "エラー"
WARNING = "警告"

# ---------------------------------------------------------------- the rules: titles, then details

NESTED_NEED = "項目が別の項目の本文の中に書かれています"
VISION_WITHOUT_POLICY = "ビジョンに基本方針がありません"
POLICY_WITHOUT_MEASURE = "基本方針に施策がありません"
MEASURE_WITHOUT_OWNER = "施策に主管課がありません"
MEASURE_WITHOUT_KPI = "施策に KPI がありません"
KPI_WITHOUT_TARGET = "KPI に目標値がありません"
TARGET_YEAR_OUTSIDE_PERIOD = f"{shared.TARGET_YEAR}が計画期間の外です"
TARGET_WORDING_MISMATCH = "目標値の数値と出典の表記が一致しません"
TARGET_CHANGE_WITHOUT_REASON = "目標値・単位・目標年度・基準値の変更に変更理由がありません"
ORPHAN_NEED = "体系につながっていない項目があります"
#: Raw HTML is shown as text, never run.
SHOWN_AS_TEXT = "（文字として表示します）"
RAW_HTML_IN_PLAN = f"計画の内容（タイトル・フィールド・本文）に HTML があります{SHOWN_AS_TEXT}"
#: A rule's title and its detail: the source gives no name.
MEASURE_WITHOUT_NAME = "施策名が出典にありません"
TARGET_WITHOUT_BASELINE = "目標値に基準値（実績）がありません"
SUSPECT_LINK = "確認が必要なリンクがあります（リンクの元か先の名称・目標が変わった）"
NO_POLICY_FOR_VISION = f"{THIS}ビジョンにつながる基本方針がありません"
NO_MEASURE_UNDER_POLICY = f"{THIS}基本方針の下に施策がありません"
NO_OWNER_WRITTEN = "主管課が記載されていません"
NO_KPI_FOR_MEASURE = f"{THIS}施策（またはそれを含む施策のまとまり）を測る KPI がありません"
NO_TARGET_FOR_KPI = f"{THIS} KPI の目標値がありません"
NO_BASELINE_IN_SOURCE = "基準値（実績）が出典にありません"
target_year_outside = f"{shared.TARGET_YEAR} {{year}}（{{year_in_words}}）が {{plan}} の計画期間 {{plan_period}} の外です".format
wording_mismatch = "数値・単位・条件「{structured}」が出典の表記「{as_written}」と一致しません".format


def not_in_hierarchy(links) -> str:
    return f"計画の体系につながっていません（{' / '.join(links)} のリンクがありません）"


changed_since_confirmed = "{link} → {target}: {ends}が確認後に変わりました（dxplan review --confirm {source}）".format
nested_in = "{parent}（{parent_type}）の本文の中に書かれています。{parent} の指令の閉じ記号（```）が抜けていないか確認してください".format


# ---------------------------------------------------------------- raw HTML

BODY = "本文"
field_named = "フィールド {key}".format
html_in = "{where}に HTML があります: {snippet}".format


def html_in_body(where: str, snippet: str) -> str:
    return html_in(where=f"{where} の{BODY}", snippet=snippet)


html_on_page = f"[no-raw-html] このページでは HTML を書けません{SHOWN_AS_TEXT}: {{snippet}}（非計画ページで必要なら、先頭に {{allow_key}}: true）".format


# ---------------------------------------------------------------- rules sphinx-needs checks itself

LINK_TARGET_MISSING = "リンク先の項目が存在しません"
LINK_TARGET_TYPE = "リンク先の項目の種類が誤っています（例: KPI の対象が施策・基本方針でない）"
NEED_NOT_MADE = "項目を作れません（ID の重複・ID の規則違反・フィールドの型の誤り）"
SCHEMA_VIOLATION = "ubproject.toml のスキーマ規則に違反しています（出典・目標年度・単位など）"

# ---------------------------------------------------------------- the accepted-gap baseline


def unknown_rule(rule_id: str, known) -> str:
    return f"未知の規則 ID です: {rule_id}（{', '.join(known)}）"


never_accepted = "規則 {rule_id} は受容できません（HTML を取り除いてください）".format
warning_needs_no_acceptance = f"規則 {{rule_id}} は{WARNING}なので受容リストに載せる必要はありません".format
stale_gap = "[{rule_id}] {need_id}: 受容リストの記載が古くなっています（この不足はもうありません。{baseline_file} から削除してください）".format


# ---------------------------------------------------------------- the coverage page

RULE_ID = "規則 ID"
SEVERITY = "重大度"
COUNT = "件数"
ACCEPTED = "うち受容済み"
UNACCEPTED = "未受容"
UNACCEPTED_FAILS = f"{UNACCEPTED}: ビルドは失敗します"
WARNING_ONLY = f"{WARNING}（表示のみ）"
ORPHANS_CAPTION = "どの計画にも属さない項目"
SPHINX_NEEDS_CAPTION = "sphinx-needs が検査する規則（違反があるとビルドが失敗するため、公開中のサイトでは常に 0 件）"
NO_GAPS = "不足はありません。"
not_applied = "適用しない: {reason}".format
counts_caption = "規則ごとの件数: {plan_title}".format


def rule_heading(rule_id: str, title: str, total: int, accepted: int) -> str:
    return f"{rule_id}: {title}（{count(number=total)}、{ACCEPTED} {count(number=accepted)}）"


accepted_because = "受容済み（理由: {reason}）".format


def stale_entries(number: int) -> str:
    return f"古くなった受容リストの記載: {count(number=number)}"


# ---------------------------------------------------------------- change reasons (needs/change-reasons.toml)

CHANGE_REASON = "変更理由"
CHANGE_REASON_QUOTED = f"{CHANGE_REASON}: 出典の記載を引用"
REVISIONS_EXPECTED = "revisions にスナップショット名の並び（古い順）を書いてください"
QUOTE_OR_GAP = "quote と source（出典の引用と箇所）か、gap（出典に理由の記載がないこと）のどちらか一方を書いてください"
NOTHING_TO_COMPARE = "比べる版（スナップショット）がまだありません。"
CURRENT_CONTENT = "現在の掲載内容"
NO_CHANGES = "変更はありません。"
#: A quoted reason up to its source: 『…』（出典: .
quote_opening = "『{quote}』（出典: ".format


def quoted(quote: str, source: str) -> str:
    return f"{quote_opening(quote=quote)}{source}）"


gap_reason = f"{shared.CHANGE_REASON_GAP}（{{why}}）".format
snapshot_missing = "スナップショット {path} がありません".format
snapshot_not_made = "{path}: スナップショットがありません（dxplan snapshot で作成してください）".format
record_change_reason = "{old} → {new} で {what}。{reasons_file} に revision = \"{new}\"、need = \"{need_id}\" の変更理由（出典の引用、または出典に記載なし）を記録してください".format
no_change_in = "{revision} にこの項目の変更がありません（revision と need を確かめてください）".format
#: A revision named for residents: 「後期実施計画の版」.
version_of = "{name}の版".format
change_counts_caption = "変更の件数（{old} → {new}）".format
changes_of = "{group}の変更".format


# ---------------------------------------------------------------- the ward's responses (needs/responses.toml)

DONE = "対応済"
IN_PROGRESS = "対応中"
NOT_STARTED = "未対応"
MEASURES_EXPECTED = "measures は施策 ID の並びにしてください"
RESPONSE_SOURCE_MISSING = "source（区の対応を記した文書と箇所）がありません"
RECOMMENDATIONS = "提言の数"
not_a_recommendation = "recommendation は提言の ID にしてください（{value} は提言ではありません）".format


def status_expected(statuses, value: object) -> str:
    return f"status は {' / '.join(statuses)} のどれかにしてください（{value}）"


not_a_measure = "measures の {measure} は施策・基本方針の ID ではありません".format
cited = "［出典: {source}］".format


def responses_caption(number: int) -> str:
    return f"提言への{shared.RESPONSE}（{count(number=number)}の提言）"


# ---------------------------------------------------------------- the plan comparison

PERIOD = "計画期間"
PERIOD_AS_WRITTEN = f"{PERIOD}（出典の表記）"
STRUCTURE = "体系（上位 → 下位）"
NEEDS_WITH_GAPS = "出典に記載のない事項がある項目"
COVERAGE_CHECK = "記載の不足の点検"
RULES_NOT_APPLIED = "適用しない規則（理由）"
COMPARISON_CAPTION = f"{shared.PLAN}の比較（サイトに掲載しているすべての計画）"
period_with_years = "{plan_period}（{years}年度分）".format
linked_to_measures = "{sections}（施策に結び付いたもの）".format


def error_gaps(total: int, recorded: int) -> str:
    return (f"{ERROR}の規則に当たる不足 {count(number=total)}"
            f"（うち出典の欠落として理由を記録済み {count(number=recorded)}、未記録 {count(number=total - recorded)}）")


def warnings(number: int) -> str:
    return f"{WARNING} {count(number=number)}"


def rule_count(title: str, number: int) -> str:
    return f"{title}: {count(number=number)}"


number_of = "{title}の数".format
