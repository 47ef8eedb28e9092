"""The API of ballots: boxes read (the count once closed), casting, the tellers' entries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from access.actions import do_grant_role
from accounts.models import User
from ballots.actions import do_close_box
from ballots.models import Ballot, PaperCount
from ballots.tests.helpers import make_voters, open_box

pytestmark = pytest.mark.django_db


def test_it_casts_and_shows_the_count_only_after_the_close(world, login):
    voter = make_voters(world, n=1)[0]
    box = open_box(world, method="yes_no", rule="simple")
    client = login(voter)
    cast = reverse("ballot-box-cast", kwargs={"uid": box.uid})
    assert client.post(cast, {"marks": ["for"]}, content_type="application/json"
                       ).status_code == 204
    again = client.post(cast, {"marks": ["for"]}, content_type="application/json")
    assert again.status_code == 400 and "already voted" in str(again.json())
    reader = login(world.user("cell_secretary"))
    detail = reverse("ballot-box-detail", kwargs={"uid": box.uid})
    data = reader.get(detail).json()
    assert data["turnout"] == 1 and data["electorate_size"] == 3 and data["count"] is None
    do_close_box(acting_user=world.user("cell_secretary"), box=box)
    count = reader.get(detail).json()["count"]
    assert count["for_votes"] == 1 and count["adopted"] is True
    assert "id" not in data and "electorate" not in data


def test_it_takes_two_tellers_entries(world, login):
    box = open_box(world, seats=1)
    second = User.objects.create_user("teller-b", password="x")
    do_grant_role(acting_user=None, user=second, unit=world.units["cell_a"], kind="secretary")
    created = login(world.user("cell_secretary")).post(
        reverse("paper-count-list"), {"box": str(box.uid), "ballots": "A\nB A\n"},
        content_type="application/json")
    assert created.status_code == 201, created.json()
    url = reverse("paper-count-second", kwargs={"uid": created.json()["uid"]})
    refused = login(second).post(url, {"ballots": "A\nB\n"}, content_type="application/json")
    assert refused.status_code == 400 and "differ in 1 ballot" in str(refused.json())
    assert PaperCount.objects.get().status == PaperCount.Status.DISAGREED
    assert not Ballot.objects.exists()
