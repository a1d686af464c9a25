"""The Excel round-trip with owning sections: sheet names, headings, the help sheet, the reporting
status table, and every message about a returned file or one of its cells.

A cell is named by its sheet, row and column; the messages take those parts and say what to do.
"""

from __future__ import annotations

from dxplan.core import labels as shared_words

from collections.abc import Sequence

# ---------------------------------------------------------------- sheets and headings

#: The sheet the section types its actuals into.
DATA_SHEET = "実績入力"
#: The sheet that tells the section how to fill the data sheet.
HELP_SHEET = "記入方法"
#: The hidden sheet recording the section and year a template was made for.
META_SHEET = "dxplan"
#: Column headings of the data sheet, shared by the template and the importer. The importer also
#: accepts each heading as typed with half-width brackets (NFKC), so （入力） and (入力) both match.
COL_TARGET = "目標値ID"
COL_KPI = "KPI"
COL_YEAR = "報告年度"
COL_ACTUAL = "実績（入力）"
COL_NOTE = "備考（入力）"
#: A deadline not configured.
NOT_SET = "未設定"

# ---------------------------------------------------------------- the template

#: The unit cell of a target measured by no number.
NO_NUMBER = "（数値なし）"
#: The baseline cell of a target whose source gives none.
NO_BASELINE = "記載なし"
NUMBER_REQUIRED_TITLE = "数値を入力してください"
NUMBER_REQUIRED = "0 以上の数値を入力してください（単位は不要です）"
GRADE_REQUIRED_TITLE = "評語を選んでください"


def _grades(grade_labels: Sequence[str]) -> str:
    return shared_words.WORD_SEPARATOR.join(grade_labels)


#: The heading of an earlier year's actual, shown for reference: 令和6年度実績.
earlier_actual_heading = "{year}実績".format


def choose_a_grade(grade_labels: Sequence[str]) -> str:
    return f"{_grades(grade_labels)} のいずれかを選んでください"


def help_sheet(section: str, year: str, grade_labels: Sequence[str], target_count: int) -> list[str]:
    """The lines of the help sheet, one a row."""
    return [
        f"{section} 実績報告シート（{year}）",
        "",
        f"1. 「{DATA_SHEET}」シートの黄色の列「{COL_ACTUAL}」に、{year}の実績を入力してください。",
        "2. 数値の目標には数値を入力します（単位は不要です。「2,800時間」のように単位やカンマを付けても読み取れます）。",
        f"3. 数値で測れない目標には、評語（{_grades(grade_labels)}）を選んでください。",
        f"4. 補足があれば「{COL_NOTE}」に記入してください。",
        "5. 黄色以外のセルは変更できません。行や列を追加・削除しないでください。",
        "6. 保存したファイル（.xlsx、または CSV）を IT推進課へ返送してください。",
        "",
        f"目標値の数: {target_count}",
    ]


#: The page header of the printed data sheet.
print_header = "{section} 実績報告（{year}）".format
template_exists = "{path}: 既にファイルがあります。返送されたファイルを上書きしないよう、別の名前を指定してください".format


# ---------------------------------------------------------------- exports for the committee

#: Characters Excel forbids in a sheet name (the full-width colon too); each becomes shared_words.WORD_SEPARATOR.
SHEET_NAME_FORBIDDEN = r"[\\/*?:\[\]：]"

# ---------------------------------------------------------------- reading a returned file

_SAVE_AS_XLSX = "「Excel ブック（*.xlsx）」として保存し直してください"
LEGACY_OR_LOCKED = f"古い Excel 形式（.xls）か、パスワードで保護されたファイルです。パスワードを外し、{_SAVE_AS_XLSX}"
NOT_AN_XLSX = ("Excel ファイル（.xlsx）として読めません（壊れているか、別の形式のファイルです）。"
               f"Excel で開き{_SAVE_AS_XLSX}")
LEGACY_XLS = f"古い Excel 形式（.xls）は読めません。Excel で開き{_SAVE_AS_XLSX}"
FILE_NOT_FOUND = "ファイルが見つかりません"
FILE_IN_USE = "ファイルを開けません（ほかのアプリで開いている場合は閉じてください）"
UNKNOWN_ENCODING = "文字コードを判別できません（UTF-8 または Shift_JIS(CP932) で保存してください）"
UNSUPPORTED_FORMAT = "対応していない形式です（Excel ブック .xlsx または CSV .csv で返送してください）"
REPORTER_UNKNOWN = (f"報告元の主管課が分かりません。--section で主管課を指定するか、列「{shared_words.OWNER}」を設けて"
                    "主管課の名称を記入してください")
