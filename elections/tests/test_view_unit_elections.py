"""A unit's elections and office terms."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _url(unit) -> str:
    return reverse("elections:unit_elections", kwargs={"uid": unit.uid})


def test_it_lists_the_units_elections_and_terms(world, elections, login):
    page = login(world.user("cell_member")).get(_url(world.units["cell_a"]))
    assert page.status_code == 200
    assert {e.pk for e in page.context["elections"]} == {elections["chair"].pk,
                                                        elections["open"].pk}
    assert [row.name for row in page.context["terms"]] == ["alias-cella-1"]
    assert not page.context["may_call"]


def test_it_offers_calling_an_election_to_the_secretary(world, elections, login):
    page = login(world.user("cell_secretary")).get(_url(world.units["cell_a"]))
    assert page.context["may_call"]
    assert reverse("elections:election_create",
                   kwargs={"uid": world.units["cell_a"].uid}) in page.content.decode()


def test_it_is_linked_from_the_unit_page(world, login):
    page = login(world.user("cell_member")).get(
        reverse("organizations:unit_detail", kwargs={"uid": world.units["cell_a"].uid}))
    assert _url(world.units["cell_a"]) in page.content.decode()
