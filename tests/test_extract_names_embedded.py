"""extract.names.embedded: a known firm's short name inside another name is no mention of the firm.

The firms are written to a user lexicon by the test; sentences are invented in the genre's style.
"""
from __future__ import annotations

from pathlib import Path

from conftest import PROVINCE_OPENING, SegmentText
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import Lexicon


def _companies(segment_text: SegmentText, tmp_path: Path, line: str) -> set[str]:
    user = tmp_path / "names.tsv"
    user.write_text("青柴动力\tCompany\t青柴\n禾汽集团\tCompany\t禾汽\n", encoding="utf-8")
    lexicon = Lexicon.load(user)
    report = segment_text(PROVINCE_OPENING + line + "\n")
    at = report.text.find(line)
    return {m.name for m in find_mentions(report, lexicon)
            if m.type == "Company" and at <= m.start and m.end <= at + len(line)}


def test_a_short_name_before_a_brands_own_part_is_not_the_firm(segment_text: SegmentText, tmp_path: Path) -> None:
    assert not _companies(segment_text, tmp_path, "浪潮海若、青柴齐天等148个行业大模型规模化应用。")


def test_a_short_name_owning_a_project_is_the_firm(segment_text: SegmentText, tmp_path: Path) -> None:
    found = _companies(segment_text, tmp_path, "青柴新能源动力电池、禾汽零部件等项目投产。")
    assert {"青柴", "禾汽"} <= found or {"青柴动力", "禾汽集团"} <= found


def test_a_short_name_opening_a_universitys_name_is_not_the_firm(segment_text: SegmentText, tmp_path: Path) -> None:
    assert not _companies(segment_text, tmp_path, "青柴科技大学获批招生，禾溪大学更名。")
    assert _companies(segment_text, tmp_path, "青柴与禾溪大学共建实验室。")
