"""Eight key pages on a phone: what a first visit transfers, and how wide the page is.

Usage (from the project root; a server running the demo with DEBUG off, so that WhiteNoise
serves the collected, compressed files as in production):

    NUCLEUS_DATA_DIR=/tmp/demo NUCLEUS_DEMO=1 .venv/bin/python manage.py migrate
    NUCLEUS_DATA_DIR=/tmp/demo NUCLEUS_DEMO=1 .venv/bin/python manage.py load_demo
    NUCLEUS_DATA_DIR=/tmp/demo NUCLEUS_DEMO=1 .venv/bin/python manage.py collectstatic --noinput
    NUCLEUS_DATA_DIR=/tmp/demo NUCLEUS_DEMO=1 .venv/bin/python manage.py runserver --noreload 8765 &
    NUCLEUS_DATA_DIR=/tmp/demo NUCLEUS_DEMO=1 .venv/bin/python bench/phone_pages.py \\
        --base http://127.0.0.1:8765

The script reads the same database as the server to find the pages and to open a session for
each demo login (as the tests do: a forced login marked as having passed the second factor),
so no password is typed. Each page is opened in a fresh browser context (empty cache) at
390 × 844, once in English and once in Persian; transferred bytes are the sum of
``encodedDataLength`` of every answer (bodies as sent, headers included; bench/transfer.py),
with the Accept-Encoding Chromium sends. The width is ``document.documentElement.scrollWidth``
after the page loaded. See bench/README.md ("Phone pages").
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nucleus.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from transfer import ARGS, measured  # type: ignore[import-not-found]  # noqa: E402

PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class KeyPage:
    name: str
    login: str
    path: str


def key_pages() -> list[KeyPage]:
    """The eight pages, each as the demo login whose work it is."""
    from demo.builder import SANANDAJ_CELL
    from fieldwork.models import ContactProfile, Field
    from organizations.models import Unit

    cell = Unit.objects.get(name=SANANDAJ_CELL)
    field = Field.objects.filter(unit=cell).order_by("pk").first()
    assert field is not None, "the demo's cell has no field"
    contact = ContactProfile.objects.filter(field=field).order_by("person__alias").first()
    assert contact is not None, "the demo's field has no contact"
    party = cell.organization
    uid = {"uid": field.uid}
    return [
        KeyPage("home", "member", reverse("accounts:home")),
        KeyPage("unit page", "member", reverse("organizations:unit_detail",
                                               kwargs={"uid": cell.uid})),
        KeyPage("field page", "member", reverse("fieldwork:field_detail", kwargs=uid)),
        KeyPage("contact page", "secretary", reverse("fieldwork:contact",
                                                     kwargs={"uid": contact.person.uid})),
        KeyPage("wall chart", "member", reverse("fieldwork:wall_chart", kwargs=uid)),
        KeyPage("contact list", "secretary", reverse("fieldwork:field_contacts", kwargs=uid)),
        KeyPage("deployment planning", "secretary", reverse("deployment:planning",
                                                            kwargs={"uid": cell.uid})),
        KeyPage("organization page", "member", reverse("organizations:organization_detail",
                                                       kwargs={"uid": party.uid})),
    ]


def session_of(login: str) -> str:
    """A session cookie for the demo login, past the second factor."""
    from accounts.models import User
    from accounts.tests.second_factor import pass_second_factor

    user = User.objects.get(username=login)
    client = Client()
    client.force_login(user)
    pass_second_factor(client, user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def visit(browser, base: str, session: str, language: str,
          path: str) -> tuple[int, int, int, int]:
    """Bytes on the wire (all, and the page's own), HTTP status and scrollWidth of a first
    visit to ``path``."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_cookies([
        {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base},
        {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base},
    ])
    page = context.new_page()
    answers = []
    total, files = measured(page, lambda: answers.append(page.goto(base + path)))
    own = sum(size for url, size in files if url == base + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    shown = page.evaluate("document.documentElement.lang")
    context.close()
    assert shown.startswith(language), f"{path} came in {shown!r}, not {language!r}"
    return total, own, answers[0].status if answers and answers[0] else 0, width


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    options = parser.parse_args()
    pages = key_pages()
    sessions = {login: session_of(login) for login in {page.login for page in pages}}
    print("| page | login | KiB en | of which the page | KiB fa | width en | width fa |")
    print("|---|---|---|---|---|---|---|")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for key in pages:
            row = {}
            for language in ("en", "fa"):
                total, own, status, width = visit(browser, options.base, sessions[key.login],
                                                  language, key.path)
                assert status == 200, f"{key.name} ({key.path}) answered {status}"
                row[language] = (total, own, width)
            en, fa = row["en"], row["fa"]
            print(f"| {key.name} | `{key.login}` | {en[0] / 1024:.1f} | {en[1] / 1024:.1f} | "
                  f"{fa[0] / 1024:.1f} | {en[2]} px | {fa[2]} px |")
        browser.close()


if __name__ == "__main__":
    main()
