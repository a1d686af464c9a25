"""The actuals store (needs/actuals.toml): what a record must hold, and the write lock's messages.

The words and the messages that only fill in their parts are data (store.toml); the
messages here choose their words."""

from __future__ import annotations

from collections.abc import Iterable
from dxplan.core import labels as shared_words
from dxplan.core.labels.catalogue import load

#: The words and templates of store.toml; callers read them as this module's names.
words = load("store")
globals().update(words.entries())


def grade_not_allowed(grade: str, grades: Iterable[str]) -> str:
    return f"評語「{grade}」は使えません（{shared_words.WORD_SEPARATOR.join(grades)} のいずれか）"


def waiting_for_lock(folder: object, timeout: float) -> str:
    return f"{folder}: 別の dxplan が書き込み中です。終わるのを待っています（最長 {timeout:g} 秒）…"


def lock_timed_out(folder: object, timeout: float) -> str:
    return (f"{folder}: 別の dxplan が書き込み中のため、{timeout:g} 秒待っても書き込めませんでした。"
            "何も書き込んでいません。その処理が終わってから、もう一度実行してください")
