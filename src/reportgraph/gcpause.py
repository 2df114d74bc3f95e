"""Pausing Python's cyclic garbage collector while a graph is built or drawn.

Building makes hundreds of thousands of small, long-lived objects (sentences,
mentions, triples, store indexes) and almost no cyclic garbage. With the
collector on, each burst of allocations sets off a collection that walks
everything built so far, for nothing: about a seventh of a build's time and a
third of drawing a large picture. Reference counting still frees what is no
longer used; the collector looks at what is left once, afterwards.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block, restoring it as it was (also on errors)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
