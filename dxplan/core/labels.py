"""The Japanese words more than one part of dxplan shows: one wording per idea.

Pages, the CLI and the spreadsheets import them from here, so 「主管課未記載」 reads the same on a
progress table, in an Excel file name's sheet and in a CLI message. Code stays English.
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
