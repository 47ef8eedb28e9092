"""Token authentication for the API and ``manage.py api_token`` (accounts/tokens.py)."""

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import ApiToken
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _token(username: str, *args: str) -> str:
    out = StringIO()
    call_command("api_token", username, *args, stdout=out)
    return out.getvalue().strip()


def test_it_issues_a_token_stored_only_as_its_hash(world):
    key = _token("cell_secretary")
    token = ApiToken.objects.get(user=world.user("cell_secretary"))
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert not ApiToken.objects.filter(key_hash=key).exists()
    assert key not in str(list(ApiToken.objects.values()))
    assert AuditEvent.objects.filter(model="accounts.ApiToken", action="create").exists()
    assert _token("cell_secretary") != key  # never printed again: a new token each time


def test_it_rotates_a_token(world):
    old = _token("cell_secretary")
    new = _token("cell_secretary", "--rotate")
    assert new != old
    token = ApiToken.objects.filter(user=world.user("cell_secretary")).get()
    assert token.key_hash == hashlib.sha256(new.encode()).hexdigest()


def test_it_reports_an_unknown_user(world):
    with pytest.raises(CommandError, match="Unknown user: 'nobody'"):
        _token("nobody")
    assert not ApiToken.objects.exists()


def test_it_authenticates_with_a_token_in_the_callers_scope(world, client):
    key = _token("cell_secretary")
    response = client.get("/api/people/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert {p["alias"] for p in response.json()["results"]} == {"alias-cella-1",
                                                                "alias-cella-2"}
    outside = world.people["alias-cellb-1"]
    response = client.get(f"/api/people/{outside.pk}/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 404


def test_it_refuses_a_wrong_token(world, client):
    response = client.get("/api/people/", HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_it_refuses_an_expired_token(world, client, settings):
    key = _token("cell_secretary")
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/api/people/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 401


def test_it_expires_tokens_after_the_setting(world, settings):
    settings.NUCLEUS_API_TOKEN_DAYS = 7
    _token("cell_secretary")
    token = ApiToken.objects.get()
    assert abs(token.expires_at - token.created_at - datetime.timedelta(days=7)) < (
        datetime.timedelta(seconds=5))
