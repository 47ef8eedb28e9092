"""Opening a box, casting and closing (ballots/actions.py): bad input is refused with a
clear message and nothing saved."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from ballots.actions import do_cast_ballot, do_close_box, do_open_box, turnout
from ballots.models import Ballot, BallotBox, VoterMark
from ballots.results import count_box
from ballots.tests.helpers import make_voters, open_box


@pytest.fixture
def voters(world):
    return make_voters(world)


def _nothing_saved(box, ballots=0, marks=0):
    assert Ballot.objects.filter(box=box).count() == ballots
    assert VoterMark.objects.filter(box=box).count() == marks


def test_it_freezes_the_organs_voting_members_as_the_electorate(world, voters):
    box = open_box(world)
    # Cell A's two people of the cast and the five voters, all members.
    assert len(box.electorate) == 7
    assert f"person:{voters[0].person.uid}" in box.electorate
    assert box.kind == BallotBox.Kind.RANK and box.max_marks == 4


def test_it_records_who_voted_and_what_apart(world, voters):
    box = open_box(world)
    mark = do_cast_ballot(acting_user=voters[0], box=box, marks=["k-bo", "k-ana"])
    assert mark.voter_key == f"person:{voters[0].person.uid}"
    assert list(Ballot.objects.filter(box=box).values_list("marks", flat=True)) == [
        ["k-bo", "k-ana"]]
    assert turnout(box) == 1


def test_it_refuses_a_second_ballot(world, voters):
    box = open_box(world)
    do_cast_ballot(acting_user=voters[0], box=box, marks=["k-bo"])
    with pytest.raises(ValidationError, match="already voted"):
        do_cast_ballot(acting_user=voters[0], box=box, marks=["k-ana"])
    _nothing_saved(box, ballots=1, marks=1)


def test_it_refuses_someone_outside_the_electorate(world, voters):
    box = open_box(world)
    with pytest.raises(ValidationError, match="not among the voters"):
        do_cast_ballot(acting_user=world.user("cell_secretary"), box=box, marks=["k-bo"])
    outsider = make_voters(world, "cell_b", 1)[0]
    with pytest.raises(ValidationError, match="not among the voters"):
        do_cast_ballot(acting_user=outsider, box=box, marks=["k-bo"])
    _nothing_saved(box)


def test_it_refuses_a_vote_after_the_close(world, voters):
    box = open_box(world)
    do_close_box(acting_user=world.user("cell_secretary"), box=box)
    with pytest.raises(ValidationError, match="closed"):
        do_cast_ballot(acting_user=voters[0], box=box, marks=["k-bo"])
    _nothing_saved(box)


def test_it_refuses_a_vote_after_the_closing_time(world, voters):
    box = open_box(world)
    BallotBox.objects.filter(pk=box.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1))
    box.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        do_cast_ballot(acting_user=voters[0], box=box, marks=["k-bo"])
    _nothing_saved(box)


@pytest.mark.parametrize(("method", "marks", "message"), [
    ("plurality", ["k-ana", "k-bo", "k-cy"], "at most 2 marks"),
    ("stv", ["k-ana", "k-ana"], "only once"),
    ("stv", ["k-zed"], "not one of its options"),
    ("absolute_majority", ["k-ana", "k-bo"], "at most 1 mark"),
    ("yes_no", ["maybe"], "not one of its options"),
])
def test_it_refuses_marks_the_box_does_not_allow(world, voters, method, marks, message):
    box = open_box(world, method=method, seats=1 if method == "absolute_majority" else 2,
                   rule="simple" if method == "yes_no" else "")
    with pytest.raises(ValidationError, match=message):
        do_cast_ballot(acting_user=voters[0], box=box, marks=marks)
    _nothing_saved(box)


def test_it_refuses_a_box_without_options_or_electorate(world):
    unit = world.units["cell_a"]
    secretary = world.user("cell_secretary")
    with pytest.raises(ValidationError, match="two options"):
        do_open_box(acting_user=secretary, unit=unit, label="x", method="plurality",
                    electorate=["person:x"], options=[{"key": "a", "label": "A"}])
    with pytest.raises(ValidationError, match="electorate is empty"):
        do_open_box(acting_user=secretary, unit=unit, label="x", method="yes_no",
                    electorate=[], rule="simple")
    with pytest.raises(ValidationError, match="may not run ballots"):
        do_open_box(acting_user=world.user("cell_member"), unit=unit, label="x",
                    method="yes_no", electorate=["person:x"], rule="simple")
    assert not BallotBox.objects.exists()


def test_it_refuses_to_close_a_box_twice_or_for_a_member_without_the_right(world, voters):
    box = open_box(world)
    with pytest.raises(ValidationError, match="may not run ballots"):
        do_close_box(acting_user=world.user("cell_member"), box=box)
    do_close_box(acting_user=world.user("cell_secretary"), box=box)
    with pytest.raises(ValidationError, match="already closed"):
        do_close_box(acting_user=world.user("cell_secretary"), box=box)


def test_it_counts_nothing_until_the_box_is_closed(world, voters):
    box = open_box(world, method="yes_no", rule="absolute")
    for voter, vote in zip(voters, ["for", "for", "for", "against", "abstain"], strict=True):
        do_cast_ballot(acting_user=voter, box=box, marks=[vote])
    assert count_box(box) is None
    box = do_close_box(acting_user=world.user("cell_secretary"), box=box)
    result = count_box(box)
    # 3 for out of 7 voting members: not more than half.
    assert (result.count.for_votes, result.count.against, result.count.abstain) == (3, 1, 1)
    assert result.count.required == 4 and not result.count.adopted


def test_it_audits_the_vote_on_the_mark_only(world, voters):
    box = open_box(world)
    do_cast_ballot(acting_user=voters[0], box=box, marks=["k-cy"])
    rows = AuditEvent.objects.filter(model__startswith="ballots.")
    assert sorted(rows.values_list("model", flat=True)) == ["ballots.BallotBox",
                                                            "ballots.VoterMark"]
    vote = rows.get(model="ballots.VoterMark")
    assert vote.actor == voters[0] and "k-cy" not in str(vote.changes)



def test_it_registers_a_provider_a_module_names_voter_keys():
    from types import SimpleNamespace

    from ballots import electorate

    def voter_keys(user):
        return {"delegate:test"}

    try:
        electorate.register_module(SimpleNamespace(voter_keys=voter_keys))
        electorate.register_module(SimpleNamespace(voter_keys=voter_keys))
        assert electorate._PROVIDERS.count(voter_keys) == 1
        electorate.register_module(SimpleNamespace())  # one that registers itself
    finally:
        electorate._PROVIDERS.remove(voter_keys)
