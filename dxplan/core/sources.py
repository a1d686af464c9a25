"""Source references in words: the secretariat's codes (000 … 004) read as the documents'
names, the code kept for the tooltip (render.py makes the nodes)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dxplan.core.labels import views as words
from dxplan.core.labels.views import SOURCE_NAMES
from dxplan.core import labels as shared_words

_JAPANESE = re.compile(rf"[\u3040-\u30ff\u3400-\u9fff{words.JAPANESE_PUNCTUATION}]")
#: A cited source: its code (not inside a figure like 46,000 or a year like 2002), and its section.
_SOURCE_CODE = re.compile(r"(?<![0-9A-Za-z,.，])(00[0-4])(?![0-9])(?:\s*§\s*[0-9]+)?\s*")


def _name_for(text: str, match: re.Match) -> str:
    """The cited document's name; a space before 【…】 or a Latin word, none before Japanese
    text (「概要は」, not 「概要 は」)."""
    following = text[match.end():match.end() + 1]
    return SOURCE_NAMES[match.group(1)] + ("" if not following or _JAPANESE.match(following) else " ")


def source_words(text: str) -> str:
    """「002 §1 【基本方針Ⅰ】…」 → 「後期実施計画の概要 【基本方針Ⅰ】…」: a reader sees the
    document's name; the code stays in the tooltip (see `render.source_ref`)."""
    return _SOURCE_CODE.sub(lambda match: _name_for(text, match), text).strip()


#: What prose calls a source just before citing its code: 「骨子案（000）」, 「後期実施計画の概要（002）」.
_ALIASES = tuple(sorted({*SOURCE_NAMES.values(), *words.SOURCE_ALIASES}, key=len, reverse=True))
#: A citation in parentheses that starts with a code: 「（000 第3章 5）」, 「（000、令和2年8月）」.
_CITATION = re.compile(rf"（(00[0-4])(?:[ {shared_words.LIST_SEPARATOR},{shared_words.WORD_SEPARATOR}]\s*([^（）]*))?）")


@dataclass(frozen=True)
class Cited:
    """A piece of prose: plain text, or a source's name with what it stands for (`code`)."""

    text: str
    code: str | None = None


def _named(code: str, explanation: str) -> Cited:
    return Cited(SOURCE_NAMES[code], explanation)


def _bare_codes(text: str) -> list[Cited]:
    out: list[Cited] = []
    last = 0
    for match in _SOURCE_CODE.finditer(text):
        name = _name_for(text, match)
        out += [Cited(text[last:match.start()]), Cited(name.strip(), match.group(0).strip())]
        out += [Cited(" ")] if name.endswith(" ") else []
        last = match.end()
    out.append(Cited(text[last:]))
    return [p for p in out if p.code is not None or p.text]


def cited_parts(text: str) -> list[Cited] | None:
    """Prose that cites a source by code, for residents: 「骨子案（000 第3章）」 → 「骨子案（第3章）」
    with 000 behind 骨子案; 「（000 第1章）」 → 「（計画の骨子案（令和2年8月） 第1章）」;
    「002 は」 → 「後期実施計画の概要は」. None when the text cites no code."""
    if "00" not in text or not _SOURCE_CODE.search(text):
        return None
    out: list[Cited] = []
    last = 0
    for match in _CITATION.finditer(text):
        code, rest = match.group(1), (match.group(2) or "").strip()
        before = text[last:match.start()]
        alias = next((a for a in _ALIASES if before.endswith(a)), None)
        if alias:
            out += _bare_codes(before[:-len(alias)])
            out.append(Cited(alias, match.group(0)[1:-1]))
            if rest:
                out += [Cited("（"), *_bare_codes(rest), Cited("）")]
        else:
            out += _bare_codes(before)
            out += [Cited("（"), _named(code, match.group(0)[1:-1])]
            out += [Cited(" "), *_bare_codes(rest)] if rest else []
            out.append(Cited("）"))
        last = match.end()
    out += _bare_codes(text[last:])
    return [p for p in out if p.code is not None or p.text]
