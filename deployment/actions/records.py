"""What members give (their capacity, with its sealed location and notes) and what fields
need; assignments made by hand."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.log import record, snapshot
from deployment.actions.common import (
    CAPACITY_FIELDS,
    NEED_FIELDS,
    SEALED_CAPACITY_FIELDS,
    WEIGHT_FIELDS,
    _is_user,
    _negative,
    _set,
)
from deployment.location import COORDINATE_LIMITS, LOCATION_PARTS, Location
from deployment.models import (
    Area,
    DeploymentAssignment,
    FieldNeed,
    MemberCapacity,
)
from fieldwork.models import Field
from people.models import Person

# --- what members give and what fields need ---

def _field_choices(acting_user, organization_id: int, items: Iterable) -> list[Field]:
    ids = []
    for item in items:
        try:
            ids.append(int(getattr(item, "pk", item)))
        except (TypeError, ValueError):
            raise ValidationError({"excluded_fields": _("Unknown field: %(id)s.")
                                   % {"id": item}}) from None
    qs = (Field.objects.restrict(acting_user) if _is_user(acting_user) else Field.objects)
    found = list(qs.filter(pk__in=ids, unit__organization_id=organization_id))
    missing = sorted(set(ids) - {f.pk for f in found})
    if missing:
        # Unknown and outside the user's scope read the same.
        raise ValidationError({"excluded_fields": ngettext(
            "Unknown field: %(ids)s.", "Unknown fields: %(ids)s.", len(missing))
            % {"ids": ", ".join(map(str, missing))}})
    return found


def _location_errors(parts: dict) -> dict:
    """Coordinates in range, and each place given whole (both or neither)."""
    errors: dict = {}
    for name in LOCATION_PARTS:
        value = parts.get(name)
        limit = COORDINATE_LIMITS[name.rpartition("_")[2]]
        try:
            ok = value is None or -limit <= Decimal(str(value)) <= limit
        except InvalidOperation:
            ok = False
        if not ok:
            errors[name] = _("Between -%(limit)s and %(limit)s.") % {"limit": limit}
    for side in ("home", "work"):
        if (parts.get(f"{side}_latitude") is None) != (parts.get(f"{side}_longitude") is None):
            errors.setdefault(f"{side}_longitude",
                              _("Give both latitude and longitude, or neither."))
    return errors


def _area_of(person: Person, value) -> UUID | None:
    """The uid of an area of the member's organization (an Area or its uid), None to clear."""
    if value in ("", None):
        return None
    uid = getattr(value, "uid", value)
    if not Area.objects.filter(uid=uid, organization_id=person.unit.organization_id).exists():
        raise ValidationError({"area": _("Unknown area.")})
    return UUID(str(uid))


def _seal_changes(capacity: MemberCapacity, data: dict) -> list[str]:
    """Seal the area, location parts and notes given in ``data`` (absent: kept; None or
    empty: cleared) and name what changed; the values never leave the ciphertext. Choosing an
    area forgets coordinates recorded before areas: the area replaces them."""
    names: list[str] = []
    if any(k in data for k in (*LOCATION_PARTS, "area")):
        old = capacity.unseal_location()
        given = {k: (None if data[k] in ("", None) else data[k])
                 for k in LOCATION_PARTS if k in data}
        area = _area_of(capacity.person, data["area"]) if "area" in data else old.area
        parts = {**old.parts(), **given}
        if "area" in data and area is not None:
            parts = dict.fromkeys(LOCATION_PARTS)
        errors = _location_errors(parts)
        if errors:
            raise ValidationError(errors)
        new = Location.from_parts(parts, area)
        names = [f"{side}_location" for side in ("home", "work")
                 if getattr(old, side) != getattr(new, side)]
        names += ["area"] if old.area != new.area else []
        if names:
            capacity.seal_location(new)
    if "notes" in data:
        notes = data["notes"] or ""
        if notes != capacity.unseal_notes():
            capacity.seal_notes(notes)
            names.append("notes")
    return names


