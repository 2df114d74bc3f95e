"""Open a page of ``reportgraph viz`` in headless Chromium and record what it does.

Shared by the browser tests, the picture's benchmark and the README screenshot,
so all three drive the browser the same way: Python playwright on the system's
Chromium (Debian's ``chromium`` package; playwright's own browser download is
not used), with the flags that keep Chromium from phoning home -- without
them its background connections are refused on a closed network and clutter
the log, and they would count as requests the page did not make.
"""
from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

#: The browser: Debian's chromium unless REPORTGRAPH_CHROMIUM names another.
CHROMIUM = os.environ.get("REPORTGRAPH_CHROMIUM", "/usr/bin/chromium")
#: Playwright adds --headless and a fresh temporary --user-data-dir itself.
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
#: The page marks <html data-rg-ready> once drawn and settled.
READY = "html[data-rg-ready]"


def unavailable() -> str | None:
    """Why the browser cannot be driven here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "python playwright is not installed (pip install -e '.[test]')"
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"{CHROMIUM} not found (apt-get install chromium)"
    return None


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium for the duration of the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageRun:
    """An opened page and everything it did: requests, errors, dialogs, how long it took."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def js(self, expression: str, arg: Any = None) -> Any:
        """Evaluate a function expression, e.g. ``"() => reportgraph.drawnCount()"``.

        Playwright runs function expressions over the DevTools protocol, which
        the page's Content-Security-Policy (no eval) does not block.
        """
        return self.page.evaluate(expression, arg)

    def leaving(self) -> list[str]:
        """Requests for anything but the page's own file or inline data."""
        return [url for url in self.requests if not url.startswith(("file://", "data:"))]


def open_page(
    browser: Browser, path: Path, *, bypass_csp: bool = False, timeout_s: float = 60.0,
    viewport: tuple[int, int] = (1400, 900),
) -> PageRun:
    """Open ``path`` in a fresh context and wait until the picture is drawn and settled."""
    context = browser.new_context(bypass_csp=bypass_csp, viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    run = PageRun(page)
    page.on("request", lambda request: run.requests.append(request.url))
    page.on("pageerror", lambda error: run.errors.append(f"pageerror: {error}"))
    page.on("console", lambda msg: run.errors.append(f"console.{msg.type}: {msg.text}") if msg.type in ("error", "warning") else None)

    def dialog(d: Any) -> None:
        run.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    start = time.perf_counter()
    page.goto(path.resolve().as_uri())
    page.wait_for_selector(READY, state="attached", timeout=timeout_s * 1000)
    run.seconds = time.perf_counter() - start
    return run
