"""The actuals store (needs/actuals.toml): what a record must hold, and the write lock's messages."""

from __future__ import annotations

from collections.abc import Iterable

from dxplan.core import labels as shared_words

#: The header of a new needs/actuals.toml.
STORE_HEADER = "# 実績値ストア (actuals store): one [[actual]] per target per fiscal year.\n"

# ---------------------------------------------------------------- one record against the plan

NUMBER_NEEDED = "数値の目標です。実績は数値で入力してください"
GRADE_NEEDED = "数値で測らない目標です。実績には評語を入力してください"
NO_TARGET = "target（目標値 ID）がありません"
YEAR_NOT_INTEGER = "fy（年度、西暦の開始年）が整数ではありません"
BAD_HISTORY = "history の形式が不正です"
READ_BACK_DIFFERS_FROM_VALUES = "書き込む内容を読み戻すと元の値と一致しません（dxplan の不具合です）。何も書き込んでいません"
unknown_target = "未知の目標値 ID です: {target_id}".format
year_outside_plan = "{year}は計画の期間外です（報告できる年度: {first}〜{last}）".format
negative_actual = "実績値が負の数です: {amount}".format
unit_differs = "単位が目標と違います: {unit}（目標の単位: {target_unit}）".format


def grade_not_allowed(grade: str, grades: Iterable[str]) -> str:
    return f"評語「{grade}」は使えません（{shared_words.WORD_SEPARATOR.join(grades)} のいずれか）"


value_not_number = "value が数値ではありません: 「{value}」".format
duplicate_actual = "{year}の実績が重複しています（最初の記載: {first}）".format
already_recorded = "{where}: {target}: {year}の実績は既に {old} と記録されています（新しい値: {new}）。置き換えるには --replace を指定してください".format
named_target = "目標値「{title}」（{target_id}）".format


# ---------------------------------------------------------------- the needs/ write lock


def waiting_for_lock(folder: object, timeout: float) -> str:
    return f"{folder}: 別の dxplan が書き込み中です。終わるのを待っています（最長 {timeout:g} 秒）…"


def lock_timed_out(folder: object, timeout: float) -> str:
    return (f"{folder}: 別の dxplan が書き込み中のため、{timeout:g} 秒待っても書き込めませんでした。"
            "何も書き込んでいません。その処理が終わってから、もう一度実行してください")
