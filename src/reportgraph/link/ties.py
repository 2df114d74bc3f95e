"""Each indicator tied to the entities its clause names, or else those before it in its sentence."""
from __future__ import annotations

import dataclasses

from reportgraph.link.relations import by_sentence
from reportgraph.model import Entity, Indicator
from reportgraph.text import clause_bounds, fold, same_clause


def tie(indicators: list[Indicator], entities: list[Entity]) -> list[Indicator]:
    """The indicators, each with the keys of the entities it is about."""
    pairs_of = by_sentence(entities)
    out = []
    folded: dict[int, str] = {}  # one fold per sentence, not one per figure: a sentence may hold thousands
    for ind in indicators:
        pairs = pairs_of.get(ind.sentence.index, [])
        text = folded.get(ind.sentence.index)
        if text is None:
            text = folded[ind.sentence.index] = fold(ind.sentence.text)
        base = ind.sentence.start
        lo, hi = clause_bounds(text, ind.start - base, ind.end - base)
        keys = [e.key for m, e in pairs if lo <= m.start - base and m.end - base <= hi]
        if not keys:
            earlier = [(m, e) for m, e in pairs if m.end - base <= lo]
            if earlier:
                last_clause_start = max(m.start for m, _ in earlier)
                keys = [e.key for m, e in earlier if same_clause(text, m.start - base, last_clause_start - base)]
        out.append(dataclasses.replace(ind, entity_keys=sorted(dict.fromkeys(keys))))
    return out
