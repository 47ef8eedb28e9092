"""The answer page: a user acting for an asked organization answers, then changes the answer;
anyone else who reads the resolution sees why they cannot; after the deadline the page says
so and nothing is saved."""

import datetime

import pytest
from django.urls import reverse

from coalitions.models import Answer, Circulation
from coalitions.tests.world import circulation

pytestmark = pytest.mark.django_db


def _url(circ) -> str:
    return reverse("coalitions:answer", kwargs={"uid": circ.resolution.uid})


def test_it_answers_then_changes_the_answer_keeping_the_first(world, login):
    circ = circulation(world, needed=5)
    client = login(world.user("cell_member"))
    rp = world.orgs["rp"].uid
    assert client.post(_url(circ), {"organization": rp, "vote": "abstain"}).status_code == 302
    assert client.post(_url(circ), {"organization": rp, "vote": "approve",
                                    "comment": "Agreed now."}).status_code == 302
    rows = Answer.objects.filter(circulation=circ).order_by("created_at")
    assert [(a.vote, a.replaced_at is None) for a in rows] == [("abstain", False),
                                                              ("approve", True)]
    page = client.get(reverse("coalitions:resolution_detail",
                              kwargs={"uid": circ.resolution.uid})).content.decode()
    assert "Agreed now." in page


def test_it_tells_a_reader_who_does_not_act_for_an_asked_organization(world, login):
    circ = circulation(world)
    response = login(world.user("cell_secretary")).get(_url(circ))
    assert response.status_code == 200
    assert "You do not act for an organization asked about this resolution." in (
        response.content.decode())
    response = login(world.user("cell_secretary")).post(
        _url(circ), {"organization": world.orgs["rp"].uid, "vote": "approve"})
    assert response.status_code == 200 and not Answer.objects.exists()


def test_it_refuses_an_answer_after_the_deadline_with_a_message(world, login):
    circ = circulation(world, started_days=5)
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    Circulation.objects.filter(pk=circ.pk).update(deadline=yesterday)
    response = login(world.user("cell_member")).post(
        _url(circ), {"organization": world.orgs["rp"].uid, "vote": "approve"})
    assert response.status_code == 200
    assert "The deadline for answers has passed." in response.content.decode()
    assert not Answer.objects.exists()


def test_it_answers_404_outside_the_coalition(world, login):
    circ = circulation(world)
    assert login(world.user("outsider")).get(_url(circ)).status_code == 404
