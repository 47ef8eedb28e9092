"""Paper ballots entered by two tellers (ballots/paper.py): they must agree, be two
different users with the change right on the organ; a disagreement keeps both entries and
puts nothing in the box."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from access.actions import do_grant_role
from accounts.models import User
from ballots.actions import do_close_box, turnout
from ballots.models import Ballot, PaperCount
from ballots.paper import PaperCountRefused, do_enter_first_count, do_enter_second_count
from ballots.results import count_box
from ballots.tests.helpers import open_box

STACK = "A B C\nB A\nc\n-\nA B C\n"


@pytest.fixture
def tellers(world):
    second = User.objects.create_user("teller-b", password="x")
    do_grant_role(acting_user=None, user=second, unit=world.units["cell_a"], kind="secretary")
    return world.user("cell_secretary"), second


def test_it_puts_the_stack_in_the_box_when_the_tellers_agree(world, tellers):
    box = open_box(world, seats=1)
    first = do_enter_first_count(acting_user=tellers[0], box=box, text=STACK)
    assert not Ballot.objects.exists()
    # The same ballots in another order, letters or keys, any case.
    count = do_enter_second_count(acting_user=tellers[1], count=first,
                                  text="-\nk-ana k-bo k-cy\nb a\nA B C\nC\n")
    assert count.status == PaperCount.Status.AGREED
    box.refresh_from_db()
    assert box.paper_voters == 5 and turnout(box) == 5
    assert sorted(map(tuple, Ballot.objects.values_list("marks", flat=True))) == sorted([
        ("k-ana", "k-bo", "k-cy"), ("k-bo", "k-ana"), ("k-cy",), (), ("k-ana", "k-bo", "k-cy")])
    box = do_close_box(acting_user=tellers[0], box=box)
    assert count_box(box).count.elected == ["k-ana"]


def test_it_refuses_tellers_who_disagree_and_keeps_both_entries(world, tellers):
    box = open_box(world, seats=1)
    first = do_enter_first_count(acting_user=tellers[0], box=box, text=STACK)
    with pytest.raises(PaperCountRefused, match="differ in 2 ballots"):
        do_enter_second_count(acting_user=tellers[1], count=first,
                              text="A B C\nA B\nB\n-\nA B C\n")
    count = PaperCount.objects.get()
    assert count.status == PaperCount.Status.DISAGREED and count.differing == 2
    assert len(count.entry_a) == len(count.entry_b) == 5
    assert not Ballot.objects.exists()
    box.refresh_from_db()
    assert box.paper_voters == 0
    with pytest.raises(ValidationError, match="start a new one"):
        do_enter_second_count(acting_user=tellers[1], count=count, text=STACK)


def test_it_counts_a_missing_ballot_as_a_difference(world, tellers):
    box = open_box(world, seats=1)
    first = do_enter_first_count(acting_user=tellers[0], box=box, text=STACK)
    with pytest.raises(PaperCountRefused, match="differ in 1 ballot:"):
        do_enter_second_count(acting_user=tellers[1], count=first, text="A B C\nB A\nC\n-\n")


def test_it_wants_two_different_tellers_with_the_right(world, tellers):
    box = open_box(world, seats=1)
    first = do_enter_first_count(acting_user=tellers[0], box=box, text=STACK)
    with pytest.raises(ValidationError, match="another teller"):
        do_enter_second_count(acting_user=tellers[0], count=first, text=STACK)
    with pytest.raises(ValidationError, match="may not run ballots"):
        do_enter_second_count(acting_user=world.user("cell_member"), count=first, text=STACK)
    assert PaperCount.objects.get().status == PaperCount.Status.WAITING


@pytest.mark.parametrize(("text", "message"), [
    ("A B\nA A\n", "Line 2: Each option may be marked or ranked only once."),
    ("A\nZ\n", "Line 2: This ballot marks something that is not one of its options."),
    ("\n\n", "one line per paper ballot"),
])
def test_it_names_the_wrong_line(world, tellers, text, message):
    box = open_box(world, seats=1)
    with pytest.raises(ValidationError, match=message):
        do_enter_first_count(acting_user=tellers[0], box=box, text=text)
    assert not PaperCount.objects.exists()


def test_it_refuses_more_marks_than_allowed_on_paper(world, tellers):
    box = open_box(world, method="plurality", seats=2)
    with pytest.raises(ValidationError, match="Line 1: This ballot allows at most 2 marks."):
        do_enter_first_count(acting_user=tellers[0], box=box, text="A B C\n")


def test_it_takes_no_paper_ballots_into_a_closed_box(world, tellers):
    box = open_box(world, seats=1)
    first = do_enter_first_count(acting_user=tellers[0], box=box, text=STACK)
    do_close_box(acting_user=tellers[0], box=box)
    with pytest.raises(ValidationError, match="closed"):
        do_enter_second_count(acting_user=tellers[1], count=first, text=STACK)
    assert not Ballot.objects.exists()
