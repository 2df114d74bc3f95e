"""Report series: the reports of one issuer, ordered by the periods they cover.

An issuer is known by its entity's key (region-scoped, so 市政府 of two cities
are two issuers), and its reports are ordered by their summary period (then
their plan period): three years of one 街道 are one series, and each report
names the one before it.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable

from reportgraph.datafiles import datafile
from reportgraph.link.names import norm
from reportgraph.link.periods import Span, parse
from reportgraph.link.regions import region_of
from reportgraph.link.scope import Scope
from reportgraph.model import LinkedReport, Report

_BODIES = datafile("link/issuer_bodies.tsv").pairs

#: Where a report with no period sorts: after every dated one.
_UNDATED = Span(10 ** 9, 10 ** 9)


def issuer_name(report: Report) -> str:
    """The report's issuer as its government body is named (沙沟镇 issues as 沙沟镇人民政府); "" if unknown."""
    issuer = norm(report.issuer)
    if not issuer:
        return ""
    region = region_of(issuer)
    if region is not None and region.name == issuer and region.level in _BODIES:
        issuer += _BODIES[region.level]
    return issuer


def scoped_issuer(report: Report, scope: Scope) -> str:
    """The key the issuer's name resolves to where the report is said ("" if unknown): what :func:`issuer_key`
    falls back on, of the report alone, so made when it is linked alone and kept with it in the cache (the scope
    may cut the name into words: a join of cached reports then needs no word cut's dictionary)."""
    issuer = issuer_name(report)
    return f"GovernmentBody/{scope('GovernmentBody', issuer).key_name}" if issuer else ""


def issuer_key(lr: LinkedReport, scope_of: Callable[[Report], Scope]) -> str:
    """The key of the report's issuer: its entity's, else the key its name resolves to; "" if unknown."""
    issuer = issuer_name(lr.report)
    if not issuer:
        return ""
    for e in lr.entities:
        if e.type == "GovernmentBody" and issuer in {norm(n) for n in (e.name, *e.aliases)}:
            return e.key
    return lr.scoped_issuer if lr.scoped_issuer is not None else scoped_issuer(lr.report, scope_of(lr.report))


def period_order(report: Report) -> tuple[Span, Span, str]:
    """How a report sorts in its series: by summary period, then plan period, then its text's hash."""
    return (parse(report.period) or parse(report.plan_period) or _UNDATED,
            parse(report.plan_period) or _UNDATED, report.digest)


def order_series(reports: list[LinkedReport], scope_of: Callable[[Report], Scope]) -> list[LinkedReport]:
    """The reports, each with its series (issuer key) and the report before it in the series.

    ``scope_of`` gives a report's own :class:`~reportgraph.link.scope.Scope`, where its issuer's key needs it.
    """
    keys = [issuer_key(lr, scope_of) for lr in reports]
    members: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if key:
            members[key].append(i)
    previous: dict[int, Report] = {}
    for indexes in members.values():
        ordered = sorted(indexes, key=lambda i: period_order(reports[i].report))
        for before, after in zip(ordered, ordered[1:]):
            previous[after] = reports[before].report
    return [dataclasses.replace(lr, series=keys[i], previous=previous.get(i)) for i, lr in enumerate(reports)]
