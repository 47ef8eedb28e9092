"""``access_*`` for fieldwork objects: one record for a user and an action, or Http404.

Thin wrappers around ``access.helpers.access_object`` (missing and forbidden fail alike), so
views and commands never repeat an access check. Any other fieldwork model works directly with
``access_object(Model, user, pk, action)``.
"""

from __future__ import annotations

from access.helpers import access_object
from fieldwork.models import (
    Activity,
    Assessment,
    ContactProfile,
    Field,
    FieldPart,
    MassOrganization,
    StructureTest,
    Struggle,
    Tie,
)


def access_field(user, pk, action: str = "view") -> Field:
    """'view' answers for every unit above (a field is structure); writes need the records
    of the unit that works it."""
    return access_object(Field, user, pk, action)


def access_field_part(user, pk, action: str = "view") -> FieldPart:
    return access_object(FieldPart, user, pk, action)


def access_contact(user, pk, action: str = "view") -> ContactProfile:
    return access_object(ContactProfile, user, pk, action)


def access_tie(user, pk, action: str = "view") -> Tie:
    return access_object(Tie, user, pk, action)


def access_assessment(user, pk, action: str = "view") -> Assessment:
    return access_object(Assessment, user, pk, action)


def access_activity(user, pk, action: str = "view") -> Activity:
    return access_object(Activity, user, pk, action)


def access_structure_test(user, pk, action: str = "view") -> StructureTest:
    return access_object(StructureTest, user, pk, action)


def access_struggle(user, pk, action: str = "view") -> Struggle:
    return access_object(Struggle, user, pk, action)


def access_mass_organization(user, pk, action: str = "view") -> MassOrganization:
    return access_object(MassOrganization, user, pk, action)
