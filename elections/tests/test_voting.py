"""The vote of an election, from nominations to published results: an STV election of a
3-seat bureau cast in the app (rounds, roles granted, the previous bureau's terms and roles
ended), a paper-ballot election whose tellers first disagree, and the absolute-majority
method going to a runoff."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from access.actions import do_grant_role
from access.models import Role
from accounts.models import User
from ballots.actions import do_cast_ballot
from ballots.paper import PaperCountRefused, do_enter_first_count, do_enter_second_count
from elections.actions import do_create_election, do_nominate
from elections.models import Election, OfficeTerm
from elections.terms import do_publish_results
from elections.voting import do_close_vote, do_open_vote

pytestmark = pytest.mark.django_db


def _voters(member, names):
    """Full members of Cell A, each with a login (their voter key is their person's)."""
    users = {}
    for name in names:
        person = member(f"m-{name}")
        users[name] = User.objects.create_user(f"u-{name}", password="x y z w v",
                                               person=person)
    return users


def _election(world, **data):
    return do_create_election(acting_user=world.user("cell_secretary"),
                              unit=world.units["cell_a"], data={
                                  "held_on": timezone.localdate(), **data})


def _stand(election, users):
    return {name: do_nominate(acting_user=None, election=election, candidate=user.person,
                              self_nominated=True) for name, user in users.items()}


def _cast(box, voters, ballots):
    for user, marks in zip(voters, ballots, strict=True):
        do_cast_ballot(acting_user=user, box=box, marks=marks)


def test_it_elects_a_three_seat_bureau_by_stv_and_hands_the_roles_over(world, member):
    users = _voters(member, ["a", "b", "c", "d", "e", "f", "g", "h", "i"])
    secretary = world.user("cell_secretary")
    # The previous bureau: f held a seat and a role on the cell.
    old_role = do_grant_role(acting_user=None, user=users["f"], unit=world.units["cell_a"],
                             kind="organizer", since=timezone.localdate() - timedelta(days=400))
    OfficeTerm.objects.create(unit=world.units["cell_a"], title="Cell bureau",
                              holder=users["f"].person, role=old_role,
                              since=timezone.localdate() - timedelta(days=400))
    bureau = _election(world, kind="body", title="Cell bureau", seats=3, method="stv",
                       role_kind="organizer")
    n = _stand(bureau, {k: users[k] for k in "abcde"})
    bureau = do_open_vote(acting_user=secretary, election=bureau)
    assert bureau.status == Election.Status.VOTING and bureau.box.kind == "rank"
    key = {name: str(nomination.uid) for name, nomination in n.items()}
    ballots = ([[key["a"], key["b"], key["c"]]] * 4 + [[key["b"], key["d"]]] * 2
               + [[key["c"], key["d"]]] * 2 + [[key["e"], key["c"]]])
    _cast(bureau.box, [users[k] for k in "abcdefghi"], ballots)
    with pytest.raises(ValidationError):  # no one votes twice
        do_cast_ballot(acting_user=users["a"], box=bureau.box, marks=[key["a"]])

    bureau = do_close_vote(acting_user=secretary, election=bureau)
    result = bureau.result
    assert bureau.status == Election.Status.COUNTED
    assert (result["quota"], result["ballots"], result["turnout"]) == (3, 9, 9)
    assert set(result["elected"]) == {key["a"], key["b"], key["c"]}
    assert result["rounds"][0]["counts"][key["a"]] == 4
    assert result["rounds"][0]["elected"] == [key["a"]]
    assert len(result["rounds"]) > 1

    do_publish_results(acting_user=secretary, election=bureau)
    terms = OfficeTerm.objects.filter(election=bureau)
    assert {t.holder for t in terms} == {users[k].person for k in "abc"}
    for term in terms:
        assert term.role is not None and term.role.kind == "organizer"
        assert term.role.until is None and term.since == bureau.held_on
    previous = OfficeTerm.objects.get(holder=users["f"].person)
    assert previous.until == bureau.held_on
    assert Role.objects.get(pk=old_role.pk).until is not None


def test_it_counts_paper_ballots_only_when_the_two_tellers_agree(world, member):
    users = _voters(member, ["p", "q"])
    teller_a = world.user("cell_secretary")
    teller_b = User.objects.create_user("teller-b", password="x y z w v")
    do_grant_role(acting_user=None, user=teller_b, unit=world.units["cell_a"],
                  kind="secretary")
    chair = _election(world, title="Chairperson", method="plurality")
    _stand(chair, users)
    chair = do_open_vote(acting_user=teller_a, election=chair)
    box = chair.box
    first = do_enter_first_count(acting_user=teller_a, box=box, text="A\nB\nA")
    with pytest.raises(PaperCountRefused):
        do_enter_second_count(acting_user=teller_b, count=first, text="A\nB\nB")
    assert box.ballots.count() == 0
    with pytest.raises(ValidationError):  # a disagreed count is finished: a new one recounts
        do_enter_second_count(acting_user=teller_b, count=first, text="A\nB\nA")
    recount = do_enter_first_count(acting_user=teller_a, box=box, text="A\nB\nA")
    do_enter_second_count(acting_user=teller_b, count=recount, text="A\nA\nB")
    assert box.ballots.count() == 3

    chair = do_close_vote(acting_user=teller_a, election=chair)
    assert chair.result["elected"] == [box.option_keys()[0]]
    assert chair.result["counts"] == {box.option_keys()[0]: 2, box.option_keys()[1]: 1}
    assert chair.result["turnout"] == 3


def test_it_goes_to_a_runoff_without_an_absolute_majority(world, member):
    users = _voters(member, ["r", "s", "t", "u", "v"])
    secretary = world.user("cell_secretary")
    chair = _election(world, title="Chairperson", method="absolute")
    n = _stand(chair, {k: users[k] for k in "rst"})
    chair = do_open_vote(acting_user=secretary, election=chair)
    key = {name: str(nomination.uid) for name, nomination in n.items()}
    _cast(chair.box, [users[k] for k in "rstuv"],
          [[key["r"]], [key["r"]], [key["s"]], [key["t"]], [key["t"]]])
    chair = do_close_vote(acting_user=secretary, election=chair)
    assert chair.status == Election.Status.VOTING and chair.runoff_box is not None
    assert set(chair.runoff_box.option_keys()) == {key["r"], key["t"]}
    assert chair.result["first_round"]["counts"] == {key["r"]: 2, key["t"]: 2, key["s"]: 1}

    _cast(chair.runoff_box, [users[k] for k in "rstuv"],
          [[key["r"]], [key["r"]], [key["r"]], [key["t"]], [key["t"]]])
    chair = do_close_vote(acting_user=secretary, election=chair)
    assert chair.status == Election.Status.COUNTED
    assert chair.result["elected"] == [key["r"]]
    assert chair.result["first_round"]["runoff"] == [key["r"], key["t"]]


def test_it_refuses_to_open_a_vote_without_a_contest(world, member):
    users = _voters(member, ["w"])
    chair = _election(world, title="Chairperson")
    _stand(chair, users)
    with pytest.raises(ValidationError) as error:
        do_open_vote(acting_user=None, election=chair)
    assert error.value.code == "no_contest"
    assert Election.objects.get(pk=chair.pk).box is None
