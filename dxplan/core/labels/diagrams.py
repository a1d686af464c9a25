"""The diagrams' words: accessible titles and descriptions, captions, and the tables beside them.

The words and the messages that only fill in their parts are data (diagrams.toml); the
messages here choose their words."""

from __future__ import annotations

from dxplan.core.labels import views
from dxplan.core import labels as shared_words
from dxplan.core.labels.catalogue import load

#: The words and templates of diagrams.toml; callers read them as this module's names.
words = load("diagrams")
globals().update(words.entries())


def structure_title(name: str) -> str:
    return views.in_parentheses(text=words.STRUCTURE_DIAGRAM, note=name)


def structure_caption(name: str) -> str:
    return views.in_parentheses(text=words.STRUCTURE_DIAGRAM, note=f"{name}。図と{words.SAME_IN_LIST_BELOW}")


def org_description(bodies: int, sentences: list[str]) -> str:
    return (f"推進体制の組織・役職{bodies}件と、{words.STATED_RELATIONS}{len(sentences)}件。"
            f"{words.FULL_STOP.join(sentences)}{words.FULL_STOP}{words.SAME_IN_TABLE_UNDER_DIAGRAM}{words.FULL_STOP}")


def period(start: str, end: str, years: int) -> str:
    """令和3年度〜令和7年度（5か年）."""
    return f"{start}{shared_words.RANGE}{views.in_parentheses(text=end, note=words.years_span(years=years))}"


def plan_not_found(need_id: str) -> str:
    return f"{views.not_found(what=shared_words.PLAN, need_id=need_id)}（:need: に{words.BASIC_PLAN}の ID を指定）"
