"""The continuity list: fields where the work has stopped first, with the silence, the
longest gap, the weeks active as a timeline, and overdue follow-ups."""

import pytest
from django.urls import reverse

from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def fields(fw):
    contact = fw.contact("c-cont1")
    fw.activity(days_ago(1), contacts=[contact], follow_up_on=days_ago(1))
    fw.activity(days_ago(8))
    quiet = fw.new_field("Quiet depot")
    fw.activity(days_ago(40), field=quiet)
    fw.new_field("Never visited")
    return quiet


def _url(fw, key="cell_a"):
    return reverse("fieldwork:continuity", kwargs={"uid": fw.world.units[key].uid})


def test_it_lists_stopped_fields_first(fw, fields, login):
    response = login(fw.secretary).get(_url(fw))
    assert response.status_code == 200
    rows = list(response.context["page"])
    assert [r.name for r in rows] == ["Never visited", "Quiet depot", "Steelworks"]
    assert [r.stopped for r in rows] == [True, True, False]
    body = response.content.decode()
    assert body.index("Never visited") < body.index("Quiet depot") < body.index("Steelworks")
    assert "2 of 3 fields have stopped." in body


def test_it_shows_silence_gaps_weeks_and_overdue_follow_ups(fw, fields, login):
    response = login(fw.secretary).get(_url(fw))
    steel = next(r for r in response.context["page"] if r.name == "Steelworks")
    assert (steel.days_since_last, steel.weeks_active, steel.overdue_follow_ups) == (1, 2, 1)
    # The timeline: days with activity in each of 12 weeks, oldest first; this week and the
    # one before have one day each.
    assert steel.week_days[-2:] == [1, 1] and sum(steel.week_days) == 2
    body = response.content.decode()
    assert "Steelworks: days with activity per week, last 12 weeks" in body
    assert "2 of 12" in body and "1 day ago" in body


def test_it_rolls_up_per_unit_for_a_committee_without_aliases(fw, fields, login):
    fw.new_field("School 7", unit_key="cell_b")
    response = login(fw.world.user("committee_member")).get(_url(fw, "north"))
    assert {u.name: u.stopped for u in response.context["units"]} == {"Cell A": 2, "Cell B": 1}
    body = response.content.decode()
    assert "School 7" in body and "Quiet depot" in body
    assert "c-cont1" not in body


def test_it_shows_a_committees_own_fields_apart_from_its_cells(fw, fields, login):
    fw.new_field("Canal", unit_key="north")
    response = login(fw.world.user("overseer")).get(_url(fw, "north"))
    assert [(u.name, u.own) for u in response.context["units"]] == [
        ("North Committee", True), ("Cell A", False)]
    assert "North Committee: its own fields" in response.content.decode()
    # A cell's page has no unit table: it would repeat the list of fields.
    response = login(fw.secretary).get(_url(fw))
    assert not response.context["show_units"]
    assert "units-heading" not in response.content.decode()
