"""The quorum and majority rules at their exact boundaries (organs/rules.py)."""

import pytest

from organs import rules


@pytest.mark.parametrize(("members", "needed"), [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3),
                                                 (9, 5), (10, 6)])
def test_it_needs_more_than_half_for_quorum(members, needed):
    assert rules.quorum_needed(rules.QUORUM_HALF, members) == needed
    assert rules.quorum_reached(rules.QUORUM_HALF, members=members, present=needed)
    assert not rules.quorum_reached(rules.QUORUM_HALF, members=members, present=needed - 1)


@pytest.mark.parametrize(("members", "needed"), [(3, 2), (5, 4), (6, 4), (9, 6)])
def test_it_needs_two_thirds_for_a_two_thirds_quorum(members, needed):
    assert rules.quorum_needed(rules.QUORUM_TWO_THIRDS, members) == needed


def test_it_never_has_quorum_without_members():
    assert not rules.quorum_reached(rules.QUORUM_HALF, members=0, present=0)


def test_it_adopts_by_simple_majority_only_with_more_for_than_against():
    assert rules.adopted(rules.SIMPLE, votes_for=3, against=2, abstain=10)
    assert not rules.adopted(rules.SIMPLE, votes_for=2, against=2)  # a tie fails
    assert not rules.adopted(rules.SIMPLE, votes_for=0, against=0, abstain=4)


def test_it_adopts_by_absolute_majority_of_the_members_whoever_voted():
    assert rules.adopted(rules.ABSOLUTE, votes_for=3, against=0, members=5)
    assert not rules.adopted(rules.ABSOLUTE, votes_for=2, against=0, members=5)
    assert not rules.adopted(rules.ABSOLUTE, votes_for=3, against=0, members=6)  # half: no
    assert rules.adopted(rules.ABSOLUTE, votes_for=4, against=2, members=6)


def test_it_adopts_by_two_thirds_of_the_votes_cast_without_abstentions():
    assert rules.adopted(rules.TWO_THIRDS, votes_for=6, against=3)
    assert not rules.adopted(rules.TWO_THIRDS, votes_for=5, against=4)
    assert rules.adopted(rules.TWO_THIRDS, votes_for=2, against=1, abstain=9)
    assert not rules.adopted(rules.TWO_THIRDS, votes_for=0, against=0, abstain=3)


@pytest.mark.parametrize(("rule", "against", "members", "needed"), [
    (rules.SIMPLE, 2, 9, 3), (rules.ABSOLUTE, 0, 5, 3), (rules.ABSOLUTE, 0, 6, 4),
    (rules.TWO_THIRDS, 3, 9, 6), (rules.TWO_THIRDS, 0, 9, 1)])
def test_it_tells_the_votes_needed_at_the_boundary(rule, against, members, needed):
    assert rules.votes_needed(rule, against=against, members=members) == needed
    assert rules.adopted(rule, votes_for=needed, against=against, members=members)
    assert not rules.adopted(rule, votes_for=needed - 1, against=against, members=members)


def test_it_refuses_an_unknown_rule():
    with pytest.raises(ValueError, match="unknown rule"):
        rules.adopted("unanimity", votes_for=1, against=0)
