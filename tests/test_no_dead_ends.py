"""No page offers a user an action that then answers "Not found" or "Forbidden".

For every member of the cast and every page of the URL walk (tests/test_url_access.py: each
pattern with an object inside the user's scope) that answers 200, every internal link
(``<a href>``) and form (``<form action method>``) on the page is tried as that user: links by
GET, forms by submitting them with their own hidden fields and default values, each inside a
savepoint rolled back after the request so that nothing stays. A 200 with form errors, a
redirect or a 400 is fine; 403, 404 and 405 are dead ends: a button shown to someone who may
not use it. Each distinct target is tried once per user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.urls import Resolver404, resolve

from tests.cast import CAST
from tests.test_url_access import (  # noqa: F401
    CASES,
    MISSING,
    _url,
    _walk_world,
    pages_of,
    walk_login,
    walk_world,
)

DEAD = (403, 404, 405)
# Not actions on the page's records: leaving, the language menu, files.
SKIPPED_PREFIXES = ("/accounts/logout", "/logout", "/i18n/", "/static/", "/media/")
USERS = [name for name in CAST if name != "anonymous"]


@dataclass
class Form:
    action: str
    method: str
    data: dict[str, list[str]] = field(default_factory=dict)
    submitted: bool = False  # the first named submit button is sent, like a click on it


class Page(HTMLParser):
    """The links and forms of a page, with each form's default values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: tuple[str, list[str], list[str]] | None = None  # name, options, selected
        self._option: str | None = None
        self._textarea: str | None = None
        self._templates = 0

    def _put(self, name: str | None, value: str) -> None:
        if self._form is not None and name:
            self._form.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "template":
            # Inert until a script fills it in (the passkey ceremony): not offered as it is.
            self._templates += 1
        if self._templates:
            return
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image", "button", "reset", "file"):
                if kind == "submit" and a.get("name") and not self._form.submitted:
                    self._form.submitted = True
                    self._put(a["name"], a.get("value", ""))
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._put(a.get("name"), a.get("value", "on"))
            else:
                self._put(a.get("name"), a.get("value", ""))
        elif tag == "button" and a.get("type", "submit") == "submit" and a.get("name"):
            if not self._form.submitted:
                self._form.submitted = True
                self._put(a["name"], a.get("value", ""))
        elif tag == "select":
            self._select = (a.get("name", ""), [], [])
        elif tag == "option" and self._select is not None:
            self._option = a.get("value")
            if self._option is not None:
                self._select[1].append(self._option)
                if "selected" in a:
                    self._select[2].append(self._option)
        elif tag == "textarea":
            self._textarea = a.get("name", "")
            self._put(self._textarea, "")

    def handle_data(self, data: str) -> None:
        if self._textarea and self._form is not None:
            self._form.data[self._textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self._templates -= 1
        if self._templates:
            return
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, options, selected = self._select
            # What a browser sends: the selected options, else the first one.
            for value in selected or options[:1]:
                self._put(name, value)
            self._select = None


def _internal(base: str, href: str) -> str | None:
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if parts.path.startswith(SKIPPED_PREFIXES) else target


def _submit(client, form: Form, page: str):
    target = _internal(page, form.action or page)
    if target is None:
        return None, None
    if form.method != "post":
        return target, client.get(target, form.data)
    # Nothing a submission writes stays: the next one starts from the same world.
    with transaction.atomic():
        response = client.post(target, form.data)
        transaction.set_rollback(True)
    return f"POST {target}", response


def _pattern(url: str) -> str:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return url


def _parsed(response) -> Page | None:
    if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            "text/html"):
        return None
    page = Page()
    page.feed(response.content.decode())
    return page


def dead_ends(client, user) -> list[tuple[str, str, int]]:
    """(page, target, status) of every link or form on the user's pages that is refused.
    The walk's pages are read, and the pages their links lead to (one step further: a
    contact listed on a field page), each address once."""
    found: list[tuple[str, str, int]] = []
    statuses: dict[str, int] = {}
    submitted: dict[str, tuple[str, int]] = {}
    pages: dict[str, Page] = {}
    read: set[str] = set()  # URL patterns whose page was read already (one page each)
    queue = [(url, 0) for url in pages_of(user)]
    while queue:
        url, depth = queue.pop(0)
        if url in statuses:
            continue
        response = client.get(url)
        statuses[url] = response.status_code
        pattern = _pattern(url)
        page = _parsed(response) if depth == 0 or (depth == 1 and pattern not in read) \
            else None
        if page is None:
            continue
        read.add(pattern)
        pages[url] = page
        queue += [(target, depth + 1) for href in page.links
                  if (target := _internal(url, href)) is not None and target not in statuses]
    for url, page in pages.items():
        for href in page.links:
            target = _internal(url, href)
            if target is not None and statuses.get(target) in DEAD:
                found.append((url, target, statuses[target]))
        for form in page.forms:
            key = f"{form.method} {_internal(url, form.action or url)} {sorted(form.data)}"
            if key not in submitted:
                target, response = _submit(client, form, url)
                if target is None:
                    continue
                submitted[key] = (target, response.status_code)
            target, status = submitted[key]
            if status in DEAD:
                found.append((url, target, status))
    return found


@pytest.mark.parametrize("user_name", USERS)
def test_it_offers_no_dead_end_to(user_name, walk_world, walk_login):  # noqa: F811
    user = walk_world.user(user_name)
    found = dead_ends(walk_login(user_name), user)
    assert not found, f"{user_name} is offered links or forms that answer 403/404/405: " + \
        "".join(f"\n  on {page}: {target} -> {status}" for page, target, status in found)


def test_it_finds_a_dead_end_when_there_is_one():
    # The parser sees the button a read-only user must not be offered.
    page = Page()
    page.feed('<a href="/x/">x</a><form action="/y/" method="post"><input type="hidden" '
              'name="done" value="1"><select name="s"><option value="a">a</option>'
              '<option value="b" selected>b</option></select><textarea name="t">hi</textarea>'
              '<button name="go" value="2">Go</button></form>')
    assert page.links == ["/x/"]
    assert page.forms[0].data == {"done": ["1"], "s": ["b"], "t": ["hi"], "go": ["2"]}
    assert _internal("/a/", "https://elsewhere.example/") is None
    assert _internal("/a/", "/static/x.css") is None
    assert _internal("/a/b/", "../c/") == "/a/c/"
    assert MISSING
