"""Progress: grades and their scales, the progress tables and charts, a KPI's answer line, and
the reporting cycle's states and refusals (施策の進行管理).

The words and the messages that only fill in their parts are data (progress.toml); the
messages here choose their words."""

from __future__ import annotations

from dxplan.core import labels as shared
from dxplan.core.labels.catalogue import load

#: The words and templates of progress.toml; callers read them as this module's names.
words = load("progress")
globals().update(words.entries())


def at_least_progress(percent: float) -> str:
    return f"{words.PROGRESS_RATE} {percent:g}% 以上"


def grade_scale_caption(name: str, source: str, computed: bool) -> str:
    return f"{name}（{words.SOURCE}: {source}）{'' if computed else '— 実績から計算せず、報告された評語を記録する尺度'}"


def year_caption(year: str, has_data: bool) -> str:
    """令和7年度, saying so when that year has no actual yet."""
    return year + ("" if has_data else "（この年度の実績はまだ報告されていません）")


def progress_by_policy(year: str) -> str:
    return words.progress_of(subject=f"{shared.POLICY}別", detail=year)


def progress_by_section(year: str) -> str:
    return words.progress_of(subject=f"{shared.OWNER}別", detail=year)


def baseline_figure(text: str) -> str:
    return f"{shared.BASELINE_VALUE} {text}".strip()


def graded_in(year: str, grade: str, percent: str | None) -> str:
    return f"{year}は「{grade}」" + (f"（{words.PROGRESS_RATE} {percent}）" if percent is not None else "")


def report_in_hand_to_request(report: str, confirmed: bool) -> str:
    done = "確定しています" if confirmed else "提出されています"
    return f"{report}は既に{done}。依頼し直すには、{words._RETURN_FIRST}"


def report_fields_required(states: tuple[str, ...]) -> str:
    return f"section, fy, state（{shared.WORD_SEPARATOR.join(states)}）が必要です"
