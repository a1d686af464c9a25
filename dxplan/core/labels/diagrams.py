"""The diagrams' words: accessible titles and descriptions, captions, and the tables beside them. (words: labels/diagrams.toml; these messages choose their words)."""

from __future__ import annotations

from dxplan.core.labels import views
from dxplan.core import labels as shared_words
from dxplan.core.labels.catalogue import load

globals().update(load("diagrams").entries())


def structure_title(name: str) -> str:
    return views.in_parentheses(text=STRUCTURE_DIAGRAM, note=name)


def structure_caption(name: str) -> str:
    return views.in_parentheses(text=STRUCTURE_DIAGRAM, note=f"{name}。図と{SAME_IN_LIST_BELOW}")


def org_description(bodies: int, sentences: list[str]) -> str:
    return (f"推進体制の組織・役職{bodies}件と、{STATED_RELATIONS}{len(sentences)}件。"
            f"{FULL_STOP.join(sentences)}{FULL_STOP}{SAME_IN_TABLE_UNDER_DIAGRAM}{FULL_STOP}")


def period(start: str, end: str, years: int) -> str:
    """令和3年度〜令和7年度（5か年）."""
    return f"{start}{shared_words.RANGE}{views.in_parentheses(text=end, note=years_span(years=years))}"


def plan_not_found(need_id: str) -> str:
    return f"{views.not_found(what=shared_words.PLAN, need_id=need_id)}（:need: に{BASIC_PLAN}の ID を指定）"
