"""The password policy (settings.AUTH_PASSWORD_VALIDATORS, accounts/passwords.py): Django's
length and common list, never the username, never a breached password or a small variation
of one."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accounts.models import User
from accounts.passwords import breached_passwords, one_time_password


def _codes(password: str, username: str = "sara") -> set[str]:
    try:
        validate_password(password, User(username=username))
    except ValidationError as error:
        return {str(e.code) for e in error.error_list}
    return set()


def test_it_ships_a_breached_list_of_30000_passwords():
    assert len(breached_passwords()) >= 29000
    assert "iloveyou" in breached_passwords() and "sunshine" in breached_passwords()


@pytest.mark.parametrize(("password", "code"), [
    ("sara-is-organizing", "password_contains_username"),
    ("qwertyuiop", "password_breached"),
    ("1q2w3e4r5t", "password_breached"),
    ("Password2026!", "password_guessable"),
    ("dragondragon", "password_guessable"),
    ("short", "password_too_short"),
    ("password123", "password_too_common"),
])
def test_it_refuses(password, code):
    assert code in _codes(password)


@pytest.mark.parametrize("password", ["umbrella quarry tinsel mosaic", "Kw9#vLm2!pQz7x"])
def test_it_accepts_a_strong_password(password):
    assert _codes(password) == set()


def test_a_one_time_password_passes_the_policy():
    assert _codes(one_time_password()) == set()
