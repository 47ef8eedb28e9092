"""The people block of the unit page, rendered on its own (the unit page includes it)."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _render(world, user_name: str, unit: str = "cell_a") -> str:
    request = RequestFactory().get("/units/")
    request.user = world.user(user_name)
    return render_to_string("people/_unit_people.html", {"unit": world.units[unit]},
                            request=request)


def test_it_lists_the_units_people_with_status_and_links(world):
    body = _render(world, "cell_member")
    person = world.people["alias-cella-1"]
    assert reverse("people:person_detail", kwargs={"uid": person.uid}) in body
    assert "alias-cella-2" in body and "Member" in body
    assert "alias-cellb-1" not in body


def test_it_never_lists_people_beyond_the_records_scope(world):
    # A committee member sees Cell A as structure, never its aliases.
    body = _render(world, "committee_member")
    assert "alias-cella-1" not in body


def test_it_offers_adding_people_to_who_may_add(world):
    add = reverse("people:person_create", kwargs={"uid": world.units["cell_a"].uid})
    assert add in _render(world, "cell_secretary")
    assert add not in _render(world, "cell_member")


def test_it_lists_the_roles_and_offers_management_to_secretaries(world):
    grant = reverse("access:role_grant", kwargs={"uid": world.units["cell_a"].uid})
    member_role = world.user("cell_member").roles.get()
    own_role = world.user("cell_secretary").roles.get()
    body = _render(world, "cell_secretary")
    assert "cell_member" in body and grant in body
    assert reverse("access:role_revoke", kwargs={"uid": member_role.uid}) in body
    assert reverse("access:role_revoke", kwargs={"uid": own_role.uid}) not in body
    body = _render(world, "cell_member")
    assert "cell_secretary" in body
    assert grant not in body and "role_revoke" not in body and "/revoke/" not in body
