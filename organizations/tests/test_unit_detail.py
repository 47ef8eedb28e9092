"""The unit page: structure, breadcrumbs within the scope, counts, the people section."""

import pytest

from organizations.tests.helpers import founder, url

pytestmark = pytest.mark.django_db


def test_it_404s_outside_the_scope(world, login):
    client = login(world.user("sibling_secretary"))
    assert client.get(url("unit_detail", world.units["cell_a"])).status_code == 404
    assert client.get(url("unit_detail", world.units["north"])).status_code == 404
    client = login(world.user("coalition_office"))
    assert client.get(url("unit_detail", world.units["rp_congress"])).status_code == 404


def test_it_shows_ancestors_only_where_the_user_sees_them(world, login):
    response = login(world.user("overseer")).get(url("unit_detail", world.units["cell_a"]))
    page = response.content.decode()
    assert [u.name for u in response.context["ancestors"]] == ["North Committee"]
    assert "Central Committee" not in page and "Congress" not in page
    assert "Workplace" in page and "Red Party" in page


def test_it_shows_sub_units_with_counts(world, login):
    response = login(founder()).get(url("unit_detail", world.units["rp_cc"]))
    assert response.status_code == 200
    assert [(c.name, c.people_count) for c in response.context["children"]] == [
        ("North Committee", 6), ("South Committee", 2)]
    assert response.context["people_count"] == 10


def test_it_shows_structure_without_records_to_a_committee_member(world, login):
    response = login(world.user("committee_member")).get(url("unit_detail",
                                                             world.units["cell_a"]))
    assert response.status_code == 200
    assert response.context["sees_records"] is False
    assert response.context["people_count"] == 2
    assert "alias-cella-1" not in response.content.decode()


def test_it_passes_the_people_section_what_it_needs(world, login):
    response = login(world.user("cell_secretary")).get(url("unit_detail", world.units["cell_a"]))
    assert response.context["sees_records"] is True
    assert response.context["can_change"] is True
    assert response.context["unit"] == world.units["cell_a"]
    assert "people/_unit_people.html" in [t.name for t in response.templates]
    # A cell has no sub-units to add; a member changes nothing.
    assert url("unit_create", world.units["cell_a"]) not in response.content.decode()
    response = login(world.user("cell_member")).get(url("unit_detail", world.units["cell_a"]))
    assert response.context["can_change"] is False
    assert url("unit_edit", world.units["cell_a"]) not in response.content.decode()
