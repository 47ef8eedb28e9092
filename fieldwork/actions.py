"""Writes for work among the masses: validated, one transaction, audited with old and new
values (``audit.log.record``; the audit row's unit comes from each record's anchor).

As everywhere in Nucleus, callers (views, API, commands, the CSV import) check access first
with ``.restrict(user, action)`` / ``access.helpers.access_object``; these functions do the
work. Keyword-only arguments and an ``acting_user`` on every write.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.http import Http404
from django.utils.translation import gettext as _

from access.records import Record
from audit.log import record, snapshot
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
    (Demand.Kind.WAGES, "Wages"), (Demand.Kind.HOURS, "Working hours"),
    (Demand.Kind.SAFETY, "Health and safety"), (Demand.Kind.DISMISSALS, "Against dismissals"),
    (Demand.Kind.UNION_RIGHTS, "Union rights"), (Demand.Kind.HOUSING, "Housing"),
    (Demand.Kind.OTHER, "Other"),
)


# --- shared plumbing ---

M = TypeVar("M", bound=models.Model)


def as_stored(obj: models.Model) -> None:
    """Decimals at the database's scale: 10 set over a stored 10.00 is no change."""
    for f in obj._meta.concrete_fields:
        value = getattr(obj, f.attname)
        if isinstance(f, models.DecimalField) and isinstance(value, Decimal):
            setattr(obj, f.attname, value.quantize(Decimal(1).scaleb(-f.decimal_places)))


def _create(acting_user, obj: M, fields: Iterable[str] = ()) -> M:
    """Validate, save and audit a new record; ``fields`` names what is no column (m2m)."""
    obj.full_clean()
    as_stored(obj)
    obj.save()
    record(actor=acting_user, action="create", obj=obj, fields=fields)
    return obj


def _assign(obj: models.Model, data: dict, frozen: Iterable[str] = ()) -> None:
    """Set plain fields; ``frozen`` ones only a dedicated action changes (unit, priority)."""
    allowed = set()
    for f in obj._meta.concrete_fields:
        if f.editable and not f.primary_key:
            allowed |= {f.name, f.attname}
    for key in data:
        if key not in allowed or key in frozen or key.removesuffix("_id") in frozen:
            raise ValueError(f"{key} cannot be changed here")
    for key, value in data.items():
        setattr(obj, key, value)


def _update(acting_user, obj: M, data: dict, *, frozen: Iterable[str] = ()) -> M:
    """Set, validate, save and audit (old and new values); unchanged: no save, no row."""
    before = snapshot(obj)
    _assign(obj, data, frozen)
    obj.full_clean()
    as_stored(obj)
    if snapshot(obj) != before:
        obj.save()
        record(actor=acting_user, action="update", obj=obj, before=before)
    return obj


def _save_changes(acting_user, obj: models.Model, before: dict, relations: dict[str, list],
                  sealed: Iterable[str] = ()) -> None:
    """Save and audit changed columns (old and new values), relations and sealed values (by
    name). A relation alone makes a new version too: a form opened before it is refused."""
    if not relations and not sealed and snapshot(obj) == before:
        return
    obj.save()
    for name, items in relations.items():
        getattr(obj, name).set(items)
    record(actor=acting_user, action="update", obj=obj, before=before,
           fields=[*relations, *sealed])


# --- fields and parts ---

@transaction.atomic
def do_create_field(*, acting_user, unit: Unit, data: dict) -> Field:
    if "priority" in data:
        raise ValueError("the responsible committee sets priority with do_set_field_priority")
    return _create(acting_user, Field(unit=unit, **data))


@transaction.atomic
def do_update_field(*, acting_user, field: Field, data: dict) -> Field:
    return _update(acting_user, field, data, frozen=("unit", "priority"))


@transaction.atomic
def do_set_field_priority(*, acting_user, field: Field, priority: int) -> Field:
    """The responsible committee's decision (callers check ``Field.objects.prioritizable``)."""
    return _update(acting_user, field, {"priority": priority})


@transaction.atomic
def do_create_field_part(*, acting_user, field: Field, data: dict) -> FieldPart:
    return _create(acting_user, FieldPart(field=field, **data))


@transaction.atomic
def do_update_field_part(*, acting_user, part: FieldPart, data: dict) -> FieldPart:
    return _update(acting_user, part, data, frozen=("field",))


