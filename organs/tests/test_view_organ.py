"""An organ's page: its rules, meetings, decisions and resolutions, to its roles only."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _url(world, key="cell_a"):
    return reverse("organs:organ", kwargs={"uid": world.units[key].uid})


def test_it_lists_the_organs_meetings_decisions_and_resolutions(world, organs, login):
    page = login(world.user("cell_member")).get(_url(world))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Open a strike fund" in body and "On the strike fund" in body
    assert list(page.context["meetings"]) == [organs.meetings["cell_a"]]
    assert "Record a meeting" not in body  # a member reads, a secretary writes


def test_it_offers_the_secretary_to_record_a_meeting(world, organs, login):
    body = login(world.user("cell_secretary")).get(_url(world)).content.decode()
    assert reverse("organs:meeting_create", kwargs={"uid": world.units["cell_a"].uid}) in body


def test_it_shows_a_committee_without_oversight_nothing_of_a_cell(world, organs, login):
    page = login(world.user("committee_member")).get(_url(world))
    assert page.status_code == 200  # the unit is structure to it
    assert not page.context["meetings"] and not page.context["decisions"]


def test_the_unit_page_links_to_the_organ_only_for_who_sees_its_records(world, organs, login):
    unit = reverse("organizations:unit_detail", kwargs={"uid": world.units["cell_a"].uid})
    assert _url(world) in login(world.user("cell_member")).get(unit).content.decode()
    assert _url(world) not in login(world.user("committee_member")).get(unit).content.decode()
