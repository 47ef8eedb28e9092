"""The sole-candidate rule: one accepted candidate left for an office is appointed without a
ballot, recorded as such (WPI's 4th Congress); and the term and role that follow."""

import pytest
from django.core.exceptions import ValidationError

from access.models import Role
from accounts.models import User
from elections.actions import (
    do_appoint_sole_candidate,
    do_nominate,
    do_withdraw_nomination,
)
from elections.models import Election, OfficeTerm
from elections.terms import do_publish_results

pytestmark = pytest.mark.django_db


def _two(world, chair):
    ana = do_nominate(acting_user=None, election=chair,
                      candidate=world.people["alias-cella-1"], self_nominated=True)
    ben = do_nominate(acting_user=None, election=chair,
                      candidate=world.people["alias-cella-2"], self_nominated=True)
    return ana, ben


def test_it_appoints_the_sole_candidate_left_after_a_withdrawal_in_favour(world, chair):
    ana, ben = _two(world, chair)
    do_withdraw_nomination(acting_user=None, nomination=ben, in_favour_of=ana)
    election = do_appoint_sole_candidate(acting_user=world.user("cell_secretary"),
                                         election=chair)
    assert election.status == Election.Status.COUNTED
    assert election.outcome == Election.Outcome.SOLE
    assert election.result == {"method": "sole", "elected": [str(ana.uid)]}


def test_it_refuses_the_rule_while_two_stand(world, chair):
    _two(world, chair)
    with pytest.raises(ValidationError) as error:
        do_appoint_sole_candidate(acting_user=None, election=chair)
    assert error.value.code == "not_sole"
    assert Election.objects.get(pk=chair.pk).status == Election.Status.NOMINATING


def test_it_refuses_the_rule_while_a_nomination_awaits_its_answer(world, chair):
    do_nominate(acting_user=None, election=chair, candidate=world.people["alias-cella-1"],
                nominated_by=world.people["alias-cella-2"])
    with pytest.raises(ValidationError) as error:
        do_appoint_sole_candidate(acting_user=None, election=chair)
    assert error.value.code == "pending"


def test_it_refuses_the_rule_where_the_organ_did_not_adopt_it(world, chair):
    Election.objects.filter(pk=chair.pk).update(sole_candidate_rule=False)
    do_nominate(acting_user=None, election=chair, candidate=world.people["alias-cella-1"],
                self_nominated=True)
    with pytest.raises(ValidationError) as error:
        do_appoint_sole_candidate(acting_user=None, election=chair)
    assert error.value.code == "no_rule"


def test_it_starts_the_term_and_grants_the_role_on_publishing(world, chair):
    holder_user = User.objects.create_user("holder", password="x y z w v",
                                           person=world.people["alias-cella-1"])
    do_nominate(acting_user=None, election=chair, candidate=world.people["alias-cella-1"],
                self_nominated=True)
    do_appoint_sole_candidate(acting_user=None, election=chair)
    do_publish_results(acting_user=world.user("cell_secretary"), election=chair)
    term = OfficeTerm.objects.get(election=chair)
    assert (term.holder, term.since, term.until) == (world.people["alias-cella-1"],
                                                      chair.held_on, None)
    assert term.role is not None and term.role.kind == Role.Kind.SECRETARY
    assert term.role.user == holder_user and term.role.unit == world.units["cell_a"]


def test_it_leaves_a_role_held_apart_from_the_office_as_it_is(world, chair):
    secretary = world.user("cell_secretary")
    secretary.person = world.people["alias-cella-1"]
    secretary.save()
    Election.objects.filter(pk=chair.pk).update(role_kind="member")
    chair.refresh_from_db()
    do_nominate(acting_user=None, election=chair, candidate=world.people["alias-cella-1"],
                self_nominated=True)
    do_appoint_sole_candidate(acting_user=None, election=chair)
    do_publish_results(acting_user=None, election=chair)
    assert OfficeTerm.objects.get(election=chair).role is None
    assert Role.objects.get(user=secretary, until__isnull=True).kind == Role.Kind.SECRETARY
