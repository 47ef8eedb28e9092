"""What member organizations send to a campaign: only for an organization the user acts for
(international work) that takes part in the coalition; the coalition's copy names the
organization, never the user; the other members see an action once the office publishes it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from campaigns import sending
from campaigns.models import ActionAnnouncement, Uptake
from campaigns.tests.helpers import START, announce, campaign, give_international_work
from organizations.actions import do_set_membership

pytestmark = pytest.mark.django_db


def _announce_as(user, world, made, **extra):
    return sending.do_announce_action(
        acting_user=user, campaign=made, organization=world.orgs["rp"], what="Fictional: rally",
        city="Red City", country="Nowhere", date=extra.pop("date", START), **extra)


def test_it_needs_the_international_work_right(world):
    made = campaign(world)
    with pytest.raises(ValidationError, match="do not act for this organization"):
        _announce_as(world.user("cell_secretary"), world, made)
    give_international_work(world)
    sent = _announce_as(world.user("cell_secretary"), world, made)
    assert sent.organization == world.orgs["rp"] and not sent.published


def test_it_refuses_an_organization_outside_the_coalition(world):
    made = campaign(world)
    with pytest.raises(ValidationError, match="not a member of Test Coalition"):
        sending.do_announce_action(acting_user=None, campaign=made,
                                   organization=world.orgs["op"], what="x", city="y",
                                   country="z", date=START)
    do_set_membership(acting_user=None, coalition=world.coalition,
                      organization=world.orgs["op"], data={"status": "observer"})
    with pytest.raises(ValidationError, match="not a member"):
        sending.do_take_up(acting_user=None, campaign=made, organization=world.orgs["op"],
                           components=made.components.all())
    assert not ActionAnnouncement.objects.exists() and not Uptake.objects.exists()


def test_it_refuses_a_date_outside_the_campaign(world):
    made = campaign(world)
    with pytest.raises(ValidationError, match="outside the campaign"):
        _announce_as(None, world, made, date=date(2022, 11, 30))


def test_the_coalitions_copy_names_no_one_and_the_units_log_keeps_the_sender(world):
    give_international_work(world)
    sent = _announce_as(world.user("cell_secretary"), world, campaign(world))
    rows = AuditEvent.objects.filter(model="campaigns.ActionAnnouncement",
                                     object_id=sent.pk).order_by("seq")
    assert [(r.actor_id, r.unit_id) for r in rows] == [
        (None, None), (world.user("cell_secretary").pk, world.units["cell_a"].pk)]


def test_the_other_members_see_an_action_once_published(world):
    made = campaign(world)
    do_set_membership(acting_user=None, coalition=world.coalition,
                      organization=world.orgs["op"], data={"status": "member"})
    sent = announce(world, made)
    other_member, sender, office = (world.user(n) for n in ("outsider", "cell_member",
                                                            "coalition_office"))
    seen = ActionAnnouncement.objects.restrict
    assert seen(sender).filter(pk=sent.pk).exists() and seen(office).filter(pk=sent.pk).exists()
    assert not seen(other_member).filter(pk=sent.pk).exists()
    sending.do_publish_announcement(acting_user=office, announcement=sent)
    assert seen(other_member).filter(pk=sent.pk).exists()
    # Only the office changes what was sent.
    assert not seen(sender, "change").filter(pk=sent.pk).exists()
    assert seen(office, "change").filter(pk=sent.pk).exists()


def test_taking_up_twice_keeps_one(world):
    made = campaign(world)
    first = made.components.first()
    assert len(sending.do_take_up(acting_user=None, campaign=made,
                                  organization=world.orgs["rp"], components=[first])) == 1
    assert sending.do_take_up(acting_user=None, campaign=made, organization=world.orgs["rp"],
                              components=[first]) == []
    assert Uptake.objects.count() == 1
