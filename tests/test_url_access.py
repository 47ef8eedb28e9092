"""Walks every URL pattern of the project for every user of the cast.

For each pattern: an object inside the user's scope answers, one outside and a missing one
answer the same 404, anonymous users are sent to log in (the API answers 401/403), and no
page shows an alias the user may not see or any legal name. A pattern without a Case fails
the first test, so a new view is covered without anyone remembering.
"""

from __future__ import annotations

import importlib
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, resolve, reverse

from accounts.tests.second_factor import pass_second_factor
from people.models import Person
from tests import world_store
from tests.cast import CAST
from tests.url_walk import Case, iter_patterns
from tests.world_store import copy_world

#: A record that does not exist: pages and the API alike name records by uid.
MISSING = "00000000-0000-4000-8000-000000000000"


def _case_modules():
    for path in sorted(Path(settings.BASE_DIR).glob("*/tests/url_cases*.py")):
        yield path, importlib.import_module(".".join(path.relative_to(settings.BASE_DIR)
                                                     .with_suffix("").parts))


def load_cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for path, module in _case_modules():
        overlap = cases.keys() & module.CASES.keys()
        assert not overlap, f"{path} redefines {sorted(overlap)}"
        cases.update(module.CASES)
    return cases


@pytest.fixture(scope="module")
def _walk_world(django_db_setup, django_db_blocker):
    """The cast's world plus what each app adds (``extend_world`` in its url_cases module),
    so that every pattern has objects inside and outside each user's scope.

    Built once for the module inside an outer transaction that is rolled back at the end;
    each test runs in a savepoint within it (the ``db`` fixture)."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = world_store.ACTIVE.copy()
        for _path, module in _case_modules():
            extend = getattr(module, "extend_world", None)
            if extend is not None:
                extend(world)
        # One session per cast member for the whole module: a test that ends one (logging
        # out) has it back with its savepoint.
        sessions = {}
        for name in CAST:
            user = world.user(name)
            if user is not None:
                client = Client()
                client.force_login(user)
                pass_second_factor(client, user)
                sessions[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield world, sessions
        transaction.set_rollback(True)


@pytest.fixture
def walk_world(_walk_world, db):
    return copy_world(_walk_world[0])


@pytest.fixture
def walk_login(_walk_world, client):
    """``walk_login(name)``: the test client with that cast member's session."""
    sessions = _walk_world[1]

    def _login(name: str):
        client.cookies = SimpleCookie()
        if name in sessions:
            client.cookies[settings.SESSION_COOKIE_NAME] = sessions[name]
        return client

    return _login


def project_patterns() -> dict[str, set[str]]:
    """Pattern name -> the keyword arguments its variants take."""
    found: dict[str, set[str]] = {}
    for name, pattern in iter_patterns():
        assert name, f"every URL pattern needs a name: {pattern.pattern}"
        found.setdefault(name, set()).update(pattern.pattern.regex.groupindex)
    return found


PATTERNS = project_patterns()
CASES = load_cases()
# People deleted in the walk's world (``GONE_ALIASES`` of the case modules): shown nowhere.
GONE_ALIASES = [alias for _path, module in _case_modules()
                for alias in getattr(module, "GONE_ALIASES", ())]


def test_every_url_pattern_has_a_case():
    missing = sorted(set(PATTERNS) - set(CASES))
    assert not missing, f"URL patterns without an access Case: {missing}"
    stale = sorted(set(CASES) - set(PATTERNS))
    assert not stale, f"Cases for URL patterns that no longer exist: {stale}"


def test_every_url_names_records_by_uid():
    # A sequential id in an address tells how many records the install holds (issue #9).
    odd = {name: args for name, args in PATTERNS.items() if args - {"uid", "format"}}
    assert not odd, f"URL patterns must name a record only by `uid`: {odd}"


