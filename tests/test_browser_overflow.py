"""Every page of the cast fits a 390 px phone: no page scrolls sideways.

The URL walk's world (tests/test_url_access.py) is served by a live server that shares the
test's database connection, so the walk's module transaction (rolled back at the end) is
what the server reads. Each cast member opens every GET page of the walk that answers them
(each pattern once, with an object inside their scope) in one browser context at 390 × 844,
in English; the member with the most pages opens them all again in Persian (right to left,
Persian digits: other widths). A page whose document is wider than the screen fails, named
with its user, language and width.

SQLite only: the layout does not depend on the database, and the server thread can share the
test's in-memory connection (and so its uncommitted world) only there; CI runs it once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler, _StaticFilesHandler

from tests.browser import CHROMIUM_ARGS, PHONE
from tests.cast import CAST
from tests.test_url_access import _walk_world, pages_of, walk_world  # noqa: F401

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

USERS = [name for name in CAST if name != "anonymous"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
                       reason="the live server shares the in-memory SQLite connection"),
]


class _OneRequestAtATime(LiveServerThread):
    # The server thread uses the test's own connection: requests must not overlap on it, so
    # they are answered one after the other in this thread (``run`` gave it the connection).
    def _create_server(self, connections_override=None):
        return WSGIServer((self.host, self.port), QuietWSGIRequestHandler,
                          allow_reuse_address=False)


# The deepest element reaching furthest past the screen's edge (either edge: right to left
# overflows to the left), to name in the failure.
CULPRIT = """() => {
  const width = document.documentElement.clientWidth;
  let found = null, reach = 0;
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    const out = Math.max(box.right - width, -box.left);
    if (out > 0.5 && out >= reach) { found = element; reach = out; }
  }
  if (!found) return "none found";
  const name = found.tagName.toLowerCase() + (found.className && typeof found.className ===
    "string" ? "." + found.className.trim().split(/\\s+/).join(".") : "");
  return `${name} "${(found.textContent || "").trim().slice(0, 40)}"`;
}"""


@dataclass(frozen=True)
class Overflow:
    user: str
    language: str
    url: str
    width: int
    culprit: str

    def __str__(self) -> str:
        return (f"{self.url} as {self.user} in {self.language}: {self.width} px"
                f" (widest: {self.culprit})")


@pytest.fixture(scope="module")
def walk_server(_walk_world) -> Iterator[str]:  # noqa: F811
    connection = connections[DEFAULT_DB_ALIAS]
    connection.inc_thread_sharing()
    server = _OneRequestAtATime("localhost", _StaticFilesHandler,
                                connections_override={DEFAULT_DB_ALIAS: connection}, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    try:
        yield f"http://localhost:{server.port}"
    finally:
        server.terminate()
        connection.dec_thread_sharing()


def overflows(browser, server: str, session: str, user: str, language: str,
              urls: list[str]) -> tuple[list[Overflow], int]:
    """The pages wider than the phone, and how many HTML pages answered 200."""
    context = browser.new_context(viewport=PHONE, locale="en-US", is_mobile=True,
                                  has_touch=True, java_script_enabled=True)
    context.add_cookies([
        {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": server},
        {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": server},
    ])
    from playwright.sync_api import Error as PlaywrightError

    found: list[Overflow] = []
    opened = 0
    try:
        page = context.new_page()
        for url in urls:
            try:
                response = page.goto(server + url, wait_until="load")
            except PlaywrightError as error:
                if "Download is starting" in str(error):  # an export: a file, not a page
                    continue
                raise
            if response is None or response.status != 200 or not response.headers.get(
                    "content-type", "").startswith("text/html"):
                continue
            opened += 1
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                found.append(Overflow(user, language, url, width, page.evaluate(CULPRIT)))
    finally:
        context.close()
    return found, opened


def _persian_user(world) -> str:
    return max(USERS, key=lambda name: len(pages_of(world.user(name))))


@pytest.mark.parametrize("user", USERS)
def test_it_fits_every_page_of_the_user_on_a_phone(user, chromium, _walk_world,  # noqa: F811
                                                    walk_world, walk_server):  # noqa: F811
    from playwright.sync_api import sync_playwright

    sessions = _walk_world[1]
    # Before Playwright starts: its event loop hides the test's connection from the ORM (the
    # server thread was given it explicitly).
    urls = pages_of(walk_world.user(user))
    languages = ["en"] + (["fa"] if user == _persian_user(walk_world) else [])
    found: list[Overflow] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            for language in languages:
                wide, opened = overflows(browser, walk_server, sessions[user], user, language,
                                         urls)
                assert opened, f"{user} opened no page in {language}"
                found += wide
        finally:
            browser.close()
    assert not found, "pages wider than 390 px:\n" + "\n".join(map(str, found))
