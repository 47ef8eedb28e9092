"""``Anchor(COALITION_SENT, ...)``: what is sent to a coalition is read by its office, by the
sending organization's users and, where the record says so, by the member organizations'
users; only the office changes it (access/scope.py ``Scope.coalition_sent_q``). Shown on the
coalitions app's records."""

import datetime

import pytest

from access.anchor import COALITION, COALITION_SENT, RECORD, Anchor
from coalitions.models import Answer, Circulation, CoalitionResolution
from organizations.models import CoalitionMembership

pytestmark = pytest.mark.django_db

RP_USERS = ("cell_secretary", "cell_member", "sibling_secretary", "overseer", "committee_member")
ACTIONS = ("add", "change", "delete", "reveal")


def _sees(user, obj, action="view") -> bool:
    return type(obj).objects.restrict(user, action).filter(pk=obj.pk).exists()


def _resolution(world, **fields) -> CoalitionResolution:
    return CoalitionResolution.objects.create(coalition=world.coalition, title="A call",
                                              **fields)


def test_it_requires_a_sender_on_sent_records_and_only_there():
    with pytest.raises(ValueError, match="sender"):
        Anchor(COALITION_SENT, "coalition")
    for kind in (RECORD, COALITION):
        with pytest.raises(ValueError, match="sender"):
            Anchor(kind, "coalition", sender="organization")
        with pytest.raises(ValueError, match="shared"):
            Anchor(kind, "coalition", shared="circulated")


def test_it_shows_the_offices_draft_to_the_office_alone(world):
    draft = _resolution(world)
    assert _sees(world.user("coalition_office"), draft)
    assert _sees(world.user("coalition_office"), draft, "change")
    for name in (*RP_USERS, "outsider", "anonymous"):
        assert not _sees(world.user(name), draft), name


def test_it_shows_a_proposal_to_the_sender_and_the_office_and_lets_only_the_office_change_it(
        world):
    proposal = _resolution(world, proposed_by=world.orgs["rp"], status="proposed")
    for name in RP_USERS:  # any role in the sending organization
        assert _sees(world.user(name), proposal), name
        for action in ACTIONS:
            assert not _sees(world.user(name), proposal, action), (name, action)
    assert _sees(world.user("coalition_office"), proposal, "change")
    assert not _sees(world.user("outsider"), proposal)


def test_it_shows_a_shared_record_to_member_and_signatory_organizations_only(world):
    circulated = _resolution(world, circulated=True, status="circulated")
    assert all(_sees(world.user(name), circulated) for name in RP_USERS)
    assert not _sees(world.user("outsider"), circulated)  # Other Party is no member
    membership = CoalitionMembership.objects.get(coalition=world.coalition,
                                                 organization=world.orgs["rp"])
    for status, sees in [("signatory", True), ("observer", False), ("suspended", False),
                         ("left", False)]:
        CoalitionMembership.objects.filter(pk=membership.pk).update(status=status)
        assert _sees(world.user("cell_member"), circulated) is sees, status
    assert not _sees(world.user("cell_member"), circulated, "change")


def test_it_keeps_an_unshared_record_between_the_sender_and_the_office(world):
    from organizations.actions import do_set_membership

    do_set_membership(acting_user=world.user("coalition_office"), coalition=world.coalition,
                      organization=world.orgs["op"], data={"status": "member"})
    circulated = _resolution(world, circulated=True, status="circulated")
    circulation = Circulation.objects.create(resolution=circulated,
                                             circulated_on=datetime.date(2022, 10, 1),
                                             deadline=datetime.date(2022, 11, 30))
    answer = Answer.objects.create(circulation=circulation, organization=world.orgs["rp"],
                                   vote="approve", answered_on=datetime.date(2022, 10, 2))
    assert _sees(world.user("outsider"), circulated)  # now a member: reads the resolution
    assert not _sees(world.user("outsider"), answer)  # but not another member's answer
    assert _sees(world.user("cell_member"), answer)
    assert not _sees(world.user("cell_secretary"), answer, "change")
    assert _sees(world.user("coalition_office"), answer, "change")
    assert not Answer.objects.restrict(None).exists()


def test_it_lists_each_row_once_through_several_memberships(world):
    circulated = _resolution(world, circulated=True, status="circulated")
    rows = CoalitionResolution.objects.restrict(world.user("cell_member")).filter(
        pk=circulated.pk)
    assert rows.count() == 1