# --- mass organizations ---

@transaction.atomic
def do_create_mass_organization(*, acting_user, organization: Organization,
                                data: dict) -> MassOrganization:
    return _create(acting_user, MassOrganization(organization=organization, **data))


@transaction.atomic
def do_update_mass_organization(*, acting_user, mass_organization: MassOrganization,
                                data: dict) -> MassOrganization:
    return _update(acting_user, mass_organization, data, frozen=("organization",))


@transaction.atomic
def do_set_union_presence(*, acting_user, field: Field, mass_organization: MassOrganization,
                          members_approx: int, note: str = "") -> UnionPresence:
    """Record (or correct) that a mass organization is present in a field."""
    presence = UnionPresence.objects.filter(field=field,
                                            mass_organization=mass_organization).first()
    data = {"members_approx": members_approx, "note": note}
    if presence is None:
        return _create(acting_user, UnionPresence(field=field,
                                                  mass_organization=mass_organization, **data))
    return _update(acting_user, presence, data)


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
        profile = _create(acting_user, ContactProfile(person=person, field=field, **data))
        # Assessed before being mapped in a field: the profile takes the current level.
        _refresh_current_level(person, acting_user=acting_user)
        profile.refresh_from_db()
        return profile
    if profile.field_id != field.pk and "part" not in data and "part_id" not in data:
        data = {**data, "part": None}  # the old part belongs to the old field
    return _update(acting_user, profile, {"field": field, **data}, frozen=("person",))


@transaction.atomic
def do_update_contact_profile(*, acting_user, profile: ContactProfile,
                              data: dict) -> ContactProfile:
    return _update(acting_user, profile, data, frozen=("person",))


@transaction.atomic
def do_create_tie(*, acting_user, from_person: Person, to_person: Person, kind: str,
                  note: str = "") -> Tie:
    return _create(acting_user, Tie(from_person=from_person, to_person=to_person, kind=kind,
                                    note=note))


@transaction.atomic
def do_update_tie(*, acting_user, tie: Tie, data: dict) -> Tie:
    return _update(acting_user, tie, data, frozen=("from_person", "to_person"))


# --- the assessment scale and assessments ---

@transaction.atomic
def ensure_default_scale(organization: Organization, *,
                         acting_user=None) -> list[AssessmentLevel]:
    """Create the default 1..5 scale for an organization that has no scale yet; an existing
    scale (even a customised one) is returned unchanged."""
    existing = list(AssessmentLevel.objects.filter(organization=organization))
    if existing:
        return existing
    return [_create(acting_user, AssessmentLevel(organization=organization, value=value,
                                                 label=label, colour=colour, position=value))
            for value, label, colour in DEFAULT_SCALE]


@transaction.atomic
def do_create_assessment_level(*, acting_user, organization: Organization,
                               data: dict) -> AssessmentLevel:
    return _create(acting_user, AssessmentLevel(organization=organization, **data))


@transaction.atomic
def do_update_assessment_level(*, acting_user, level: AssessmentLevel,
                               data: dict) -> AssessmentLevel:
    """Relabel, recolour, reorder or retire a level. Its value is fixed: past assessments
    keep meaning what they meant."""
    return _update(acting_user, level, data, frozen=("organization", "value"))


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
    _create(acting_user, assessment)
    _refresh_current_level(person, acting_user=acting_user)
    return assessment


def _refresh_current_level(person: Person, *, acting_user) -> None:
    """Copy the latest assessment (by date, then id; a backdated one may not be it) onto the
    contact's profile: a change of the profile like any other (new version, audit row)."""
    profile = ContactProfile.objects.select_for_update().filter(person=person).first()
    if profile is None:
        return
    latest = (Assessment.objects.filter(person=person).order_by("-assessed_on", "-id")
              .values("level_id", "assessed_on").first())
    before = snapshot(profile)
    profile.current_level_id = latest["level_id"] if latest else None
    profile.current_assessed_on = latest["assessed_on"] if latest else None
    _save_changes(acting_user, profile, before, {})


def _is_user(user) -> bool:
    return user is not None and user.is_authenticated


# --- settings ---

