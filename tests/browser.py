"""What every browser test shares: Debian's Chromium, driven by Playwright with the flags the
project's machines allow (Playwright's own browser downloads are not used), and the hosts a
page may fetch from (this server only)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        # CI must run the browser test: there a missing browser is a failure, not a skip.
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


def _through_the_app(application):
    """The live server's static handler: none. pytest-django's default answers /static/ from
    the finders, which know no hashed names (nucleus.4ab1….css, after ``collectstatic``);
    here WhiteNoise answers them inside the app, as on a started install."""
    return application


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, serving static files through the app (above)."""
    from django.test.testcases import LiveServerThread
    from pytest_django.live_server_helper import LiveServer

    address = (request.config.getvalue("liveserver")
               or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
    server = LiveServer(address, start=False)
    made = server.thread
    server.thread = LiveServerThread(made.host, static_handler=_through_the_app,
                                     connections_override=made.connections_override,
                                     port=made.port)
    server.thread.daemon = True
    server.start()
    yield server
    server.stop()


PHONE = {"width": 390, "height": 844}


def log_in(page, base: str, username: str, *, key: str | None = None) -> None:
    """Log in through the login page (and the second-factor page when ``key``, a TOTP key,
    is given), failing if the login page answers again."""
    from urllib.parse import urlsplit

    from django.urls import reverse

    from accounts.tests.second_factor import current_code
    from tests.cast import PASSWORD

    page.goto(base + reverse("login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("main form [type=submit]").first.click()
    assert urlsplit(page.url).path != reverse("login"), "the login did not succeed"
    if key is not None:
        page.fill("input[name=code]", current_code(key))
        with page.expect_navigation():
            page.locator("main form [type=submit]").first.click()


def assert_fits(page, screenshot: str | None = None) -> None:
    """The page is no wider than the phone; with FIELDWORK_SCREENSHOTS set, a full-page
    screenshot named ``screenshot`` goes into that folder (for looking at, not asserted)."""
    from urllib.parse import urlsplit

    folder = os.environ.get("FIELDWORK_SCREENSHOTS")
    if folder and screenshot:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{screenshot}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{urlsplit(page.url).path} is {width} px wide"


def assert_only_local(requested: list[str]) -> None:
    """Every request the pages made went to this server (no CDN, font or analytics)."""
    from urllib.parse import urlsplit

    foreign = [url for url in requested
               if urlsplit(url).scheme not in {"data", "blob", "about"}
               and urlsplit(url).hostname not in LOCAL_HOSTS]
    assert requested and not foreign, f"requests left this server: {foreign}"
