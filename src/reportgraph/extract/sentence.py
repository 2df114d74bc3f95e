"""One sentence as every rule of the extract stage sees it, built once.

The folded text (one width, so a rule written for ``，`` also sees ``,``), the
spans inside quotation marks, and — cut only when a rule asks, since most
sentences need no word cut — jieba's words with their offsets.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

from reportgraph.extract.words import Token, words_of
from reportgraph.model import Sentence
from reportgraph.text import clause_bounds, fold, quote_spans, strip_quotes

_Value = TypeVar("_Value")


class cached_property(Generic[_Value]):  # noqa: N801 - named as the functools one it stands for
    """``functools.cached_property`` without its lock: Python 3.11's takes a lock at every first
    look-up, a good part of what a sentence's words and offsets cost; a view is never shared
    between threads."""

    def __init__(self, compute: Callable[[Any], _Value]) -> None:
        self._compute = compute
        self._name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, view: None, owner: type | None = None) -> cached_property[_Value]: ...

    @overload
    def __get__(self, view: object, owner: type | None = None) -> _Value: ...

    def __get__(self, view: object | None, owner: type | None = None) -> cached_property[_Value] | _Value:
        if view is None:
            return self
        value = view.__dict__[self._name] = self._compute(view)
        return value


class SentenceView:
    """A sentence folded to one width, with its quoted spans and (lazily) its words."""

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence
        self.text = fold(sentence.text)
        self.quotes = quote_spans(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        return words_of(self.text)

    @cached_property
    def token_starts(self) -> list[int]:
        """Where each word starts, in order: for finding the words before an offset by bisection."""
        return [a for _, a, _ in self.tokens]

    def tokens_from(self, start: int, before: int | None = None) -> list[Token]:
        """The words that start at or after ``start`` (and before ``before``), in order: found by
        bisection, so rules asking it once per candidate stay linear in long sentences."""
        starts = self.token_starts
        lo = bisect.bisect_left(starts, start)
        hi = len(starts) if before is None else bisect.bisect_left(starts, before, lo)
        return self.tokens[lo:hi]

    def tokens_within(self, start: int, end: int) -> list[Token]:
        """The words wholly inside ``start..end``."""
        return [t for t in self.tokens_from(start, end) if t[2] <= end]

    @cached_property
    def _quotes_by_start(self) -> tuple[list[tuple[int, int]], list[int]]:
        ordered = sorted(self.quotes)
        return ordered, [a for a, _ in ordered]

    def quotes_from(self, start: int, before: int) -> list[tuple[int, int]]:
        """The quoted spans that open at or after ``start`` and before ``before``, by start: found by
        bisection, so a rule asking it once per name stays linear in a sentence of many quotes."""
        ordered, starts = self._quotes_by_start
        lo = bisect.bisect_left(starts, start)
        return ordered[lo:bisect.bisect_left(starts, before, lo)]

    @cached_property
    def token_end(self) -> set[int]:
        return {b for _, _, b in self.tokens}

    @cached_property
    def token_start(self) -> set[int]:
        return {a for _, a, _ in self.tokens}

    @cached_property
    def token_spans(self) -> set[tuple[int, int]]:
        return {(a, b) for _, a, b in self.tokens}

    def original(self, start: int, end: int) -> str:
        """The text as written between two offsets, without quotation marks: a name's form."""
        return strip_quotes(self.sentence.text[start:end]).strip()

    def in_quote(self, pos: int) -> tuple[int, int] | None:
        """The quoted span ``pos`` lies strictly inside, if any."""
        for a, b in self.quotes:
            if a < pos < b:
                return a, b
        return None

    def clause(self, start: int, end: int) -> str:
        """The folded clause around ``start..end``."""
        i, j = clause_bounds(self.text, start, end)
        return self.text[i:j]
