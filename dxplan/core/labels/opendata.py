"""Open data: the licence, the KPI dataset's columns, what each file says about itself, the (words: labels/opendata.toml; these messages choose their words)."""

from __future__ import annotations

from dxplan.core.labels import progress
from dxplan.core import labels as shared_words
from dxplan.core.labels.catalogue import load

globals().update(load("opendata").entries())


def municipality_missing(config_file: str, plan_id: str, code: object, name: object) -> str:
    return (f"{config_file}: [dxplan.plans.{plan_id}] の municipality_code（全国地方公共団体コード"
            f" 6桁、検査数字を含む）と municipality（団体名）を正しく記載してください"
            f"（現在: {code!r}, {name!r}）")
