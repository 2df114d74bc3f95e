"""Widths in a terminal: Chinese takes two columns, cuts end (or start) with an ellipsis."""
from __future__ import annotations

from reportgraph.termwidth import display_width, pad, truncate, truncate_start


def test_display_width_counts_chinese_as_two_columns() -> None:
    assert display_width("abc") == 3
    assert display_width("沙井") == 4
    assert display_width("沙井a，") == 7  # full-width comma is wide too
    assert truncate("沙井街道办事处", 7) == "沙井街…"
    assert display_width(truncate("沙井街道办事处", 8)) <= 8
    assert truncate("abc", 3) == "abc"


def test_zero_width_and_combining_characters_take_no_column() -> None:
    assert display_width("a\u200bb") == 2
    assert display_width("e\u0301") == 1


def test_truncate_start_keeps_the_file_name() -> None:
    path = "reports/2024/沙井街道/工作报告.txt"
    cut = truncate_start(path, 20)
    assert cut.startswith("…") and cut.endswith("工作报告.txt") and display_width(cut) <= 20
    assert truncate_start("short.txt", 20) == "short.txt"


def test_pad_counts_columns_not_characters() -> None:
    assert pad("沙井", 6) == "沙井  "
    assert pad("沙井", 6, right=True) == "  沙井"
