"""The words of plan revisions: the fields and links a diff compares, the kinds of change, link reviews. (words: labels/revisions.toml; these messages choose their words)."""

from __future__ import annotations

from dxplan.core.labels.catalogue import load

globals().update(load("revisions").entries())


