"""Writes and reveals for people: validated, one transaction, audited (field names only)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import changed_fields, record, snapshot
from organizations.models import Unit
from organizations.regions import regions_by_unit, unit_region
from people import headcounts
from people.models import Identity, Person, StatusChange
from people.references import references
from people.reindex import indexes_for
from vault.crypto import blind_index, lookup_keyrings, normalize_phone

PLAIN_FIELDS = ("alias", "kind", "status", "status_since", "joined_on")


def validate_identity(identity: Identity) -> None:
    errors = {}
    if identity.email:
        try:
            validate_email(identity.email)
        except ValidationError:
            errors["email"] = _("Enter a valid email address.")
    if identity.phone:
        digits = normalize_phone(identity.phone).lstrip("+")
        if not 5 <= len(digits) <= 15:
            errors["phone"] = _("A phone number has 5 to 15 digits.")
    for name in Identity.FIELDS:
        if len(getattr(identity, name)) > 2000:
            errors[name] = _("Too long (at most 2,000 characters).")
    if errors:
        raise ValidationError(errors)


def _check_class_position(identity: Identity, organization_id: int) -> None:
    """A class position is an entry of the person's organization's list (congresses)."""
    if not identity.class_position:
        return
    from congresses.models import ClassPosition

    try:
        known = ClassPosition.objects.filter(organization_id=organization_id,
                                             uid=identity.class_position).exists()
    except ValidationError:  # not a uid at all
        known = False
    if not known:
        raise ValidationError({"class_position": _(
            "Choose a class position from this organization's list.")})


def _check_dates(person: Person) -> None:
    today = timezone.localdate()
    errors = {}
    if person.status_since and person.status_since > today:
        errors["status_since"] = _("The date cannot be in the future.")
    if person.joined_on and person.joined_on > today:
        errors["joined_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_create_person(*, acting_user, unit: Unit, data: dict,
                     identity: Identity | None = None) -> Person:
    identity = identity or Identity()
    validate_identity(identity)
    _check_class_position(identity, unit.organization_id)
    data = {"status_since": timezone.localdate(), **data}
    person = Person(unit=unit, **data)
    _check_dates(person)
    person.full_clean(exclude=["identity_sealed"])
    person.seal_identity(identity)
    person.save()
    headcounts.adjust(unit.pk, 1)
    StatusChange.objects.create(person=person, status=person.status, on=person.status_since)
    filled = [n for n in Identity.FIELDS if getattr(identity, n)]
    record(actor=acting_user, action="create", obj=person, fields=filled)
    return person


@transaction.atomic
def do_update_person(*, acting_user, person: Person, data: dict,
                     identity: Identity | None = None,
                     identity_changes: Mapping[str, str] | None = None) -> Person:
    """Update plain fields and, when given, the identity: ``identity`` replaces it whole,
    ``identity_changes`` only the parts it names (the others are kept, never blanked). The
    audit row names changed identity fields without their values."""
    person = Person.objects.select_for_update().select_related("unit__organization").get(
        pk=person.pk)
    if identity_changes is not None:
        # Merged under the row lock: unseal, change the given parts only, reseal below.
        identity = replace(person.unseal_identity(), **identity_changes)
    before = snapshot(person)
    for key, value in data.items():
        if key not in PLAIN_FIELDS:
            raise ValueError(f"{key} is not a plain person field")
        setattr(person, key, value)
    _check_dates(person)
    person.full_clean(exclude=["identity_sealed"])
    changed = changed_fields(before, snapshot(person))
    sealed: list[str] = []
    if identity is not None:
        validate_identity(identity)
        _check_class_position(identity, person.unit.organization_id)
        old = person.unseal_identity().as_dict()
        sealed = changed_fields(old, identity.as_dict())
        if sealed:
            person.seal_identity(identity)
    if not changed and not sealed:
        return person
    person.save()
    if "status" in changed:
        StatusChange.objects.create(person=person, status=person.status,
                                    on=person.status_since)
    # Identity parts by name only: their values never reach the audit log.
    record(actor=acting_user, action="update", obj=person, before=before, fields=sealed)
    return person


@transaction.atomic
def do_move_person(*, acting_user, person: Person, unit: Unit) -> Person:
    if unit.organization_id != person.unit.organization_id:
        # The blind index key is per organization; a person does not cross organizations.
        raise ValidationError({"unit": _("A person can only move within their organization.")})
    if unit.pk != person.unit_id:
        # What a unit knows through a person stays in that unit (a contact's place in a
        # field, ties ...): moving it would show the new unit people of the old one.
        for ref in references():
            if ref.policy.name == "held" and ref.rows_of(person).exists():
                raise ValidationError({"unit": ref.policy.reason})
    old_unit = person.unit_id
    person.unit = unit
    person.full_clean(exclude=["identity_sealed"])
    # The phone is indexed with the region of the unit it is in (organizations.regions).
    person.phone_index, person.email_index = indexes_for(
        person.unseal_identity().as_dict(), salt=unit.organization.index_salt,
        region=unit_region(unit))
    person.save(update_fields=["unit", "phone_index", "email_index"])
    if old_unit != unit.pk:
        headcounts.adjust(old_unit, -1)
        headcounts.adjust(unit.pk, 1)
    # One row in each compartment, without values: the old unit learns that the person left,
    # not where to, and the new one not where from.
    record(actor=acting_user, action="move", obj=person, fields=["unit"], unit_id=old_unit)
    record(actor=acting_user, action="move", obj=person, fields=["unit"])
    return person


@transaction.atomic
def do_delete_person(*, acting_user, person: Person) -> None:
    record(actor=acting_user, action="delete", obj=person)
    unit_id = person.unit_id
    person.delete()
    headcounts.adjust(unit_id, -1)


@transaction.atomic
def reveal_identity(*, acting_user, person: Person) -> Identity:
    """The only way to read an identity: the caller has checked the 'reveal' action, and
    every reveal leaves an audit row (who, whose, when)."""
    identity = person.unseal_identity()
    record(actor=acting_user, action="reveal", obj=person,
           fields=[n for n in Identity.FIELDS if getattr(identity, n)])
    return identity


def phone_indexes(phone: str, *, organization, region: str | None = None) -> set[str]:
    """The blind index values a phone may be stored under in the organization: read as a
    number of ``region``, or, when no region is given, of any region its units use (a
    number written without its country code means what the unit that holds it reads)."""
    regions = {region} if region is not None else {"", *regions_by_unit(organization).values()}
    rings = lookup_keyrings()  # every key of a rotation under way (vault/rotation.py)
    found = {blind_index(phone, scope_salt=organization.index_salt, kind="phone", region=r,
                         keyring=ring)
             for r in regions for ring in rings}
    return found - {""}


def find_by_contact(*, user, organization, phone: str = "", email: str = "",
                    region: str | None = None):
    """Exact lookup through the blind index, among the people whose identity the user may
    reveal: a match confirms a phone or email, so it is itself an identity (the audited
    lookup is people.lookup.do_lookup_by_contact). ``region``: see ``phone_indexes``."""
    qs = Person.objects.restrict(user, "reveal").filter(unit__organization=organization)
    if phone:
        qs = qs.filter(phone_index__in=phone_indexes(phone, organization=organization,
                                                     region=region))
    if email:
        qs = qs.filter(email_index__in={
            blind_index(email, scope_salt=organization.index_salt, kind="email", keyring=ring)
            for ring in lookup_keyrings()})
    if not phone and not email:
        return qs.none()
    return qs
