"""The one exception type a user ever sees: it names the file and the problem."""
from __future__ import annotations

import unicodedata

#: Unicode categories that never belong in a one-line message: controls (ESC, newlines), format
#: characters (bidi overrides, zero-width), lone surrogates, and line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
#: An unexpected failure's own message is cut to this many characters in the one-line error.
_SHORT = 160


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte of a file name that is not UTF-8 (os.fsdecode's escape)
    return ch.encode("unicode_escape").decode("ascii") if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` safe to print on one line of a terminal: controls, bidi and zero-width characters escaped.

    A file name holding a newline, an ESC sequence or a right-to-left override
    would otherwise break the one-line message, recolour the terminal or show
    another name than the file's; a name that is not UTF-8 shows its bytes as
    ``\\xff``. Chinese text, spaces of any width and ordinary punctuation are kept.
    """
    if text.isprintable() or not any(unicodedata.category(ch) in _HIDDEN for ch in text):
        return text
    return "".join(_escape(ch) if unicodedata.category(ch) in _HIDDEN else ch for ch in text)


class ReportError(Exception):
    """A report could not be read or built; ``str()`` is a one-line message for the user.

    ``details`` holds the traceback of an unexpected failure (see :meth:`internal`),
    for a ``--debug`` option to print; it is ``None`` for the problems a user can act on.
    """

    def __init__(self, path: str, problem: str, *, details: str | None = None) -> None:
        path, problem = printable(path), printable(problem)
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
        self.details = details

    @classmethod
    def internal(cls, path: str, failure: BaseException) -> ReportError:
        """An unexpected failure while building ``path``, as that input's one-line error, traceback kept."""
        message = " ".join(str(failure).split())
        if len(message) > _SHORT:
            message = message[:_SHORT - 1] + "…"
        kind = type(failure).__name__
        reason = f"{kind}: {message}" if message else kind
        import traceback  # not at import: only an internal error needs it, and --help imports this module

        details = "".join(traceback.format_exception(type(failure), failure, failure.__traceback__))
        if isinstance(failure, MemoryError):
            return cls(path, f"ran out of memory building it ({kind}): split the file and build the parts",
                       details=details)
        return cls(path, f"internal error ({reason}) — please report", details=details)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled by its parts, so that an error made in a worker process reaches the build whole."""
        return (_rebuild, (type(self), self.path, self.problem, self.details))


def _rebuild(kind: type[ReportError], path: str, problem: str, details: str | None) -> ReportError:
    """A pickled ReportError made again (``details`` is keyword-only, which pickle's default cannot pass)."""
    return kind(path, problem, details=details)
