"""The words of the coverage rules and their report, change reasons, the ward's responses and the plan comparison."""

from __future__ import annotations

# Modules, not names: a name imported here would be a second entry of the same wording.
from dxplan.core import labels as shared

#: Before a need's own word for its level: 「この指針」.
THIS = "この"


def count(number: int) -> str:
    """How many, as a table or a sentence says it: 「3件」."""
    return f"{number}件"


def period(start: str, end: str) -> str:
    return f"{start}{shared.RANGE}{end}"


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


def target_year_outside(year: int, year_in_words: str, plan: str, plan_period: str) -> str:
    return f"{shared.TARGET_YEAR} {year}（{year_in_words}）が {plan} の計画期間 {plan_period} の外です"


def wording_mismatch(structured: str, as_written: str) -> str:
    return f"数値・単位・条件「{structured}」が出典の表記「{as_written}」と一致しません"


def not_in_hierarchy(links) -> str:
    return f"計画の体系につながっていません（{' / '.join(links)} のリンクがありません）"


def changed_since_confirmed(link: str, target: str, ends: str, source: str) -> str:
    return f"{link} → {target}: {ends}が確認後に変わりました（dxplan review --confirm {source}）"


def nested_in(parent: str, parent_type: str) -> str:
    return (f"{parent}（{parent_type}）の本文の中に書かれています。"
            f"{parent} の指令の閉じ記号（```）が抜けていないか確認してください")


# ---------------------------------------------------------------- raw HTML

BODY = "本文"


def field_named(key: str) -> str:
    return f"フィールド {key}"


def html_in(where: str, snippet: str) -> str:
    return f"{where}に HTML があります: {snippet}"


def html_in_body(where: str, snippet: str) -> str:
    return html_in(f"{where} の{BODY}", snippet)


def html_on_page(snippet: str, allow_key: str) -> str:
    return (f"[no-raw-html] このページでは HTML を書けません{SHOWN_AS_TEXT}: {snippet}"
            f"（非計画ページで必要なら、先頭に {allow_key}: true）")


# ---------------------------------------------------------------- rules sphinx-needs checks itself

LINK_TARGET_MISSING = "リンク先の項目が存在しません"
LINK_TARGET_TYPE = "リンク先の項目の種類が誤っています（例: KPI の対象が施策・基本方針でない）"
NEED_NOT_MADE = "項目を作れません（ID の重複・ID の規則違反・フィールドの型の誤り）"
SCHEMA_VIOLATION = "ubproject.toml のスキーマ規則に違反しています（出典・目標年度・単位など）"

# ---------------------------------------------------------------- the accepted-gap baseline


def unknown_rule(rule_id: str, known) -> str:
    return f"未知の規則 ID です: {rule_id}（{', '.join(known)}）"


def never_accepted(rule_id: str) -> str:
    return f"規則 {rule_id} は受容できません（HTML を取り除いてください）"


def warning_needs_no_acceptance(rule_id: str) -> str:
    return f"規則 {rule_id} は{WARNING}なので受容リストに載せる必要はありません"


def stale_gap(rule_id: str, need_id: str, baseline_file: str) -> str:
    return (f"[{rule_id}] {need_id}: 受容リストの記載が古くなっています"
            f"（この不足はもうありません。{baseline_file} から削除してください）")


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


def not_applied(reason: str) -> str:
    return f"適用しない: {reason}"


def counts_caption(plan_title: str) -> str:
    return f"規則ごとの件数: {plan_title}"


def rule_heading(rule_id: str, title: str, total: int, accepted: int) -> str:
    return f"{rule_id}: {title}（{count(total)}、{ACCEPTED} {count(accepted)}）"


def accepted_because(reason: str) -> str:
    return f"受容済み（理由: {reason}）"


def stale_entries(number: int) -> str:
    return f"古くなった受容リストの記載: {count(number)}"


# ---------------------------------------------------------------- change reasons (needs/change-reasons.toml)