@transaction.atomic
def do_set_capacity(*, acting_user, person: Person, data: dict,
                    excluded_fields: Iterable | None = None) -> MemberCapacity:
    """Record what a member can give: hours, skills, languages, their area, how far they can
    travel, and the fields they must keep away from. The area (``area``: an Area of the
    member's organization or its uid), the coordinates recorded before areas
    (``home_latitude`` ..., still read for old data and commands; no form offers them) and
    the notes are sealed: a key given replaces the stored value (None or empty clears it), a
    key left out keeps it, so a form need not show them."""
    if person.kind != Person.Kind.MEMBER:
        raise ValidationError({"person": _("Only a member has a capacity.")})
    errors: dict = {}
    _negative(errors, data, "hours_per_week", _("Hours per week cannot be negative."))
    _negative(errors, data, "max_distance_km", _("The farthest distance cannot be negative."))
    if errors:
        raise ValidationError(errors)
    unknown = set(data) - set(CAPACITY_FIELDS)
    if unknown:
        raise ValueError(f"cannot be set here: {sorted(unknown)}")
    capacity = MemberCapacity.objects.filter(person=person).first()
    created = capacity is None
    capacity = capacity or MemberCapacity(person=person)
    before = snapshot(capacity)
    _set(capacity, {k: v for k, v in data.items() if k not in SEALED_CAPACITY_FIELDS},
         CAPACITY_FIELDS)
    sealed = _seal_changes(capacity, data)
    excluded = (None if excluded_fields is None else
                _field_choices(acting_user, person.unit.organization_id, excluded_fields))
    old = set() if created else set(capacity.excluded_fields.values_list("pk", flat=True))
    relation = [] if excluded is None or old == {f.pk for f in excluded} else ["excluded_fields"]
    if not created and not relation and not sealed and snapshot(capacity) == before:
        return capacity
    # A changed relation alone makes a new version too: a form opened before it is refused.
    capacity.save()
    if excluded is not None and relation:
        capacity.excluded_fields.set(excluded)
    # Sealed parts by name only: where a member lives never reaches the audit log.
    record(actor=acting_user, action="create" if created else "update", obj=capacity,
           before=None if created else before, fields=[*relation, *sealed])
    return capacity


@dataclass(frozen=True)
class CapacityText:
    location: Location
    notes: str
    # The chosen area (None: none chosen, or no longer in the catalogue).
    area: Area | None = None


@transaction.atomic
def reveal_capacity(*, acting_user, capacity: MemberCapacity) -> CapacityText:
    """Where a member lives and works and the notes about them, for a user with the reveal
    right on the member's unit (404 otherwise); every reveal leaves an audit row naming what
    was shown."""
    if not MemberCapacity.objects.restrict(acting_user, "reveal").filter(
            pk=capacity.pk).exists():
        raise Http404("No member capacity matches the given query.")
    location = capacity.unseal_location()
    area = (Area.objects.filter(uid=location.area).first()
            if location.area is not None else None)
    text = CapacityText(location=location, notes=capacity.unseal_notes(), area=area)
    shown = [f"{side}_location" for side in ("home", "work")
             if getattr(text.location, side) is not None]
    shown += ["area"] if text.location.area is not None else []
    record(actor=acting_user, action="reveal", obj=capacity,
           fields=[*shown, *(["notes"] if text.notes else [])])
    return text


def may_set_weight(user, field: Field) -> bool:
    """The responsible committee (a 'change' role with oversight above the field's unit)."""
    return Field.objects.prioritizable(user).filter(pk=field.pk).exists()


@transaction.atomic
def do_set_field_need(*, acting_user, field: Field, data: dict) -> FieldNeed:
    """What a field needs: team size (all or nothing), hours, skills, languages; and, for the
    responsible committee only, where its weight comes from."""
    need = FieldNeed.objects.filter(field=field).first()
    created = need is None
    need = need or FieldNeed(field=field)
    changes_weight = any(k in data and data[k] != getattr(need, k) for k in WEIGHT_FIELDS)
    if changes_weight and _is_user(acting_user) and not may_set_weight(acting_user, field):
        raise ValidationError({"weight": _(
            "Only the responsible committee sets the weight of a field.")})
    errors: dict = {}
    _negative(errors, data, "hours_per_member",
              _("Hours per member must be more than 0."), zero=True)
    _negative(errors, data, "weight", _("A weight cannot be negative."))
    _negative(errors, data, "min_team", _("The smallest team cannot be negative."))
    _negative(errors, data, "max_team", _("The largest team must be at least 1."), zero=True)
    if errors:
        raise ValidationError(errors)
    before = snapshot(need)
    _set(need, data, NEED_FIELDS)
    if created or snapshot(need) != before:
        need.save()
        record(actor=acting_user, action="create" if created else "update", obj=need,
               before=None if created else before)
    return need


@transaction.atomic
def do_assign_member(*, acting_user, member: Person, field: Field,
                     since: date | None = None) -> DeploymentAssignment:
    """Record an assignment made outside the planner (the deployment before planning)."""
    if DeploymentAssignment.objects.filter(member=member, field=field, until=None).exists():
        raise ValidationError({"field": _("This member already works this field.")})
    assignment = DeploymentAssignment(member=member, field=field,
                                      since=since or timezone.localdate())
    assignment.full_clean()
    assignment.save()
    record(actor=acting_user, action="create", obj=assignment)
    return assignment
