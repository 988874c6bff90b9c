"""Browser tests: Playwright driving Debian's chromium against Django's live server.

`playwright install` cannot download browsers here, so the system chromium is used.
Screenshots of each step go to test-artifacts/e2e/ for people to look at.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# ORM calls from the test body (pytest-playwright issue #29).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTEFAK = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"


@pytest.fixture(scope="session", autouse=True)
def _server_hidup_lebih_lama_dari_peramban(live_server):
    """Session fixtures end in reverse order of their start. Started before the browser, the
    live server stops after it: the browser's keep-alive connections close while the server
    can still end their threads cleanly (otherwise each thread fails on the database
    connection it shared, after the server let it go)."""
    yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("chromium tidak terpasang: jalankan `make test` sebagai root, "
                    "atau apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }


@pytest.fixture
def layar():
    """Saves a full-page screenshot under a readable name."""
    ARTEFAK.mkdir(parents=True, exist_ok=True)

    def simpan(page, nama: str) -> Path:
        path = ARTEFAK / f"{nama}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return simpan


@pytest.fixture
def masuk(live_server):
    def _masuk(page, username: str, password: str = "rahasia-uji-123") -> None:
        page.goto(f"{live_server.url}/masuk/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button:has-text('Masuk')")
        page.wait_for_url(f"{live_server.url}/")

    return _masuk
