"""Track every target to its result: which report reviews which, and what came of each target.

A target of report A is for A's plan period (2025年, 2024年下半年). It is assessed
by the report B of the same issuer (the same series) whose summary covers that
period as a period — the next annual report, or the annual report after a
half-year plan — and of several such, the one of the shortest period. B reports
on the target with an achievement of the same measure (:mod:`.measures`; the
same metric words where no concept applies), the same scope (the issuer's, or
the entity the target names: a target about 兴塘路 with a result about 兴塘路)
and a comparable quantity (a change with a change, a level with a level, in
one base unit: 万/亿 are expanded). The rules that decide whether it was met
are in ``data/link/track_*.tsv`` and the README:

- at least (以上, 超, 不少于, 力争…): met when the result reaches the figure;
  at most (以内, 不超过, 控制在): when it stays at or under it;
- about (左右, 约): within a tolerance per kind of quantity (0.5 percentage
  points for a rate, 2% of a level) in the measure's better direction, or on
  both sides for a measure where closer is better (居民消费价格);
- a range (5%—5.5%, one indicator with an upper end): met within it or beyond
  it in the better direction;
- a plain number: reached in the measure's better direction (lower is better
  for 失业率, 能耗, PM2.5; a price's plain figure is a ceiling);
- relational (与经济增长同步): the target's growth keeps within 0.5 points of
  the other measure's, both as B states them.

When B states nothing on the target's measure for the period the target is
**not reported**; when B speaks of it but not in a comparable form (a level
for a growth rate, words without a figure) it is **unclear**, with the reason.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.gate import Gated
from reportgraph.link.measures import Measures, metric_forms, strip_openings
from reportgraph.link.names import norm
from reportgraph.link.periods import Span, parse
from reportgraph.model import Indicator, LinkedReport, RelationalTarget, Report, TargetAssessment
from reportgraph.text import CLAUSE_REACH, clause_bounds, fold

_QUALIFIER_ROWS = datafile("link/track_qualifiers.tsv").rows
_CHANGES = datafile("link/track_changes.tsv").grouped
_TOLERANCES = datafile("link/track_tolerances.tsv").pairs
_RELATIONS = datafile("link/track_relations.tsv").pairs
_OTHER_PERIODS = datafile("link/track_other_periods.tsv").named_patterns

_RATE_TOLERANCE = float(_TOLERANCES["rate"])
_LEVEL_TOLERANCE = float(_TOLERANCES["level"])
_RATE_UNITS = frozenset(_TOLERANCES["rate_units"].split())
#: Run only on a sentence holding the words every such target ends with (同步): the pattern opens
#: with a lazy run of any characters, tried at every position of every plan's sentence.
_RELATION = Gated(regexcache.compile(_RELATIONS["pattern"]))
_RELATION_TOLERANCE = float(_RELATIONS["tolerance"])
_THEN = tuple(sorted(_CHANGES.get("then", ()), key=len, reverse=True))
_CHANGE_WORDS = tuple(sorted(((w, -1 if signs[0] == "-" else 1) for w, signs in _CHANGES.items() if w != "then"),
                             key=lambda ws: -len(ws[0])))
#: qualifier -> at_least | at_most | about | shown, and where it is written beside a figure
_QUALIFIERS = {row[0]: row[1] for row in _QUALIFIER_ROWS}
_WRITTEN = {row[0]: row[2] for row in _QUALIFIER_ROWS if len(row) > 2}
_QUALIFIER_WORDS = tuple(sorted(_QUALIFIERS, key=len, reverse=True))
_BOUNDS = frozenset({"at_least", "at_most", "about"})
#: Entity types that narrow what a figure is about (a community's, a road's, a firm's figure).
_SCOPE_TYPES = ("Community/", "Place/", "Project/", "Company/")
#: How a range is written out (5%—5.5%).
_RANGE_MARK = "\u2014"
#: The parts of a report that review its period.
_REVIEW_PARTS = frozenset({"summary", "preamble"})
_MONTHS_PER_YEAR = 12
#: The fewest characters a word must have to count as a mention of a measure.
_MENTION_LENGTH = 3
#: Relative slack of float comparisons: 4.5 is 5 - 0.5.
_EPSILON = 1e-9
#: How much "over" (超) or "nearly" (近) moves a result: enough to decide a tie, no more.
_NUDGE = 1e-6


@dataclass(frozen=True)
class Quantity:
    """A figure as tracking compares it: its number in base units, signed when it is a change."""

    value: float
    base_unit: str
    #: a change (增长5%, 下降3%) rather than a level (失业率5%, 降至20微克)
    change: bool
    #: +1 for a rise or a level, -1 for a fall
    sign: int

    @property
    def rate(self) -> bool:
        return self.base_unit in _RATE_UNITS

    @property
    def signed(self) -> float:
        return self.value * self.sign

    def comparable(self, other: "Quantity") -> bool:
        return self.change == other.change and self.base_unit == other.base_unit


def quantity_of(ind: Indicator) -> Quantity:
    """The indicator's figure: a change when the clause before it ends with a change word."""
    before = _before(ind)
    sign, change = 1, False
    for word in _THEN:
        if before.endswith(word) and len(before) > len(word):
            stripped = before[: -len(word)]
            if any(stripped.endswith(w) for w, _ in _CHANGE_WORDS):
                before = stripped
            break
    for word, word_sign in _CHANGE_WORDS:
        if before.endswith(word):
            sign, change = word_sign, True
            break
    return Quantity(abs(float(ind.normalized)), ind.base_unit, change, sign)


