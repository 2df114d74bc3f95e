"""Counties and cities named by a short form that is a word too (东方 of 东方市, 澄迈 of 澄迈县), where a list names
them beside divisions of the same province the gazetteer is sure of: ``支持文昌、琼海、东方、澄迈打造…``,
``苍梧、昭平等10个县区``. The divisions file withholds such forms (they would be found in every 东方 of the east);
a list whose every item is a short form of the report's province, one of them a sure one, names its
divisions (``data/extract/names/division_lists.tsv``)."""
from __future__ import annotations

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.gazetteer import report_province
from reportgraph.extract.sentence import SentenceView
from reportgraph.lexicon import GazetteerEntry
from reportgraph.text import LIST_SEPARATOR, fold

_RUN = regexcache.compile(datafile("extract/names/division_lists.tsv").pairs["run"])
#: A short form is this long (东方, 琼海; 石河子).
_SHORTEST, _LONGEST = 2, 4


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """The short forms of a list of the report's province's divisions, withheld ones among them."""
    text = s.text
    if LIST_SEPARATOR not in text or not ctx.region:
        return []
    province = report_province(ctx)
    if not province:
        return []
    out = []
    for m in _RUN.finditer(text):
        pieces = m.group().split(LIST_SEPARATOR)
        spans, at = [], m.start()
        for n, piece in enumerate(pieces):
            first, last = n == 0, n == len(pieces) - 1
            spans.append(_item(text, at, at + len(piece), first, last, province, ctx))
            at += len(piece) + 1
        if any(span is None for span in spans) or not any(span[2] for span in spans if span):
            continue  # an item no division's, or no item the gazetteer is sure of
        # every item: the sure ones too, which the gazetteer's own rules may have doubted alone (昭平, a person's name)
        out += [Candidate(a, b, "Place", s.original(a, b), "gazetteer") for a, b, _ in spans]
    return out


def _item(text: str, a: int, b: int, first: bool, last: bool, province: str,
          ctx: Context) -> tuple[int, int, bool] | None:
    """The short form a list's piece is, as (start, end, sure): the whole piece, the first piece's end or the last
    one's start (the words around the run glued to them); sure where the gazetteer itself gives the form."""
    lengths = range(min(_LONGEST, b - a), _SHORTEST - 1, -1)
    spans = [(b - n, b) for n in lengths] if first else [(a, a + n) for n in lengths] if last else [(a, b)]
    for start, end in spans:  # longest first
        form = fold(text[start:end])
        if _in_province(ctx.lexicon.divisions_by_short_form.get(form, ()), province):
            return start, end, True
        if _in_province(ctx.lexicon.withheld_short_forms.get(form, ()), province):
            return start, end, False
    return None


def _in_province(entries: tuple[GazetteerEntry, ...], province: str) -> bool:
    return any(entry.region[:1] == (province,) for entry in entries)
