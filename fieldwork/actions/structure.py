"""Fields, their parts, mass organizations and their presence, structure tests."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from fieldwork.actions.common import (
    _create,
    _update,
)
from fieldwork.actions.deleting import _delete
from fieldwork.models import (
    Field,
    FieldPart,
    MassOrganization,
    Participation,
    StructureTest,
    UnionPresence,
)
from organizations.models import Organization, Unit
from people.models import Person

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
