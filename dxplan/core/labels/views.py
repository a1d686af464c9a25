"""The pages' words: view and matrix headings and captions, card lines, the sources' names,
the accessibility page, the site's chrome, and the messages about a view's options."""

from __future__ import annotations

from collections.abc import Iterable

from dxplan.core import labels

# ---------------------------------------------------------------- the plan's levels and roles

ACTION = "個別施策"
OWNS = "主管"
#: A section taking part in a measure it does not own.
RELATED = "関係"
DEPARTMENT = "部"
BASELINE = "基準値（実績）"
#: What the measures under no vision are (a plan's 推進体制の強化 policies).
SUPPORT = "推進を下支え"
SUPPORT_AREA = "推進体制の強化"
#: A missing value, said shortly (the long form is labels.GAP_LABEL).
UNRECORDED = "未記載"
NO_TARGET = "目標値なし"
NO_KPI = "KPIなし"
NO_POLICY = "基本方針なし"
#: After a number of things (3件).
COUNTER = "件"
#: Marks a value written as the source writes it.
AS_IN_SOURCE = "出典の表記"
#: A card line listing the findings no other line of the card shows.
TO_CHECK = "確認事項"
#: 3件.
count = f"{{number}}{COUNTER}".format
in_parentheses = "{text}（{note}）".format


def as_in_source(label: str) -> str:
    """A heading whose column shows the source's own wording: 目標（出典の表記）."""
    return in_parentheses(text=label, note=AS_IN_SOURCE)


#: 令和2年7月（出典の表記: R2 7月）: a source's short form in words, the form beside it.
in_words = f"{{words}}（{AS_IN_SOURCE}: {{source_text}}）".format


def supported_by() -> str:
    """The heading of the policies under no vision: 推進を下支え（推進体制の強化）."""
    return in_parentheses(text=SUPPORT, note=SUPPORT_AREA)


def listed(items: Iterable[str]) -> str:
    return labels.LIST_SEPARATOR.join(items)


def related(section_title: str) -> str:
    """A section taking part in a measure: 情報政策課（関係）."""
    return in_parentheses(text=section_title, note=RELATED)


#: 基本方針 POL_9 が見つかりません.
not_found = "{what} {need_id} が見つかりません".format


# ---------------------------------------------------------------- words for a need (core/model.py)


#: 令和元年度実績 1,200件.
baseline = "{year}実績 {text}".format
#: Closes the plan's own name in a plan's title (「板橋区ICT推進・活用計画2025」前期実施計画).
NAME_CLOSE = "」"


def measure_number(number: str) -> str:
    """施策1 (a number the source gives without the word)."""
    return number if number.startswith(labels.MEASURE) else f"{labels.MEASURE}{number}"


def as_policy(label: str) -> str:
    return in_parentheses(text=label, note=labels.POLICY)


#: 〔基本方針Ⅰ 業務の改善・効率化〕: the policy a measure serves, after the measure.
under_policy = "〔{policy}〕".format
needs_json_without_version = "{path}: needs.json にバージョンがありません".format


# ---------------------------------------------------------------- views

KPI_LIST = "KPI と目標値の一覧"
TARGET_MEASURES = as_in_source("対象施策")
ACTION_LIST = "個別施策の一覧"
APPROACH = "取り組みの方向性"
SCHEDULE = "策定スケジュール（予定）"
WHEN = "時期"
OWNER_LIST = "主管課の一覧"
OWNED_COUNT = "主管する施策数"
RELATED_COUNT = "関係する施策数"
SECTION_WITHOUT_MEASURES = "この課が主管・関係する施策は、掲載中の計画の出典に記載がありません（未記載）。"
#: 【基本方針Ⅰ】業務の改善・効率化.
policy_heading = "【{label}】{title}".format
#: Opens what follows a measure in the structure list: （施策名: …／KPI 2件）.
measure_name_opening = f"（{labels.MEASURE_NAME}: ".format


def kpi_count(number: int) -> str:
    """／KPI 2件: after a measure's name in the structure list."""
    return f"／KPI {count(number=number)}"


#: Opens the heading of the measures no policy is given for: 施策（基本方針との対応: 未記載）.
measures_of_unknown_policy = f"{labels.MEASURE}（{{level}}との対応: ".format
measures_of = f"{{section_title}}の{labels.MEASURE}".format


def unowned_measures(number: int) -> str:
    """Opens the list of measures no section owns: 主管課が出典に記載されていない施策: 2件（…）."""
    return f"{labels.OWNER}が出典に記載されていない{labels.MEASURE}: {count(number=number)}（"


def unknown_view(name: str, views: Iterable[str]) -> str:
    return f"未知のビュー「{name}」です（使えるビュー: {', '.join(views)}）"


def unknown_view_option(name: str, option: str, allowed: Iterable[str]) -> str:
    return f"ビュー「{name}」にオプション :{option}: はありません（使えるオプション: {', '.join(allowed)}）"


view_option_required = "ビュー「{name}」には :{option}: が必要です".format


def not_a_choice(option: str, value: str, choices: Iterable[str]) -> str:
    return f":{option}: {value} は選べません（{', '.join(choices)}）"


no_such_need = ":{option}: {value} という項目はありません".format


# ---------------------------------------------------------------- matrices

