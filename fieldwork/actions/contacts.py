"""Contacts, ties, the assessment scale, assessments and the fieldwork settings."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import snapshot
from fieldwork import defaults
from fieldwork.actions.common import (
    _create,
    _is_user,
    _save_changes,
    _update,
)
from fieldwork.models import (
    Assessment,
    AssessmentLevel,
    ContactProfile,
    Field,
    FieldworkSettings,
    Tie,
)
from organizations.models import Organization
from people.actions import do_create_person
from people.models import Identity, Person

# Stored in English and shown in each reader's language while unchanged (fieldwork/defaults.py).
DEFAULT_SCALE = defaults.SCALE


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
                                                 label=label, colour=colour,
                                                 position=value))
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
    level = _level_of(person, level_value)
    if len(note) > Assessment.NOTE_MAX:
        raise ValidationError({"note": _("Too long (at most %(n)s characters).")
                               % {"n": Assessment.NOTE_MAX}})
    assessment = Assessment(person=person, level=level, assessed_on=assessed_on,
                            assessed_by=acting_user if _is_user(acting_user) else None)
    assessment.seal_note(note)
    # The note by name only: its text never reaches the audit log.
    _create(acting_user, assessment, ["note"] if note else [])
    _refresh_current_level(person, acting_user=acting_user)
    return assessment


def _level_of(person: Person, value: int) -> AssessmentLevel:
    level = AssessmentLevel.objects.filter(
        organization_id=person.unit.organization_id, value=value, retired=False).first()
    if level is None:
        raise ValidationError({"level": _(
            "%(value)s is outside the scale of this organization.") % {"value": value}})
    return level


@transaction.atomic
def do_update_assessment(*, acting_user, assessment: Assessment, level_value: int | None = None,
                         assessed_on: date | None = None, note: str | None = None
                         ) -> Assessment:
    """Correct an assessment made in error (its level, date or note; ``None`` keeps it; an
    empty note keeps the stored one, as every sealed input does). Audited with old and new
    values (the note by name only); the contact's current level follows when the latest
    assessment changes or another one becomes the latest."""
    before = snapshot(assessment)
    person = assessment.person
    if level_value is not None and level_value != assessment.level.value:
        assessment.level = _level_of(person, level_value)
    if assessed_on is not None:
        assessment.assessed_on = assessed_on
    assessment.full_clean()
    sealed = []
    if note:
        if len(note) > Assessment.NOTE_MAX:
            raise ValidationError({"note": _("Too long (at most %(n)s characters).")
                                   % {"n": Assessment.NOTE_MAX}})
        if note != assessment.unseal_note():
            assessment.seal_note(note)
            sealed.append("note")
    _save_changes(acting_user, assessment, before, {}, sealed)
    _refresh_current_level(person, acting_user=acting_user)
    return assessment


@transaction.atomic
def do_delete_assessment(*, acting_user, assessment: Assessment) -> None:
    """Remove an assessment made in error (audited with the values that went, tombstoned);
    the contact's current level becomes the latest of the others."""
    from fieldwork.actions.deleting import do_delete

    do_delete(acting_user=acting_user, obj=assessment)


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


# --- settings ---

@transaction.atomic
def do_update_fieldwork_settings(*, acting_user, organization: Organization,
                                 data: dict) -> FieldworkSettings:
    current = FieldworkSettings.objects.filter(organization=organization).first()
    if current is None:
        return _create(acting_user, FieldworkSettings(organization=organization, **data))
    return _update(acting_user, current, data, frozen=("organization",))
