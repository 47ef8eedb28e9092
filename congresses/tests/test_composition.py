"""The composition report's threshold at its exact boundaries, the elimination case, and
that no alias or identity leaves the report."""

from __future__ import annotations

import pytest

from audit.models import AuditEvent
from congresses.composition import breakdown, unit_report
from congresses.tests.helpers import members, place, positions

LABELS = {"w": "Industrial worker", "s": "Student", "i": "Intellectual"}


def test_it_refuses_a_body_of_four_at_a_threshold_of_five():
    report = breakdown(["w"] * 4, LABELS, limit=5, unknown="Not recorded")
    assert not report.shown and report.total is None and report.groups == []
    assert "fewer than 5 people" in report.refusal


def test_it_shows_a_body_of_five_at_a_threshold_of_five():
    report = breakdown(["w"] * 5, LABELS, limit=5, unknown="Not recorded")
    assert report.shown and report.total == 5
    assert [(g.label, g.count, g.share) for g in report.groups] == [
        ("Industrial worker", 5, 100.0)]


def test_it_refuses_the_breakdown_when_one_group_could_be_told_by_elimination():
    report = breakdown(["w"] * 5 + ["s"] * 5 + ["i"] * 2, LABELS, limit=5, unknown="?")
    assert not report.shown
    assert report.total == 12  # the total alone is shown
    assert report.groups == []


def test_it_counts_people_without_a_position_as_a_group_of_their_own():
    refused = breakdown(["w"] * 5 + [""] * 1, LABELS, limit=5, unknown="Not recorded")
    assert not refused.shown
    shown = breakdown(["w"] * 6 + [""] * 5 + ["gone"] * 1, LABELS, limit=5,
                      unknown="Not recorded")
    # An entry no longer in the list counts as not recorded.
    assert [(g.label, g.count) for g in shown.groups] == [("Industrial worker", 6),
                                                          ("Not recorded", 6)]
    assert [g.share for g in shown.groups] == [50.0, 50.0]


@pytest.mark.parametrize("limit", [2, 3])
def test_it_follows_the_configured_threshold(limit):
    report = breakdown(["w"] * 3 + ["s"] * 2, LABELS, limit=limit, unknown="?")
    assert report.shown is (limit <= 2)


def test_it_reports_a_unit_from_the_sealed_identities_and_audits_the_reading(world):
    entries = positions(world)
    people = members(world, "cell_c", 5, "comp")
    for person in people:
        place(person, entries["Industrial worker"], "textiles")
    user = world.user("cell_secretary")
    report = unit_report(user, world.units["cell_c"])
    # Cell C's two members of the world have no position: a group of two, refused.
    assert not report.shown and report.total == 7
    for person in world.people.values():
        if person.unit_id == world.units["cell_c"].pk:
            place(person, entries["Industrial worker"])
    report = unit_report(user, world.units["cell_c"])
    assert report.shown and [(g.label, g.count) for g in report.groups] == [
        ("Industrial worker", 7)]
    assert AuditEvent.objects.filter(actor=user, action="security",
                                     unit=world.units["cell_c"],
                                     detail__read="composition report").count() == 2


def test_it_shows_the_unit_report_to_the_committee_above_without_an_alias(world, login):
    entries = positions(world)
    people = members(world, "cell_a", 3, "compa")
    for person in [*people, world.people["alias-cella-1"], world.people["alias-cella-2"]]:
        place(person, entries["Student"])
    client = login(world.user("committee_member"))
    response = client.get(f"/units/{world.units['cell_a'].uid}/composition/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Student" in page and "100.0%" in page
    assert "compa-" not in page and "alias-cella" not in page


def test_it_shows_the_refusal_on_the_page_below_the_threshold(world, login):
    client = login(world.user("cell_secretary"))
    page = client.get(f"/units/{world.units['cell_a'].uid}/composition/").content.decode()
    assert "who could be identified by elimination" in page
