"""Throttling and lockout of logins (django-axes), per account and per address.

Regression for issue #9: 50 of 50 wrong guesses went through, then the right password."""

import pytest
from axes.signals import user_locked_out
from django.conf import settings
from django.urls import reverse

from tests.cast import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "Please enter a correct username and password."


def _try(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


def test_it_locks_an_account_after_the_limit_and_then_refuses_the_right_password(world,
                                                                                 client):
    answers = [_try(client, "cell_member", f"guess {n}").status_code for n in range(50)]
    # The figure for the issue: guesses answered before the lockout.
    guesses_before_lockout = answers.index(429)
    assert guesses_before_lockout == settings.AXES_FAILURE_LIMIT - 1 == 4
    assert set(answers[guesses_before_lockout:]) == {429}
    response = _try(client, "cell_member", PASSWORD)
    assert response.status_code == 429
    assert "Logins paused" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_locks_an_account_whatever_address_the_guesses_come_from(world, client):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "cell_member", "nope", address=f"10.0.1.{n}")
    assert _try(client, "cell_member", PASSWORD, address="10.0.2.1").status_code == 429


def test_it_locks_an_address_across_usernames(world, client):
    names = ["cell_member", "overseer", "outsider", "no-such-user", "committee_member"]
    for name in names[:settings.AXES_FAILURE_LIMIT]:
        _try(client, name, "nope", address="10.0.3.1")
    # Another user, the right password, the same address: refused.
    assert _try(client, "sibling_secretary", PASSWORD, address="10.0.3.1").status_code == 429
    # The same user from elsewhere is let in.
    response = _try(client, "sibling_secretary", PASSWORD, address="10.0.3.2")
    assert response.status_code == 302


def test_it_answers_an_unknown_username_like_a_known_one(world, client):
    for name in ("cell_member", "nobody-at-all"):
        pages = [_try(client, name, "nope", address=f"10.0.4.{len(name)}")
                 for _n in range(settings.AXES_FAILURE_LIMIT)]
        assert pages[-1].status_code == 429
        assert name not in pages[-1].content.decode()


def test_it_sends_the_lockout_signal_for_the_audit_log(world, client):
    seen = []

    def receiver(sender, request, username, ip_address, **kwargs):
        seen.append((username, ip_address))

    user_locked_out.connect(receiver)
    try:
        for _n in range(settings.AXES_FAILURE_LIMIT):
            _try(client, "cell_member", "nope", address="10.0.5.1")
    finally:
        user_locked_out.disconnect(receiver)
    assert seen == [("cell_member", "10.0.5.1")]


def test_it_takes_the_address_from_the_configured_proxy_header(world, client, settings):
    settings.NUCLEUS_LOGIN_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    for n in range(settings.AXES_FAILURE_LIMIT):
        # Every connection comes from the proxy; the header tells the clients apart.
        client.post(reverse("login"), {"username": f"someone-{n}", "password": "nope"},
                    REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="10.0.6.1")
    other_client = client.post(reverse("login"), {"username": "cell_member",
                                                  "password": PASSWORD},
                               REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="10.0.6.2")
    assert other_client.status_code == 302
