#!/usr/bin/env python
"""Refresh the YASGUI files ``reportgraph serve`` ships, from the npm registry.

    python docs/fetch_yasgui.py            # the version pinned below
    python docs/fetch_yasgui.py 4.7.0      # another version

Runs ``npm pack @zazuko/yasgui@VERSION`` (npm's own client; nothing is
installed), takes the built ``yasgui.min.js`` and ``yasgui.min.css`` out of
the package, drops the source-map comment (the map is not shipped, and a
browser would ask the server for it), and writes them with a VERSION and
the LICENSE into ``src/reportgraph/serve/static/yasgui/``. The page then
works with no network. Commit the result; npm is not needed at run time.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@zazuko/yasgui"
VERSION = "4.6.2"
TARGET = Path(__file__).resolve().parent.parent / "src" / "reportgraph" / "serve" / "static" / "yasgui"
FILES = ("build/yasgui.min.js", "build/yasgui.min.css")
LICENSE = """\
MIT License

Copyright (c) Triply B.V. and Zazuko GmbH (YASGUI: Yasqe, Yasr, Yasgui), and the
authors of the libraries bundled into yasgui.min.js (CodeMirror, DataTables,
DOMPurify, jQuery and others, each under its own permissive licence).

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def main(argv: list[str]) -> int:
    version = argv[0] if argv else VERSION
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{version}", "--json", "--pack-destination", tmp],
            check=True, capture_output=True, text=True,
        )
        tarball = Path(tmp) / json.loads(done.stdout)[0]["filename"]
        with tarfile.open(tarball) as tar:
            meta = json.load(io.TextIOWrapper(tar.extractfile("package/package.json"), encoding="utf-8"))  # type: ignore[arg-type]
            TARGET.mkdir(parents=True, exist_ok=True)
            for name in FILES:
                member = tar.extractfile(f"package/{name}")
                if member is None:
                    raise SystemExit(f"{PACKAGE}@{version} has no {name}")
                text = member.read().decode("utf-8")
                text = "\n".join(line for line in text.split("\n") if not line.startswith(("//# sourceMappingURL=", "/*# sourceMappingURL=")))
                (TARGET / Path(name).name).write_text(text, encoding="utf-8")
    if meta.get("license") != "MIT":
        raise SystemExit(f"{PACKAGE}@{version} is licensed {meta.get('license')!r}, not MIT: check before shipping it")
    (TARGET / "LICENSE").write_text(LICENSE, encoding="utf-8")
    (TARGET / "VERSION").write_text(f"{PACKAGE} {meta['version']}\n", encoding="utf-8")
    print(f"wrote {PACKAGE} {meta['version']} into {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
