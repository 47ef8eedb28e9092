"""``organizations_acting_for``: the international-work right (coalitions/rights.py), and the
role form's checkbox that sets it (access/forms.py, through the offer's code)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from access.actions import do_grant_role, do_revoke_role
from access.models import Role
from accounts.models import User
from coalitions.rights import acts_for, organizations_acting_for

pytestmark = pytest.mark.django_db


def _acting(user) -> set[str]:
    return set(organizations_acting_for(user).values_list("acronym", flat=True))


def test_it_gives_the_right_to_the_top_units_secretaries_only(world):
    assert _acting(world.user("outsider")) == {"OP"}  # secretary of Other Party's Congress
    for name in ("cell_secretary", "cell_member", "overseer", "committee_member",
                 "coalition_office", "anonymous"):
        assert _acting(world.user(name)) == set(), name


def test_it_gives_the_right_with_the_flag_on_any_unit_while_the_role_is_in_force(world):
    founder = User.objects.get(username="founder")
    member = world.user("cell_member")
    role = do_grant_role(acting_user=founder, user=member, unit=world.units["cell_a"],
                         kind="member", international_work=True)
    assert role.international_work and _acting(member) == {"RP"}
    assert acts_for(member, world.orgs["rp"]) and not acts_for(member, world.orgs["op"])
    do_revoke_role(acting_user=founder, role=role)
    assert _acting(member) == set()


def test_it_keeps_the_right_from_a_role_that_has_not_begun(world):
    founder = User.objects.get(username="founder")
    recruit = User.objects.create_user("recruit")
    do_grant_role(acting_user=founder, user=recruit, unit=world.units["north"], kind="member",
                  international_work=True,
                  since=timezone.localdate() + datetime.timedelta(days=3))
    assert _acting(recruit) == set()


def test_it_sets_the_flag_from_the_role_form_through_the_offer(world, login):
    recruit = User.objects.create_user("recruit")
    url = reverse("access:role_grant", kwargs={"uid": world.units["cell_a"].uid})
    response = login(world.user("cell_secretary")).post(url, {
        "username": "recruit", "kind": "member", "international_work": "on"})
    assert response.status_code == 200
    code = response.context["offer_code"]
    assert login(recruit).post(reverse("accounts:account"), {"code": code}).status_code == 302
    role = Role.objects.get(user=recruit, until__isnull=True)
    assert role.international_work and _acting(recruit) == {"RP"}
    page = login(world.user("cell_secretary")).get(url).content.decode()
    assert "International work" in page


def test_it_changes_the_flag_of_a_holder_the_secretary_sees(world, login):
    url = reverse("access:role_grant", kwargs={"uid": world.units["cell_a"].uid})
    response = login(world.user("cell_secretary")).post(url, {
        "username": "cell_member", "kind": "member", "international_work": "on"})
    assert response.status_code == 302
    assert Role.objects.get(user=world.user("cell_member"), until__isnull=True).international_work