def _before(ind: Indicator | RelationalTarget) -> str:
    """The clause of the indicator's sentence before its figure, folded."""
    at = max(0, ind.start - ind.sentence.start)
    head = fold(ind.sentence.text[max(0, at - CLAUSE_REACH):at])  # the clause reaches no further
    lo, _ = clause_bounds(head, len(head), len(head))
    return norm(head[lo:])


def bound_of(ind: Indicator) -> str:
    """How the target bounds its figure: at_least, at_most, about, or "" (a plain number)."""
    mapped = _QUALIFIERS.get(ind.qualifier, "") if ind.qualifier else ""
    mapped = mapped if mapped in _BOUNDS else ""
    if mapped == "about":
        return mapped
    before = _before(ind)
    # only words written before a figure count here: 以上 of 规模以上 bounds nothing
    found = next((w for w in _QUALIFIER_WORDS if w in before and _WRITTEN.get(w) == "before"
                  and _QUALIFIERS[w] in ("at_least", "at_most")), "")
    return mapped or (_QUALIFIERS[found] if found else "")


# --------------------------------------------------------------------------- which report reviews which


def reviewer_of(report: LinkedReport, reports: list[LinkedReport]) -> LinkedReport | None:
    """The report of the same series whose summary covers ``report``'s plan period, the shortest of them."""
    plan = parse(report.report.plan_period)
    if plan is None or not report.series:
        return None
    candidates: list[tuple[int, int, str, LinkedReport]] = []
    for other in reports:
        if other is report or other.series != report.series:
            continue
        span = parse(other.report.period)
        if span is not None and span.covers(plan):
            candidates.append((span.months, span.first, other.report.digest, other))
    return min(candidates, key=lambda c: c[:3])[3] if candidates else None


def review_period(report: Report) -> Span | None:
    """The period a report's targets are for: its plan period."""
    return parse(report.plan_period)


# --------------------------------------------------------------------------- relational targets


def relational_targets(lr: LinkedReport, scheme: Measures) -> list[RelationalTarget]:
    """Targets set against another measure (收入增长与经济增长同步): in the plan part, or in a
    sentence that states targets (a target list under a heading the segmenter did not read as a plan)."""
    out = []
    with_targets = {ind.sentence.index for ind in lr.indicators if ind.kind == "target"}
    for sec in lr.report.sections:
        for sentence in sec.sentences:
            if sec.part != "plan" and sentence.index not in with_targets:
                continue
            text = fold(sentence.text)
            for m in _RELATION.finditer(text):
                metric, other = m.group(1), m.group(2)
                measure, other_measure = scheme.named_by(metric), scheme.named_by(other)
                if not measure or not other_measure or measure == other_measure:
                    continue  # only measures the scheme knows keep pace with each other
                start = sentence.start + m.start(1)
                out.append(RelationalTarget(metric=sentence.text[m.start(1):m.end(1)], measure=measure,
                                            other_metric=sentence.text[m.start(2):m.end(2)],
                                            other_measure=other_measure, start=start,
                                            end=sentence.start + m.end(), sentence=sentence, section_id=sec.id))
    return out


