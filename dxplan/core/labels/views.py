"""The pages' words: view and matrix headings and captions, card lines, the sources' names,
the accessibility page, the site's chrome, and the messages about a view's options.

The words and the messages that only fill in their parts are data (views.toml); the
messages here choose their words."""

from __future__ import annotations

from collections.abc import Iterable
from dxplan.core import labels
from dxplan.core.labels.catalogue import load

#: The words and templates of views.toml; callers read them as this module's names.
words = load("views")
globals().update(words.entries())


def as_in_source(label: str) -> str:
    """A heading whose column shows the source's own wording: 目標（出典の表記）."""
    return words.in_parentheses(text=label, note=words.AS_IN_SOURCE)


def supported_by() -> str:
    """The heading of the policies under no vision: 推進を下支え（推進体制の強化）."""
    return words.in_parentheses(text=words.SUPPORT, note=words.SUPPORT_AREA)


def listed(items: Iterable[str]) -> str:
    return labels.LIST_SEPARATOR.join(items)


def related(section_title: str) -> str:
    """A section taking part in a measure: 情報政策課（関係）."""
    return words.in_parentheses(text=section_title, note=words.RELATED)


def measure_number(number: str) -> str:
    """施策1 (a number the source gives without the word)."""
    return number if number.startswith(labels.MEASURE) else f"{labels.MEASURE}{number}"


def as_policy(label: str) -> str:
    return words.in_parentheses(text=label, note=labels.POLICY)


def kpi_count(number: int) -> str:
    """／KPI 2件: after a measure's name in the structure list."""
    return f"／KPI {words.count(number=number)}"


def unowned_measures(number: int) -> str:
    """Opens the list of measures no section owns: 主管課が出典に記載されていない施策: 2件（…）."""
    return f"{labels.OWNER}が出典に記載されていない{labels.MEASURE}: {words.count(number=number)}（"


def unknown_view(name: str, views: Iterable[str]) -> str:
    return f"未知のビュー「{name}」です（使えるビュー: {', '.join(views)}）"


def unknown_view_option(name: str, option: str, allowed: Iterable[str]) -> str:
    return f"ビュー「{name}」にオプション :{option}: はありません（使えるオプション: {', '.join(allowed)}）"


def not_a_choice(option: str, value: str, choices: Iterable[str]) -> str:
    return f":{option}: {value} は選べません（{', '.join(choices)}）"


def unowned_count(number: int) -> str:
    return f"{words.UNRECORDED} {words.measures_count(number=number)}"


def items_count(number: int, noun: str) -> str:
    """12件の提言."""
    return f"{words.count(number=number)}の{noun}"


def total_items(number: int, noun: str) -> str:
    return f"{labels.TOTAL} {items_count(number, noun)}"


def counted(label: str, number: int) -> str:
    """対応付けあり 3件."""
    return f"{label} {words.count(number=number)}"


def responses_missing(number: int) -> str:
    return counted(labels.RESPONSE_GAP, number)


def unknown_matrix(name: str, names: Iterable[str]) -> str:
    return f"未知の表: {name}（{', '.join(names)}）"
