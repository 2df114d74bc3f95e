"""``python -m reportgraph`` is the same as the ``reportgraph`` command."""
from reportgraph.cli import run

run()
