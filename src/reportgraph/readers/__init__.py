"""Readers that turn one file format (web page, Word, PDF) into a report's plain text.

Each reader returns the text in the shape the plain-text reports have — one
paragraph per line, the title first — plus what the file itself says about
the report (title, source, date) as ``meta``, so that every format builds the
same graph as the plain text. A reader raises :class:`FormatProblem` with a
one-line reason; :mod:`reportgraph.load` adds the file name.
"""
from __future__ import annotations

#: Why a ``.docx`` cannot be read (here, not in the docx reader: load says it of a truncated ZIP
#: without importing the reader and lxml).
NOT_DOCX = "cannot read the Word document: it is damaged or not a .docx file"


class FormatProblem(Exception):
    """A file of a known format that holds no usable report text; ``str()`` says why, for the user."""