CHANGE_REASON = "変更理由"
CHANGE_REASON_QUOTED = f"{CHANGE_REASON}: 出典の記載を引用"
REVISIONS_EXPECTED = "revisions にスナップショット名の並び（古い順）を書いてください"
QUOTE_OR_GAP = "quote と source（出典の引用と箇所）か、gap（出典に理由の記載がないこと）のどちらか一方を書いてください"
NOTHING_TO_COMPARE = "比べる版（スナップショット）がまだありません。"
CURRENT_CONTENT = "現在の掲載内容"
NO_CHANGES = "変更はありません。"


def quote_opening(quote: str) -> str:
    """A quoted reason up to its source: 『…』（出典: ."""
    return f"『{quote}』（出典: "


def quoted(quote: str, source: str) -> str:
    return f"{quote_opening(quote)}{source}）"


def gap_reason(why: str) -> str:
    return f"{shared.CHANGE_REASON_GAP}（{why}）"


def snapshot_missing(path: str) -> str:
    return f"スナップショット {path} がありません"


def snapshot_not_made(path: object) -> str:
    return f"{path}: スナップショットがありません（dxplan snapshot で作成してください）"


def record_change_reason(old: str, new: str, what: str, reasons_file: str, need_id: str) -> str:
    return (f"{old} → {new} で {what}。{reasons_file} に revision = \"{new}\"、"
            f"need = \"{need_id}\" の変更理由（出典の引用、または出典に記載なし）を記録してください")


def no_change_in(revision: str) -> str:
    return f"{revision} にこの項目の変更がありません（revision と need を確かめてください）"


def version_of(name: str) -> str:
    """A revision named for residents: 「後期実施計画の版」."""
    return f"{name}の版"


def change_counts_caption(old: str, new: str) -> str:
    return f"変更の件数（{old} → {new}）"


def changes_of(group: str) -> str:
    return f"{group}の変更"


# ---------------------------------------------------------------- the ward's responses (needs/responses.toml)

DONE = "対応済"
IN_PROGRESS = "対応中"
NOT_STARTED = "未対応"
MEASURES_EXPECTED = "measures は施策 ID の並びにしてください"
RESPONSE_SOURCE_MISSING = "source（区の対応を記した文書と箇所）がありません"
RECOMMENDATIONS = "提言の数"


def not_a_recommendation(value: object) -> str:
    return f"recommendation は提言の ID にしてください（{value} は提言ではありません）"


def status_expected(statuses, value: object) -> str:
    return f"status は {' / '.join(statuses)} のどれかにしてください（{value}）"


def not_a_measure(measure: str) -> str:
    return f"measures の {measure} は施策・基本方針の ID ではありません"


def cited(source: str) -> str:
    return f"［出典: {source}］"


def responses_caption(number: int) -> str:
    return f"提言への{shared.RESPONSE}（{count(number)}の提言）"


# ---------------------------------------------------------------- the plan comparison

PERIOD = "計画期間"
PERIOD_AS_WRITTEN = f"{PERIOD}（出典の表記）"
STRUCTURE = "体系（上位 → 下位）"
NEEDS_WITH_GAPS = "出典に記載のない事項がある項目"
COVERAGE_CHECK = "記載の不足の点検"
RULES_NOT_APPLIED = "適用しない規則（理由）"
COMPARISON_CAPTION = f"{shared.PLAN}の比較（サイトに掲載しているすべての計画）"


def period_with_years(plan_period: str, years: int) -> str:
    return f"{plan_period}（{years}年度分）"


def linked_to_measures(sections: str) -> str:
    return f"{sections}（施策に結び付いたもの）"


def error_gaps(total: int, recorded: int) -> str:
    return (f"{ERROR}の規則に当たる不足 {count(total)}"
            f"（うち出典の欠落として理由を記録済み {count(recorded)}、未記録 {count(total - recorded)}）")


def warnings(number: int) -> str:
    return f"{WARNING} {count(number)}"


def rule_count(title: str, number: int) -> str:
    return f"{title}: {count(number)}"


def number_of(title: str) -> str:
    return f"{title}の数"