def test_no_url_pattern_is_hidden_behind_another():
    # Two apps once both claimed "resolutions/<uid>/": the one included first answered for
    # both, and the other's pages were unreachable.
    hidden = {}
    for name, args in PATTERNS.items():
        try:
            url = reverse(name, kwargs={"uid": MISSING} if "uid" in args else None)
        except NoReverseMatch:  # a pattern with other arguments (the format suffix)
            continue
        if resolve(url).view_name != name:
            hidden[name] = resolve(url).view_name
    assert not hidden, f"URLs answered by another pattern: {hidden}"


def _url(name: str, obj=None) -> str:
    """``obj``: a record, or MISSING."""
    if obj is None:
        return reverse(name)
    return reverse(name, kwargs={"uid": MISSING if obj == MISSING else obj.uid})


def pages_of(user) -> list[str]:
    """The walk's GET pages (no API) for this user: each pattern once, on an object in their
    scope (the browser walks and the no-dead-end walk start from them)."""
    urls = []
    for name, case in sorted(CASES.items()):
        if case.method != "GET" or case.public:
            continue
        if case.model is None:
            url = _url(name)
        else:
            inside = case.allowed(user).order_by("pk").first()
            if inside is None:
                continue
            url = _url(name, inside)
        if not url.startswith("/api/"):
            urls.append(f"{url}?{case.query}" if case.query else url)
    return urls


def _request(client, case: Case, url: str):
    if case.query:
        url = f"{url}?{case.query}"
    if case.method == "POST":
        return client.post(url, {})
    return client.get(url)


def _is_api(name: str, url: str) -> bool:
    return url.startswith("/api/")


def _assert_no_leaks(response, user, name: str, shows_identity: bool = False) -> None:
    if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            ("text/html", "application/json")):
        return
    body = response.content.decode()
    hidden = [*Person.objects.exclude(pk__in=Person.objects.restrict(user)).values_list(
        "alias", flat=True), *GONE_ALIASES]
    leaked = [alias for alias in hidden if alias in body]
    assert not leaked, f"{name} shows aliases outside the scope of {user}: {leaked}"
    if shows_identity:
        return
    legal = [f"Legal {key}" for key in ("cell_a", "cell_b", "cell_c", "north", "rp_cc", "cell_x")]
    assert not [n for n in legal if n in body], f"{name} shows a legal name to {user}"


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_it_enforces_access_on(name, walk_world, walk_login):
    world = walk_world
    case = CASES.get(name)
    if case is None:
        pytest.fail(f"{name} has no Case")
    outside_checked = False
    for user_name in CAST:
        user = world.user(user_name)
        client = walk_login(user_name)
        model = case.model
        any_obj = model.objects.order_by("pk").first() if model else None
        url = _url(name, any_obj)

        if user is None:
            response = _request(client, case, url)
            if case.public:
                assert response.status_code < 500
            elif _is_api(name, url):
                assert response.status_code in (401, 403), (name, response.status_code)
            else:
                assert response.status_code == 302, (name, response.status_code)
                assert response["Location"].startswith(reverse("login")), name
            continue

        if model is None:
            response = _request(client, case, url)
            assert response.status_code < 400 or case.method == "POST", (
                name, user_name, response.status_code)
            _assert_no_leaks(response, user, name, case.shows_identity)
            continue

        allowed = case.allowed(user)
        inside = allowed.order_by("pk").first()
        if inside is not None:
            response = _request(client, case, _url(name, inside))
            assert response.status_code != 404, (name, user_name, "inside answered 404")
            _assert_no_leaks(response, user, name, case.shows_identity)
        outside = model.objects.exclude(pk__in=allowed.values("pk")).order_by("pk").first()
        if outside is not None:
            outside_checked = True
            response = _request(client, case, _url(name, outside))
            assert response.status_code == 404, (name, user_name, "outside",
                                                  response.status_code)
        response = _request(client, case, _url(name, MISSING))
        assert response.status_code == 404, (name, user_name, "missing", response.status_code)
    if case.model is not None:
        assert outside_checked, f"{name}: the world has no object outside anyone's scope"
