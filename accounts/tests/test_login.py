"""Logging in (a public page) and out (a POST)."""

import pytest
from django.urls import reverse

from tests.cast import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_shows_the_login_page_to_anonymous_users(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_it_rejects_a_wrong_password(world, client):
    response = client.post(reverse("login"), {"username": "cell_member", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_logs_in_and_goes_home(world, client):
    response = client.post(reverse("login"), {"username": "cell_member", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("accounts:home")
    assert int(client.session["_auth_user_id"]) == world.user("cell_member").pk


def test_it_follows_next_within_the_site_only(world, client):
    response = client.post(reverse("login") + "?next=/organizations/",
                           {"username": "cell_member", "password": PASSWORD,
                            "next": "/organizations/"})
    assert response.url == "/organizations/"
    client.logout()
    response = client.post(reverse("login"), {"username": "cell_member", "password": PASSWORD,
                                               "next": "https://evil.example/"})
    assert response.url == reverse("accounts:home")


def test_it_logs_out_by_post_only(world, login):
    client = login(world.user("cell_member"))
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == reverse("login")
    assert "_auth_user_id" not in client.session
