import pytest

from organizations.tests.helpers import url

pytestmark = pytest.mark.django_db


def test_it_shows_member_organizations_to_a_member(world, login):
    response = login(world.user("cell_member")).get(url("coalition_detail", world.coalition))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Red Party" in page and "Profile Org" in page
    # Linked only where the user may open the profile.
    assert url("organization_detail", world.orgs["rp"]) in page
    assert url("organization_detail", world.orgs["profile"]) not in page
    assert url("coalition_member_add", world.coalition) not in page


def test_it_offers_the_office_to_add_and_edit(world, login):
    response = login(world.user("coalition_office")).get(url("coalition_detail", world.coalition))
    page = response.content.decode()
    assert url("coalition_member_add", world.coalition) in page
    assert url("coalition_edit", world.coalition) in page
    membership = world.coalition.memberships.get(organization=world.orgs["rp"])
    assert url("membership_edit", membership) in page
