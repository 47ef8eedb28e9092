"""The tellers' pages: the first entry, then the second on the paper count's page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from access.actions import do_grant_role
from accounts.models import User
from ballots.models import Ballot, PaperCount
from ballots.tests.helpers import open_box

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_teller(world):
    user = User.objects.create_user("teller-b", password="x")
    do_grant_role(acting_user=None, user=user, unit=world.units["cell_a"], kind="secretary")
    return user


def test_it_takes_two_entries_that_agree(world, login, second_teller):
    box = open_box(world, seats=1)
    first = login(world.user("cell_secretary"))
    page = first.get(reverse("ballots:paper_first", kwargs={"uid": box.uid}))
    assert "Ana" in page.content.decode()  # the letters and their options
    response = first.post(reverse("ballots:paper_first", kwargs={"uid": box.uid}),
                          {"ballots": "A B\nC\n"})
    count = PaperCount.objects.get()
    second_url = reverse("ballots:paper_second", kwargs={"uid": count.uid})
    assert response["Location"] == second_url
    assert "another teller" in first.get(second_url).content.decode()
    response = login(second_teller).post(second_url, {"ballots": "c\na b\n"}, follow=True)
    assert "The two entries differ" not in response.content.decode()
    assert "the paper ballots are in the box" in response.content.decode()
    assert Ballot.objects.count() == 2


def test_it_says_how_many_ballots_differ_and_keeps_both(world, login, second_teller):
    box = open_box(world, seats=1)
    login(world.user("cell_secretary")).post(
        reverse("ballots:paper_first", kwargs={"uid": box.uid}), {"ballots": "A B\nC\n"})
    count = PaperCount.objects.get()
    response = login(second_teller).post(
        reverse("ballots:paper_second", kwargs={"uid": count.uid}), {"ballots": "A B\nB\n"})
    body = response.content.decode()
    assert "The two entries differ in 1 ballot: nothing was added to the box." in body
    assert "Count the paper ballots again" in body
    count.refresh_from_db()
    assert count.status == PaperCount.Status.DISAGREED and count.entry_b == [["k-ana", "k-bo"],
                                                                             ["k-bo"]]
    assert not Ballot.objects.exists()


def test_it_shows_the_paper_pages_only_to_those_who_may_change_the_box(world, login):
    box = open_box(world, seats=1)
    url = reverse("ballots:paper_first", kwargs={"uid": box.uid})
    assert login(world.user("cell_member")).get(url).status_code == 404
