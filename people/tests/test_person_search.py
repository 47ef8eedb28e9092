import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = "people:person_search"


def test_it_finds_only_aliases_the_user_may_see(world, login):
    response = login(world.user("cell_member")).get(reverse(URL), {"q": "alias"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "alias-cella-1" in body and "alias-cella-2" in body
    for hidden in ("alias-cellb-1", "alias-north-1", "alias-cellx-1"):
        assert hidden not in body


def test_it_matches_part_of_an_alias(world, login):
    body = login(world.user("overseer")).get(reverse(URL), {"q": "CELLB"}).content.decode()
    assert "alias-cellb-1" in body and "alias-cella-1" not in body


def test_it_answers_a_partial_to_htmx(world, login):
    response = login(world.user("cell_member")).get(reverse(URL), {"q": "cella"},
                                                    HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "alias-cella-1" in body and "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_it_renders_a_full_page_without_javascript(world, login):
    body = login(world.user("cell_member")).get(reverse(URL), {"q": "cella"}).content.decode()
    assert "<html" in body and "alias-cella-1" in body


def test_it_shows_nothing_for_an_empty_query(world, login):
    body = login(world.user("cell_member")).get(reverse(URL)).content.decode()
    assert "alias-cella-1" not in body
