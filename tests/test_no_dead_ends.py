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

import pytest
from django.db import transaction

from tests.cast import CAST
from tests.links import Form, Page
from tests.links import internal as _internal
from tests.links import parsed as _parsed
from tests.links import pattern as _pattern
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
USERS = [name for name in CAST if name != "anonymous"]


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
