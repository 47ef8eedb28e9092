import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from access.actions import do_grant_role
from access.models import Role
from accounts.models import User
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _url(uid) -> str:
    return reverse("access:role_grant", kwargs={"uid": uid})


@pytest.fixture
def recruit(db):
    return User.objects.create_user("recruit")


def _accept(login, response, user) -> None:
    """The recruit enters the code the page showed the secretary (accounts/offers.py)."""
    assert response.status_code == 200
    code = response.context["offer_code"]
    assert login(user).post(reverse("accounts:account"), {"code": code}).status_code == 302


def _grant(world, login, granter="cell_secretary", unit="cell_a", **changes):
    data = {"username": "recruit", "kind": "organizer", "since": "2024-01-15", **changes}
    return login(world.user(granter) if isinstance(granter, str) else granter).post(
        _url(world.units[unit].uid), data)


@pytest.mark.parametrize("name", ["cell_member", "sibling_secretary", "overseer", "outsider"])
def test_it_answers_404_to_who_is_not_a_secretary_there(world, login, recruit, name):
    assert login(world.user(name)).get(_url(world.units["cell_a"].uid)).status_code == 404
    assert _grant(world, login, granter=name).status_code == 404
    assert not Role.objects.filter(user=recruit).exists()


def test_it_shows_the_form_and_the_roles(world, login):
    response = login(world.user("cell_secretary")).get(_url(world.units["cell_a"].uid))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="username"' in body and "cell_member" in body


def test_it_lets_an_overseeing_secretary_grant_below(world, login, recruit):
    boss = User.objects.create_user("north_secretary")
    do_grant_role(acting_user=None, user=boss, unit=world.units["north"], kind="secretary",
                  oversight=True)
    _accept(login, _grant(world, login, granter=boss), recruit)
    assert Role.objects.get(user=recruit).unit == world.units["cell_a"]


def test_it_grants_a_role_and_records_it(world, login, recruit):
    response = _grant(world, login, identity_access="on")
    assert not Role.objects.filter(user=recruit).exists()  # an offer until accepted
    _accept(login, response, recruit)
    role = Role.objects.get(user=recruit)
    assert (role.unit, role.kind, role.oversight, role.identity_access, role.since) == (
        world.units["cell_a"], "organizer", False, True, datetime.date(2024, 1, 15))
    event = AuditEvent.objects.get(model="access.Role", object_id=role.pk)
    assert event.actor == world.user("cell_secretary")


def test_it_changes_an_existing_role(world, login):
    member = world.user("cell_member")
    response = _grant(world, login, username="cell_member", kind="organizer")
    assert response.status_code == 302  # a holder the secretary sees: changed at once
    assert member.roles.get().kind == "organizer"


def _assert_rejected(response, recruit, message: str) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Role.objects.filter(user=recruit).exists()


def test_it_rejects_changing_ones_own_role(world, login, recruit):
    response = _grant(world, login, username="cell_secretary", kind="member")
    _assert_rejected(response, recruit, "You cannot change your own role: ask another secretary.")
    assert world.user("cell_secretary").roles.get().kind == "secretary"


def test_it_rejects_a_future_date(world, login, recruit):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    _assert_rejected(_grant(world, login, since=tomorrow), recruit,
                     "The date cannot be in the future.")


def test_it_rejects_an_unknown_kind(world, login, recruit):
    _assert_rejected(_grant(world, login, kind="emperor"), recruit, "Select a valid choice.")


def test_it_rejects_giving_identity_access_one_does_not_have(world, login, recruit):
    secretary = User.objects.create_user("south_cell_secretary")
    do_grant_role(acting_user=None, user=secretary, unit=world.units["cell_c"],
                  kind="secretary")
    response = _grant(world, login, granter=secretary, unit="cell_c", identity_access="on")
    _assert_rejected(response, recruit,
                     "You can only give identity access where you may reveal identities yourself.")


def test_it_rejects_giving_oversight_one_does_not_have(world, login, recruit):
    secretary = User.objects.create_user("north_plain_secretary")
    do_grant_role(acting_user=None, user=secretary, unit=world.units["north"], kind="secretary")
    response = _grant(world, login, granter=secretary, unit="north", oversight="on")
    _assert_rejected(response, recruit,
                     "You can only give oversight over units whose records you see yourself.")
