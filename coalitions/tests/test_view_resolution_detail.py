"""A resolution's page: the office sees answers, who has not answered and the chart; a member
sees the text, the rule, the status history and the dated signatory list, never who wrote a
proposal."""

import datetime

import pytest
from django.urls import reverse

from coalitions.actions import do_enter_written_answer, do_propose, do_sign_later
from coalitions.tests.world import circulation, member
from nucleus.calendars import format_date

pytestmark = pytest.mark.django_db


def _url(resolution) -> str:
    return reverse("coalitions:resolution_detail", kwargs={"uid": resolution.uid})


def test_it_shows_the_office_who_has_not_answered_and_the_chart(world, login):
    circ = circulation(world, needed=3)
    do_enter_written_answer(acting_user=world.user("coalition_office"), circulation=circ,
                            organization=member(1), vote="approve",
                            received_on=datetime.date.today())
    body = login(world.user("coalition_office")).get(_url(circ.resolution)).content.decode()
    assert "1 of 3 approvals needed (5 organizations asked)." in body
    assert "Not answered yet" in body and "Member 2" in body and "<svg" in body
    member_body = login(world.user("cell_member")).get(_url(circ.resolution)).content.decode()
    assert "Not answered yet" not in member_body and "<svg" not in member_body
    assert "3 approvals" in member_body and "Circulated" in member_body


def test_it_dates_the_signatory_list_by_the_last_signature(world, login):
    circ = circulation(world, needed=1, started_days=6)
    day = datetime.date.today() - datetime.timedelta(days=4)
    do_enter_written_answer(acting_user=world.user("coalition_office"), circulation=circ,
                            organization=member(1), vote="approve", received_on=day)
    client = login(world.user("cell_member"))
    assert f"Signatories (as of {format_date(day)})" in client.get(
        _url(circ.resolution)).content.decode()
    do_sign_later(acting_user=world.user("cell_member"), resolution=circ.resolution,
                  organization=world.orgs["rp"])
    body = client.get(_url(circ.resolution)).content.decode()
    assert "Later signatories" in body
    assert f"as of {format_date(datetime.date.today())}" in body


def test_it_shows_a_proposal_without_its_writer(world, login):
    from access.actions import do_grant_role

    do_grant_role(acting_user=None, user=world.user("cell_member"), unit=world.units["cell_a"],
                  kind="member", international_work=True)
    proposal = do_propose(acting_user=world.user("cell_member"), organization=world.orgs["rp"],
                          coalition=world.coalition, title="Our proposal", language="en",
                          body="Text of it.")
    body = login(world.user("coalition_office")).get(_url(proposal)).content.decode()
    assert "Red Party" in body and "cell_member" not in body and "Cell A" not in body
    assert "Take up as a coalition draft" in body