EMPTY_TEMPLATE_RETURNED = f"「{COL_ACTUAL}」の列に実績が1件も入力されていません（未記入のテンプレートが返送されたようです）"


def no_data_sheet(sheets: Sequence[str]) -> str:
    return (f"シート「{DATA_SHEET}」がありません（このファイルのシート: {shared_words.LIST_SEPARATOR.join(sheets)}）。"
            f"シート名を変えた場合は「{DATA_SHEET}」に戻してください")


def _columns(headings: Sequence[str]) -> str:
    return f"列「{'」「'.join(headings)}」"


def no_heading_row(missing: Sequence[str]) -> str:
    return f"見出しの行に{_columns(missing)}がありません。テンプレートの見出しの行を変えずに返送してください"


def missing_columns(missing: Sequence[str], heading_row: int) -> str:
    return f"{_columns(missing)}がありません（見出しは {heading_row}行目）。列を削除した場合は、元のテンプレートから戻してください"


template_of_other_section = "このファイルは {template_section} 用のテンプレートですが、--section には {given_section} が指定されています".format


# ---------------------------------------------------------------- a cell's value

def not_a_number(shown: str, example: str | None = None) -> str:
    """A cell that reads as no number; with an example of what would."""
    return f"数値として読めません: 「{shown}」（数値を入力してください{f'。例: {example}' if example else ''}）"


date_not_a_number = "日付や時刻として入力されています（{shown}）。セルの書式を「標準」にして数値を入力してください".format


def percent_format_for_another_unit(percent: str, unit: str | None) -> str:
    return (f"セルの書式が「%」のため {percent}% と表示されていますが、この目標値の単位は"
            f"「{unit or shared_words.NONE}」です。セルの書式を「標準」にして数値を入力し直してください")


def unit_differs(typed: str, unit: str | None) -> str:
    return f"単位が目標と違います: {typed}（目標の単位: {unit or shared_words.NONE}）"


_formula = "数式「{formula}」".format


def formula_result_used(column: str, row: int, heading: str, formula: str, result: str) -> str:
    """A remark, not an error: the cell (column, row, heading) held a formula and its saved result was used."""
    return f"セル{column}{row}（{heading}）は{_formula(formula=formula)}です。保存されていた計算結果 {result} を使いました"


def formula_result_not_saved(formula: str) -> str:
    return f"{_formula(formula=formula)}の計算結果が保存されていません。Excel で開いて上書き保存するか、値を直接入力してください"


def formula_result_is_error(formula: str, result: object) -> str:
    return f"{_formula(formula=formula)}の結果がエラー（{result}）です"


# ---------------------------------------------------------------- a row

EMPTY_TARGET_ID = "目標値 ID が空です"
EMPTY_SECTION = "主管課が空です"
EMPTY_YEAR = "報告年度が空です"


def target_label(kpi: str | None, target: str, target_id: str) -> str:
    """How a clerk knows a target: its KPI's name and its wording, then the ID."""
    return f"{f'KPI「{kpi}」の' if kpi else ''}目標値「{target}」（{target_id}）"


unknown_target = "目標値 ID「{target_id}」はこの計画にありません（ID の列は変更しないでください）".format
unknown_section = "主管課「{name}」は登録されていません".format
row_of_other_section = "主管課が {named} と書かれていますが、このファイルは {file_section} の報告です".format


def not_owned_by(section: str, owners: Sequence[str]) -> str:
    return f"この目標値は {section} の担当ではありません（主管課: {shared_words.WORD_SEPARATOR.join(owners) or '未記載'}）"


duplicate_row = "同じ目標値・年度の行が重複しています（{first_row}行目と同じ）".format


# ---------------------------------------------------------------- reporting status

#: A report past its deadline, after its state.
LATE = "（期限超過）"
STATUS_STEPS = "経過"
STATUS_REPORTED = "報告済み / 対象"
STATUS_MISSING = "未報告の目標値"
NO_PLAN_PERIOD = "計画期間が設定されていません。"


def reporting_status_caption(year: str, deadline: str | None) -> str:
    return f"{year}の報告状況（提出期限: {deadline or NOT_SET}）"


#: Why a report was sent back, after its state or date.
reason = "（理由: {text}）".format
requested_on = "依頼 {date}".format
submitted_on = "提出 {date}（{file}）".format


def returned_on(date: str, why: str | None) -> str:
    return f"差戻し {date}{reason(text=why)}"


confirmed_on = "確定 {date}".format
