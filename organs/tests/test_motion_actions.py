"""Deciding motions: quorum, counts, named votes, amendments, and what is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from organs import actions
from organs.models import Attendance, Decision, Motion, NamedVote
from organs.tests.world import hold_meeting


def _motion(world, key="cell_a", present=2, **data):
    meeting = hold_meeting(world, key, present=present)
    item = actions.do_add_agenda_item(acting_user=None, meeting=meeting, data={"title": "Fund"})
    return actions.do_propose_motion(acting_user=None, agenda_item=item, data={
        "title": "Open a fund", "text": "We open a fund.", **data})


def _count(motion, f, a, ab=0):
    return actions.do_count_open_vote(acting_user=None, motion=motion, data={
        "votes_for": f, "votes_against": a, "abstentions": ab})


def test_it_adopts_an_open_motion_as_the_organs_next_decision(world):
    motion = _count(_motion(world), 2, 0)
    assert motion.status == Motion.Status.ADOPTED
    decision = Decision.objects.get(motion=motion)
    assert (decision.number, decision.unit, decision.title) == (1, world.units["cell_a"],
                                                                "Open a fund")


def test_it_rejects_a_tie_under_the_simple_majority(world):
    motion = _count(_motion(world), 1, 1)
    assert motion.status == Motion.Status.REJECTED
    assert not Decision.objects.exists()


def test_it_refuses_a_motion_without_quorum_and_saves_nothing(world):
    motion = _motion(world, present=1)  # 1 of 2 present, 2 needed
    with pytest.raises(ValidationError, match="no quorum: 1 of 2 voting members present, 2"):
        _count(motion, 1, 0)
    motion.refresh_from_db()
    assert motion.status == Motion.Status.PROPOSED and motion.votes_for is None
    assert not Decision.objects.exists()


def test_it_refuses_more_votes_than_voting_members_present(world):
    with pytest.raises(ValidationError, match="3 votes counted"):
        _count(_motion(world), 2, 1)


def test_it_refuses_a_vote_after_the_motion_is_decided(world):
    motion = _count(_motion(world), 2, 0)
    with pytest.raises(ValidationError, match="vote is closed"):
        _count(motion, 0, 2)
    assert Decision.objects.count() == 1


def test_it_counts_named_votes_and_refuses_a_second_vote(world):
    motion = _motion(world, vote_mode="named")
    first, second = world.people["alias-cella-1"], world.people["alias-cella-2"]
    actions.do_cast_named_vote(acting_user=None, motion=motion, person=first, choice="for")
    with pytest.raises(ValidationError, match="already voted"):
        actions.do_cast_named_vote(acting_user=None, motion=motion, person=first,
                                   choice="against")
    actions.do_cast_named_vote(acting_user=None, motion=motion, person=second, choice="abstain")
    motion = actions.do_close_named_vote(acting_user=None, motion=motion)
    assert (motion.status, motion.votes_for, motion.abstentions) == ("adopted", 1, 1)
    vote = NamedVote.objects.get(motion=motion, person=first)
    assert AuditEvent.objects.filter(model="organs.NamedVote", object_id=vote.pk).exists()
    with pytest.raises(ValidationError, match="vote is closed"):
        actions.do_cast_named_vote(acting_user=None, motion=motion, person=second,
                                   choice="for")


def test_it_refuses_a_named_vote_of_a_member_not_present_or_of_another_unit(world):
    motion = _motion(world, present=2, vote_mode="named")
    with pytest.raises(ValidationError, match="Only voting members present"):
        actions.do_cast_named_vote(acting_user=None, motion=motion,
                                   person=world.people["alias-cellb-1"], choice="for")
    assert not NamedVote.objects.exists()


def test_it_refuses_an_attendance_for_a_non_member(world):
    meeting = hold_meeting(world, "cell_a")
    with pytest.raises(ValidationError, match="Only members of the organ"):
        actions.do_set_attendance(acting_user=None, meeting=meeting, presences={
            world.people["alias-cella-1"]: "absent", world.people["alias-cellb-1"]: "present"})
    assert Attendance.objects.get(meeting=meeting,
                                  person=world.people["alias-cella-1"]).presence == "present"


def test_it_decides_amendments_before_their_motion_and_numbers_only_the_motion(world):
    motion = _motion(world)
    amendment = actions.do_propose_motion(acting_user=None, agenda_item=motion.agenda_item,
                                          amends=motion, data={"title": "Amend",
                                                               "text": "Say fund twice."})
    with pytest.raises(ValidationError, match="amendments to this motion first"):
        _count(motion, 2, 0)
    _count(amendment, 2, 0)
    _count(motion, 2, 0)
    assert list(Decision.objects.values_list("motion", flat=True)) == [motion.pk]


def test_it_uses_the_motions_own_majority_rule_over_the_organs(world):
    actions.do_set_organ_rules(acting_user=None, unit=world.units["cell_a"],
                               data={"majority": "simple"})
    motion = _count(_motion(world, majority="two_thirds"), 1, 1)
    assert motion.status == Motion.Status.REJECTED


def test_it_refuses_a_proposer_from_another_unit(world):
    with pytest.raises(ValidationError, match="proposer must be a member"):
        _motion(world, proposer=world.people["alias-cellb-1"])
