"""Rivers and lakes jieba knows by name (长江, 黄河, 鄱阳湖): a report names them where it measures their water
(鄱阳湖总磷浓度), protects their banks or builds along them, with no type word after the name to find it by."""
from __future__ import annotations

from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import PERSON_TAGS, PLACE_TAG, PROPER_TAGS, tag

_WATERS = datafile("extract/names/waters.tsv").pairs
_ENDINGS = frozenset(_WATERS["endings"].split())
_COMMON = frozenset(_WATERS["common"].split())
_ASPECTS = frozenset(_WATERS["aspects"].split())
#: The words after a river's name that make it one whatever jieba tags it (饮马河流域), also inside one word (辽河流域).
_BASINS = tuple(_WATERS["basins"].split())
#: jieba's tags of words of three characters or more that name a river as a place's tag does (京杭运河, 大运河: nz)
_PROPER_RIVER_TAGS = frozenset({"nz"})
#: jieba's tags of the words after a river's name that make it part of a longer name (某某湖机场)
_NAME_GOES_ON = PROPER_TAGS | PERSON_TAGS | {"n", "j"}


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Every word of the sentence jieba tags a place (or a proper noun of three characters, or a word before a
    basin) that ends like a river's or a lake's name, no gazetteer's name (a county named after its river is the
    gazetteer's to find) and no part of a longer name."""
    out = []
    tokens = s.tokens
    for k, (word, a, b) in enumerate(tokens):
        after = tokens[k + 1][0] if k + 1 < len(tokens) and tokens[k + 1][1] == b else ""
        basin = next((w for w in _BASINS if word.endswith(w) and len(word) > len(w)), "")
        # 辽河流域: one word to jieba, the river and its basin
        name, end, after = (word[:-len(basin)], b - len(basin), basin) if basin else (word, b, after)
        other_reading = after in _BASINS or tag(name) in _PROPER_RIVER_TAGS  # 饮马河流域, 京杭运河
        if len(name) < 2 or name[-1] not in _ENDINGS or name in _COMMON or name in ctx.lexicon.names \
                or tag(name) != PLACE_TAG and not (len(name) > 2 and other_reading):
            continue  # a word jieba tags otherwise is a river only before its basin or as another proper noun,
            # never two characters
        if after and after not in _ASPECTS and tag(after) in _NAME_GOES_ON:
            continue
        out.append(Candidate(a, end, "Place", s.original(a, end), "water"))
    return out
