"""The words of the coverage rules and their report, change reasons, the ward's responses and the plan comparison. (words: labels/rules.toml; these messages choose their words)."""

from __future__ import annotations

from dxplan.core import labels as shared
from dxplan.core.labels.catalogue import load

globals().update(load("rules").entries())


def not_in_hierarchy(links) -> str:
    return f"計画の体系につながっていません（{' / '.join(links)} のリンクがありません）"


def html_in_body(where: str, snippet: str) -> str:
    return html_in(where=f"{where} の{BODY}", snippet=snippet)


def unknown_rule(rule_id: str, known) -> str:
    return f"未知の規則 ID です: {rule_id}（{', '.join(known)}）"


def rule_heading(rule_id: str, title: str, total: int, accepted: int) -> str:
    return f"{rule_id}: {title}（{count(number=total)}、{ACCEPTED} {count(number=accepted)}）"


def stale_entries(number: int) -> str:
    return f"古くなった受容リストの記載: {count(number=number)}"


def quoted(quote: str, source: str) -> str:
    return f"{quote_opening(quote=quote)}{source}）"


def status_expected(statuses, value: object) -> str:
    return f"status は {' / '.join(statuses)} のどれかにしてください（{value}）"


def responses_caption(number: int) -> str:
    return f"提言への{shared.RESPONSE}（{count(number=number)}の提言）"


def error_gaps(total: int, recorded: int) -> str:
    return (f"{ERROR}の規則に当たる不足 {count(number=total)}"
            f"（うち出典の欠落として理由を記録済み {count(number=recorded)}、未記録 {count(number=total - recorded)}）")


def warnings(number: int) -> str:
    return f"{WARNING} {count(number=number)}"


def rule_count(title: str, number: int) -> str:
    return f"{title}: {count(number=number)}"
