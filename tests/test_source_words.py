"""Source references read as the documents' names for residents; the code stays in a tooltip."""

from dxplan.render import source_ref, source_words


def test_codes_become_names_spaced_only_before_non_japanese_text():
    assert source_words("002 §1 【基本方針Ⅰ】施策1") == "後期実施計画の概要 【基本方針Ⅰ】施策1"
    assert source_words("002 は基本方針Ⅲの改称を") == "後期実施計画の概要は基本方針Ⅲの改称を"
    assert source_words("出典: 003") == "出典: 区議会 自治体DX調査特別委員会の活動報告"
    assert source_words("令和2年 2002") == "令和2年 2002"  # a year is not a code


def test_the_code_is_kept_as_the_tooltip():
    node = source_ref("002 §1")
    assert node.astext() == "後期実施計画の概要" and node["explanation"] == "002 §1"
