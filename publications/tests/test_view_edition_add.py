"""Adding an edition in another language (WPI Briefing's German and Dutch ones)."""

import pytest

from publications.tests.helpers import founder, periodical, url

pytestmark = pytest.mark.django_db


def test_it_adds_an_edition_and_its_language(world, login):
    briefing = periodical(world.orgs["rp"], "Red Briefing", languages=["en"])
    response = login(founder()).post(url("edition_add", briefing),
                                     {"language": "de", "title": "Rotes Briefing"})
    assert response.status_code == 302
    assert list(briefing.editions.values_list("language", "title")) == [
        ("en", ""), ("de", "Rotes Briefing")]
    briefing.refresh_from_db()
    assert briefing.languages == ["en", "de"]


def test_it_refuses_a_second_edition_in_a_language(world, login):
    briefing = periodical(world.orgs["rp"], "Red Briefing", languages=["en"])
    response = login(founder()).post(url("edition_add", briefing), {"language": "EN"})
    assert "already" in str(response.context["form"].errors["language"])
    assert briefing.editions.count() == 1


def test_it_404s_for_who_may_not_change_it(world, login):
    briefing = periodical(world.orgs["rp"], "Red Briefing")
    assert login(world.user("overseer")).post(url("edition_add", briefing),
                                              {"language": "de"}).status_code == 404
    assert briefing.editions.count() == 1