# --------------------------------------------------------------------------- what came of each target


class _Review:
    """One reviewing report's achievements of its period, ready to be searched by measure and scope."""

    def __init__(self, lr: LinkedReport, scheme: Measures) -> None:
        self.lr = lr
        self.scheme = scheme
        span = parse(lr.report.period)
        # the review is the summary (and what precedes it): a plan's or another part's figure is none
        summary = {sec.id for sec in lr.report.sections if sec.part in _REVIEW_PARTS}
        self.achievements = [i for i in lr.indicators if i.kind == "achievement" and i.section_id in summary
                             and _of_period(i, span)]
        self.clauses = [clause for sec in lr.report.sections if sec.id in summary for s in sec.sentences
                        for clause in _clauses(fold(s.text))]

    def of_measure(self, target: Indicator | RelationalTarget, measure: str) -> list[Indicator]:
        """B's achievements of the target's measure (or metric words) and scope, in B's order."""
        if measure:
            same = [a for a in self.achievements if a.measure == measure]
        else:
            forms = set(metric_forms(norm(target.metric))) if target.metric else set()
            same = [a for a in self.achievements if not a.measure and a.metric
                    and forms & set(metric_forms(norm(a.metric)))]
        wanted = set(_scope_keys(target)) if isinstance(target, Indicator) else set()
        if wanted:
            return [a for a in same if wanted & set(_scope_keys(a))]
        return [a for a in same if not _scope_keys(a)]

    def speaks_of(self, words: Iterable[str]) -> str:
        """A word of ``words`` that opens a clause of B's summary (a mention of the measure), or "".

        Words of fewer than three characters (经济 of 经济运行) say too little to count.
        """
        forms = sorted({norm(w) for w in words if len(norm(w)) >= _MENTION_LENGTH}, key=len, reverse=True)
        for clause in self.clauses:
            for w in forms:
                if clause.startswith(w):
                    return w
        return ""


def _of_period(ind: Indicator, span: Span | None) -> bool:
    """Is the figure one of the reviewed period, not of several years (五年来, 年均) or another year?"""
    text = fold(ind.sentence.text)
    at = max(0, ind.start - ind.sentence.start)
    lo, _ = clause_bounds(text, at, at)
    clause = text[lo:at]
    if _OTHER_PERIODS["years"].search(clause):
        return False
    if span is not None and span.months >= _MONTHS_PER_YEAR and _OTHER_PERIODS["part"].search(clause):
        return False  # 上半年… in a review of the whole year
    for m in _OTHER_PERIODS["year"].finditer(clause):
        year = parse(m.group(0))
        if span is None or year is None or not span.covers(year) and not year.covers(span):
            return False
    return True


def _clauses(text: str) -> list[str]:
    """The clauses of a folded sentence, each without its opening words (全省, 预计 …)."""
    out, at = [], 0
    while at < len(text):
        lo, hi = clause_bounds(text, at, at)
        clause = norm(text[lo:hi])
        out.append(strip_openings(clause))
        at = hi + 1
    return out


def _scope_keys(ind: Indicator) -> list[str]:
    return [k for k in ind.entity_keys if k.startswith(_SCOPE_TYPES)]


def _shown(ind: Indicator) -> str:
    """A figure as written: 4.2%, 超143万人, 110万人以上, 5%左右."""
    number = _number(ind.value) + (f"{_RANGE_MARK}{_number(ind.upper)}" if ind.upper is not None else "")
    q = ind.qualifier or ""
    where = _WRITTEN.get(q, "after") if q else ""
    if where == "before":
        return f"{q}{number}{ind.unit}"
    if where == "between":
        return f"{number}{q}{ind.unit}"
    return f"{number}{ind.unit}{q}"


