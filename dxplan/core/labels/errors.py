"""The messages of bad input: a data file, the configuration or a command's argument that is wrong.

Each names what is wrong and, where the reader must act, ends with what to write instead.
"""

from __future__ import annotations

# ---------------------------------------------------------------- where (core.errors.SourceLocation)


def in_sheet(sheet: str) -> str:
    return f" シート「{sheet}」"


def in_cell(sheet: str, column: str, row: int) -> str:
    """A spreadsheet cell as the clerk sees it: シート「実績」 セルC4."""
    return f"{in_sheet(sheet)} セル{column}{row}"


def at_row_and_column(row: int, column: str) -> str:
    return f" {row}行目 {column}列"


def in_column(column: str) -> str:
    return f" 列{column}"


# ---------------------------------------------------------------- a file that cannot be read

NOT_UTF8 = "UTF-8 のテキストとして読めません"
A_FOLDER = "ファイルではなくフォルダです"
#: What a command could not load: the build's warnings above say why.
SEE_WARNINGS_ABOVE = "（上の警告を参照）"


def unreadable(reason: object) -> str:
    return f"読めません（{reason}）"


def toml_syntax(error: object) -> str:
    return f"TOML の書き方に誤りがあり読めません（{error}）"


def json_syntax(message: str, column: int) -> str:
    return f"JSON として読めません（{message}、{column}文字目）"


# ---------------------------------------------------------------- records of needs/ files


def not_a_table_array(table: str) -> str:
    return f"{table} は [[{table}]] の表の並びで書いてください"


def unknown_tables(names) -> str:
    return f"未知の表があります: {', '.join(names)}"


def missing(what: str) -> str:
    return f"{what} がありません"


def unknown_keys(keys) -> str:
    return f"未知の項目があります: {', '.join(keys)}"


def duplicate(first: object) -> str:
    return f"重複しています（最初の記載: {first}）"


# ---------------------------------------------------------------- the section registry (needs/sections.toml)


def id_against_rule(pattern: str) -> str:
    return f"ID が規則 {pattern} に合いません"


def duplicate_id(first: object) -> str:
    return f"ID が重複しています（最初の定義: {first}）"


def section_not_registered(path: object, section_id: str) -> str:
    return f"{path}: 主管課 {section_id} は登録されていません"


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


def write_as(type_name: str) -> str:
    return f"{type_name}で書いてください"


def write_as_not(type_name: str, found: str) -> str:
    return f"{write_as(type_name)}（{found} になっています）"


def write_as_value(type_name: str, value: object) -> str:
    return f"{write_as(type_name)}（値: {value}）"


def unknown_setting(key: str, allowed) -> str:
    return f"未知の設定「{key}」です（使える設定: {', '.join(allowed)}）"


def config_unreadable(error: object) -> str:
    return f"設定ファイルを読めません（{error}）"


def unknown_need_type(need_type: str) -> str:
    return f"未知の項目の種類「{need_type}」です（[[needs.types]] にありません）"


def unknown_link(link: str) -> str:
    return f"未知のリンク「{link}」です（[needs.links] にありません）"


def fix_to_build(file: str) -> str:
    return f"dxplan: {file} を直すまでビルドできません"


# ---------------------------------------------------------------- the project a command runs on


def not_a_project(folder: object, config_file: str) -> str:
    return (f"エラー: {folder} は計画のフォルダではありません（{config_file} と conf.py が、"
            "このフォルダにもその上のフォルダにもありません）。--project で計画のフォルダを指定してください")


PLAN_NOT_LOADED = f"dxplan: 計画の読み込みに失敗しました{SEE_WARNINGS_ABOVE}"


def revision_is_an_option(revision: str) -> str:
    return f"dxplan diff: {revision} はリビジョンとして使えません（「-」で始まる値は git のオプションになるため）"


def not_a_revision(revision: str, why: str) -> str:
    return f"dxplan diff: {revision} はスナップショットのファイルでも git のリビジョンでもありません: {why}"


def revision_not_loaded(revision: str) -> str:
    return f"dxplan diff: {revision} の計画を読み込めません{SEE_WARNINGS_ABOVE}"
