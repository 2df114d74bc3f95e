"""The one exception type a user ever sees: it names the file and the problem."""
from __future__ import annotations


class ReportError(Exception):
    """A report could not be read or built; ``str()`` is a one-line message for the user."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
