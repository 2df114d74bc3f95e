"""Start the site: load the graph, fork the query sandbox, bind the socket, run uvicorn until stopped."""
from __future__ import annotations

import ipaddress
import os
import socket
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from reportgraph.errors import ReportError
from reportgraph.sandbox import Limits, Sandbox

__all__ = ["ServeOptions", "is_loopback", "serve"]

#: Connections uvicorn holds at once before answering 503: a flood cannot exhaust the process.
MAX_CONNECTIONS = 256


@dataclass(frozen=True)
class ServeOptions:
    """How ``reportgraph serve`` runs; the defaults are the safe ones."""

    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 10.0
    max_rows: int = 100_000
    memory_mb: int = 2048
    query_processes: int = 0  # 0: as many as the machine has cores, at least 2
    access_log: bool = False


def is_loopback(host: str) -> bool:
    """Whether ``host`` can only be reached from this machine (127.0.0.0/8, ::1, localhost)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as err:
        sock.close()
        reason = "the port is in use (choose another with --port)" if err.errno in (98, 48) else (err.strerror or str(err))
        raise ReportError(f"{host}:{port}", f"cannot listen: {reason}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(paths: Sequence[str], options: ServeOptions, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Serve ``paths`` until interrupted; the first line printed says where (with the real port)."""
    import uvicorn

    from reportgraph.serve.app import Site, make_app
    from reportgraph.sparql import QueryGraph

    graph = QueryGraph.load(paths)
    slots = options.query_processes or max(2, os.cpu_count() or 2)
    # fork the sandbox first: one thread now, and no listening socket for the zygote to inherit
    sandbox = Sandbox.start(graph, Limits(seconds=options.timeout, memory_mb=options.memory_mb), slots)
    try:
        sock = _bind(options.host, options.port)
        host, port = sock.getsockname()[:2]
        shown = f"[{host}]" if ":" in host else host
        if not is_loopback(options.host):
            print(
                f"reportgraph: warning: serving on {options.host}, not on this machine only: anyone who can reach "
                f"port {port} can read the whole graph. Use --host 127.0.0.1 unless you mean to share it.",
                file=err, flush=True,
            )
        # file names only: the pages need not tell a visitor where the files are on this machine
        site = Site(graph=graph, sandbox=sandbox, max_rows=options.max_rows, sources=[Path(p).name for p in paths])
        config = uvicorn.Config(
            make_app(site), log_level="info" if options.access_log else "warning", access_log=options.access_log,
            lifespan="off", limit_concurrency=MAX_CONNECTIONS, server_header=False,
        )
        print(f"serving {len(graph)} triples at http://{shown}:{port}/  (SPARQL: /sparql; Ctrl-C stops)",
              file=out, flush=True)
        try:
            uvicorn.Server(config).run(sockets=[sock])
        except KeyboardInterrupt:  # uvicorn shut down cleanly, then passes Ctrl-C on: stopping is the normal end
            pass
    finally:
        sandbox.close()
    return 0
