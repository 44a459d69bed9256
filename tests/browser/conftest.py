"""A real, headless Chromium for the browser tests: Debian's `/usr/bin/chromium`, driven by
Playwright. Nothing is downloaded; without that browser these tests are skipped, saying why."""
from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (Debian package `chromium`; .ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where the browser tests leave screenshots for people to look at: outputs/screenshots/."""
    from medialens.paths import project_root

    folder = project_root() / "outputs" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
