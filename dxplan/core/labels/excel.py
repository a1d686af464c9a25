"""The Excel round-trip with owning sections: sheet names, headings, the help sheet, the reporting
status table, and every message about a returned file or one of its cells.

A cell is named by its sheet, row and column; the messages take those parts and say what to do.

The words and the messages that only fill in their parts are data (excel.toml); the
messages here choose their words."""

from __future__ import annotations

from dxplan.core import labels as shared_words
from collections.abc import Sequence
from dxplan.core.labels.catalogue import load

#: The words and templates of excel.toml; callers read them as this module's names.
words = load("excel")
globals().update(words.entries())


def _grades(grade_labels: Sequence[str]) -> str:
    return shared_words.WORD_SEPARATOR.join(grade_labels)


def choose_a_grade(grade_labels: Sequence[str]) -> str:
    return f"{_grades(grade_labels)} のいずれかを選んでください"


def help_sheet(section: str, year: str, grade_labels: Sequence[str], target_count: int) -> list[str]:
    """The lines of the help sheet, one a row."""
    return [
        f"{section} 実績報告シート（{year}）",
        "",
        f"1. 「{words.DATA_SHEET}」シートの黄色の列「{words.COL_ACTUAL}」に、{year}の実績を入力してください。",
        "2. 数値の目標には数値を入力します（単位は不要です。「2,800時間」のように単位やカンマを付けても読み取れます）。",
        f"3. 数値で測れない目標には、評語（{_grades(grade_labels)}）を選んでください。",
        f"4. 補足があれば「{words.COL_NOTE}」に記入してください。",
        "5. 黄色以外のセルは変更できません。行や列を追加・削除しないでください。",
        "6. 保存したファイル（.xlsx、または CSV）を IT推進課へ返送してください。",
        "",
        f"目標値の数: {target_count}",
    ]


def no_data_sheet(sheets: Sequence[str]) -> str:
    return (f"シート「{words.DATA_SHEET}」がありません（このファイルのシート: {shared_words.LIST_SEPARATOR.join(sheets)}）。"
            f"シート名を変えた場合は「{words.DATA_SHEET}」に戻してください")


def _columns(headings: Sequence[str]) -> str:
    return f"列「{'」「'.join(headings)}」"


def no_heading_row(missing: Sequence[str]) -> str:
    return f"見出しの行に{_columns(missing)}がありません。テンプレートの見出しの行を変えずに返送してください"


def missing_columns(missing: Sequence[str], heading_row: int) -> str:
    return f"{_columns(missing)}がありません（見出しは {heading_row}行目）。列を削除した場合は、元のテンプレートから戻してください"


def not_a_number(shown: str, example: str | None = None) -> str:
    """A cell that reads as no number; with an example of what would."""
    return f"数値として読めません: 「{shown}」（数値を入力してください{f'。例: {example}' if example else ''}）"


def percent_format_for_another_unit(percent: str, unit: str | None) -> str:
    return (f"セルの書式が「%」のため {percent}% と表示されていますが、この目標値の単位は"
            f"「{unit or shared_words.NONE}」です。セルの書式を「標準」にして数値を入力し直してください")


def unit_differs(typed: str, unit: str | None) -> str:
    return f"単位が目標と違います: {typed}（目標の単位: {unit or shared_words.NONE}）"


def formula_result_used(column: str, row: int, heading: str, formula: str, result: str) -> str:
    """A remark, not an error: the cell (column, row, heading) held a formula and its saved result was used."""
    return f"セル{column}{row}（{heading}）は{words._formula(formula=formula)}です。保存されていた計算結果 {result} を使いました"


def formula_result_not_saved(formula: str) -> str:
    return f"{words._formula(formula=formula)}の計算結果が保存されていません。Excel で開いて上書き保存するか、値を直接入力してください"


def formula_result_is_error(formula: str, result: object) -> str:
    return f"{words._formula(formula=formula)}の結果がエラー（{result}）です"


def target_label(kpi: str | None, target: str, target_id: str) -> str:
    """How a clerk knows a target: its KPI's name and its wording, then the ID."""
    return f"{f'KPI「{kpi}」の' if kpi else ''}目標値「{target}」（{target_id}）"


def not_owned_by(section: str, owners: Sequence[str]) -> str:
    return f"この目標値は {section} の担当ではありません（主管課: {shared_words.WORD_SEPARATOR.join(owners) or '未記載'}）"


def reporting_status_caption(year: str, deadline: str | None) -> str:
    return f"{year}の報告状況（提出期限: {deadline or words.NOT_SET}）"


def returned_on(date: str, why: str | None) -> str:
    return f"差戻し {date}{words.reason(text=why)}"
