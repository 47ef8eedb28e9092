"""Changing one's own password: the current one, the new one twice, the policy; the change
ends the user's API tokens and other sessions and is audited (#9: there was no way to
change a password)."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken
from accounts.tokens import do_create_token
from audit.models import AuditEvent
from tests.cast import PASSWORD

pytestmark = pytest.mark.django_db

URL = reverse("accounts:password_change")
NEW = "umbrella quarry tinsel mosaic"


def _change(client, old=PASSWORD, new1=NEW, new2=NEW):
    return client.post(URL, {"old_password": old, "new_password1": new1, "new_password2": new2})


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_it_changes_the_password_and_ends_tokens_and_other_sessions(world, login):
    user = world.user("cell_member")
    do_create_token(acting_user=user, user=user)
    other = Client()
    other.force_login(user)
    client = login(user)
    response = _change(client)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert not ApiToken.objects.filter(user=user).exists()
    assert client.get(reverse("accounts:home")).status_code == 200  # this session stays
    assert other.get(reverse("accounts:home")).status_code == 302  # the others end
    event = AuditEvent.objects.filter(model="accounts.User", object_id=user.pk,
                                      action="update").latest("id")
    assert event.fields == ["password"] and event.changes == {}


@pytest.mark.parametrize(("old", "new1", "new2", "message"), [
    ("wrong password", NEW, NEW, "Your old password was entered incorrectly."),
    (PASSWORD, NEW, NEW + "x", "The two password fields didn"),
    (PASSWORD, "cell_member-2026-x", "cell_member-2026-x", "must not contain your username"),
    (PASSWORD, "iloveyou12", "iloveyou12", "leaked passwords"),
    (PASSWORD, "Password2026!", "Password2026!", "too easy to guess"),
    (PASSWORD, "short", "short", "too short"),
])
def test_it_refuses_bad_input(world, login, old, new1, new2, message):
    user = world.user("cell_member")
    response = _change(login(user), old, new1, new2)
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
