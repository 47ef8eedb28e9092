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
