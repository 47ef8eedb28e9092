"""Writes of the coalition office: campaigns, their components, the day of action, the
material package and publishing. The views check the office's right (``change`` on the
campaign's coalition, through the anchor); these keep the invariants and write the audit."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from campaigns import files
from campaigns.models import Campaign, Component, DayOfAction, Material
from organizations.models import Coalition

CAMPAIGN_FIELDS = ("title", "description", "language", "starts_on", "ends_on")


@transaction.atomic
def do_create_campaign(*, acting_user, coalition: Coalition, data: dict) -> Campaign:
    campaign = Campaign(coalition=coalition, **{k: v for k, v in data.items()
                                                if k in (*CAMPAIGN_FIELDS, "resolution")})
    campaign.full_clean()
    campaign.save()
    record(actor=acting_user, action="create", obj=campaign)
    return campaign


@transaction.atomic
def do_update_campaign(*, acting_user, campaign: Campaign, data: dict) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    before = snapshot(campaign)
    for name in (*CAMPAIGN_FIELDS, "resolution"):
        if name in data:
            setattr(campaign, name, data[name])
    campaign.full_clean()
    campaign.save()
    record(actor=acting_user, action="update", obj=campaign, before=before)
    return campaign


@transaction.atomic
def do_set_campaign_published(*, acting_user, campaign: Campaign, published: bool) -> Campaign:
    """Publish the campaign's public page (or take it down). Only what is itself marked
    published or public appears on it."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if published == campaign.is_published:
        return campaign
    before = snapshot(campaign)
    campaign.published_at = timezone.now() if published else None
    campaign.save(update_fields=["published_at", "updated_at", "version"])
    record(actor=acting_user, action="update", obj=campaign, before=before)
    return campaign


@transaction.atomic
def do_add_component(*, acting_user, campaign: Campaign, title: str, description: str = "",
                     number: int | None = None) -> Component:
    """A component, numbered after the last one unless a number is given."""
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()  # numbers in turn
    if number is None:
        number = (campaign.components.aggregate(n=Max("number"))["n"] or 0) + 1
    elif campaign.components.filter(number=number).exists():
        raise ValidationError({"number": _("The campaign already has a component %(n)s.")
                               % {"n": number}})
    component = Component(campaign=campaign, number=number, title=title,
                          description=description)
    component.full_clean()
    component.save()
    record(actor=acting_user, action="create", obj=component)
    return component


@transaction.atomic
def do_set_day_of_action(*, acting_user, campaign: Campaign, starts_on: date,
                         ends_on: date | None = None, window_text: str = "",
                         note: str = "") -> DayOfAction:
    """Set the day of action: a window (its words and dates) or, with ``ends_on`` empty or
    equal, a fixed date. Each setting is a new row: the history shows the window, then the
    date."""
    day = DayOfAction(campaign=campaign, starts_on=starts_on, ends_on=ends_on or starts_on,
                      window_text=window_text.strip(), note=note.strip())
    day.full_clean()
    current = campaign.day_of_action
    if current is not None and (current.starts_on, current.ends_on, current.window_text) == (
            day.starts_on, day.ends_on, day.window_text):
        return current  # the same again changes nothing
    day.save()
    record(actor=acting_user, action="create", obj=day)
    return day


@transaction.atomic
def do_add_material(*, acting_user, campaign: Campaign, title: str, kind: str, language: str,
                    content: bytes, public: bool = False) -> Material:
    """Check the file (type by content, size, metadata: ``campaigns/files.py``) and store it
    with its record; a refused file stores nothing."""
    stored = files.prepare(content)
    material = Material(campaign=campaign, title=title, kind=kind, language=language,
                        public=public, file_sha256=stored.sha256,
                        file_type=stored.content_type, file_size=stored.size)
    material.full_clean()
    material.save()
    # In the transaction: a file left by a rollback is the very file the next try writes.
    files.store(stored)
    record(actor=acting_user, action="create", obj=material)
    return material


@transaction.atomic
def do_set_material_public(*, acting_user, material: Material, public: bool) -> Material:
    material = Material.objects.select_for_update().get(pk=material.pk)
    if material.public == public:
        return material
    before = snapshot(material)
    material.public = public
    material.save(update_fields=["public", "updated_at", "version"])
    record(actor=acting_user, action="update", obj=material, before=before)
    return material
