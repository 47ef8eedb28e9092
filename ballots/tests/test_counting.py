"""The counts of every method on known cases (ballots/counting.py, no database)."""

from __future__ import annotations

import numpy as np
import pytest

from ballots.counting import (
    ABSOLUTE,
    SIMPLE,
    TWO_THIRDS,
    absolute_majority,
    approval,
    count_yes_no,
    droop_quota,
    plurality,
    stv,
)

# Wikipedia, "Single transferable vote", the example: 20 voters, 3 seats, Droop quota 6.
WIKIPEDIA = ([["Oranges"]] * 4 + [["Pears", "Oranges"]] * 2
             + [["Chocolate", "Strawberries"]] * 8 + [["Chocolate", "Hamburgers"]] * 4
             + [["Strawberries"]] + [["Hamburgers"]])
FOODS = ["Oranges", "Pears", "Chocolate", "Strawberries", "Hamburgers"]


def _yes_no(n_for, against, abstain=0):
    return [["for"]] * n_for + [["against"]] * against + [["abstain"]] * abstain


@pytest.mark.parametrize(("rule", "n_for", "against", "abstain", "members", "adopted"), [
    (SIMPLE, 3, 2, 4, 9, True),
    (SIMPLE, 2, 2, 5, 9, False),  # a tie adopts nothing
    (SIMPLE, 1, 0, 8, 9, True),
    (ABSOLUTE, 3, 0, 2, 5, True),  # 3 of 5
    (ABSOLUTE, 2, 0, 3, 5, False),  # 2 of 5
    (ABSOLUTE, 3, 0, 0, 6, False),  # half of 6 is not more than half
    (ABSOLUTE, 4, 2, 0, 6, True),
    (TWO_THIRDS, 6, 3, 0, 9, True),  # 2/3 of 9 cast
    (TWO_THIRDS, 5, 4, 0, 9, False),
    (TWO_THIRDS, 6, 3, 5, 14, True),  # abstentions are not cast
    (TWO_THIRDS, 0, 0, 3, 3, False),  # nothing cast adopts nothing
])
def test_it_counts_yes_no_at_each_rules_boundary(rule, n_for, against, abstain, members,
                                                 adopted):
    count = count_yes_no(_yes_no(n_for, against, abstain), rule, members)
    assert (count.for_votes, count.against, count.abstain) == (n_for, against, abstain)
    assert count.adopted is adopted
    assert (count.for_votes >= count.required) is adopted


def test_it_counts_a_blank_yes_no_ballot_for_nothing():
    count = count_yes_no([["for"], []], SIMPLE, 2)
    assert (count.for_votes, count.blank, count.adopted) == (1, 1, True)


def test_it_elects_the_most_marked_by_plurality():
    count = plurality([["a"], ["a"], ["b"], ["c"], []], 1, ["a", "b", "c", "d"])
    assert count.elected == ["a"] and count.tied == []
    assert count.counts == [("a", 2), ("b", 1), ("c", 1), ("d", 0)]
    assert (count.ballots, count.blank) == (5, 1)


def test_it_leaves_a_plurality_tie_for_the_last_seat_undecided():
    count = plurality([["a", "b"], ["a", "c"], ["a"], ["b"], ["c"]], 2, ["a", "b", "c"])
    assert count.elected == ["a"]
    assert count.tied == ["b", "c"]


def test_it_leaves_a_tie_for_the_only_seat_undecided():
    count = plurality([["a"], ["b"]], 1, ["a", "b"])
    assert count.elected == [] and count.tied == ["a", "b"]


def test_it_elects_the_most_approved():
    ballots = [["a", "b", "c"], ["b", "c"], ["b"], ["a", "d"], ["c"]]
    count = approval(ballots, 2, ["a", "b", "c", "d"])
    assert count.counts[:2] == [("b", 3), ("c", 3)]
    assert count.elected == ["b", "c"] and count.tied == []


def test_it_elects_by_absolute_majority_when_one_has_more_than_half():
    count = absolute_majority([["a"], ["a"], ["b"], []], ["a", "b", "c"])
    # Blank ballots are not valid votes: 2 of 3 valid.
    assert count.winner == "a" and count.runoff == [] and count.valid == 3


def test_it_sends_the_two_strongest_to_a_runoff():
    count = absolute_majority([["a"], ["a"], ["b"], ["c"]], ["a", "b", "c"])
    assert count.winner is None
    # a has exactly half: not more than half. b and c tie for second: both go.
    assert count.runoff == ["a", "b", "c"]
    count = absolute_majority([["a"], ["a"], ["b"], ["b"], ["c"]], ["a", "b", "c"])
    assert count.runoff == ["a", "b"]


def test_it_counts_the_wikipedia_stv_example():
    count = stv(WIKIPEDIA, 3, FOODS)
    assert count.quota == 6 == droop_quota(20, 3)
    assert count.elected == ["Chocolate", "Oranges", "Strawberries"]
    first = count.rounds[0]
    assert dict(first.counts) == {"Oranges": 4, "Pears": 2, "Chocolate": 12,
                                  "Strawberries": 1, "Hamburgers": 1}
    assert first.elected == ["Chocolate"]
    # Chocolate's surplus of 6, in the shares of its 12 ballots' next preferences.
    assert first.transfers == {"Chocolate": {"Strawberries": 4.0, "Hamburgers": 2.0}}
    second = count.rounds[1]
    assert dict(second.counts)["Strawberries"] == 5 and second.eliminated == ["Pears"]
    assert second.transfers == {"Pears": {"Oranges": 2.0}}
    assert count.rounds[2].elected == ["Oranges"]
    assert count.rounds[3].eliminated == ["Hamburgers"]
    assert count.rounds[-1].elected == ["Strawberries"]
    assert not any(r.by_lot for r in count.rounds)


def test_it_breaks_an_stv_tie_by_lot_reproducibly_and_says_so():
    ballots = [["a"], ["b"], ["c", "a"]]
    results = {tuple(stv(ballots, 1, ["a", "b", "c"], seed=seed).elected)
               for seed in range(20)}
    assert len(results) > 1  # the lot decides
    first = stv(ballots, 1, ["a", "b", "c"], seed=7)
    again = stv(ballots, 1, ["a", "b", "c"], seed=7)
    assert first == again
    assert first.rounds[0].by_lot


def test_it_leaves_numpys_generator_as_it_found_it():
    np.random.seed(123)
    expected = np.random.random()
    np.random.seed(123)
    stv([["a"], ["b"], ["c"]], 1, ["a", "b", "c"], seed=1)
    assert np.random.random() == expected


def test_it_counts_blank_stv_ballots_apart_and_elects_all_when_uncontested():
    count = stv([[], ["a"]], 1, ["a", "b"])
    assert count.blank == 1 and count.elected == ["a"]
    assert stv([["a"]], 2, ["a", "b"]).elected == ["a", "b"]
    assert stv([[]], 1, ["a", "b"]).elected == []