def _number(value: object) -> str:
    number = format(value, "f")
    return number.rstrip("0").rstrip(".") if "." in number else number


def stated(ind: Indicator) -> str:
    """A figure with its change word, as a 成绩单 shows it: 增长5%, 下降3.5%, 5.5%左右, 超143万人."""
    q = quantity_of(ind)
    if not q.change:
        return _shown(ind)
    word = next((w for w, sign in _CHANGE_WORDS if _before(ind).endswith(w)), "")
    return f"{word}{_shown(ind)}"


def _kind_words(q: Quantity) -> str:
    if q.change:
        return "a change in per cent" if q.base_unit == "%" else f"a change in {q.base_unit}"
    return f"a level in {q.base_unit}" if q.base_unit else "a level"


def _upper(ind: Indicator) -> float | None:
    """The upper end of a range target in base units (the extractor gives it in the unit of the value)."""
    if ind.upper is None or not ind.value:
        return None
    return abs(float(ind.normalized) * float(ind.upper) / float(ind.value))


def _decide(target: Indicator, result: Indicator, better: str) -> tuple[str, str]:
    """Met or not met, and the rule that decided, for a comparable target (or range) and result."""
    tq, rq = quantity_of(target), quantity_of(result)
    t = tq.value
    r = rq.signed * tq.sign  # the result in the target's own terms: a fall of 3.5 against 下降3%
    # a result said to be over its figure (超143万人) is a little more, one said to be nearly it (近) a little less
    nudge = _NUDGE * max(abs(t), 1.0) * rq.sign * tq.sign
    said = _QUALIFIERS.get(result.qualifier, "") if result.qualifier else ""
    r += nudge if said == "at_least" else -nudge if said == "shown" else 0.0
    good = 0 if better == "closer" else (1 if (better == "higher") == (tq.sign > 0) else -1)
    bound = bound_of(target)
    slack = _EPSILON * max(abs(t), 1.0)
    shown = f"target {_shown(target)}, result {_shown(result)}"
    upper = _upper(target)
    if upper is not None:
        lo, hi = sorted((t, upper))
        if good > 0:
            ok, rule = r >= lo - slack, f"range: met within it or above it ({better} is better)"
        elif good < 0:
            ok, rule = r <= hi + slack, f"range: met within it or below it ({better} is better)"
        else:
            ok, rule = lo - slack <= r <= hi + slack, "range: met within it"
    elif bound == "at_least":
        ok, rule = r >= t - slack, "at least: met when the result reaches the figure"
    elif bound == "at_most":
        ok, rule = r <= t + slack, "at most: met when the result stays at or under the figure"
    elif bound == "about":
        tolerance = _RATE_TOLERANCE if tq.rate else _LEVEL_TOLERANCE * t
        amount = f"{tolerance:g} points" if tq.rate else f"{_LEVEL_TOLERANCE:.0%}"
        if good > 0:
            ok, rule = r >= t - tolerance - slack, f"about: met from {amount} under the figure up ({better} is better)"
        elif good < 0:
            ok, rule = r <= t + tolerance + slack, f"about: met up to {amount} over the figure ({better} is better)"
        else:
            ok, rule = abs(r - t) <= tolerance + slack, f"about: met within {amount} either way (closer is better)"
    elif good > 0:
        ok, rule = r >= t - slack, f"plain figure: met when reached ({better} is better)"
    else:
        ok, rule = r <= t + slack, "plain figure: met when not exceeded (" + \
            ("lower is better" if good < 0 else "a price's figure is a ceiling") + ")"
    return ("met" if ok else "not_met"), f"{rule}; {shown}"


