"""Open data: the licence, the KPI dataset's columns, what each file says about itself, the
download links, and the 和暦 a text cell is given its 西暦 by."""

from __future__ import annotations

from dxplan.core.labels import progress
from dxplan.core import labels as shared_words

LICENCE_NAME = "公共データ利用規約（第1.0版）"
#: What a download link and the site's footer say of the licence, after its name.
LICENCE_USE = "ダウンロードできるデータの利用条件: "
LICENCE_NOTE = "（PDL1.0。CC BY 4.0 と互換）。利用するときは出典を記載してください。"

# ---------------------------------------------------------------- the KPI dataset's columns

MUNICIPALITY_NAME = "団体名"
#: A year column's 和暦 twin: 年度 → 年度（和暦）.
WAREKI_SUFFIX = "（和暦）"
REPORT_STATE = "報告状況"
PROGRESS_PERCENT = f"{progress.PROGRESS_RATE}(%)"
#: The 報告状況 of a year with an actual.
REPORTED = "報告済"
KPI_DATASET_DESCRIPTION = ("1行に1つの目標値と年度。KPI のない施策は1行（KPI の列は空欄）。列はどの計画でも同じで、"
                           "団体コードで区別して複数の団体のファイルを縦に連結できます。")
kpi_dataset_title = f"KPI・{shared_words.TARGET_VALUE}・{progress.ACTUAL}（{{plan}}）".format


# ---------------------------------------------------------------- what every file says about itself

LICENCE_URL_KEY = "ライセンスのURL"
CREATED = "作成日"
NOTATION = "表記"
NOTATION_RULE = ("総務省「統計表における機械判読可能なデータの表記方法の統一ルール」に従う（1セル1データ、"
                 "セルの結合なし、年度は西暦の列と和暦の列を並べる）。文字コードは UTF-8（BOM 付き）")
ONE_VALUE_PER_ROW = "複数の値を持つ欄は、値ごとに1行に分けています（同じ行の他の複数値の欄は空欄）。"
#: The link labels of a dataset's four files.
CSV_FILE, XLSX_FILE, JSON_FILE, CSVW_FILE = "CSV（UTF-8）", "Excel（.xlsx）", "JSON", "CSV の説明（メタデータ）"

# ---------------------------------------------------------------- download links

DOWNLOAD_YEAR_PROGRESS = "この年度の進捗をダウンロード: "
download_lead = "「{title}」をダウンロード: ".format


def municipality_missing(config_file: str, plan_id: str, code: object, name: object) -> str:
    return (f"{config_file}: [dxplan.plans.{plan_id}] の municipality_code（全国地方公共団体コード"
            f" 6桁、検査数字を含む）と municipality（団体名）を正しく記載してください"
            f"（現在: {code!r}, {name!r}）")


# ---------------------------------------------------------------- 和暦 in text

#: A 和暦 fiscal year in a text cell not yet followed by its 西暦: era, then number (元 = 1).
WAREKI_IN_TEXT = r"(令和|平成)(元|\d{1,2})年度(?!（\d{4}年度）)"
#: 令和7年度 → 令和7年度（2025年度）.
with_western = f"{{wareki}}（{{year}}{shared_words.FISCAL_YEAR}）".format


