"""The words of plan revisions: the fields and links a diff compares, the kinds of change, link reviews."""

from __future__ import annotations

# ---------------------------------------------------------------- fields and links, as a diff names them

TITLE = "名称"
TYPE = "種類"
MEASURES = "対象施策"
CO_OWNER = "関係課"

# ---------------------------------------------------------------- kinds of change

ADDED = "新しい版で掲載"
REMOVED = "新しい版になし"
CHANGED = "変更"
RENAMED = "改番・改称"
#: A field without a value, in a diff.
NOTHING = "（なし）"
#: The group of changes outside every policy.
OUTSIDE_POLICIES = "計画・ビジョン・その他"

# ---------------------------------------------------------------- link reviews (needs/reviews.toml)

SOURCE_END = "リンク元"
TARGET_END = "リンク先"
REVIEWS_HEADER = ("# 確認済みのリンク: リンクの両端の指紋（名称・目標値）。どちらかが変わるとリンクは「要確認」になる。\n"
                  "# `dxplan review --confirm ID` で確認し直す。このファイルは dxplan が書く。\n\n")
#: A link seen from its target, where the configuration names no incoming label.
incoming = "{link}（被参照）".format
