"""Shared fixtures: a test identity key and the named cast (see tests/cast.py)."""

import base64
import json

import pytest
from django.conf import settings

# Tests never touch the developer's key file.
settings.NUCLEUS_IDENTITY_KEY = json.dumps(
    {"current": "test0001", "keys": {"test0001": base64.b64encode(b"k" * 32).decode()}})


@pytest.fixture
def world(db):
    from tests.cast import build_world

    return build_world()


@pytest.fixture
def login(client):
    """``login(user)`` logs the test client in (``None`` stays anonymous)."""

    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login


# Argon2 is deliberately slow; tests build many users. Production keeps argon2 (settings).
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A test that renders a Persian page must not leave Persian active for the next."""
    yield
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
