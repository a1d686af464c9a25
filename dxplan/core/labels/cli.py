"""The command line: help texts, the messages each command prints, and its printed tables.

The words and the messages that only fill in their parts are data (cli.toml); the
messages here choose their words."""

from __future__ import annotations

from collections.abc import Sequence
from dxplan.core.labels import excel as sheets
from dxplan.core.labels.catalogue import load

#: The words and templates of cli.toml; callers read them as this module's names.
words = load("cli")
globals().update(words.entries())


def section_not_registered(value: str) -> str:
    """A section named for a sheet or a report that needs/sections.toml does not hold."""
    return words.error(message=f"{words.section_not_found(value=value)}（needs/sections.toml を確認してください）")


def no_grade_scale(plan_id: str | None, config_file: str) -> str:
    return words.error(message=f"計画 {plan_id or '（計画がありません）'} に評語の尺度がありません"
                 f"（{config_file} の [[dxplan.grade_scales]] の plans に計画の ID を加えてください）")


def items_not_found(ids: Sequence[str]) -> str:
    return f"項目が見つかりません: {', '.join(ids)}"


def import_counts(path: object, added: int, replaced: int, same: int, dry_run: bool) -> str:
    return f"{path}: 追加 {added}件、置換 {replaced}件、変更なし {same}件{words.DRY_RUN if dry_run else ''}"


def section_status(section: str, state: str, late: bool, reported: int, total: int, steps: str) -> str:
    """One section's line of `dxplan excel status`."""
    return f"{section}: {state}{sheets.LATE if late else ''}、報告済み {reported}/{total}、{steps or '—'}"


def report_step(section: str, year: str, state: str, why: str | None) -> str:
    """A report returned or confirmed: its new state, and why when it was sent back."""
    return f"{section} {year}: {state}" + (sheets.reason(text=why) if why else "")


def unknown_shape(shape: str, shapes) -> str:
    return f"未知の形です: {shape}（{', '.join(shapes)}）"
