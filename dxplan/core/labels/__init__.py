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
