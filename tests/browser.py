"""Headless Chromium for tests that look at what a page draws: the Debian browser driven through Playwright.

No browser is downloaded: Playwright drives ``/usr/bin/chromium`` (the
Makefile's ``chromium`` package), with a new empty profile each time and the
flags that keep it from reaching the network on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import BrowserContext, sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Wide enough for the viewer's three columns.
VIEWPORT = {"width": 1400, "height": 900}


@contextmanager
def chromium(profile: Path, locale: str = "vi-VN") -> Iterator[BrowserContext]:
    """A browser context on a fresh profile in ``profile``; its pages ask for ``locale`` first."""
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport=VIEWPORT,
            locale=locale,
        )
        try:
            yield context
        finally:
            context.close()
