"""What a member organization sends to a campaign: the components it takes up and the
actions it announces, and the office's publishing of an announcement.

Each is a record sent to the coalition (``COALITION_SENT``): it names the organization, and a
name only when the organization signs with one; never the user, person or unit who wrote it.
The sending's audit row is filed with the sender's unit (the unit of the role that gives the
right), the copy's own row names no actor, as ``agitprop.actions.do_send_correspondence``
does. The right to act for an organization is ``coalitions.rights`` (international work).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.models import Role
from audit.log import record, snapshot
from campaigns.models import ActionAnnouncement, Campaign, Component, Uptake
from coalitions.rights import organizations_acting_for
from organizations.models import CoalitionMembership, Organization

#: Memberships whose organizations take part in the coalition's campaigns.
TAKING_PART = (CoalitionMembership.Status.MEMBER, CoalitionMembership.Status.SIGNATORY)


def check_sender(acting_user: Any, campaign: Campaign, organization: Organization) -> None:
    """The organization takes part in the coalition, and the user may act for it (a
    command, ``acting_user`` None, acts for any)."""
    if not CoalitionMembership.objects.filter(
            coalition_id=campaign.coalition_id, organization=organization,
            status__in=TAKING_PART).exists():
        raise ValidationError({"organization": _(
            "This organization is not a member of %(coalition)s.")
            % {"coalition": campaign.coalition.name}})
    if acting_user is not None and not organizations_acting_for(acting_user).filter(
            pk=organization.pk).exists():
        raise ValidationError({"organization": _(
            "You do not act for this organization toward its coalitions.")})


def _sender_unit_id(acting_user: Any, organization: Organization) -> int | None:
    """The unit the sending is filed with: that of the user's role in the organization."""
    if acting_user is None:
        return None
    role = (Role.objects.filter(user=acting_user, unit__organization=organization)
            .active(timezone.localdate()).order_by("unit__path").first())
    return role.unit_id if role is not None else None


def _save_sent(obj: Any, acting_user: Any, organization: Organization) -> None:
    obj.full_clean()
    # The coalition's copy: its audit row names no actor. (The database wall covers the
    # units' tables, not the coalitions': no wider scope is needed to write it.)
    obj.save()
    record(actor=None, action="create", obj=obj)
    unit_id = _sender_unit_id(acting_user, organization)
    if unit_id is not None:
        record(actor=acting_user, action="create", obj=obj, unit_id=unit_id)


@transaction.atomic
def do_take_up(*, acting_user, campaign: Campaign, organization: Organization,
               components: Iterable[Component], signed_as: str = "") -> list[Uptake]:
    """The organization takes up these components (those it took up already stay, once)."""
    check_sender(acting_user, campaign, organization)
    made = []
    for component in components:
        if component.campaign_id != campaign.pk:
            raise ValidationError({"components": _("That component is not this campaign's.")})
        if Uptake.objects.filter(component=component, organization=organization).exists():
            continue
        uptake = Uptake(campaign=campaign, component=component, organization=organization,
                        signed_as=signed_as.strip())
        _save_sent(uptake, acting_user, organization)
        made.append(uptake)
    return made


@transaction.atomic
def do_announce_action(*, acting_user, campaign: Campaign, organization: Organization,
                       what: str, city: str, country: str, date: date,
                       component: Component | None = None,
                       signed_as: str = "") -> ActionAnnouncement:
    check_sender(acting_user, campaign, organization)
    if campaign.ends_on and date > campaign.ends_on or date < campaign.starts_on:
        raise ValidationError({"date": _("The date is outside the campaign.")})
    announcement = ActionAnnouncement(
        campaign=campaign, organization=organization, component=component, what=what.strip(),
        city=city.strip(), country=country.strip(), date=date, signed_as=signed_as.strip())
    _save_sent(announcement, acting_user, organization)
    return announcement


@transaction.atomic
def do_publish_announcement(*, acting_user, announcement: ActionAnnouncement,
                            published: bool = True) -> ActionAnnouncement:
    """The office publishes an announced action: the other members see it, and the public
    page shows it once the campaign is published (or takes it back)."""
    announcement = ActionAnnouncement.objects.select_for_update().get(pk=announcement.pk)
    if announcement.published == published:
        return announcement
    before = snapshot(announcement)
    announcement.published = published
    announcement.published_at = timezone.now() if published else None
    announcement.save(update_fields=["published", "published_at"])
    record(actor=acting_user, action="update", obj=announcement, before=before)
    return announcement
