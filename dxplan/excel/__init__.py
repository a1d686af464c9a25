"""Excel round-trip for owning sections: templates out, actuals in, exports for the committee."""

#: Column headers of the data sheet, shared by the template and the importer.
COL_TARGET = "目標値ID"
COL_KPI = "KPI"
COL_MEASURE = "施策"
COL_TARGET_TEXT = "目標（出典の表記）"
COL_TARGET_YEAR = "目標年度"
COL_UNIT = "単位"
COL_BASELINE = "基準値"
COL_YEAR = "報告年度"
COL_ACTUAL = "実績（入力）"
COL_NOTE = "備考（入力）"
COL_SECTION = "主管課"  # in a CSV: the section reporting the row (an .xlsx template says it itself)
DATA_SHEET = "実績入力"
HELP_SHEET = "記入方法"
META_SHEET = "dxplan"