@transaction.atomic
def do_update_fieldwork_settings(*, acting_user, organization: Organization,
                                 data: dict) -> FieldworkSettings:
    current = FieldworkSettings.objects.filter(organization=organization).first()
    if current is None:
        return _create(acting_user, FieldworkSettings(organization=organization, **data))
    return _update(acting_user, current, data, frozen=("organization",))


# --- structure tests ---

@transaction.atomic
def do_create_structure_test(*, acting_user, field: Field, data: dict) -> StructureTest:
    return _create(acting_user, StructureTest(field=field, **data))


@transaction.atomic
def do_update_structure_test(*, acting_user, test: StructureTest,
                             data: dict) -> StructureTest:
    return _update(acting_user, test, data, frozen=("field",))


@transaction.atomic
def do_record_participation(*, acting_user, test: StructureTest,
                            persons: Iterable[Person]) -> list[Participation]:
    """Add participants (contacts of the test's field); already recorded ones are skipped."""
    known = set(test.participations.values_list("person_id", flat=True))
    return [_create(acting_user, Participation(test=test, person=person))
            for person in dict.fromkeys(persons) if person.pk not in known]


@transaction.atomic
def do_remove_participation(*, acting_user, test: StructureTest, person: Person) -> None:
    for participation in Participation.objects.filter(test=test, person=person):
        _delete(acting_user, participation)


# --- activities ---

def _check_people(acting_user, unit: Unit, members: list[Person],
                  contacts: list[Person]) -> None:
    """The people being added to an activity: in its unit, visible to the acting user, of the
    right kind. Those already on it are not checked again: they may have moved since."""
    people = [*members, *contacts]
    visible = set(Person.objects.restrict(acting_user).filter(pk__in=[p.pk for p in people])
                  .values_list("pk", flat=True)) if _is_user(acting_user) and people else None
    errors = {}
    for name, group, kind, elsewhere, other_kind in (
            ("members", members, Person.Kind.MEMBER,
             _("Every member taking part must be in the unit of the activity."),
             _("Only members can be listed as members.")),
            ("contacts", contacts, Person.Kind.CONTACT,
             _("Every contact must be in the unit of the activity."),
             _("Only contacts can be listed as contacts."))):
        if any(p.unit_id != unit.pk or (visible is not None and p.pk not in visible)
               for p in group):
            errors[name] = elsewhere
        elif any(p.kind != kind for p in group):
            errors[name] = other_kind
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
    _check_people(acting_user, unit, members, contacts)
    activity.seal_notes(notes)
    activity.save()
    activity.members.set(members)
    activity.contacts.set(contacts)
    # Relations and the sealed notes by name only; the columns' values are in the row.
    names = [n for n, v in (("members", members), ("contacts", contacts), ("notes", notes)) if v]
    record(actor=acting_user, action="create", obj=activity, fields=names)
    return activity


@transaction.atomic
def do_update_activity(*, acting_user, activity: Activity, data: dict,
                       members: Iterable[Person] | None = None,
                       contacts: Iterable[Person] | None = None,
                       notes: str | None = None) -> Activity:
    """Change plain fields; ``members``/``contacts``/``notes`` are replaced when given. Only
    people being added are checked; those kept stay even if they have moved since."""
    before = snapshot(activity)
    if data:
        _assign(activity, data, frozen=("unit",))
        activity.full_clean()
    wanted: dict[str, list[Person]] = {}
    added: dict[str, list[Person]] = {"members": [], "contacts": []}
    for name, given in (("members", members), ("contacts", contacts)):
        if given is None:
            continue
        given = list(dict.fromkeys(given))
        current = set(getattr(activity, name).values_list("pk", flat=True))
        if {p.pk for p in given} != current:
            wanted[name] = given
            added[name] = [p for p in given if p.pk not in current]
    _check_people(acting_user, activity.unit, added["members"], added["contacts"])
    sealed = []
    if notes is not None and notes != activity.unseal_notes():
        activity.seal_notes(notes)
        sealed = ["notes"]
    _save_changes(acting_user, activity, before, wanted, sealed)
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
    return _create(acting_user, MoodReading(field=field, **data))


@transaction.atomic
def do_update_mood(*, acting_user, reading: MoodReading, data: dict) -> MoodReading:
    return _update(acting_user, reading, data, frozen=("field",))


