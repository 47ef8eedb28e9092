"""The API token page: the owner makes (key shown once), lists and revokes their tokens;
another user's token answers 404; logging out ends every token (#9: tokens survived
logout)."""

import pytest
from django.urls import reverse

from accounts.models import ApiToken
from accounts.tokens import do_create_token
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = reverse("accounts:tokens")


def _revoke(client, token):
    return client.post(reverse("accounts:token_revoke"), {"token": token.pk})


def test_it_requires_login(client):
    assert client.get(URL).status_code == 302


def test_it_makes_a_token_and_shows_the_key_once(world, login):
    user = world.user("cell_member")
    client = login(user)
    response = client.post(URL, {"label": "phone script"})
    key = response.context["new_key"]
    assert key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=user)
    assert token.label == "phone script" and token.prefix == key[:8]
    page = client.get(URL).content.decode()
    assert key not in page and token.prefix in page
    assert "Logging out of the web ends all your tokens" in page
    assert client.get("/api/people/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_it_lists_only_the_owners_tokens_and_404s_anothers(world, login):
    mine, _ = do_create_token(acting_user=None, user=world.user("cell_member"))
    theirs, _ = do_create_token(acting_user=None, user=world.user("outsider"))
    client = login(world.user("cell_member"))
    assert list(client.get(URL).context["tokens"]) == [mine]
    assert _revoke(client, theirs).status_code == 404
    assert ApiToken.objects.filter(pk=theirs.pk).exists()
    assert _revoke(client, mine).status_code == 302
    assert not ApiToken.objects.filter(pk=mine.pk).exists()
    assert AuditEvent.objects.filter(model="accounts.ApiToken", action="delete",
                                     object_id=mine.pk).exists()


def test_a_token_does_not_survive_logout(world, login):
    user = world.user("cell_member")
    _token, key = do_create_token(acting_user=user, user=user)
    client = login(user)
    assert client.post(reverse("logout")).status_code == 302
    response = client.get("/api/people/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 401
    assert not ApiToken.objects.filter(user=user).exists()