KPI_AND_TARGETS = "KPI と目標値"
#: The KPI column of a matrix's open-data files: the targets are in the KPI dataset there.
KPI_IN_DATA = "KPI（目標値は KPI のデータセットに）"
TRACE_CAPTION = f"{labels.VISION} → {labels.POLICY} → {labels.MEASURE} → KPI（1行に1{labels.MEASURE}）"
KPIS_PER_GROUP = "KPI数（施策のまとまりごと）"
#: The marks of the sections matrix: owner and related section.
OWNER_MARK = "主"
RELATED_MARK = "関"
SECTIONS_CAPTION = f"{labels.MEASURE} × {labels.OWNER}（{OWNER_MARK}: {OWNS}、{RELATED_MARK}: {RELATED}）"
SECTION_COUNT = "課の数"
POLICY_COUNT = "方針の数"
KPI_COUNT = "KPI の数"
NO_KPI_COUNT = f"0（{NO_KPI}）"
#: Editorial mappings: what the secretariat, not a source, links to a measure.
EDITORIAL_HEADER = "対応する施策（事務局による対応付け）"
NO_EDITORIAL_MEASURE = "対応する施策なし"
MAPPED = "対応付けあり"
UNMAPPED = "対応付けなし"
UNMAPPED_STATUS = in_parentheses(text=UNMAPPED, note="対応する施策を出典も事務局も示していない")
MAPPED_STATUS = in_parentheses(text=MAPPED, note="事務局による")
FOCUS = "重点調査項目"
NO_FOCUS = "重点調査項目なし"
RECOMMENDATION = "提言"
COMMITTEE_CAPTION = "提言 → 施策 → KPI（1行に1提言。施策は事務局による対応付けで、出典は対応を記載していない）"
NATIONAL_PRIORITY = "重点取組事項"
NATIONAL_CAPTION = "自治体DX推進計画の重点取組事項 → 施策 → KPI（施策は事務局による対応付け）"
COMMENT = "意見"
COMMENTS_CAPTION = "意見 → 施策 → KPI（施策は事務局による対応付け）"
DOWNLOAD_TABLE = "この表をダウンロード: "
policy_kpi_caption = f"KPI × {labels.POLICY}（{{mark}}: その方針の施策を測る KPI）".format
#: 8方針: the total of a matrix's policy column.
policies_count = "{number}方針".format
measures_count = f"{{number}}{labels.MEASURE}".format


def unowned_count(number: int) -> str:
    return f"{UNRECORDED} {measures_count(number=number)}"


def items_count(number: int, noun: str) -> str:
    """12件の提言."""
    return f"{count(number=number)}の{noun}"


def total_items(number: int, noun: str) -> str:
    return f"{labels.TOTAL} {items_count(number, noun)}"


def counted(label: str, number: int) -> str:
    """対応付けあり 3件."""
    return f"{label} {count(number=number)}"


def responses_missing(number: int) -> str:
    return counted(labels.RESPONSE_GAP, number)


def unknown_matrix(name: str, names: Iterable[str]) -> str:
    return f"未知の表: {name}（{', '.join(names)}）"


# ---------------------------------------------------------------- cards and sources

#: The source documents (/work/shared/seeds, listed on the 出典 page) by the code the needs cite.
SOURCE_NAMES = {
    "000": "計画の骨子案（令和2年8月）",
    "001": "IT推進課の委員会への報告（令和3年6月）",
    "002": "後期実施計画の概要",
    "003": "区議会 自治体DX調査特別委員会の活動報告",
    "004": "江東区 情報化推進プランの概要",
}
#: What prose calls a source just before citing its code, besides the names above:
#: 「骨子案（000）」, 「活動報告（003）」.
SOURCE_ALIASES = ("骨子案", "活動報告", "プランの概要", labels.PLAN, "概要", "報告")
#: Punctuation of Japanese text: no space is put between a source's name and these.
JAPANESE_PUNCTUATION = "、。，．（）「」『』"

# ---------------------------------------------------------------- the accessibility page

NOT_INSTALLED = "（未インストール）"
TARGET_LEVEL = "目標とする適合レベル"
TARGET_LEVEL_TEXT = "JIS X 8341-3:2016 適合レベル AA（WCAG 2.2 レベル AA の達成基準で検査）"
TEST_TOOL = "検査ツール"
TAGS_TESTED = "検査する規則のタグ"
TEST_METHOD = "検査の方法"
NO_A11Y_RESULTS = "自動検査の結果はまだ掲載していません。検査を行った後に、ここに結果を掲載します。"
PAGE = "ページ"
COLOUR_SCHEME = "配色"
VIOLATIONS = "違反の数"
RESULT = "結果"
CONFORMS = "適合"
TO_FIX = "要修正"
RESULTS_BY_PAGE = "ページごとの検査結果"
tool_line = "{name_and_version}（ヘッドレス Chromium 上で実行）".format
a11y_summary = "最終検査: {tested_at}。検査したページ {pages} 件（ライト・ダークの配色それぞれ、計 {runs} 回）、違反 {violations} 件。".format


# ---------------------------------------------------------------- the site's chrome

#: After a sidebar section's name, on the button that opens and closes it.
TOGGLE_NAVIGATION = "の項目を開閉"
#: sphinx-needs' permalink page, which moves the reader on to a need's card.
REDIRECT_TITLE = "移動しています"
REDIRECT_HEADING = "該当する項目へ移動しています…"
#: The top margin of a printed page: plan, page, and the day it was made.
print_header = "{project}　｜　{title}　｜　{date} 作成".format
