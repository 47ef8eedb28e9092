"""A meeting: agenda with its motions, attendance, quorum, and the minutes' reveal button."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _url(meeting):
    return reverse("organs:meeting_detail", kwargs={"uid": meeting.uid})


def test_it_shows_the_quorum_reached_and_the_attendance(world, organs, login):
    page = login(world.user("cell_member")).get(_url(organs.meetings["cell_a"]))
    body = page.content.decode()
    assert "Quorum reached: 2 of 2 voting members present, needed 2." in body
    assert "alias-cella-1" in body and "Open a strike fund" in body
    assert "Show the minutes" not in body  # no reveal right
    assert "The minutes are sealed" in body


def test_it_offers_the_reveal_to_a_secretary_with_identity_access(world, organs, login):
    body = login(world.user("cell_secretary")).get(_url(organs.meetings["cell_a"])
                                                   ).content.decode()
    assert "Show the minutes" in body
    assert "Qvzx" not in body  # the minutes only after the POST


def test_it_says_when_there_is_no_quorum(world, login):
    from organs.tests.world import hold_meeting

    meeting = hold_meeting(world, "cell_a", present=1)
    body = login(world.user("cell_member")).get(_url(meeting)).content.decode()
    assert "No quorum: 1 of 2 voting members present, needed 2." in body
