"""The words of the coverage rules and their report, change reasons, the ward's responses and the plan comparison.

The words and the messages that only fill in their parts are data (rules.toml); the
messages here choose their words."""

from __future__ import annotations

from dxplan.core import labels as shared
from dxplan.core.labels.catalogue import load

#: The words and templates of rules.toml; callers read them as this module's names.
words = load("rules")
globals().update(words.entries())


def not_in_hierarchy(links) -> str:
    return f"計画の体系につながっていません（{' / '.join(links)} のリンクがありません）"


def html_in_body(where: str, snippet: str) -> str:
    return words.html_in(where=f"{where} の{words.BODY}", snippet=snippet)


def unknown_rule(rule_id: str, known) -> str:
    return f"未知の規則 ID です: {rule_id}（{', '.join(known)}）"


def rule_heading(rule_id: str, title: str, total: int, accepted: int) -> str:
    return f"{rule_id}: {title}（{words.count(number=total)}、{words.ACCEPTED} {words.count(number=accepted)}）"


def stale_entries(number: int) -> str:
    return f"古くなった受容リストの記載: {words.count(number=number)}"


def quoted(quote: str, source: str) -> str:
    return f"{words.quote_opening(quote=quote)}{source}）"


def status_expected(statuses, value: object) -> str:
    return f"status は {' / '.join(statuses)} のどれかにしてください（{value}）"


def responses_caption(number: int) -> str:
    return f"提言への{shared.RESPONSE}（{words.count(number=number)}の提言）"


def error_gaps(total: int, recorded: int) -> str:
    return (f"{words.ERROR}の規則に当たる不足 {words.count(number=total)}"
            f"（うち出典の欠落として理由を記録済み {words.count(number=recorded)}、未記録 {words.count(number=total - recorded)}）")


def warnings(number: int) -> str:
    return f"{words.WARNING} {words.count(number=number)}"


def rule_count(title: str, number: int) -> str:
    return f"{title}: {words.count(number=number)}"
