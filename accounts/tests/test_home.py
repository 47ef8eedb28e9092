"""The home page: the user's units with counts, and coalition offices."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_lists_the_users_units_with_counts_and_oversight(world, login):
    response = login(world.user("overseer")).get(reverse("accounts:home"))
    page = response.content.decode()
    [role] = response.context["roles"]
    assert (role.unit.name, role.kind, role.oversight, role.people_count) == (
        "North Committee", "member", True, 6)
    assert "Oversight" in page and "Red Party" in page
    assert reverse("organizations:unit_detail", kwargs={"uid": role.unit.uid}) in page


def test_it_counts_below_a_role_without_oversight(world, login):
    [role] = login(world.user("committee_member")).get(reverse("accounts:home")).context["roles"]
    assert (role.oversight, role.people_count) == (False, 6)


def test_it_shows_only_the_users_own_roles(world, login):
    response = login(world.user("cell_secretary")).get(reverse("accounts:home"))
    assert [r.unit.name for r in response.context["roles"]] == ["Cell A"]
    assert "Oversight" not in response.content.decode()


def test_it_lists_coalition_offices(world, login):
    response = login(world.user("coalition_office")).get(reverse("accounts:home"))
    page = response.content.decode()
    assert response.context["roles"] == []
    assert "Test Coalition" in page and "You have no role on any unit yet." in page
