"""The links and forms of a page as a browser would follow them: read by the walk that looks
for dead ends (tests/test_no_dead_ends.py) and by the page benchmark (bench/pages.py), which
crawls the same links from the home page."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve

# Not actions on the page's records: leaving, the language menu, files.
SKIPPED_PREFIXES = ("/accounts/logout", "/logout", "/i18n/", "/static/", "/media/")


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


def internal(base: str, href: str) -> str | None:
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if parts.path.startswith(SKIPPED_PREFIXES) else target


def pattern(url: str) -> str:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return url


def parsed(response) -> Page | None:
    if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            "text/html"):
        return None
    page = Page()
    page.feed(response.content.decode())
    return page
