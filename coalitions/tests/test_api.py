"""The API of resolutions: the same scope as the pages, uids only; an organization's acting
user POSTs its answer (a second POST changes it); refusals are 400 and save nothing."""

import datetime

import pytest
from django.urls import reverse

from coalitions.actions import do_enter_written_answer
from coalitions.models import Answer
from coalitions.tests.world import circulation, member

pytestmark = pytest.mark.django_db


def _rows(body):
    return body["results"] if isinstance(body, dict) and "results" in body else body


def _answer(client, circ, org, vote="approve"):
    return client.post(reverse("answer-list"), {
        "circulation": str(circ.uid), "organization": str(org.uid), "vote": vote},
        content_type="application/json")


def test_it_answers_and_changes_the_answer_through_the_api(world, login):
    circ = circulation(world, needed=5)
    client = login(world.user("cell_member"))
    first = _answer(client, circ, world.orgs["rp"], "abstain")
    assert first.status_code == 201, first.content
    assert _answer(client, circ, world.orgs["rp"]).status_code == 201
    votes = [(a.vote, a.replaced_at is None) for a in Answer.objects.order_by("created_at")]
    assert votes == [("abstain", False), ("approve", True)]
    body = client.get(reverse("circulation-detail", kwargs={"uid": circ.uid})).json()
    assert (body["approvals"], body["threshold"]) == (1, 5)
    assert "id" not in body and all("-" in uid for uid in body["organizations"])


def test_it_refuses_an_answer_for_an_organization_one_does_not_act_for(world, login):
    circ = circulation(world)
    response = _answer(login(world.user("cell_secretary")), circ, world.orgs["rp"])
    assert response.status_code == 400 and not Answer.objects.exists()


def test_it_lists_only_what_the_caller_sees(world, login):
    circ = circulation(world, needed=1)
    do_enter_written_answer(acting_user=world.user("coalition_office"), circulation=circ,
                            organization=member(1), vote="approve",
                            received_on=datetime.date.today())
    member_client = login(world.user("cell_member"))
    assert _rows(member_client.get(reverse("answer-list")).json()) == []  # not RP's answer
    signatories = _rows(member_client.get(reverse("signatory-list")).json())
    assert [s["organization"] for s in signatories] == [str(member(1).uid)]
    outsider = login(world.user("outsider"))
    assert _rows(outsider.get(reverse("coalition-resolution-list")).json()) == []
    office = _rows(login(world.user("coalition_office")).get(reverse("answer-list")).json())
    assert len(office) == 1
