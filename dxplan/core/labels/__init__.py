"""The catalogue: every Japanese word and message dxplan writes, one wording per idea.

Code stays English; the Japanese it shows lives here, so a ward's staff change a wording in one
place and 「主管課未記載」 reads the same on a progress table, in a spreadsheet and in a CLI message.

- This module holds the words several parts show.
- One module per capability holds the rest (`labels.progress`, `labels.rules`, ...).
- A word is an UPPER_CASE constant.
- A message is a function named for its idea (`unknown_keys(keys)`), in the manner of StrictDoc's
  error factories. It returns the sentence, ending with what to do where the reader must act.

Tests fail when Japanese text is written outside this folder, or when one wording is spelled twice.
"""

from __future__ import annotations

#: Shown wherever a source is silent: a visible gap, never an invented value.
GAP_LABEL = "未記載（出典に記載なし）"
#: The targets (or reports) no owning section is given for.
UNOWNED = "主管課未記載"
#: A fiscal year without an actual.
NOT_REPORTED = "未報告"
#: An actual reported but not yet confirmed by the secretariat.
PROVISIONAL = "速報"
#: The baseline's own year: history, not graded.
BASELINE_YEAR = "基準年"
#: A change between revisions the sources give no reason for.
CHANGE_REASON_GAP = "変更理由: 出典に記載なし"
#: A recommendation the ward's response to is not recorded.
RESPONSE_GAP = "区の対応: 未記載"

# Words several capabilities show (headings, columns, joins).
MEASURE = "施策"
TARGET_AS_WRITTEN = "目標（出典の表記）"
TARGET_YEAR = "目標年度"
UNIT = "単位"
BASELINE_VALUE = "基準値"
OWNER = "主管課"
#: Joins items in a list
LIST_SEPARATOR = "、"
#: Joins words of one kind (A・B)
WORD_SEPARATOR = "・"
NONE = "なし"
DESCRIPTION = "説明"
ITEM = "項目"
CONTENT = "内容"
GENERATED_BY = "作成したプログラム"
LICENCE = "ライセンス"
MUNICIPALITY_CODE = "団体コード"
STATUS = "状態"
REIWA = "令和"
#: The first year of an era (令和元年)
FIRST_YEAR = "元"
FISCAL_YEAR = "年度"
#: A range (令和3年度〜令和7年度)
RANGE = "〜"
PLAN = "計画"
QUALIFIER = "条件"
BASELINE_FY = "基準年度"
TITLE = "タイトル"
#: The full-width space
FULL_WIDTH_SPACE = "\u3000"
TARGET_VALUE = "目標値"
POLICY = "基本方針"
READ_BACK_DIFFERS = "書き込む内容を読み戻すと一致しません（dxplan の不具合です）。何も書き込んでいません"
MEASURE_NAME = "施策名"
NUMBER = "番号"
CATEGORY = "区分"
VISION = "ビジョン"
TOTAL = "合計"
RESPONSE = "区の対応"
