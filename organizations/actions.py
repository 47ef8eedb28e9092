"""Writes to coalitions, organizations and units: validated, one transaction, audited.

Callers (views, API, commands) check access first with access.helpers; these functions do
the work. Keyword-only arguments and an ``acting_user`` on every one, as in Zulip's do_*.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from access.models import CoalitionOffice, Role
from access.scope import SECRETARY, forget_scope
from audit.log import changed_fields, record
from organizations.models import (
    Coalition,
    CoalitionMembership,
    IdeologyTag,
    LineageEvent,
    Organization,
    Publication,
    PublicOffice,
    SisterLink,
    Unit,
)


def _snapshot(obj, names) -> dict:
    return {n: getattr(obj, n) for n in names}


def _editable(obj) -> list[str]:
    return [f.attname for f in obj._meta.concrete_fields if f.editable and not f.primary_key]


@transaction.atomic
def do_create_coalition(*, acting_user, data: dict) -> Coalition:
    coalition = Coalition(**data)
    coalition.full_clean()
    coalition.save()
    record(actor=acting_user, action="create", obj=coalition, fields=data.keys())
    if acting_user is not None and acting_user.is_authenticated:
        CoalitionOffice.objects.create(user=acting_user, coalition=coalition)
        forget_scope(acting_user)
    return coalition


@transaction.atomic
def do_update(*, acting_user, obj, data: dict):
    """Update plain fields of a coalition, organization, publication ... and audit the change."""
    names = _editable(obj)
    before = _snapshot(obj, names)
    for key, value in data.items():
        setattr(obj, key, value)
    obj.full_clean()
    obj.save()
    changed = changed_fields(before, _snapshot(obj, names))
    if changed:
        record(actor=acting_user, action="update", obj=obj, fields=changed)
    return obj


def _set_tags(org: Organization, tags: list[str]) -> None:
    objs = [IdeologyTag.objects.get_or_create(name=t.strip())[0] for t in tags if t.strip()]
    org.ideology_tags.set(objs)


@transaction.atomic
def do_create_organization(*, acting_user, data: dict, tags: list[str] = (),
                           coalition: Coalition | None = None,
                           top_unit_name: str = "Congress") -> Organization:
    """Found an organization. Without a coalition the founder becomes secretary (with oversight
    and identity access) of its top unit; through a coalition the office keeps its profile."""
    org = Organization(**data, registered_by=coalition)
    org.full_clean()
    org.save()
    _set_tags(org, list(tags))
    record(actor=acting_user, action="create", obj=org, fields=[*data.keys(), "ideology_tags"])
    if coalition is not None:
        membership = CoalitionMembership(coalition=coalition, organization=org)
        membership.full_clean()
        membership.save()
        record(actor=acting_user, action="create", obj=membership, fields=["coalition"])
    elif acting_user is not None and acting_user.is_authenticated:
        top = do_create_unit(acting_user=acting_user, organization=org, parent=None,
                             data={"name": top_unit_name, "kind": Unit.Kind.CONGRESS})
        Role.objects.create(user=acting_user, unit=top, kind=SECRETARY, oversight=True,
                            identity_access=True)
        forget_scope(acting_user)
    return org


@transaction.atomic
def do_update_organization(*, acting_user, org: Organization, data: dict,
                           tags: list[str] | None = None) -> Organization:
    do_update(acting_user=acting_user, obj=org, data=data)
    if tags is not None:
        before = sorted(org.ideology_tags.values_list("name", flat=True))
        _set_tags(org, tags)
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
        record(actor=acting_user, action="create", obj=membership, fields=data.keys())
        return membership
    return do_update(acting_user=acting_user, obj=membership, data=data)


def _path_for(unit: Unit) -> str:
    return f"{unit.parent.path if unit.parent_id else '/'}{unit.pk}/"


@transaction.atomic
def do_create_unit(*, acting_user, organization: Organization, parent: Unit | None,
                   data: dict) -> Unit:
    unit = Unit(organization=organization, parent=parent, **data)
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path = _path_for(unit)
    unit.save(update_fields=["path"])
    record(actor=acting_user, action="create", obj=unit, fields=[*data.keys(), "parent"],
           unit_id=unit.pk)
    return unit


@transaction.atomic
def do_update_unit(*, acting_user, unit: Unit, data: dict) -> Unit:
    if "parent" in data or "parent_id" in data:
        raise ValueError("use do_move_unit to move a unit")
    return do_update(acting_user=acting_user, obj=unit, data=data)


@transaction.atomic
def do_move_unit(*, acting_user, unit: Unit, new_parent: Unit) -> Unit:
    """Move a unit with its whole subtree; its records move with it because they point at it."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    unit.parent = new_parent
    unit.full_clean(exclude=["path"])
    old_path = unit.path
    unit.save(update_fields=["parent"])
    new_path = _path_for(unit)
    # Rewrite the prefix of every path in the subtree in one statement.
    Unit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1)))
    unit.path = new_path
    record(actor=acting_user, action="move", obj=unit, fields=["parent"], unit_id=unit.pk)
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
    fields = [f.attname for f in obj._meta.concrete_fields
              if not f.primary_key and getattr(obj, f.attname) not in (None, "")]
    record(actor=acting_user, action="create", obj=obj, fields=fields)
    return obj


@transaction.atomic
def do_register_member_organization(*, acting_user, coalition: Coalition, data: dict,
                                    tags: list[str] = (),
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
def do_add_publication(*, acting_user, organization: Organization, data: dict) -> Publication:
    publication = Publication(organization=organization, **data)
    errors: dict = {}
    _not_in_future(errors, field="started_year", year=publication.started_year)
    if errors:
        raise ValidationError(errors)
    return _create_detail(acting_user=acting_user, obj=publication)


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
                     tags: list[str] = ()) -> Organization:
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
    _set_tags(org, list(tags))
    record(actor=acting_user, action="create", obj=org, fields=[*data.keys(), "ideology_tags"])
    return org