@transaction.atomic
def ensure_default_demands(organization: Organization, *, acting_user=None) -> list[Demand]:
    """Seed the demand catalogue of an organization that has none yet."""
    existing = list(Demand.objects.filter(organization=organization))
    if existing:
        return existing
    return [_create(acting_user, Demand(organization=organization, kind=kind, name=name))
            for kind, name in DEFAULT_DEMANDS]


@transaction.atomic
def do_create_demand(*, acting_user, organization: Organization, data: dict) -> Demand:
    return _create(acting_user, Demand(organization=organization, **data))


@transaction.atomic
def do_update_demand(*, acting_user, demand: Demand, data: dict) -> Demand:
    return _update(acting_user, demand, data, frozen=("organization",))


@transaction.atomic
def do_raise_demand(*, acting_user, field: Field, demand: Demand, raised_on: date,
                    note: str = "") -> DemandRaised:
    return _create(acting_user, DemandRaised(field=field, demand=demand, raised_on=raised_on,
                                             note=note))


@transaction.atomic
def do_update_demand_raised(*, acting_user, raised: DemandRaised, data: dict) -> DemandRaised:
    return _update(acting_user, raised, data, frozen=("field",))


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
                       ["demands"] if demands else [])
    struggle.demands.set(demands)
    return struggle


@transaction.atomic
def do_update_struggle(*, acting_user, struggle: Struggle, data: dict,
                       demands: Iterable[Demand] | None = None) -> Struggle:
    before = snapshot(struggle)
    if data:
        _assign(struggle, data, frozen=("field",))
        struggle.full_clean()
    relations = {}
    if demands is not None:
        demands = list(demands)
        _check_struggle_demands(struggle.field, demands)
        if set(struggle.demands.values_list("pk", flat=True)) != {d.pk for d in demands}:
            relations["demands"] = demands
    _save_changes(acting_user, struggle, before, relations)
    return struggle


# --- deleting ---

# Assessments are kept forever and levels are retired, never deleted.
DELETABLE = (Field, FieldPart, MassOrganization, UnionPresence, ContactProfile, Tie,
             StructureTest, Participation, Activity, MoodReading, Demand, DemandRaised,
             Struggle)


def _delete(acting_user, obj: models.Model) -> None:
    """Delete with an audit row for the record and each record the deletion takes along
    (cascades) or changes (emptied references, many-to-many rows); tombstones as always."""
    collector = Collector(using=router.db_for_write(type(obj), instance=obj), origin=obj)
    collector.collect([obj])  # raises ProtectedError before anything is written
    gone = [obj, *(o for batch in collector.data.values() for o in batch if o != obj),
            *(o for qs in collector.fast_deletes for o in qs)]
    for other in filter(lambda o: isinstance(o, Record), gone):
        record(actor=acting_user, action="delete", obj=other)
    deleted = {(o._meta.label, o.pk) for o in gone}
    for qs in collector.fast_deletes:
        # A many-to-many row: its owner's relation changes, unless the owner goes too.
        owner: Any = qs.model._meta.auto_created  # the model that declares the relation
        if not owner:
            continue
        m2m = next(f for f in owner._meta.many_to_many if f.remote_field.through is qs.model)
        ids = {getattr(row, f"{m2m.m2m_field_name()}_id") for row in qs}
        for other in owner._base_manager.filter(pk__in=ids).order_by("pk"):
            if (other._meta.label, other.pk) not in deleted:
                record(actor=acting_user, action="update", obj=other, fields=[m2m.name])
    for (field, value), batches in collector.field_updates.items():
        # Each batch is a queryset of the rows whose reference is emptied.
        for other in (o for b in cast(Any, batches) for o in b if isinstance(o, Record)):
            before = snapshot(other)
            setattr(other, field.attname, value)
            record(actor=acting_user, action="update", obj=other, before=before)
    obj.delete()


@transaction.atomic
def do_delete(*, acting_user, obj: models.Model) -> None:
    """Delete a fieldwork record (callers check the 'delete' action). Deleting a field that
    still has contacts or activities fails: move or delete those first."""
    if not isinstance(obj, DELETABLE):
        raise ValueError(f"{obj._meta.label} records are not deleted")
    try:
        _delete(acting_user, obj)
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
