"""Role offers (accounts/offers.py): accepted with the code shown to the secretary, by the
addressed login only; withdrawn by the unit's secretaries; nothing shown to a stranger."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from access.models import Role
from accounts.models import RoleOffer, User

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("accounts:account")


def _offer(world, login, username="recruit", **extra):
    response = login(world.user("cell_secretary")).post(
        reverse("access:role_grant", kwargs={"uid": world.units["cell_a"].uid}),
        {"username": username, "kind": "organizer", **extra})
    assert response.status_code == 200
    assert response.context["offer_code"] in response.content.decode()
    return response.context["offer_code"]


def test_it_grants_the_role_when_the_addressee_enters_the_code(world, login):
    recruit = User.objects.create_user("recruit")
    code = _offer(world, login)
    response = login(recruit).post(ACCOUNT, {"code": code})
    assert response.status_code == 302
    role = Role.objects.active().get(user=recruit)
    assert (role.unit, role.kind) == (world.units["cell_a"], "organizer")
    assert not RoleOffer.objects.exists()
    # Used once: the same code does nothing more.
    again = login(recruit).post(ACCOUNT, {"code": code})
    assert "This code is not valid." in again.content.decode()


def test_it_refuses_the_code_to_another_login(world, login):
    User.objects.create_user("recruit")
    code = _offer(world, login)
    other = world.user("outsider")
    response = login(other).post(ACCOUNT, {"code": code})
    assert response.status_code == 200
    assert "This code is not valid." in response.content.decode()
    assert not Role.objects.filter(user=other, unit=world.units["cell_a"]).exists()


def test_it_refuses_an_expired_code(world, login):
    recruit = User.objects.create_user("recruit")
    code = _offer(world, login)
    RoleOffer.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = login(recruit).post(ACCOUNT, {"code": code})
    assert "This code is not valid." in response.content.decode()
    assert not Role.objects.filter(user=recruit).exists()


def test_it_refuses_when_the_secretary_lost_the_right_to_grant(world, login):
    recruit = User.objects.create_user("recruit")
    code = _offer(world, login)
    Role.objects.filter(user=world.user("cell_secretary")).update(
        until=timezone.localdate() - datetime.timedelta(days=1),
        since=timezone.localdate() - datetime.timedelta(days=10))
    from access.scope import forget_scope
    forget_scope(world.user("cell_secretary"))
    login(recruit).post(ACCOUNT, {"code": code})
    assert not Role.objects.filter(user=recruit).exists()


def test_the_account_page_shows_a_stranger_nothing_of_the_unit(world, login):
    stranger = User.objects.create_user("recruit")
    _offer(world, login)
    body = login(stranger).get(ACCOUNT).content.decode()
    assert "Cell A" not in body and "Red Party" not in body


def test_it_lets_the_secretary_withdraw_and_404s_outside(world, login):
    _offer(world, login, username="someone")
    offer = RoleOffer.objects.get()
    url = reverse("accounts:role_offer_withdraw", kwargs={"uid": offer.uid})
    for name in ("cell_member", "sibling_secretary", "outsider"):
        assert login(world.user(name)).post(url).status_code == 404
    assert login(world.user("cell_secretary")).post(url).status_code == 302
    assert not RoleOffer.objects.exists()
