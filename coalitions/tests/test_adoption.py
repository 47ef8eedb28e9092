"""Answers and adoption (coalitions/actions.py): the rule reached exactly, not one approval
before; answers changed until the deadline; later signatories; what is refused."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from coalitions.actions import (
    do_answer,
    do_change_answer,
    do_enter_written_answer,
    do_propose,
    do_sign_later,
    do_take_up,
)
from coalitions.models import Answer, CoalitionResolution, Signatory, StatusChange
from coalitions.tests.world import circulation, member

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def _days(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


def _written(world, circ, n: int, days: int, vote: str = "approve") -> Answer:
    return do_enter_written_answer(acting_user=world.user("coalition_office"), circulation=circ,
                                   organization=member(n), vote=vote, received_on=_days(days))


def test_it_adopts_exactly_at_the_threshold_and_not_one_approval_before(world):
    circ = circulation(world, needed=3)
    _written(world, circ, 1, 4)
    _written(world, circ, 2, 3, vote="reject")
    _written(world, circ, 3, 2)
    resolution = CoalitionResolution.objects.get(pk=circ.resolution_id)
    assert resolution.status == "circulated" and resolution.adopted_on is None
    assert not Signatory.objects.exists()
    # The third approval, from RP through a user acting for it, adopts it in its transaction.
    do_answer(acting_user=world.user("cell_member"), circulation=circ,
              organization=world.orgs["rp"], vote="approve", comment="Agreed.")
    resolution.refresh_from_db()
    assert resolution.status == "adopted" and resolution.adopted_on == TODAY
    assert sorted(Signatory.objects.values_list("organization__acronym", "signed_on")) == [
        ("M1", _days(4)), ("M3", _days(2)), ("RP", TODAY)]
    assert list(StatusChange.objects.filter(resolution=resolution).values_list(
        "status", flat=True)) == ["draft", "circulated", "adopted"]


def test_it_dates_the_adoption_by_the_approval_that_reached_the_rule(world):
    circ = circulation(world, needed=2)
    _written(world, circ, 1, 1)
    _written(world, circ, 2, 3)  # entered later, given earlier
    resolution = CoalitionResolution.objects.get(pk=circ.resolution_id)
    assert resolution.adopted_on == _days(1)


def test_it_reaches_a_share_of_the_organizations_asked(world):
    circ = circulation(world, kind="share", share=50)  # 5 asked: 3 approvals
    assert circ.organizations.count() == 5
    _written(world, circ, 1, 3)
    _written(world, circ, 2, 2)
    assert CoalitionResolution.objects.get(pk=circ.resolution_id).status == "circulated"
    _written(world, circ, 3, 1)
    assert CoalitionResolution.objects.get(pk=circ.resolution_id).status == "adopted"


def test_it_refuses_a_second_answer_and_keeps_the_history_of_a_change(world):
    circ = circulation(world)
    acting = world.user("cell_member")
    first = do_answer(acting_user=acting, circulation=circ, organization=world.orgs["rp"],
                      vote="abstain")
    with pytest.raises(ValidationError, match="already answered"):
        do_answer(acting_user=acting, circulation=circ, organization=world.orgs["rp"],
                  vote="approve")
    second = do_change_answer(acting_user=acting, answer=first, vote="reject",
                              comment="On reflection.")
    rows = Answer.objects.filter(organization=world.orgs["rp"]).order_by("created_at")
    assert [(a.vote, a.replaced_at is not None) for a in rows] == [("abstain", True),
                                                                  ("reject", False)]
    assert second.comment == "On reflection."


def test_it_refuses_answers_after_the_deadline_from_non_members_and_non_acting_users(world):
    circ = circulation(world, deadline_days=0, started_days=3)
    with pytest.raises(ValidationError, match="do not act"):
        do_answer(acting_user=world.user("cell_secretary"), circulation=circ,
                  organization=world.orgs["rp"], vote="approve")
    with pytest.raises(ValidationError, match="not asked"):
        do_answer(acting_user=world.user("outsider"), circulation=circ,
                  organization=world.orgs["op"], vote="approve")
    type(circ).objects.filter(pk=circ.pk).update(deadline=_days(1), circulated_on=_days(3))
    circ.refresh_from_db()
    with pytest.raises(ValidationError, match="deadline"):
        do_answer(acting_user=world.user("cell_member"), circulation=circ,
                  organization=world.orgs["rp"], vote="approve")
    with pytest.raises(ValidationError, match="deadline"):
        _written(world, circ, 1, 0)
    assert not Answer.objects.exists()


def test_it_adds_later_signatories_only_after_adoption(world):
    circ = circulation(world, needed=1)
    resolution = CoalitionResolution.objects.get(pk=circ.resolution_id)
    with pytest.raises(ValidationError, match="Only an adopted"):
        do_sign_later(acting_user=world.user("cell_member"), resolution=resolution,
                      organization=world.orgs["rp"])
    _written(world, circ, 1, 2)
    later = do_sign_later(acting_user=world.user("cell_member"), resolution=resolution,
                          organization=world.orgs["rp"])
    assert later.later and later.signed_on == TODAY
    with pytest.raises(ValidationError, match="already signed"):
        do_sign_later(acting_user=world.user("coalition_office"), resolution=resolution,
                      organization=member(1))
    with pytest.raises(ValidationError, match="not a member"):
        do_sign_later(acting_user=world.user("outsider"), resolution=resolution,
                      organization=world.orgs["op"])
    assert resolution.signatories.count() == 2


def test_it_takes_a_proposal_up_without_naming_who_wrote_it(world):
    from access.actions import do_grant_role

    do_grant_role(acting_user=None, user=world.user("cell_member"), unit=world.units["cell_a"],
                  kind="member", international_work=True)
    proposal = do_propose(acting_user=world.user("cell_member"),
                          organization=world.orgs["rp"], coalition=world.coalition,
                          title="A proposal", language="en", body="Text.")
    assert proposal.status == "proposed" and proposal.proposed_by == world.orgs["rp"]
    assert not CoalitionResolution.objects.restrict(world.user("outsider")).filter(
        pk=proposal.pk).exists()
    with pytest.raises(ValidationError):
        do_take_up(acting_user=world.user("cell_member"), resolution=proposal)
    assert do_take_up(acting_user=world.user("coalition_office"),
                      resolution=proposal).status == "draft"
    with pytest.raises(ValidationError, match="not a member"):
        do_propose(acting_user=world.user("outsider"), organization=world.orgs["op"],
                   coalition=world.coalition, title="X", language="en", body="Y")
