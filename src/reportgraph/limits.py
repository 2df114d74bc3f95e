"""How much work one input may cost: the bounds that keep a hostile or absurd file from running away.

A 2 MB ``.docx`` can hold 800 MB of XML, a 600 KB PDF a stream that inflates
without end, a sidecar 200,000 brackets deep. Every reader checks its input
against these bounds before doing the work, and a file over one is that
input's one-line error saying which bound and how to raise it. The defaults
are far above any real work report (a provincial government's report is
about 20,000 characters) and well below what exhausts a laptop.
"""
from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds on the work of reading one input; ``pipeline.build`` and ``load.read`` take one."""

    #: size of a file on disk
    file_bytes: int = 50 * MB
    #: what a container holds once unpacked: the members of a ``.docx`` (summed, as their headers
    #: declare and as read), the decoded streams of a PDF
    expanded_bytes: int = 100 * MB
    #: unpacked size over packed size of a ``.docx``, checked once it unpacks to more than 16 MB
    expansion_ratio: int = 100
    #: pages of a PDF
    pdf_pages: int = 2000
    #: seconds spent reading one PDF's text layer (pdfminer reads a page of text in about 0.05 s,
    #: a megabyte of vector drawing in several seconds)
    pdf_seconds: float = 120.0
    #: nesting of JSON and YAML in a sidecar file, and of MIME multiparts in a ``.mht``
    nesting: int = 64
    #: characters of a report's text once read and cleaned
    chars: int = 10_000_000
    #: characters of one line (paragraph) of that text
    line_chars: int = 6_000_000
    #: figures (stated quantities) found in one report: a provincial report states a few hundred;
    #: text that is one figure every few characters (a table dump, a generated file) would make a
    #: dozen triples of each, gigabytes for a file of a few megabytes
    figures: int = 50_000


#: The bounds used when none are given.
DEFAULT = Limits()

#: The ``build`` option that raises each bound a user may need to raise (the others no real file comes near).
OPTIONS: dict[str, str] = {
    "file_bytes": "--max-file-mb",
    "expanded_bytes": "--max-expanded-mb",
    "pdf_pages": "--max-pdf-pages",
    "pdf_seconds": "--pdf-timeout",
    "chars": "--max-chars",
    "line_chars": "--max-line-chars",
    "figures": "--max-figures",
}


def raise_with(field: str) -> str:
    """The end of a message about bound ``field``: how to raise it."""
    return f"raise the limit with {OPTIONS[field]}"


def megabytes(size: int) -> str:
    """A size in a message: 827 MB, 1.9 MB, 31 KB."""
    if size >= 10 * MB:
        return f"{size / MB:.0f} MB"
    return f"{size / MB:.1f} MB" if size >= MB else f"{max(size // 1024, 1)} KB"
