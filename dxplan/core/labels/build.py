"""What a build says about itself in its log: findings carried from build to build, work it reused or withheld.

The words and the messages that only fill in their parts are data (build.toml); the
messages here choose their words."""

from __future__ import annotations

from dxplan.core.labels import rules
from dxplan.core import labels as shared_words
from dxplan.core.labels.catalogue import load

#: The words and templates of build.toml; callers read them as this module's names.
words = load("build")
globals().update(words.entries())


def findings_in(file: str, number: int) -> str:
    return f"{file} {rules.count(number=number)}"


def findings_of_build(number: int, per_file) -> str:
    return (f"dxplan: このビルドの指摘 {rules.count(number=number)}（{shared_words.LIST_SEPARATOR.join(per_file)}）。"
            "直すまで、どのビルドでも毎回報告されます。")


def rules_wait_for(files) -> str:
    return f"dxplan: {shared_words.LIST_SEPARATOR.join(files)} を読めないため、規則の検査はそれを直してから行います"
