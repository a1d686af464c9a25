"""The command line: help texts, the messages each command prints, and its printed tables."""

from __future__ import annotations

from collections.abc import Sequence

from dxplan.core.labels import excel as sheets

# ---------------------------------------------------------------- help texts

DESCRIPTION = "自治体DX計画を plan-as-code で扱うツール"
HELP_PROJECT = "conf.py のあるディレクトリ"
HELP_NEEDS = "needs.json（省略時はプロジェクトを読み込む）"
#: --section of the commands that take a section's name as the sheets and reports spell it.
HELP_SECTION = "主管課の ID または正式名称"
HELP_FY_COMMAND = "年度の表記を解釈する（R7, 令和7年度, 2025, FY2025）"
HELP_INIT = "新しい計画サイトをサンプルの内容で作る（形: itabashi, koto）"
HELP_INIT_DIRECTORY = "作成先（存在しないか空のディレクトリ）"
HELP_CHECK = "HTML を書かずに計画を検証する（ビルドと同じ規則）"
HELP_PROGRESS = "KPI の進捗と評語（サイトと同じ計算）"
HELP_PROGRESS_FY = "年度（R6, 令和6年度, 2024 …）。省略時は実績のある最新の計画年度"
HELP_PROGRESS_SECTION = "主管課の ID または名称"
HELP_EXCEL = "主管課との Excel のやり取り"
HELP_TEMPLATE = "課ごとの実績報告シートを作る（新しいファイルのみ）"
HELP_TEMPLATE_UNASSIGNED = "主管課が未記載の目標値のシート"
HELP_TEMPLATE_ALL = "課ごとに1冊ずつ（-o はフォルダ）"
HELP_TEMPLATE_FY = "報告年度（R6, 令和6年度, 2024 …）"
HELP_IMPORT = "返送された .xlsx / .csv（UTF-8 または CP932）を取り込む"
HELP_IMPORT_REPLACE = "既存の値と異なる実績を置き換える（履歴に残す）"
HELP_IMPORT_DRY_RUN = "変更内容を表示するだけで書き込まない"
HELP_IMPORT_SECTION = "報告元の主管課の ID または正式名称（CSV に列「主管課」がないとき必須。.xlsx はシートに記録済み）"
HELP_EXPORT = "トレーサビリティ表と進捗表を .xlsx と CSV で書き出す"
HELP_EXPORT_OUTPUT = "出力フォルダ"
HELP_EXPORT_FY = "進捗表の年度（省略時は実績のある最新の計画年度）"
HELP_STATUS = "課ごとの報告状況（依頼済・提出済・差戻し・確定、期限超過、未報告の目標値）"
HELP_RETURN = "提出された報告を差し戻す（理由を添えて）"
HELP_CONFIRM = "提出された報告を確定する"
HELP_STEP_UNASSIGNED = "主管課が未記載の目標値の報告"
HELP_STEP_FY = "報告年度（R7, 令和7年度, 2025 …）"
HELP_RETURN_REASON = "差し戻しの理由（主管課に伝える内容）"
HELP_SNAPSHOT = "計画の版を needs/snapshots/ に保存する"
HELP_SNAPSHOT_NAME = "版の名前（ファイル名にもなる）"
HELP_SNAPSHOT_PLAN = "保存する計画の ID（省略時はすべて）"
HELP_SNAPSHOT_SOURCE = "この版の出典（例: 000 骨子案）"
HELP_DIFF = "2つの版の違い（スナップショットのファイル、または git のリビジョン）"
HELP_DIFF_STRUCTURE = "計画・ビジョン・方針・施策・KPI・目標値だけを比べる"
HELP_REVIEW = "要確認のリンクを表示・確認する"
HELP_REVIEW_CONFIRM = "この項目のリンクを確認済みにする"
HELP_REVIEW_CONFIRM_ALL = "すべてのリンクを確認済みにする（初期化）"

# ---------------------------------------------------------------- errors

#: What an operating-system error means for the user (by errno, in cli.py).
PERMISSION_DENIED = "権限がありません（読み取り専用のフォルダやファイルでないか確認してください）"
READ_ONLY_PLACE = "読み取り専用の場所には書き込めません"
DISK_FULL = "ディスクの空きがありません"
NO_SUCH_FILE = "ファイルまたはフォルダがありません"
IS_A_FOLDER = "フォルダです（ファイルを指定してください）"
NOT_A_FOLDER = "フォルダではありません（フォルダを指定してください）"
ALREADY_EXISTS = "既にあります"
#: One line on standard error for a mistake the user can fix.
error = "エラー: {message}".format
section_not_found = "主管課が見つかりません: {value}".format


