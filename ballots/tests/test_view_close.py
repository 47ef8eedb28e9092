"""Closing a box from its page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ballots.actions import do_cast_ballot
from ballots.models import BallotBox
from ballots.tests.helpers import make_voters, open_box

pytestmark = pytest.mark.django_db


def test_it_closes_and_counts(world, login):
    voter = make_voters(world, n=1)[0]
    box = open_box(world, method="yes_no", rule="simple")
    do_cast_ballot(acting_user=voter, box=box, marks=["for"])
    url = reverse("ballots:close", kwargs={"uid": box.uid})
    response = login(world.user("cell_secretary")).post(url, follow=True)
    body = response.content.decode()
    assert "The ballot is closed and counted." in body and "Adopted." in body
    assert BallotBox.objects.get().status == BallotBox.Status.CLOSED


def test_it_refuses_a_second_close_on_the_form(world, login):
    box = open_box(world)
    client = login(world.user("cell_secretary"))
    url = reverse("ballots:close", kwargs={"uid": box.uid})
    client.post(url)
    assert "This ballot is already closed." in client.post(url).content.decode()


def test_it_answers_404_to_a_member_without_the_right(world, login):
    box = open_box(world)
    url = reverse("ballots:close", kwargs={"uid": box.uid})
    assert login(world.user("cell_member")).post(url).status_code == 404
    assert BallotBox.objects.get().is_open
