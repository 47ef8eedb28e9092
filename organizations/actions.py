"""Writes to coalitions, organizations and units: validated, one transaction, audited.

Callers (views, API, commands) check access first with access.helpers; these functions do
the work. Keyword-only arguments and an ``acting_user`` on every one, as in Zulip's do_*.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from access import dbwall
from access.actions import do_add_office_user, do_grant_role
from access.scope import SECRETARY
from audit.log import record, snapshot
from organizations.models import (
    Coalition,
    CoalitionMembership,
    IdeologyTag,
    LineageEvent,
    Organization,
    PublicOffice,
    SisterLink,
    Unit,
)


@transaction.atomic
def do_create_coalition(*, acting_user, data: dict) -> Coalition:
    coalition = Coalition(**data)
    coalition.full_clean()
    coalition.save()
    record(actor=acting_user, action="create", obj=coalition)
    if acting_user is not None and acting_user.is_authenticated:
        do_add_office_user(acting_user=acting_user, coalition=coalition, user=acting_user)
    return coalition


@transaction.atomic
def do_update(*, acting_user, obj, data: dict):
    """Update plain fields of a coalition, organization, membership ... and audit the change
    with old and new values. Nothing changed: nothing saved, no audit row."""
    before = snapshot(obj)
    for key, value in data.items():
        setattr(obj, key, value)
    obj.full_clean()
    if snapshot(obj) != before:
        obj.save()
        record(actor=acting_user, action="update", obj=obj, before=before)
    return obj


def _set_tags(org: Organization, tags: list[str], *, acting_user) -> None:
    objs = []
    for name in dict.fromkeys(t.strip() for t in tags if t.strip()):
        tag, created = IdeologyTag.objects.get_or_create(name=name)
        if created:
            record(actor=acting_user, action="create", obj=tag)
        objs.append(tag)
    org.ideology_tags.set(objs)


@transaction.atomic
def do_create_organization(*, acting_user, data: dict, tags: Sequence[str] = (),
                           coalition: Coalition | None = None,
                           top_unit_name: str = "Congress") -> Organization:
    """Found an organization. Without a coalition the founder becomes secretary (with oversight
    and identity access) of its top unit; through a coalition the office keeps its profile."""
    org = Organization(**data, registered_by=coalition)
    org.full_clean()
    org.save()
    _set_tags(org, list(tags), acting_user=acting_user)
    record(actor=acting_user, action="create", obj=org, fields=["ideology_tags"])
    if coalition is not None:
        membership = CoalitionMembership(coalition=coalition, organization=org)
        membership.full_clean()
        membership.save()
        record(actor=acting_user, action="create", obj=membership)
    elif acting_user is not None and acting_user.is_authenticated:
        top = do_create_unit(acting_user=acting_user, organization=org, parent=None,
                             data={"name": top_unit_name, "kind": Unit.Kind.CONGRESS})
        do_grant_role(acting_user=acting_user, user=acting_user, unit=top, kind=SECRETARY,
                      oversight=True, identity_access=True)
    return org


@transaction.atomic
def do_update_organization(*, acting_user, org: Organization, data: dict,
                           tags: list[str] | None = None) -> Organization:
    from people.reindex import regions_followed

    with regions_followed(org):  # a phone region changed: its people are re-indexed
        do_update(acting_user=acting_user, obj=org, data=data)
    if tags is not None:
        before = sorted(org.ideology_tags.values_list("name", flat=True))
        _set_tags(org, tags, acting_user=acting_user)
        if before != sorted(t.strip() for t in tags if t.strip()):
            record(actor=acting_user, action="update", obj=org, fields=["ideology_tags"])
    return org


@transaction.atomic
def do_set_membership(*, acting_user, coalition: Coalition, organization: Organization,
                      data: dict) -> CoalitionMembership:
    membership, created = CoalitionMembership.objects.get_or_create(
        coalition=coalition, organization=organization, defaults=data)
    if created:
        membership.full_clean()
        record(actor=acting_user, action="create", obj=membership)
        return membership
    return do_update(acting_user=acting_user, obj=membership, data=data)


def _path_for(unit: Unit) -> str:
    return f"{unit.parent.path if unit.parent is not None else '/'}{unit.pk}/"


@transaction.atomic
def do_create_unit(*, acting_user, organization: Organization, parent: Unit | None,
                   data: dict) -> Unit:
    unit = Unit(organization=organization, parent=parent, **data)
    unit.full_clean(exclude=["path"])
    unit.save()
    dbwall.admit(units=[unit.pk])  # the creator's records and roles may go there at once
    unit.path = _path_for(unit)
    unit.save(update_fields=["path"])
    record(actor=acting_user, action="create", obj=unit)
    return unit


@transaction.atomic
def do_update_unit(*, acting_user, unit: Unit, data: dict) -> Unit:
    if "parent" in data or "parent_id" in data:
        raise ValueError("use do_move_unit to move a unit")
    from people.reindex import regions_followed

    with regions_followed(unit.organization):  # a phone region changed: re-indexed
        return do_update(acting_user=acting_user, obj=unit, data=data)


@transaction.atomic
def do_move_unit(*, acting_user, unit: Unit, new_parent: Unit) -> Unit:
    """Move a unit with its whole subtree; its records move with it because they point at it."""
    from people.reindex import regions_followed

    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    with regions_followed(unit.organization):  # the unit's region may come from elsewhere now
        return _move_unit(acting_user=acting_user, unit=unit, new_parent=new_parent)


def _move_unit(*, acting_user, unit: Unit, new_parent: Unit) -> Unit:
    before = snapshot(unit)
    unit.parent = new_parent
    unit.full_clean(exclude=["path"])
    old_path = unit.path
    unit.save(update_fields=["parent"])
    new_path = _path_for(unit)
    # Rewrite the prefix of every path in the subtree in one statement.
    Unit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1)))
    unit.path = new_path
    record(actor=acting_user, action="move", obj=unit, before=before)
    return unit


# --- profile details and registrations made from the web pages ---

def _not_in_future(errors: dict, *, field: str, day=None, year: int | None = None) -> None:
    today = timezone.localdate()
    if day is not None and day > today:
        errors[field] = _("The date cannot be in the future.")
    if year is not None and year > today.year:
        errors[field] = _("The year cannot be in the future.")


def _create_detail(*, acting_user, obj):
    obj.full_clean()
    obj.save()
    record(actor=acting_user, action="create", obj=obj)
    return obj


@transaction.atomic
def do_register_member_organization(*, acting_user, coalition: Coalition, data: dict,
                                    tags: Sequence[str] = (),
                                    membership: dict | None = None) -> CoalitionMembership:
    """A coalition office registers a new organization profile and its membership."""
    membership = dict(membership or {})
    errors: dict = {}
    _not_in_future(errors, field="joined_on", day=membership.get("joined_on"))
    if errors:
        raise ValidationError(errors)
    org = do_create_organization(acting_user=acting_user, data=data, tags=tags,
                                 coalition=coalition)
    return do_set_membership(acting_user=acting_user, coalition=coalition, organization=org,
                             data=membership)


@transaction.atomic
def do_add_lineage_event(*, acting_user, organization: Organization,
                         data: dict) -> LineageEvent:
    event = LineageEvent(organization=organization, **data)
    errors: dict = {}
    if event.other_id and event.other_id == organization.pk:
        errors["other"] = _("An organization has no lineage event with itself.")
    _not_in_future(errors, field="date", day=event.date)
    _not_in_future(errors, field="year", year=event.year)
    if event.date and event.year and event.date.year != event.year:
        errors["year"] = _("Does not match the date.")
    if errors:
        raise ValidationError(errors)
    return _create_detail(acting_user=acting_user, obj=event)


@transaction.atomic
def do_add_sister_link(*, acting_user, organization: Organization, data: dict) -> SisterLink:
    link = SisterLink(organization=organization, **data)
    if not link.sister_id and not link.sister_name.strip():
        raise ValidationError({"sister_name": _("Name the sister organization.")})
    if link.sister_id == organization.pk:
        raise ValidationError({"sister": _("An organization is not its own sister.")})
    if link.sister_id and SisterLink.objects.filter(organization=organization,
                                                    sister_id=link.sister_id).exists():
        raise ValidationError({"sister": _("This sister organization is already linked.")})
    return _create_detail(acting_user=acting_user, obj=link)


@transaction.atomic
def do_add_public_office(*, acting_user, organization: Organization,
                         data: dict) -> PublicOffice:
    office = PublicOffice(organization=organization, **data)
    errors: dict = {}
    _not_in_future(errors, field="since_year", year=office.since_year)
    if errors:
        raise ValidationError(errors)
    return _create_detail(acting_user=acting_user, obj=office)


@transaction.atomic
def do_add_affiliate(*, acting_user, organization: Organization, data: dict,
                     tags: Sequence[str] = ()) -> Organization:
    """A youth wing, union ... affiliated to ``organization``. A profile kept by a coalition
    office stays with that office; otherwise the founder becomes secretary of its top unit."""
    data = {**data, "parent_organization": organization}
    if not data.get("affiliation"):
        raise ValidationError({"affiliation": _("Choose the kind of affiliation.")})
    if organization.registered_by_id is None:
        return do_create_organization(acting_user=acting_user, data=data, tags=tags)
    org = Organization(**data, registered_by_id=organization.registered_by_id)
    org.full_clean()
    org.save()
    _set_tags(org, list(tags), acting_user=acting_user)
    record(actor=acting_user, action="create", obj=org, fields=["ideology_tags"])
    return org
