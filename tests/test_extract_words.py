"""extract.words: the packaged tag table answers as jieba's own, for every tag the rules ask; no jieba import."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from reportgraph.extract import words
from reportgraph.extract.names import embedded, kinds, walk

REPO = Path(__file__).resolve().parent.parent


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_word_tags", REPO / "tools" / "make_word_tags.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def jieba_tags() -> dict[str, str]:
    return _tool().table()


def test_every_word_has_jiebas_tag_unless_no_rule_asks_it(jieba_tags: dict[str, str]) -> None:
    unasked = _tool().UNASKED
    wrong = [(w, t, words.tag(w)) for w, t in jieba_tags.items()
             if words.tag(w) != ("" if t in unasked else t)]
    assert not wrong, wrong[:10]
    assert words.tag("推进") == jieba_tags["推进"] == "v"
    assert words.tag("不是一个词的字串") == ""
    assert words.tag_or("不是一个词的字串", "n") == "n"


def test_the_packaged_file_is_what_the_tool_writes_from_the_installed_jieba() -> None:
    tool = _tool()
    assert tool.render(tool.table()) == tool.TARGET.read_text(encoding="utf-8")


def test_no_rule_asks_a_tag_the_table_leaves_out() -> None:
    """The rules ask tags by set membership or by first letter (n, v, a, b, z, d): none of those is dropped."""
    unasked = _tool().UNASKED
    asked_sets = [words.COMMON_TAGS, words.PROPER_TAGS, words.VERB_TAGS, walk.NAME_STOP_TAGS,
                  walk.UNDERTAKING_STOP_TAGS, walk.PLACE_STOP_TAGS, words.PERSON_TAGS, walk._LEAD_TAGS, embedded._GLUED_TAGS,
                  walk._RESULT_VERB_TAGS, {"m", "v", "nr", "ns", "nt", "nz", "ad", "an", "vn", "d"}]
    assert not unasked & set().union(*asked_sets)
    assert not [t for t in unasked if t[0] in "nvabzd"]
    assert kinds.common_word  # the first-letter rules live there and in names.suffixes


def test_building_with_rjieba_imports_neither_jieba_nor_its_posseg(tmp_path: Path, small_report_text: str) -> None:
    report = tmp_path / "r.txt"
    report.write_text(small_report_text, encoding="utf-8")
    code = (
        "import sys\nfrom reportgraph import pipeline\n"
        f"result = pipeline.build([{str(report)!r}])\n"
        "assert result.reports and not result.errors\n"
        "print(sorted(m for m in sys.modules if m == 'jieba' or m.startswith('jieba.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.strip() == "[]"


def test_a_look_up_finds_the_table_s_first_and_last_words_and_nothing_between_words() -> None:
    """The binary search over the file's bytes: its ends, and keys that sort next to a word without being one."""
    entries = [line.split("\t") for line in words._WORD_TAGS.text.splitlines() if line and not line.startswith("# ")]
    (first, first_tag), (last, last_tag) = entries[0], entries[-1]
    assert words.tag(first) == first_tag and words.tag(last) == last_tag
    assert words.tag(first[:-1] if len(first) > 1 else "") == ""
    assert words.tag(last + last) == words.tag("\U0010ffff") == ""
    assert words.tag("推进推") == "" and words.tag("推") == "v"  # a word, a prefix of 推进


def test_the_dictionary_is_loaded_at_the_first_cut_not_at_import(tmp_path: Path, small_report_text: str) -> None:
    """rjieba builds its dictionary when imported: a build whose reports all come from its cache never cuts, so
    importing every extractor must not load it; the first cut does, and cuts as rjieba does."""
    code = (
        "import sys\nfrom reportgraph import pipeline\nfrom reportgraph.extract import words\n"
        "print('rjieba' in sys.modules)\n"
        "import rjieba\n"
        "print(words.words_of('推进城市更新') == [('推进', 0, 2), ('城市更新', 2, 6)] == "
        "[(w, 0, 2) if w == '推进' else (w, 2, 6) for w in rjieba.cut('推进城市更新', hmm=False)])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.split() == ["False", "True"]
