"""Token authentication for the API and ``manage.py api_token``."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def _token(username: str, *args: str) -> str:
    out = StringIO()
    call_command("api_token", username, *args, stdout=out)
    return out.getvalue().strip()


def test_it_creates_and_then_prints_the_same_token(world):
    key = _token("cell_secretary")
    assert Token.objects.get(user=world.user("cell_secretary")).key == key
    assert _token("cell_secretary") == key


def test_it_rotates_a_token(world):
    old = _token("cell_secretary")
    new = _token("cell_secretary", "--rotate")
    assert new != old
    assert Token.objects.filter(user=world.user("cell_secretary")).get().key == new


def test_it_reports_an_unknown_user(world):
    with pytest.raises(CommandError, match="Unknown user: 'nobody'"):
        _token("nobody")
    assert not Token.objects.exists()


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
