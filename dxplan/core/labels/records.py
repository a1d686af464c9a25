"""Records counted beside the plan: an earlier plan's evaluation (000 図15・16), the figures of a (words: labels/records.toml; these messages choose their words)."""

from __future__ import annotations

from dxplan.core.labels import progress
from dxplan.core import labels as shared_words
from dxplan.core.labels.catalogue import load

globals().update(load("records").entries())


def evaluation_caption(plan: str, as_of: str | None, graded: bool) -> str:
    return f"{plan} {as_of or ''}における各{shared_words.MEASURE}の{'評価（000 図15）' if graded else '方向性（000 図16）'}"
