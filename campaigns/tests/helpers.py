"""A campaign of the cast's Test Coalition (its office: ``coalition_office``; its members: the
Red Party, whose cell secretary acts for it in the tests through a role with international
work, and the Profile Org)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from access.actions import do_grant_role
from access.models import Role
from campaigns import actions, sending
from campaigns.models import ActionAnnouncement, Campaign

START = date(2022, 12, 1)


def campaign(world, *, published: bool = True, title: str = "Solidarity with Iran") -> Campaign:
    made = actions.do_create_campaign(acting_user=None, coalition=world.coalition, data={
        "title": title, "starts_on": START, "description": "Broad educational work."})
    actions.do_add_component(acting_user=None, campaign=made, title="Educational work",
                             description="Lectures and songs.")
    actions.do_add_component(acting_user=None, campaign=made, title="Day of action")
    if published:
        actions.do_set_campaign_published(acting_user=None, campaign=made, published=True)
    return made


def announce(world, made: Campaign, *, what: str = "Fictional: rally", published: bool = False,
             org: str = "rp", day: date = START) -> ActionAnnouncement:
    announcement = sending.do_announce_action(
        acting_user=None, campaign=made, organization=world.orgs[org], what=what,
        city="Red City", country="Nowhere", date=day,
        component=made.components.order_by("number").first())
    if published:
        sending.do_publish_announcement(acting_user=None, announcement=announcement)
    return announcement


def give_international_work(world, name: str = "cell_secretary") -> None:
    """The cast's cell secretary may act for the Red Party (its role gets the right)."""
    role = Role.objects.get(user=world.user(name), until__isnull=True)
    do_grant_role(acting_user=None, user=role.user, unit=role.unit, kind=role.kind,
                  oversight=role.oversight, identity_access=role.identity_access,
                  international_work=True)


def url(name: str, obj) -> str:
    return reverse(name, kwargs={"uid": obj.uid})