def section_not_registered(value: str) -> str:
    """A section named for a sheet or a report that needs/sections.toml does not hold."""
    return error(message=f"{section_not_found(value=value)}（needs/sections.toml を確認してください）")


def no_grade_scale(plan_id: str | None, config_file: str) -> str:
    return error(message=f"計画 {plan_id or '（計画がありません）'} に評語の尺度がありません"
                 f"（{config_file} の [[dxplan.grade_scales]] の plans に計画の ID を加えてください）")


plan_not_found = "計画が見つかりません: {plan_id}".format


def items_not_found(ids: Sequence[str]) -> str:
    return f"項目が見つかりません: {', '.join(ids)}"


# ---------------------------------------------------------------- init and check

CHECK_FOUND_PROBLEMS = "dxplan check: 問題が見つかりました（上の警告を参照）"
CHECK_CLEAN = "dxplan check: 問題はありません"
#: What `dxplan init` made, and how to build and check it.
project_created = "{directory}: 形 {shape} の計画サイトを作りました（{file_count}ファイル、中身はすべてサンプルです）\n  ビルド: cd {directory} && sphinx-build -W --keep-going -c . -b html docs build/html\n  検査:   dxplan check --project {directory}".format


# ---------------------------------------------------------------- progress

progress_heading = "{year}の進捗（{scale}）".format


# ---------------------------------------------------------------- the Excel round-trip

#: After an import's counts when nothing was written.
DRY_RUN = "（試行: 書き込みません）"
_NOTHING_WRITTEN = "何も書き込んでいません。"
no_targets_to_request = "{section}: 担当する目標値がありません（出典に主管課の記載がないため）。作成しません".format
template_written = "{path}: {section} {year} 目標値 {target_count}件（報告状況: {state}）".format
errors_in_file = f"{{path}}: {{count}}件のエラーがあります。{_NOTHING_WRITTEN}".format
conflicting_actuals = f"{{path}}: 既存の値と異なる実績があります。{_NOTHING_WRITTEN}\n{{detail}}".format
import_refused = f"{{path}}: 取り込めません。{_NOTHING_WRITTEN}\n{{detail}}".format


def import_counts(path: object, added: int, replaced: int, same: int, dry_run: bool) -> str:
    return f"{path}: 追加 {added}件、置換 {replaced}件、変更なし {same}件{DRY_RUN if dry_run else ''}"


def section_status(section: str, state: str, late: bool, reported: int, total: int, steps: str) -> str:
    """One section's line of `dxplan excel status`."""
    return f"{section}: {state}{sheets.LATE if late else ''}、報告済み {reported}/{total}、{steps or '—'}"


def report_step(section: str, year: str, state: str, why: str | None) -> str:
    """A report returned or confirmed: its new state, and why when it was sent back."""
    return f"{section} {year}: {state}" + (sheets.reason(text=why) if why else "")


# ---------------------------------------------------------------- versions and reviews

NO_CHANGES = "変更はありません"
snapshot_exists = "{path} は既にあります（置き換えるには --replace）".format
snapshot_saved = "{path}: {need_count}件の項目を保存しました".format
suspect_link = "要確認 {source} --{link}--> {target}（{changed_end}が変わりました）".format
suspect_link_count = "要確認のリンク: {count}件".format
links_confirmed = "{path}: 確認済みのリンク {count}件".format


# ---------------------------------------------------------------- dxplan init
#: The shapes a new site can take, as `dxplan init --shape` explains them.
SHAPE_DESCRIPTIONS = {
    "itabashi": "ビジョン → 基本方針 → 施策（主管課）→ KPI → 目標値（例: 板橋区DX推進計画）",
    "koto": "目指す姿 → 指針 → 施策 → 個別施策（取り組みの方向性）、KPI・主管課なし（例: 江東区情報化推進プラン）",
}


def unknown_shape(shape: str, shapes) -> str:
    return f"未知の形です: {shape}（{', '.join(shapes)}）"


directory_not_empty = "{directory} は空ではありません。新しいディレクトリを指定してください".format
