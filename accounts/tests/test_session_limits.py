"""Sessions end: after an idle time for users with identity access, and after an absolute
limit for everyone. Regression for issue #9: sessions lasted 14 days."""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.session_limits import LOGIN_AT, SEEN_AT
from tests.cast import PASSWORD

pytestmark = pytest.mark.django_db


def _age(client, key, seconds):
    session = client.session
    session[key] = int(time.time()) - seconds
    session.save()


def _ended(client):
    response = client.get(reverse("accounts:home"))
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_it_ends_an_identity_users_session_after_two_idle_hours(world, login):
    client = login(world.user("cell_secretary"))
    assert client.get(reverse("accounts:home")).status_code == 200
    _age(client, SEEN_AT, 2 * 3600 - 120)
    assert client.get(reverse("accounts:home")).status_code == 200  # still within
    _age(client, SEEN_AT, 2 * 3600 + 1)
    assert _ended(client)
    assert "_auth_user_id" not in client.session
    page = client.get(reverse("login"))
    assert "minutes without activity" in page.content.decode()


def test_it_keeps_an_active_identity_session_alive(world, login):
    client = login(world.user("cell_secretary"))
    client.get(reverse("accounts:home"))
    _age(client, SEEN_AT, 3600)
    assert client.get(reverse("accounts:home")).status_code == 200
    assert int(time.time()) - client.session[SEEN_AT] < 5  # the request counted


def test_it_lets_a_session_without_identity_access_idle(world, login):
    client = login(world.user("cell_member"))
    client.get(reverse("accounts:home"))
    _age(client, SEEN_AT, 5 * 3600)
    assert client.get(reverse("accounts:home")).status_code == 200


@pytest.mark.parametrize("name", ["cell_member", "cell_secretary", "coalition_office"])
def test_it_ends_every_session_twelve_hours_after_the_login(world, login, name):
    client = login(world.user(name))
    client.get(reverse("accounts:home"))
    _age(client, LOGIN_AT, 12 * 3600 - 60)
    _age(client, SEEN_AT, 0)
    assert client.get(reverse("accounts:home")).status_code == 200
    _age(client, LOGIN_AT, 12 * 3600 + 1)
    _age(client, SEEN_AT, 0)
    assert _ended(client)


def test_it_counts_the_limit_from_the_latest_login(world, client):
    client.post(reverse("login"), {"username": "cell_member", "password": PASSWORD})
    _age(client, LOGIN_AT, 11 * 3600)
    client.post(reverse("login"), {"username": "cell_member", "password": PASSWORD})
    assert int(time.time()) - client.session[LOGIN_AT] < 5


def test_it_gives_the_cookie_no_more_than_the_absolute_limit(world, client):
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    client.post(reverse("login"), {"username": "cell_member", "password": PASSWORD})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 12 * 3600
