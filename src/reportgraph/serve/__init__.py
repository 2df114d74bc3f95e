"""``reportgraph serve``: a read-only SPARQL endpoint and a browsable site over built graphs."""
