"""The bounds on work per input, and how their messages name the option that raises them."""
from __future__ import annotations

from dataclasses import fields

from reportgraph.limits import DEFAULT, MB, OPTIONS, Limits, megabytes, raise_with


def test_every_raisable_bound_names_its_option() -> None:
    names = {f.name for f in fields(Limits)}
    assert set(OPTIONS) <= names
    assert raise_with("chars") == "raise the limit with --max-chars"


def test_defaults_allow_a_five_megabyte_text() -> None:
    """The build benchmarks go to 5 MB of text, one line of it included, in any script."""
    assert DEFAULT.chars >= 5 * MB and DEFAULT.line_chars >= 5 * MB and DEFAULT.file_bytes >= 5 * MB


def test_sizes_in_messages() -> None:
    assert [megabytes(n) for n in (827 * MB, 2 * MB - MB // 10, 31 * 1024, 10)] == ["827 MB", "1.9 MB", "31 KB", "1 KB"]
