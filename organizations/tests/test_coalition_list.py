import pytest

from organizations.tests.helpers import url

pytestmark = pytest.mark.django_db


def test_it_lists_the_coalitions_of_the_users_organizations(world, login):
    response = login(world.user("cell_member")).get(url("coalition_list"))
    assert response.status_code == 200
    assert "Test Coalition" in response.content.decode()
    assert response.context["coalitions"][0].member_count == 2


def test_it_lists_nothing_for_a_user_outside_every_coalition(world, login):
    response = login(world.user("outsider")).get(url("coalition_list"))
    assert response.status_code == 200
    assert "Test Coalition" not in response.content.decode()
    assert "You see no coalition" in response.content.decode()
