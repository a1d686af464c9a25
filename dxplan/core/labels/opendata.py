"""Open data: the licence, the KPI dataset's columns, what each file says about itself, the
download links, and the 和暦 a text cell is given its 西暦 by.

The words and the messages that only fill in their parts are data (opendata.toml); the
messages here choose their words."""

from __future__ import annotations

from dxplan.core.labels.catalogue import load

#: The words and templates of opendata.toml; callers read them as this module's names.
words = load("opendata")
globals().update(words.entries())


def municipality_missing(config_file: str, plan_id: str, code: object, name: object) -> str:
    return (f"{config_file}: [dxplan.plans.{plan_id}] の municipality_code（全国地方公共団体コード"
            f" 6桁、検査数字を含む）と municipality（団体名）を正しく記載してください"
            f"（現在: {code!r}, {name!r}）")
