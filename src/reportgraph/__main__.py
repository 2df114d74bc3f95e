"""``python -m reportgraph`` is the same as the ``reportgraph`` command."""
import sys

from reportgraph.cli import main

sys.exit(main())
