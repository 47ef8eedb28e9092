"""The page of a field: profile, parts, structure test, pulse, contacts, recent activities."""

import re

import pytest
from django.urls import reverse

from fieldwork.actions import (
    do_create_structure_test,
    do_create_struggle,
    do_raise_demand,
    do_record_mood,
    do_record_participation,
)
from fieldwork.models import Demand
from fieldwork.tests.conftest import days_ago
from nucleus.calendars import format_date as ndate

pytestmark = pytest.mark.django_db


@pytest.fixture
def lively(fw):
    sec = fw.secretary
    people = []
    rows = [("Rolling mill", 1, True), ("Rolling mill", 2, False), ("Night shift", 2, False),
            (None, 4, False)]
    for n, (part, value, leader) in enumerate(rows):
        person = fw.contact(f"c-fd{n}", part=part, leader=leader)
        fw.assess(person, value)
        people.append(person)
    test = do_create_structure_test(acting_user=sec, field=fw.field, data={
        "kind": "petition", "title": "Bonus petition", "held_on": days_ago(2)})
    do_record_participation(acting_user=sec, test=test, persons=people[:2])
    for days, value in ((30, 2), (10, 4)):
        do_record_mood(acting_user=sec, field=fw.field, data={
            "value": value, "taken_on": days_ago(days), "note": "c-fd0 says they are angry"})
    wages = Demand.objects.get(organization=fw.world.orgs["rp"], name="Wages")
    do_raise_demand(acting_user=sec, field=fw.field, demand=wages, raised_on=days_ago(3))
    do_create_struggle(acting_user=sec, field=fw.field, data={
        "kind": "strike", "started_on": days_ago(5), "participants": 12,
        "involvement": "support"}, demands=[wages])
    fw.activity(days_ago(1), contacts=[people[0]], outcome="Agreed to collect signatures")
    return people


def _url(fw):
    return reverse("fieldwork:field_detail", kwargs={"uid": fw.field.uid})


def test_it_shows_the_whole_field_to_its_cell(fw, lively, login):
    response = login(fw.secretary).get(_url(fw))
    assert response.status_code == 200
    body = response.content.decode()
    for text in ("Steelworks", "Steel Co", "Rolling mill", "Night shift", "Bonus petition",
                 "2 took part (10% of the headcount)", "Wages", "Strike", "Our involvement:",
                 "Support", "Show notes", "c-fd3", "c-fd0 says"):
        assert text in body, text
    # The outcome is sealed: behind "Show notes", never in the list (issue #9).
    assert "Agreed to collect signatures" not in body
    report = response.context["report"]
    assert (report.total.mapped, report.total.assessed, report.total.supportive) == (4, 4, 3)
    assert not report.total.majority  # 3 of 20
    assert "no majority yet" in body and "Mood over time" in body
    assert reverse("fieldwork:wall_chart", kwargs={"uid": fw.field.uid}) in body
    assert reverse("fieldwork:one_to_one", kwargs={"uid": fw.field.uid}) in body
    test_uid = report.total.tests[0].test_uid
    assert reverse("fieldwork:participation", kwargs={"uid": test_uid}) in body


def test_it_aligns_each_part_under_the_levels_of_the_field(fw, lively, login):
    rows = login(fw.secretary).get(_url(fw)).context["structure_rows"]
    mill = next(cells for row, cells in rows if row.name == "Rolling mill")
    assert [c.count if c else 0 for _column, c in mill] == [1, 1, 0, 0, 0]
    assert [column.value for column, _c in mill] == [1, 2, 3, 4, 5]
    assert [row.part_id for row, _cells in rows][-1] is None  # contacts without a part


def test_it_shows_counts_but_no_alias_to_a_committee_member(fw, lively, login):
    response = login(fw.world.user("committee_member")).get(_url(fw))
    assert response.status_code == 200
    body = response.content.decode()
    assert "c-fd" not in body  # no contact list, no leader, no mood note, no activity
    assert response.context["report"].total.leaders == 1
    assert "Bonus petition" in body and "Wages" in body
    assert reverse("fieldwork:one_to_one", kwargs={"uid": fw.field.uid}) not in body


def test_it_puts_the_contacts_first_then_the_charts(fw, lively, login):
    body = login(fw.secretary).get(_url(fw)).content.decode()
    contacts = body.index('id="contacts-heading"')
    assert contacts < body.index('id="structure-heading"') < body.index('id="pulse-heading"')
    assert contacts < body.index("<svg") and contacts < body.index('id="activities-heading"')
    # The longer parts wait behind disclosures; the block for the stopped mark is kept.
    assert body.count('<details class="fw-more">') == 4
    assert "Mood over time" in body[body.index("Show the charts"):]


def test_it_shows_each_contacts_last_contact_and_overdue_mark(fw, lively, login):
    fw.activity(days_ago(5), contacts=[lively[1]], follow_up_on=days_ago(2))
    body = login(fw.secretary).get(_url(fw)).content.decode()
    items = dict(re.findall(r'<li>.*?>(c-fd\d)</a>(.*?)</li>', body, re.S))
    assert f"last contact {ndate(days_ago(1))}" in items["c-fd0"]
    assert "overdue" not in items["c-fd0"]
    assert f"last contact {ndate(days_ago(5))}" in items["c-fd1"] and "overdue" in items["c-fd1"]
    assert "last contact" not in items["c-fd2"]


def test_it_names_the_mood_in_words(fw, lively, login):
    body = login(fw.secretary).get(_url(fw)).content.decode()
    assert f"Last reading {ndate(days_ago(10))}: Angry." in body
    assert "of 5" not in body
    chart = body[body.index('<svg xmlns="http://www.w3.org/2000/svg" class="chart trend"'):]
    chart = chart[:chart.index("</svg>")]
    axis = re.findall(r'text-anchor="end" fill="#5f6368">([^<]+)</text>', chart)
    assert axis[:5] == ["Demoralized", "Discontented", "Restless", "Angry", "Ready to act"]
    assert re.search(r"<title>[^<]*: Discontented</title>", chart)
    assert not re.search(r"<title>[^<]*: \d</title>", chart)
