"""In a real browser, every language: switch from the menu of the page, the page takes the
language's direction, and it shows no interface text left in English (#14). Right-to-left
languages on a phone's viewport."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from nucleus import catalogues
from tests.browser import CHROMIUM_ARGS, PHONE
from tests.cast import PASSWORD

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1200, "height": 800}
RTL = {"fa", "ckb", "ar"}


def _english_left_over(language: str) -> list[str]:
    """Source messages a page must not show once ``language`` is active: those whose
    translation differs, long enough not to be a name or a shared word (Team, Status)."""
    po = next(po for code, po in catalogues.catalogues()
              if code == language and po.parts[-4] == "locale")
    texts = []
    for entry in catalogues.read_po(po)[1:]:
        text = entry.msgid
        if (entry.msgstr.get(0) != text and len(text.split()) >= 2
                and not catalogues.PLACEHOLDER.search(text) and "<" not in text):
            texts.append(text)
    return texts


# What sticks out of the viewport, to name it when the page scrolls sideways.
_WIDE = """[...document.querySelectorAll('body *')].filter((e) => {
  const r = e.getBoundingClientRect(); return r.width && (r.left < -1 || r.right > innerWidth + 1);
}).slice(0, 5).map((e) => `${e.tagName}.${e.className}: ${e.textContent.trim().slice(0, 40)}`)"""


def _visible_text(page) -> str:
    return re.sub(r"\s+", " ", page.evaluate("document.body.innerText"))


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES
                                      if code != "en"])
def test_each_language_switches_and_leaves_no_english(language, chromium,
                                                      live_server, transactional_db, world):
    from playwright.sync_api import sync_playwright

    unit = world.units["cell_a"]
    pages = [reverse("accounts:home"), reverse("accounts:account"),
             reverse("organizations:unit_detail", kwargs={"uid": unit.uid}),
             reverse("accounts:preferences")]
    left_over = _english_left_over(language)
    viewport = PHONE if language in RTL else DESKTOP
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=viewport, locale="en-US")
            page.goto(live_server.url + reverse("login"))
            page.fill("input[name=username]", "cell_member")
            page.fill("input[name=password]", PASSWORD)
            with page.expect_navigation():
                page.locator("main form [type=submit]").first.click()
            assert urlsplit(page.url).path == reverse("accounts:home")
            page.click("header .languages summary")
            with page.expect_navigation():
                page.click(f"header button[name=language][value={language}]")
            for path in pages:
                page.goto(live_server.url + path)
                html = "document.documentElement"
                assert page.evaluate(f"{html}.lang") == language, path
                assert page.evaluate(f"{html}.dir") == ("rtl" if language in RTL else "ltr")
                # Nothing sticks out sideways on a phone.
                assert page.evaluate(f"{html}.scrollWidth <= {html}.clientWidth + 1"), (
                    path, page.evaluate(_WIDE))
                text = _visible_text(page)
                # Whole words only: "API token" is inside the Azerbaijani "API tokenləri".
                english = [m for m in left_over
                           if re.search(rf"(?<!\w){re.escape(m)}(?!\w)", text)]
                assert not english, f"{language} {path}: English left: {english}"
        finally:
            browser.close()
