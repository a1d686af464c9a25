"""Source references read as the documents' names for residents; the code stays in a tooltip."""

from dxplan.core.sources import source_words
from dxplan.render import source_ref


def test_codes_become_names_spaced_only_before_non_japanese_text():
    assert source_words("002 §1 【基本方針Ⅰ】施策1") == "後期実施計画の概要 【基本方針Ⅰ】施策1"
    assert source_words("002 は基本方針Ⅲの改称を") == "後期実施計画の概要は基本方針Ⅲの改称を"
    assert source_words("出典: 003") == "出典: 区議会 自治体DX調査特別委員会の活動報告"
    assert source_words("令和2年 2002") == "令和2年 2002"  # a year is not a code


def test_the_code_is_kept_as_the_tooltip():
    node = source_ref("002 §1")
    assert node.astext() == "後期実施計画の概要" and node["explanation"] == "002 §1"


def _read(text):
    from dxplan.render import cited_in_words

    found = cited_in_words(text)
    return None if found is None else ("".join(n.astext() for n in found),
                                       [n["explanation"] for n in found if "explanation" in n])


def test_prose_citations_read_as_names_with_the_code_in_the_tooltip():
    assert _read("骨子案（000 第3章 5 施策の進行管理）の内容を要約") == \
        ("骨子案（第3章 5 施策の進行管理）の内容を要約", ["000 第3章 5 施策の進行管理"])
    assert _read("後期実施計画の概要（002）は") == ("後期実施計画の概要は", ["002"])
    assert _read("評価です（000 第1章 6）。") == ("評価です（計画の骨子案（令和2年8月） 第1章 6）。", ["000 第1章 6"])
    assert _read("（000・002）") == ("（計画の骨子案（令和2年8月） 後期実施計画の概要）", ["000・002", "002"])
    assert _read("004 はどの施策にも") == ("江東区 情報化推進プランの概要はどの施策にも", ["004"])
    assert _read("令和2年（2020年）の計画") is None and _read("施策 No.01〜06") is None


def test_figures_are_not_codes():
    assert _read("オンライン申請数（46,000件）") is None and _read("目標 33,000") is None
