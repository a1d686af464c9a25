"""Records counted beside the plan: an earlier plan's evaluation (000 図15・16), the figures of a
public comment (002), and a plan's measure list as its source tabulates it.

The words and the messages that only fill in their parts are data (records.toml); the
messages here choose their words."""

from __future__ import annotations

from dxplan.core import labels as shared_words
from dxplan.core.labels.catalogue import load

#: The words and templates of records.toml; callers read them as this module's names.
words = load("records")
globals().update(words.entries())


def evaluation_caption(plan: str, as_of: str | None, graded: bool) -> str:
    return f"{plan} {as_of or ''}における各{shared_words.MEASURE}の{'評価（000 図15）' if graded else '方向性（000 図16）'}"