def assess(target: Indicator, review: LinkedReport, scheme: Measures, *, source: Report | None = None,
           cached: "_Review | None" = None) -> TargetAssessment:
    """What the reviewing report says came of one target."""
    b = cached or _Review(review, scheme)
    measure = target.measure
    name = measure or target.metric or "the target's metric"
    period = source.plan_period if source is not None else ""
    same = b.of_measure(target, measure)
    tq = quantity_of(target)
    comparable = [a for a in same if tq.comparable(quantity_of(a))]
    report = source if source is not None else review.report
    if comparable:
        better = scheme.measures[measure].better if measure in scheme.measures else "higher"
        status, reason = _decide(target, comparable[0], better)
        return TargetAssessment(target, report, status, reason, comparable[0])
    if same:
        got = quantity_of(same[0])
        reason = (f"the review states {name} only as {_kind_words(got)} ({_shown(same[0])}), "
                  f"the target is {_kind_words(tq)}: not comparable")
        return TargetAssessment(target, report, "unclear", reason, same[0])
    words = scheme.topic_words(measure) if measure else ((target.metric,) if target.metric else ())
    said = b.speaks_of(words)
    if said:
        reason = f"the review speaks of {said} but states no comparable figure for it"
        return TargetAssessment(target, report, "unclear", reason, None)
    return TargetAssessment(target, report, "not_reported",
                            f"the review states nothing on {name} for {period or 'the period'}", None)


def assess_relational(target: RelationalTarget, review: LinkedReport, scheme: Measures, source: Report,
                      cached: "_Review | None" = None) -> TargetAssessment:
    """A target set against another measure: its growth against the other's, both as the review states them."""
    b = cached or _Review(review, scheme)

    def growth(measure: str) -> Indicator | None:
        found = [a for a in b.of_measure(target, measure) if quantity_of(a).change and quantity_of(a).rate]
        return found[0] if found else None

    own, other = growth(target.measure), growth(target.other_measure)
    if own is None:
        if b.of_measure(target, target.measure) or b.speaks_of(scheme.topic_words(target.measure)):
            return TargetAssessment(target, source, "unclear",
                                    f"the review states no growth rate of {target.measure}", None)
        return TargetAssessment(target, source, "not_reported",
                                f"the review states nothing on {target.measure} for {source.plan_period}", None)
    if other is None:
        return TargetAssessment(target, source, "unclear",
                                f"keeping pace with {target.other_measure}: the review states "
                                f"{target.measure} ({_shown(own)}) but no growth of {target.other_measure}", own)
    mine, theirs = quantity_of(own).signed, quantity_of(other).signed
    ok = mine >= theirs - _RELATION_TOLERANCE - _EPSILON
    reason = (f"relational: met when {target.measure} grows within {_RELATION_TOLERANCE:g} points of "
              f"{target.other_measure}; {target.measure} {_shown(own)}, {target.other_measure} {_shown(other)}")
    return TargetAssessment(target, source, "met" if ok else "not_met", reason, own)


def track(reports: list[LinkedReport], scheme: Measures) -> list[LinkedReport]:
    """The reports, each reviewing report with the assessments of the targets whose period it covers.

    Each report's relational targets are already found (:func:`relational_targets`, in
    :func:`reportgraph.link.link_report`: they depend on that report alone).
    """
    found: dict[int, list[TargetAssessment]] = {}
    reviews: dict[int, _Review] = {}
    series: dict[str, list[LinkedReport]] = {}  # a reviewer is of the same series: looked for there, not everywhere
    for lr in reports:
        if lr.series:
            series.setdefault(lr.series, []).append(lr)
    for lr in reports:
        reviewer = reviewer_of(lr, series.get(lr.series, []))
        if reviewer is None:
            continue
        review = reviews.setdefault(id(reviewer), _Review(reviewer, scheme))
        out = found.setdefault(id(reviewer), [])
        for target in lr.indicators:
            if target.kind == "target":
                judged = assess(target, reviewer, scheme, source=lr.report, cached=review)
                out.append(dataclasses.replace(judged, target_figure=stated(target),
                                               result_figure=stated(judged.evidence) if judged.evidence else ""))
        for relational in lr.relational_targets:
            judged = assess_relational(relational, reviewer, scheme, lr.report, review)
            out.append(dataclasses.replace(judged, target_figure=relational.sentence.text[
                relational.start - relational.sentence.start: relational.end - relational.sentence.start],
                result_figure=stated(judged.evidence) if judged.evidence else ""))
    return [dataclasses.replace(lr, assessments=found[id(lr)]) if id(lr) in found else lr for lr in reports]
