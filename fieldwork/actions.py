"""Writes for work among the masses: validated, one transaction, audited (field names only).

As everywhere in Nucleus, callers (views, API, commands, the CSV import) check access first
with ``.restrict(user, action)`` / ``access.helpers.access_object``; these functions do the
work. Keyword-only arguments and an ``acting_user`` on every write.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from audit.log import changed_fields, record
from fieldwork.models import (
    Activity,
    Assessment,
    AssessmentLevel,
    ContactProfile,
    Demand,
    DemandRaised,
    Field,
    FieldPart,
    FieldworkSettings,
    MassOrganization,
    MoodReading,
    Participation,
    StructureTest,
    Struggle,
    Tie,
    UnionPresence,
)
from organizations.models import Organization, Unit
from people.actions import do_create_person
from people.models import Identity, Person

# The default assessment scale: value, label, colour (green = with us ... red = against).
DEFAULT_SCALE = (
    (1, "Committed leader", "#1b7837"),
    (2, "Supporter", "#7fbf7b"),
    (3, "Undecided", "#bdbdbd"),
    (4, "Unfriendly", "#f4a582"),
    (5, "Opposed", "#b2182b"),
)
DEFAULT_DEMANDS = (
    (Demand.Kind.WAGES, "Wages"),
    (Demand.Kind.HOURS, "Working hours"),
    (Demand.Kind.SAFETY, "Health and safety"),
    (Demand.Kind.DISMISSALS, "Against dismissals"),
    (Demand.Kind.UNION_RIGHTS, "Union rights"),
    (Demand.Kind.HOUSING, "Housing"),
    (Demand.Kind.OTHER, "Other"),
)


# --- shared plumbing ---

def _names(obj: models.Model) -> list[str]:
    return [f.attname for f in obj._meta.concrete_fields if f.editable and not f.primary_key]


def _snapshot(obj: models.Model) -> dict:
    return {n: getattr(obj, n) for n in _names(obj)}


def _create(acting_user, obj: models.Model, fields: Iterable[str],
            unit_id: int | None = None) -> models.Model:
    obj.full_clean()
    obj.save()
    record(actor=acting_user, action="create", obj=obj, fields=fields, unit_id=unit_id)
    return obj


def _apply(obj: models.Model, data: dict, frozen: Iterable[str] = ()) -> list[str]:
    """Set plain fields, validate and save; returns the changed field names.

    ``frozen`` names fields that only a dedicated action may change (the unit a record
    belongs to, a field's priority ...)."""
    allowed = set()
    for f in obj._meta.concrete_fields:
        if f.editable and not f.primary_key:
            allowed |= {f.name, f.attname}
    for key in data:
        if key not in allowed or key in frozen or key.removesuffix("_id") in frozen:
            raise ValueError(f"{key} cannot be changed here")
    before = _snapshot(obj)
    for key, value in data.items():
        setattr(obj, key, value)
    obj.full_clean()
    obj.save()
    return changed_fields(before, _snapshot(obj))


def _update(acting_user, obj: models.Model, data: dict, *, frozen: Iterable[str] = (),
            unit_id: int | None = None) -> list[str]:
    changed = _apply(obj, data, frozen)
    if changed:
        record(actor=acting_user, action="update", obj=obj, fields=changed, unit_id=unit_id)
    return changed


# --- fields and parts ---

@transaction.atomic
def do_create_field(*, acting_user, unit: Unit, data: dict) -> Field:
    if "priority" in data:
        raise ValueError("the responsible committee sets priority with do_set_field_priority")
    return _create(acting_user, Field(unit=unit, **data), [*data, "unit"])


@transaction.atomic
def do_update_field(*, acting_user, field: Field, data: dict) -> Field:
    _update(acting_user, field, data, frozen=("unit", "priority"))
    return field


@transaction.atomic
def do_set_field_priority(*, acting_user, field: Field, priority: int) -> Field:
    """The responsible committee's decision (callers check ``Field.objects.prioritizable``)."""
    _update(acting_user, field, {"priority": priority})
    return field


@transaction.atomic
def do_create_field_part(*, acting_user, field: Field, data: dict) -> FieldPart:
    return _create(acting_user, FieldPart(field=field, **data), [*data, "field"],
                   unit_id=field.unit_id)


@transaction.atomic
def do_update_field_part(*, acting_user, part: FieldPart, data: dict) -> FieldPart:
    _update(acting_user, part, data, frozen=("field",), unit_id=part.field.unit_id)
    return part


# --- mass organizations ---

@transaction.atomic
def do_create_mass_organization(*, acting_user, organization: Organization,
                                data: dict) -> MassOrganization:
    return _create(acting_user, MassOrganization(organization=organization, **data),
                   [*data, "organization"])


@transaction.atomic
def do_update_mass_organization(*, acting_user, mass_organization: MassOrganization,
                                data: dict) -> MassOrganization:
    _update(acting_user, mass_organization, data, frozen=("organization",))
    return mass_organization


@transaction.atomic
def do_set_union_presence(*, acting_user, field: Field, mass_organization: MassOrganization,
                          members_approx: int, note: str = "") -> UnionPresence:
    """Record (or correct) that a mass organization is present in a field."""
    presence = UnionPresence.objects.filter(field=field,
                                            mass_organization=mass_organization).first()
    data = {"members_approx": members_approx, "note": note}
    if presence is None:
        return _create(acting_user, UnionPresence(field=field,
                                                  mass_organization=mass_organization, **data),
                       [*data, "mass_organization"], unit_id=field.unit_id)
    _update(acting_user, presence, data, unit_id=field.unit_id)
    return presence


# --- contacts and ties ---

@transaction.atomic
def do_create_contact(*, acting_user, field: Field, alias: str, profile: dict | None = None,
                      identity: Identity | None = None) -> ContactProfile:
    """A new contact: a ``Person(kind="contact")`` in the unit that works the field, and their
    profile (part, job, union, leader, tags)."""
    person = do_create_person(acting_user=acting_user, unit=field.unit,
                              data={"alias": alias, "kind": Person.Kind.CONTACT},
                              identity=identity)
    return do_set_contact_profile(acting_user=acting_user, person=person, field=field,
                                  data=profile or {})


@transaction.atomic
def do_set_contact_profile(*, acting_user, person: Person, field: Field,
                           data: dict) -> ContactProfile:
    """Create the profile of an existing contact, or update it (possibly to another field of
    the same unit)."""
    profile = ContactProfile.objects.filter(person=person).first()
    if profile is None:
        profile = _create(acting_user, ContactProfile(person=person, field=field, **data),
                          [*data, "field"], unit_id=person.unit_id)
        _refresh_current_level(person)  # assessed before being mapped in a field
        profile.refresh_from_db()
        return profile
    if profile.field_id != field.pk and "part" not in data and "part_id" not in data:
        data = {**data, "part": None}  # the old part belongs to the old field
    _update(acting_user, profile, {"field": field, **data}, frozen=("person",),
            unit_id=person.unit_id)
    return profile


@transaction.atomic
def do_update_contact_profile(*, acting_user, profile: ContactProfile,
                              data: dict) -> ContactProfile:
    _update(acting_user, profile, data, frozen=("person",), unit_id=profile.person.unit_id)
    return profile


@transaction.atomic
def do_create_tie(*, acting_user, from_person: Person, to_person: Person, kind: str,
                  note: str = "") -> Tie:
    return _create(acting_user, Tie(from_person=from_person, to_person=to_person, kind=kind,
                                    note=note),
                   ["from_person", "to_person", "kind", "note"], unit_id=from_person.unit_id)


@transaction.atomic
def do_update_tie(*, acting_user, tie: Tie, data: dict) -> Tie:
    _update(acting_user, tie, data, frozen=("from_person", "to_person"),
            unit_id=tie.from_person.unit_id)
    return tie


# --- the assessment scale and assessments ---

@transaction.atomic
def ensure_default_scale(organization: Organization, *,
                         acting_user=None) -> list[AssessmentLevel]:
    """Create the default 1..5 scale for an organization that has no scale yet; an existing
    scale (even a customised one) is returned unchanged."""
    existing = list(AssessmentLevel.objects.filter(organization=organization))
    if existing:
        return existing
    levels = []
    for value, label, colour in DEFAULT_SCALE:
        levels.append(_create(acting_user, AssessmentLevel(
            organization=organization, value=value, label=label, colour=colour,
            position=value), ["value", "label", "colour", "position"]))
    return levels


@transaction.atomic
def do_create_assessment_level(*, acting_user, organization: Organization,
                               data: dict) -> AssessmentLevel:
    return _create(acting_user, AssessmentLevel(organization=organization, **data),
                   [*data, "organization"])


@transaction.atomic
def do_update_assessment_level(*, acting_user, level: AssessmentLevel,
                               data: dict) -> AssessmentLevel:
    """Relabel, recolour, reorder or retire a level. Its value is fixed: past assessments
    keep meaning what they meant."""
    _update(acting_user, level, data, frozen=("organization", "value"))
    return level


@transaction.atomic
def do_assess(*, acting_user, person: Person, level_value: int, assessed_on: date,
              note: str = "") -> Assessment:
    """Add an assessment (never replaces one). The person's current level is their latest
    assessment by date, then by id."""
    level = AssessmentLevel.objects.filter(
        organization_id=person.unit.organization_id, value=level_value, retired=False).first()
    if level is None:
        raise ValidationError({"level": _(
            "%(value)s is outside the scale of this organization.") % {"value": level_value}})
    assessment = Assessment(person=person, level=level, assessed_on=assessed_on, note=note,
                            assessed_by=acting_user if _is_user(acting_user) else None)
    _create(acting_user, assessment, ["level", "assessed_on", "note"], unit_id=person.unit_id)
    _refresh_current_level(person)
    return assessment


def _refresh_current_level(person: Person) -> None:
    """Copy the latest assessment (by date, then id; a backdated one may not be it) onto the
    contact's profile."""
    latest = (Assessment.objects.filter(person=person).order_by("-assessed_on", "-id")
              .values("level_id", "assessed_on").first())
    ContactProfile.objects.filter(person=person).update(
        current_level_id=latest["level_id"] if latest else None,
        current_assessed_on=latest["assessed_on"] if latest else None)


def _is_user(user) -> bool:
    return user is not None and user.is_authenticated


# --- settings ---

@transaction.atomic
def do_update_fieldwork_settings(*, acting_user, organization: Organization,
                                 data: dict) -> FieldworkSettings:
    current = FieldworkSettings.objects.filter(organization=organization).first()
    if current is None:
        return _create(acting_user, FieldworkSettings(organization=organization, **data),
                       data.keys())
    _update(acting_user, current, data, frozen=("organization",))
    return current


# --- structure tests ---

@transaction.atomic
def do_create_structure_test(*, acting_user, field: Field, data: dict) -> StructureTest:
    return _create(acting_user, StructureTest(field=field, **data), [*data, "field"],
                   unit_id=field.unit_id)


@transaction.atomic
def do_update_structure_test(*, acting_user, test: StructureTest,
                             data: dict) -> StructureTest:
    _update(acting_user, test, data, frozen=("field",), unit_id=test.field.unit_id)
    return test


@transaction.atomic
def do_record_participation(*, acting_user, test: StructureTest,
                            persons: Iterable[Person]) -> list[Participation]:
    """Add participants (contacts of the test's field); already recorded ones are skipped."""
    known = set(test.participations.values_list("person_id", flat=True))
    added = []
    for person in persons:
        if person.pk in known:
            continue
        added.append(_create(acting_user, Participation(test=test, person=person), ["person"],
                             unit_id=test.field.unit_id))
        known.add(person.pk)
    return added


@transaction.atomic
def do_remove_participation(*, acting_user, test: StructureTest, person: Person) -> None:
    for participation in Participation.objects.filter(test=test, person=person):
        record(actor=acting_user, action="delete", obj=participation,
               unit_id=test.field.unit_id)
        participation.delete()


# --- activities ---

def _check_people(unit: Unit, members: list[Person], contacts: list[Person]) -> None:
    errors = {}
    if any(p.unit_id != unit.pk for p in members):
        errors["members"] = _("Every member taking part must be in the unit of the activity.")
    elif any(p.kind != Person.Kind.MEMBER for p in members):
        errors["members"] = _("Only members can be listed as members.")
    if any(p.unit_id != unit.pk for p in contacts):
        errors["contacts"] = _("Every contact must be in the unit of the activity.")
    elif any(p.kind != Person.Kind.CONTACT for p in contacts):
        errors["contacts"] = _("Only contacts can be listed as contacts.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_create_activity(*, acting_user, unit: Unit, data: dict,
                       members: Iterable[Person] = (), contacts: Iterable[Person] = (),
                       notes: str = "") -> Activity:
    members, contacts = list(members), list(contacts)
    activity = Activity(unit=unit, created_by=acting_user if _is_user(acting_user) else None,
                        **data)
    activity.full_clean()
    _check_people(unit, members, contacts)
    activity.seal_notes(notes)
    activity.save()
    activity.members.set(members)
    activity.contacts.set(contacts)
    fields = [*data, "unit"] + [n for n, v in (("members", members), ("contacts", contacts),
                                               ("notes", notes)) if v]
    record(actor=acting_user, action="create", obj=activity, fields=fields)
    return activity


@transaction.atomic
def do_update_activity(*, acting_user, activity: Activity, data: dict,
                       members: Iterable[Person] | None = None,
                       contacts: Iterable[Person] | None = None,
                       notes: str | None = None) -> Activity:
    """Change plain fields; ``members``/``contacts``/``notes`` are replaced when given."""
    changed = _apply(activity, data, frozen=("unit",)) if data else []
    people = {"members": members, "contacts": contacts}
    current = {name: list(getattr(activity, name).all()) for name in people}
    new = {name: list(given) if given is not None else current[name]
           for name, given in people.items()}
    _check_people(activity.unit, new["members"], new["contacts"])
    for name in people:
        if {p.pk for p in new[name]} != {p.pk for p in current[name]}:
            getattr(activity, name).set(new[name])
            changed.append(name)
    if notes is not None and notes != activity.unseal_notes():
        activity.seal_notes(notes)
        activity.save(update_fields=["notes_sealed"])
        changed.append("notes")
    if changed:
        record(actor=acting_user, action="update", obj=activity, fields=changed)
    return activity


@transaction.atomic
def do_record_one_to_one(*, acting_user, unit: Unit, contact: Person,
                         member: Person | None, date: date, outcome: str = "",
                         follow_up_on: date | None = None, notes: str = "") -> Activity:
    """The short form after a phone call or a talk at the gate: one member, one contact. The
    field is the contact's field when they have a profile."""
    profile = ContactProfile.objects.filter(person=contact).select_related("field").first()
    data = {"kind": Activity.Kind.ONE_TO_ONE, "date": date, "outcome": outcome,
            "follow_up_on": follow_up_on}
    if profile is not None:
        data["field"] = profile.field
    return do_create_activity(acting_user=acting_user, unit=unit, data=data,
                              members=[member] if member is not None else [],
                              contacts=[contact], notes=notes)


@transaction.atomic
def do_mark_follow_up_done(*, acting_user, activity: Activity, done: bool = True) -> Activity:
    return do_update_activity(acting_user=acting_user, activity=activity,
                              data={"follow_up_done": done})


# --- the pulse of a field ---

@transaction.atomic
def do_record_mood(*, acting_user, field: Field, data: dict) -> MoodReading:
    return _create(acting_user, MoodReading(field=field, **data), [*data, "field"],
                   unit_id=field.unit_id)


@transaction.atomic
def do_update_mood(*, acting_user, reading: MoodReading, data: dict) -> MoodReading:
    _update(acting_user, reading, data, frozen=("field",), unit_id=reading.field.unit_id)
    return reading


@transaction.atomic
def ensure_default_demands(organization: Organization, *, acting_user=None) -> list[Demand]:
    """Seed the demand catalogue of an organization that has none yet."""
    existing = list(Demand.objects.filter(organization=organization))
    if existing:
        return existing
    return [_create(acting_user, Demand(organization=organization, kind=kind, name=name),
                    ["kind", "name"]) for kind, name in DEFAULT_DEMANDS]


@transaction.atomic
def do_create_demand(*, acting_user, organization: Organization, data: dict) -> Demand:
    return _create(acting_user, Demand(organization=organization, **data),
                   [*data, "organization"])


@transaction.atomic
def do_update_demand(*, acting_user, demand: Demand, data: dict) -> Demand:
    _update(acting_user, demand, data, frozen=("organization",))
    return demand


@transaction.atomic
def do_raise_demand(*, acting_user, field: Field, demand: Demand, raised_on: date,
                    note: str = "") -> DemandRaised:
    return _create(acting_user, DemandRaised(field=field, demand=demand, raised_on=raised_on,
                                             note=note),
                   ["demand", "raised_on", "note"], unit_id=field.unit_id)


@transaction.atomic
def do_update_demand_raised(*, acting_user, raised: DemandRaised, data: dict) -> DemandRaised:
    _update(acting_user, raised, data, frozen=("field",), unit_id=raised.field.unit_id)
    return raised


def _check_struggle_demands(field: Field, demands: list[Demand]) -> None:
    if any(d.organization_id != field.unit.organization_id for d in demands):
        raise ValidationError({"demands": _("A demand is in another organization's "
                                            "catalogue.")})


@transaction.atomic
def do_create_struggle(*, acting_user, field: Field, data: dict,
                       demands: Iterable[Demand] = ()) -> Struggle:
    demands = list(demands)
    _check_struggle_demands(field, demands)
    struggle = _create(acting_user, Struggle(field=field, **data),
                       [*data, "field", *(["demands"] if demands else [])],
                       unit_id=field.unit_id)
    struggle.demands.set(demands)
    return struggle


@transaction.atomic
def do_update_struggle(*, acting_user, struggle: Struggle, data: dict,
                       demands: Iterable[Demand] | None = None) -> Struggle:
    changed = _apply(struggle, data, frozen=("field",)) if data else []
    if demands is not None:
        demands = list(demands)
        _check_struggle_demands(struggle.field, demands)
        if set(struggle.demands.values_list("pk", flat=True)) != {d.pk for d in demands}:
            changed.append("demands")
        struggle.demands.set(demands)
    if changed:
        record(actor=acting_user, action="update", obj=struggle, fields=changed,
               unit_id=struggle.field.unit_id)
    return struggle


# --- deleting ---

# Assessments are kept forever and levels are retired, never deleted.
DELETABLE = (Field, FieldPart, MassOrganization, UnionPresence, ContactProfile, Tie,
             StructureTest, Participation, Activity, MoodReading, Demand, DemandRaised,
             Struggle)


def _unit_id_of(obj: models.Model) -> int | None:
    if isinstance(obj, Field | Activity):
        return obj.unit_id
    if isinstance(obj, ContactProfile):
        return obj.person.unit_id
    if isinstance(obj, Tie):
        return obj.from_person.unit_id
    if isinstance(obj, Participation):
        return obj.test.field.unit_id
    field = getattr(obj, "field", None)
    return field.unit_id if isinstance(field, Field) else None


@transaction.atomic
def do_delete(*, acting_user, obj: models.Model) -> None:
    """Delete a fieldwork record (callers check the 'delete' action). Deleting a field that
    still has contacts or activities fails: move or delete those first."""
    if not isinstance(obj, DELETABLE):
        raise ValueError(f"{obj._meta.label} records are not deleted")
    record(actor=acting_user, action="delete", obj=obj, unit_id=_unit_id_of(obj))
    try:
        obj.delete()
    except models.ProtectedError:
        raise ValidationError(_("Still in use: move or delete what refers to it first.")) \
            from None


@transaction.atomic
def reveal_activity_notes(*, acting_user, activity: Activity) -> str:
    """The decrypted notes of an activity the user may see (404 otherwise). Notes are
    protected like identities: every read leaves an audit row (who, which, when)."""
    if not Activity.objects.restrict(acting_user).filter(pk=activity.pk).exists():
        raise Http404("No activity matches the given query.")
    notes = activity.unseal_notes()
    record(actor=acting_user, action="reveal", obj=activity, fields=["notes"] if notes else [])
    return notes
