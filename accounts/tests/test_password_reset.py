"""A secretary resets the password of a login holding a role in their unit: 404 outside,
refused for a login with more than the secretary could give, a one-time password shown
once, audited on the unit, and the user must change it at the next login."""

import pytest
from django.urls import reverse

from access.actions import do_grant_role
from access.models import Role
from accounts.models import ApiToken
from accounts.tokens import do_create_token
from audit.models import AuditEvent
from tests.cast import PASSWORD

pytestmark = pytest.mark.django_db


def _role(world, name):
    return Role.objects.active().get(user=world.user(name))


def _url(role):
    return reverse("accounts:password_reset", kwargs={"uid": role.uid})


@pytest.mark.parametrize("name", ["cell_member", "sibling_secretary", "outsider",
                                  "coalition_office"])
def test_it_requires_access_to_the_role_answering_404(world, login, name):
    role = _role(world, "cell_member")
    client = login(world.user(name))
    assert client.get(_url(role)).status_code == 404
    assert client.post(_url(role), {"confirm": "on"}).status_code == 404
    role.user.refresh_from_db()
    assert role.user.check_password(PASSWORD)


def test_it_resets_shows_the_password_once_and_audits(world, login):
    role = _role(world, "cell_member")
    user = role.user
    do_create_token(acting_user=user, user=user)
    response = login(world.user("cell_secretary")).post(_url(role), {"confirm": "on"})
    assert response.status_code == 200
    new = response.context["new_password"]
    assert new in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    user.refresh_from_db()
    assert user.check_password(new) and user.must_change_password
    assert not ApiToken.objects.filter(user=user).exists()
    event = AuditEvent.objects.filter(model="accounts.User", object_id=user.pk).latest("id")
    assert (event.actor, event.unit_id) == (world.user("cell_secretary"), role.unit_id)
    assert new not in str(event.changes)


def test_the_user_must_change_it_at_the_next_login(world, login):
    role = _role(world, "cell_member")
    response = login(world.user("cell_secretary")).post(_url(role), {"confirm": "on"})
    new = response.context["new_password"]
    client = login(role.user)
    page = client.get(reverse("accounts:home"))
    assert page.status_code == 302 and page.url == reverse("accounts:password_change")
    assert client.get("/api/people/").status_code == 403
    changed = client.post(reverse("accounts:password_change"), {
        "old_password": new, "new_password1": "umbrella quarry tinsel mosaic",
        "new_password2": "umbrella quarry tinsel mosaic"})
    assert changed.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 200


def test_it_refuses_a_login_with_more_than_the_secretary_could_give(world, login):
    # The cell member also holds a role elsewhere: resetting would hand that over too.
    role = _role(world, "cell_member")
    do_grant_role(acting_user=None, user=role.user, unit=world.units["cell_c"], kind="member")
    response = login(world.user("cell_secretary")).post(_url(role), {"confirm": "on"})
    assert response.status_code == 200 and "new_password" not in response.context
    assert "rights beyond your units" in response.content.decode()
    role.user.refresh_from_db()
    assert role.user.check_password(PASSWORD) and not role.user.must_change_password


def test_it_needs_the_confirmation(world, login):
    role = _role(world, "cell_member")
    response = login(world.user("cell_secretary")).post(_url(role), {})
    assert "new_password" not in response.context
    role.user.refresh_from_db()
    assert role.user.check_password(PASSWORD)
