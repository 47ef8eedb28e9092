"""Secret votes on motions (ballots/motions.py): the box of the voting members present,
closing it decides the motion by its rule, an adopted motion is the organ's next decision."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ballots.actions import do_cast_ballot, do_close_box
from ballots.models import BallotBox
from ballots.motions import do_open_motion_ballot
from ballots.tests.helpers import make_voters
from organs import actions
from organs.models import Decision, Motion
from organs.tests.world import hold_meeting


def _secret_motion(world, present: int, majority: str = "") -> tuple[Motion, list]:
    voters = make_voters(world, n=5)  # Cell A then has 7 voting members
    meeting = hold_meeting(world, "cell_a", present=present)
    item = actions.do_add_agenda_item(acting_user=None, meeting=meeting, data={"title": "Fund"})
    motion = actions.do_propose_motion(acting_user=None, agenda_item=item, data={
        "title": "Open a fund", "text": "We open a fund.", "vote_mode": "secret",
        "majority": majority})
    return motion, voters


def test_it_adopts_a_motion_by_secret_ballot_as_a_decision(world):
    motion, voters = _secret_motion(world, present=7)
    box = do_open_motion_ballot(acting_user=world.user("cell_secretary"), motion=motion)
    assert len(box.electorate) == 7 and box.rule == "simple" and box.method == "yes_no"
    for voter, vote in zip(voters, ["for", "for", "against", "abstain", "for"], strict=True):
        do_cast_ballot(acting_user=voter, box=box, marks=[vote])
    do_close_box(acting_user=world.user("cell_secretary"), box=box)
    motion.refresh_from_db()
    assert motion.status == Motion.Status.ADOPTED
    assert (motion.votes_for, motion.votes_against, motion.abstentions) == (3, 1, 1)
    assert Decision.objects.get(motion=motion).title == "Open a fund"


def test_it_rejects_by_the_absolute_majority_of_the_members(world):
    motion, voters = _secret_motion(world, present=7, majority="absolute")
    box = do_open_motion_ballot(acting_user=world.user("cell_secretary"), motion=motion)
    for voter in voters[:3]:  # 3 of 7: not more than half
        do_cast_ballot(acting_user=voter, box=box, marks=["for"])
    do_close_box(acting_user=world.user("cell_secretary"), box=box)
    motion.refresh_from_db()
    assert motion.status == Motion.Status.REJECTED and not Decision.objects.exists()


def test_it_gives_the_vote_to_the_voting_members_present_only(world):
    motion, voters = _secret_motion(world, present=4)  # the cast's two, voters 0 and 1
    box = do_open_motion_ballot(acting_user=world.user("cell_secretary"), motion=motion)
    assert len(box.electorate) == 4
    with pytest.raises(ValidationError, match="not among the voters"):
        do_cast_ballot(acting_user=voters[4], box=box, marks=["for"])


def test_it_keeps_the_box_open_when_the_motion_cannot_be_decided(world):
    motion, voters = _secret_motion(world, present=7)
    box = do_open_motion_ballot(acting_user=world.user("cell_secretary"), motion=motion)
    do_cast_ballot(acting_user=voters[0], box=box, marks=["for"])
    actions.do_withdraw_motion(acting_user=None, motion=motion)
    with pytest.raises(ValidationError, match="already decided or withdrawn"):
        do_close_box(acting_user=world.user("cell_secretary"), box=box)
    assert BallotBox.objects.get().is_open


def test_it_refuses_a_second_box_and_an_open_motion(world):
    motion, _voters = _secret_motion(world, present=7)
    do_open_motion_ballot(acting_user=world.user("cell_secretary"), motion=motion)
    with pytest.raises(ValidationError, match="already open"):
        do_open_motion_ballot(acting_user=world.user("cell_secretary"), motion=motion)
    item = motion.agenda_item
    openly = actions.do_propose_motion(acting_user=None, agenda_item=item, data={
        "title": "Meet weekly", "text": "Weekly."})
    with pytest.raises(ValidationError, match="not voted by secret ballot"):
        do_open_motion_ballot(acting_user=world.user("cell_secretary"), motion=openly)
    assert BallotBox.objects.count() == 1


def test_it_opens_the_motions_ballot_from_its_page(world, login):
    motion, _voters = _secret_motion(world, present=7)
    client = login(world.user("cell_secretary"))
    url = reverse("ballots:motion_ballot", kwargs={"uid": motion.uid})
    response = client.post(url)
    box = BallotBox.objects.get(motion=motion)
    assert response["Location"] == reverse("ballots:box", kwargs={"uid": box.uid})
    assert client.get(url)["Location"] == response["Location"]
    assert login(world.user("cell_member")).get(url).status_code == 404
