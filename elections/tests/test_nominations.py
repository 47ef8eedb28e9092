"""Nominations: who may stand, who may nominate, acceptance, withdrawal in favour, the
deadline; bad input gets a clear message and nothing is saved."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from elections.actions import (
    do_accept_nomination,
    do_create_election,
    do_nominate,
    do_withdraw_nomination,
)
from elections.models import Election, Nomination

pytestmark = pytest.mark.django_db


def _refused(code: str, **kwargs) -> None:
    before = Nomination.objects.count()
    with pytest.raises(ValidationError) as error:
        do_nominate(**kwargs)
    assert error.value.error_list[0].code == code if not hasattr(error.value, "error_dict") \
        else next(iter(error.value.error_dict.values()))[0].code == code
    assert Nomination.objects.count() == before


def test_it_lets_a_full_member_nominate_herself_and_stands_at_once(world, chair):
    ana = world.people["alias-cella-1"]
    nomination = do_nominate(acting_user=world.user("cell_secretary"), election=chair,
                             candidate=ana, self_nominated=True)
    assert nomination.status == Nomination.Status.ACCEPTED
    assert nomination.nominated_by == ana and nomination.accepted_on == timezone.localdate()


def test_it_waits_for_the_candidates_acceptance_of_a_nomination_by_another(world, chair):
    ana, ben = world.people["alias-cella-1"], world.people["alias-cella-2"]
    nomination = do_nominate(acting_user=world.user("cell_secretary"), election=chair,
                             candidate=ana, nominated_by=ben)
    assert nomination.status == Nomination.Status.PROPOSED
    do_accept_nomination(acting_user=world.user("cell_secretary"), nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.ACCEPTED


def test_it_refuses_a_non_member_of_the_organ(world, chair):
    _refused("not_member", acting_user=None, election=chair,
             candidate=world.people["alias-cellb-1"], self_nominated=True)


def test_it_refuses_a_contact(world, chair, member):
    _refused("not_member", acting_user=None, election=chair,
             candidate=member("contact-1", kind="contact"), self_nominated=True)


def test_it_refuses_a_candidate_for_membership(world, chair, member):
    _refused("not_full_member", acting_user=None, election=chair,
             candidate=member("cand-1", status="candidate"), self_nominated=True)


def test_it_refuses_a_nomination_by_a_candidate_for_membership(world, chair, member):
    _refused("nominator", acting_user=None, election=chair,
             candidate=world.people["alias-cella-1"], nominated_by=member(
                 "cand-2", status="candidate"))


def test_it_refuses_the_same_candidate_twice(world, chair):
    ana = world.people["alias-cella-1"]
    do_nominate(acting_user=None, election=chair, candidate=ana, self_nominated=True)
    _refused("twice", acting_user=None, election=chair, candidate=ana,
             nominated_by=world.people["alias-cella-2"])


def test_it_refuses_a_nomination_after_the_deadline(world):
    today = timezone.localdate()
    late = do_create_election(acting_user=None, unit=world.units["cell_a"], data={
        "title": "Chairperson", "nominations_close": today - timedelta(days=1),
        "held_on": today})
    _refused("deadline", acting_user=None, election=late,
             candidate=world.people["alias-cella-1"], self_nominated=True)


def test_it_refuses_a_public_name_outside_a_recorded_election(world, chair):
    _refused("candidate", acting_user=None, election=chair, public_name="A Public Figure")


def test_it_names_public_figures_only_in_a_recorded_election(world):
    recorded = do_create_election(acting_user=None, unit=world.units["rp_cc"], data={
        "title": "Chairperson", "method": "recorded",
        "held_on": timezone.localdate() - timedelta(days=900)})
    _refused("public_name", acting_user=None, election=recorded,
             candidate=world.people["alias-rpcc-1"], self_nominated=True)
    nomination = do_nominate(acting_user=None, election=recorded, public_name="A Figure",
                             self_nominated=True)
    assert nomination.status == Nomination.Status.ACCEPTED and nomination.candidate is None


def test_it_lets_a_member_nominate_only_in_her_own_name(world, chair):
    member_user = world.user("cell_member")
    member_user.person = world.people["alias-cella-2"]
    member_user.save()
    _refused("not_yours", acting_user=member_user, election=chair,
             candidate=world.people["alias-cella-2"],
             nominated_by=world.people["alias-cella-1"])
    nomination = do_nominate(acting_user=member_user, election=chair,
                             candidate=world.people["alias-cella-1"],
                             nominated_by=world.people["alias-cella-2"])
    assert nomination.nominated_by == world.people["alias-cella-2"]


def test_it_records_a_withdrawal_in_favour_of_another_candidate(world, chair):
    ana = do_nominate(acting_user=None, election=chair,
                      candidate=world.people["alias-cella-1"], self_nominated=True)
    ben = do_nominate(acting_user=None, election=chair,
                      candidate=world.people["alias-cella-2"], self_nominated=True)
    do_withdraw_nomination(acting_user=world.user("cell_secretary"), nomination=ben,
                           in_favour_of=ana)
    ben.refresh_from_db()
    assert ben.status == Nomination.Status.WITHDRAWN and ben.in_favour_of == ana
    with pytest.raises(ValidationError):
        do_withdraw_nomination(acting_user=None, nomination=ana, in_favour_of=ana)


def test_it_lets_only_the_candidate_or_the_secretary_answer(world, chair):
    nomination = do_nominate(acting_user=None, election=chair,
                             candidate=world.people["alias-cella-1"],
                             nominated_by=world.people["alias-cella-2"])
    with pytest.raises(ValidationError):
        do_accept_nomination(acting_user=world.user("cell_member"), nomination=nomination)
    candidate_user = world.user("cell_member")
    candidate_user.person = world.people["alias-cella-1"]
    candidate_user.save()
    do_accept_nomination(acting_user=candidate_user, nomination=nomination)
    assert Nomination.objects.get(pk=nomination.pk).status == Nomination.Status.ACCEPTED


def test_it_refuses_nominations_once_the_vote_is_open(world, chair):
    Election.objects.filter(pk=chair.pk).update(status=Election.Status.VOTING)
    _refused("status", acting_user=None, election=chair,
             candidate=world.people["alias-cella-1"], self_nominated=True)
