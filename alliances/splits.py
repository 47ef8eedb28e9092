"""Recording a split (issue #11, point 8): who left, and what it took from each organ.

``do_record_split`` writes, in one transaction, the ``Split``; for each departing member a
``Departure`` and the status "left" (through ``people.actions.do_update_person``, so that the
status history has it); the counts per organ; and the lineage events on both organizations
(split off, split from) through ``organizations.actions.do_add_lineage_event``, unless the
profile already has them.

Why a ``Departure`` of this app rather than new columns on ``people.StatusChange``: the
status history stays the people app's own (one status, one date), the reason and the new
organization are the split's, and a departure names the split it belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliances.models import Departure, Split, SplitCount
from audit.log import record
from organizations.actions import do_add_lineage_event
from organizations.models import LineageEvent, Organization, Unit
from people.actions import do_update_person
from people.models import Person


@dataclass(frozen=True)
class OrganCount:
    """What a split took from one organ: ``left`` of ``of`` members, and in words."""

    unit: Unit
    left: int | None = None
    of: int | None = None
    description: str = ""


def _check_split(organization: Organization, new_organization: Organization | None,
                 new_name: str, year: int) -> None:
    if new_organization is None and not new_name:
        raise ValidationError({"new_organization": _("Name the new organization.")})
    if new_organization is not None and new_organization.pk == organization.pk:
        raise ValidationError({"new_organization": _(
            "The new organization is another one than the one that split.")})
    if year > timezone.localdate().year:
        raise ValidationError({"year": _("The date cannot be in the future.")})


def _check_counts(organization: Organization, counts: Sequence[OrganCount]) -> None:
    units = [c.unit.pk for c in counts]
    if len(set(units)) != len(units):
        raise ValidationError(_("Give each organ's count once."), code="counts")
    for count in counts:
        if count.unit.organization_id != organization.pk:
            raise ValidationError(_("“%(unit)s” is not an organ of this organization.") % {
                "unit": count.unit.name}, code="counts")
        if count.left is None and not count.description.strip():
            raise ValidationError(_("Say how many left “%(unit)s”, in numbers or words.") % {
                "unit": count.unit.name}, code="counts")
        if count.left is not None and count.of is not None and count.left > count.of:
            raise ValidationError(_("More members left “%(unit)s” than it had.") % {
                "unit": count.unit.name}, code="counts")


def _check_departures(organization: Organization, people: Sequence[Person]) -> None:
    if len({p.pk for p in people}) != len(people):
        raise ValidationError(_("Name each departing member once."), code="departures")
    for person in people:
        if person.unit.organization_id != organization.pk or person.kind != Person.Kind.MEMBER:
            raise ValidationError(_("%(alias)s is not a member of this organization.") % {
                "alias": person.alias}, code="departures")
        if person.status == Person.Status.LEFT:
            raise ValidationError(_("%(alias)s has already left.") % {"alias": person.alias},
                                  code="departures")


def _lineage(acting_user: Any, organization: Organization, kind: str,
             other: Organization | None, other_name: str, *, year: int, day: date | None,
             note: str) -> None:
    events = LineageEvent.objects.filter(organization=organization, kind=kind)
    if not (events.filter(other=other) if other else events.filter(other_name=other_name)
            ).exists():
        do_add_lineage_event(acting_user=acting_user, organization=organization, data={
            "kind": kind, "other": other, "other_name": "" if other else other_name,
            "year": year, "date": day, "note": note})


@transaction.atomic
def do_record_split(*, acting_user: Any, organization: Organization,
                    new_organization: Organization | None = None,
                    new_organization_name: str = "", date: date | None = None,
                    year: int | None = None, departures: Sequence[Person] = (),
                    counts: Sequence[OrganCount] = (), note: str = "") -> Split:
    """Record that members of ``organization`` left to form ``new_organization`` on
    ``date`` (or in ``year`` when only that is known). A historical split gives counts and
    no persons. A new organization out of the directory is named
    (``new_organization_name``), like a lineage event's other organization."""
    new_name = "" if new_organization is not None else new_organization_name.strip()
    year = date.year if date is not None else year
    if year is None:
        raise ValidationError({"date": _("Give the date of the split, or at least its year.")})
    if date is not None and date > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})
    _check_split(organization, new_organization, new_name, year)
    _check_counts(organization, counts)
    people = list(Person.objects.select_for_update(of=("self",)).select_related("unit")
                  .filter(pk__in=[p.pk for p in departures]))
    if len(people) != len(departures):
        raise ValidationError(_("Name each departing member once."), code="departures")
    _check_departures(organization, people)
    if people and date is None:
        raise ValidationError({"date": _("Give the day the members left.")})
    split = Split(organization=organization, new_organization=new_organization,
                  new_organization_name=new_name, date=date, year=year, note=note.strip())
    split.full_clean()
    split.save()
    record(actor=acting_user, action="create", obj=split)
    for count in counts:
        row = SplitCount(split=split, unit=count.unit, left=count.left, of=count.of,
                         description=count.description.strip())
        row.full_clean()
        row.save()
        record(actor=acting_user, action="create", obj=row)
    for person in people:
        assert date is not None  # required above when members are named
        do_update_person(acting_user=acting_user, person=person,
                         data={"status": Person.Status.LEFT, "status_since": date})
        departure = Departure(person=person, split=split, date=date)
        departure.save()
        record(actor=acting_user, action="create", obj=departure)
    _lineage(acting_user, organization, LineageEvent.Kind.SPLIT_OFF, new_organization,
             new_name, year=year, day=date, note=split.note)
    if new_organization is not None:
        _lineage(acting_user, new_organization, LineageEvent.Kind.SPLIT_FROM, organization,
                 "", year=year, day=date, note=split.note)
    return split
