"""The shapes headings take (segment.headings): where a heading's words end."""
from __future__ import annotations

import pytest

from reportgraph.segment.headings import heading_words


@pytest.mark.parametrize("body, heading", [
    ("产业发展势头良好全年新签约项目12个，协议投资额23.5亿元。", "产业发展势头良好"),  # the line break after it lost
    ("全力抓招商围绕食品加工主导产业，力争引进亿元以上项目3个。", "全力抓招商"),
    ("抓经济，促发展。力争新增规上企业15家。", "抓经济，促发展"),  # a heading that ends with its mark
    ("实现城镇新增就业18万人以上，发布就业岗位50万个以上。", "实现城镇新增就业18万人以上，发布就业岗位50万个以上"),
    ("产业发展提速，全年新增企业50家。", "产业发展提速，全年新增企业50家"),  # a clause mark: no heading glued
    ("2025年工作回顾", "2025年工作回顾"),
])
def test_a_headings_words_end_before_the_sentence_glued_to_it(body: str, heading: str) -> None:
    assert heading_words(body) == heading
