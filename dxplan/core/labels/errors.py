"""The messages of bad input: a data file, the configuration or a command's argument that is wrong.

Each names what is wrong and, where the reader must act, ends with what to write instead.
"""

from __future__ import annotations

from collections.abc import Iterable

# ---------------------------------------------------------------- where (core.errors.SourceLocation)


in_sheet = " シート「{sheet}」".format


def in_cell(sheet: str, column: str, row: int) -> str:
    """A spreadsheet cell as the clerk sees it: シート「実績」 セルC4."""
    return f"{in_sheet(sheet=sheet)} セル{column}{row}"


at_row_and_column = " {row}行目 {column}列".format
in_column = " 列{column}".format


# ---------------------------------------------------------------- a file that cannot be read

NOT_UTF8 = "UTF-8 のテキストとして読めません"
A_FOLDER = "ファイルではなくフォルダです"
#: What a command could not load: the build's warnings above say why.
SEE_WARNINGS_ABOVE = "（上の警告を参照）"
unreadable = "読めません（{reason}）".format
toml_syntax = "TOML の書き方に誤りがあり読めません（{error}）".format
json_syntax = "JSON として読めません（{message}、{column}文字目）".format


# ---------------------------------------------------------------- records of needs/ files


not_a_table_array = "{table} は [[{table}]] の表の並びで書いてください".format


def unknown_tables(names) -> str:
    return f"未知の表があります: {', '.join(names)}"


missing = "{what} がありません".format


def unknown_keys(keys: Iterable[str]) -> str:
    return f"未知の項目があります: {', '.join(sorted(keys))}"


duplicate = "重複しています（最初の記載: {first}）".format


# ---------------------------------------------------------------- the section registry (needs/sections.toml)


id_against_rule = "ID が規則 {pattern} に合いません".format
duplicate_id = "ID が重複しています（最初の定義: {first}）".format
section_not_registered = "{path}: 主管課 {section_id} は登録されていません".format


# ---------------------------------------------------------------- the configuration ([dxplan] of ubproject.toml)

#: The types a setting may have, as the message names them.
STRING = "文字列"
INTEGER = "整数"
NUMBER = "数値"
TABLE = "表"
ARRAY = "配列"
DATE = "日付（例: 2026-05-31）"
#: Between the types a setting may have one of.
OR = " または "
EMPTY_HIERARCHY = "階層（種類 = [親へのリンク]）が空です。計画の体系をたどれません"
write_as = "{type_name}で書いてください".format


def write_as_not(type_name: str, found: str) -> str:
    return f"{write_as(type_name=type_name)}（{found} になっています）"


def write_as_value(type_name: str, value: object) -> str:
    return f"{write_as(type_name=type_name)}（値: {value}）"


def unknown_setting(key: str, allowed) -> str:
    return f"未知の設定「{key}」です（使える設定: {', '.join(allowed)}）"


config_unreadable = "設定ファイルを読めません（{error}）".format
unknown_need_type = "未知の項目の種類「{need_type}」です（[[needs.types]] にありません）".format
unknown_link = "未知のリンク「{link}」です（[needs.links] にありません）".format
fix_to_build = "dxplan: {file} を直すまでビルドできません".format


# ---------------------------------------------------------------- the project a command runs on


not_a_project = "エラー: {folder} は計画のフォルダではありません（{config_file} と conf.py が、このフォルダにもその上のフォルダにもありません）。--project で計画のフォルダを指定してください".format
PLAN_NOT_LOADED = f"dxplan: 計画の読み込みに失敗しました{SEE_WARNINGS_ABOVE}"
revision_is_an_option = "dxplan diff: {revision} はリビジョンとして使えません（「-」で始まる値は git のオプションになるため）".format
not_a_revision = "dxplan diff: {revision} はスナップショットのファイルでも git のリビジョンでもありません: {why}".format
revision_not_loaded = f"dxplan diff: {{revision}} の計画を読み込めません{SEE_WARNINGS_ABOVE}".format
