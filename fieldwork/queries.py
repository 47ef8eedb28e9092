"""Read side of fieldwork for pages, API and commands: restricted querysets and small lookups.

Every function takes the user and goes through ``.restrict()`` (or ``.countable()`` for
aggregates), so a page built on them shows only what the user may see. Single objects are
fetched with ``access.helpers.access_object`` (404 for missing and forbidden alike).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from access.scope import scope_for
from fieldwork.models import (
    Activity,
    Assessment,
    AssessmentLevel,
    ContactProfile,
    Field,
    FieldPart,
    FieldworkSettings,
    MassOrganization,
    Tie,
)
from organizations.models import Organization, Unit
from people.models import Person

if TYPE_CHECKING:
    # Only for the type checker: django-stubs-ext is a test dependency.
    from typing import TypedDict

    from django_stubs_ext import WithAnnotations

    class _LevelValue(TypedDict):
        current_level_value: int | None

    # A profile as contacts_in returns it: annotated with its current level's value.
    ContactWithLevel = WithAnnotations[ContactProfile, _LevelValue]

# --- per-organization configuration (no writes on read) ---

def settings_for(organization: Organization | int) -> FieldworkSettings:
    """The organization's fieldwork settings, or unsaved defaults when none were saved."""
    org_id = organization if isinstance(organization, int) else organization.pk
    return settings_by_organization([org_id])[org_id]


def settings_by_organization(org_ids: Iterable[int]) -> dict[int, FieldworkSettings]:
    """Settings for several organizations in one query (defaults filled in)."""
    org_ids = set(org_ids)
    found = {s.organization_id: s
             for s in FieldworkSettings.objects.filter(organization_id__in=org_ids)}
    return {i: found.get(i) or FieldworkSettings(organization_id=i) for i in org_ids}


def scale_for(organization: Organization | int, *,
              include_retired: bool = False) -> list[AssessmentLevel]:
    """The assessment scale in display order (see actions.ensure_default_scale)."""
    org_id = organization if isinstance(organization, int) else organization.pk
    qs = AssessmentLevel.objects.filter(organization_id=org_id)
    if not include_retired:
        qs = qs.filter(retired=False)
    return list(qs.order_by("position", "value"))


def current_level(person_ref: str = "person_id", value: str = "level_id") -> Subquery:
    """Subquery: a column (default the level id) of the latest assessment of the person in
    ``person_ref`` (by date, then id). One index probe per row (index assessment_latest).
    Contacts carry it already (ContactProfile.current_level); this is for anyone else."""
    latest = Assessment.objects.filter(person_id=OuterRef(person_ref)).order_by(
        "-assessed_on", "-id")
    return Subquery(latest.values(value)[:1])


# --- lists for pages ---

def fields_for(user, *, unit: Unit | None = None, action: str = "view") -> QuerySet[Field]:
    """Fields the user may see (structure: every unit above sees them) or act on, optionally
    within a unit's subtree; highest priority first."""
    qs = Field.objects.restrict(user, action).select_related("unit")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.order_by("-priority", "name")


def parts_of(user, field: Field) -> QuerySet[FieldPart]:
    return FieldPart.objects.restrict(user).filter(field=field).order_by("name")


def contacts_in(user, *, field: Field | None = None, unit: Unit | None = None,
                action: str = "view") -> QuerySet[ContactWithLevel]:
    """Contact profiles the user may see (records only: never counts), alias order, with
    person, part, field, union and current level loaded; ``current_level`` (an
    AssessmentLevel with value, label, colour) and ``current_assessed_on`` are the latest
    assessment, ``current_level_value`` its value (None: not assessed)."""
    qs = ContactProfile.objects.restrict(user, action).select_related(
        "person", "part", "field", "union", "current_level")
    if field is not None:
        qs = qs.filter(field=field)
    if unit is not None:
        qs = qs.filter(person__unit__path__startswith=unit.path)
    return qs.annotate(current_level_value=F("current_level__value")).order_by("person__alias")


def assessment_history(user, person: Person) -> QuerySet[Assessment]:
    """Every assessment of a person, newest first (the first one is the current level)."""
    return Assessment.objects.restrict(user).filter(person=person).select_related(
        "level", "assessed_by").order_by("-assessed_on", "-id")


def activities_for(user, *, unit: Unit | None = None, field: Field | None = None,
                   person: Person | None = None) -> QuerySet[Activity]:
    """Activities the user may see, newest first; filter by unit subtree, field or a person
    who took part (as member or as contact). Notes stay sealed: see
    fieldwork.actions.reveal_activity_notes."""
    qs = (Activity.objects.restrict(user).select_related("field", "unit")
          .with_related(user, "members", "contacts"))
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if field is not None:
        qs = qs.filter(field=field)
    if person is not None:
        qs = qs.filter(Q(members=person) | Q(contacts=person)).distinct()
    return qs.order_by("-date", "-id")


def follow_ups_due(user, *, today: date | None = None, unit: Unit | None = None
                   ) -> QuerySet[Activity]:
    """Open follow-ups due today or earlier, oldest first."""
    today = today or timezone.localdate()
    qs = activities_for(user, unit=unit).filter(follow_up_done=False,
                                                follow_up_on__lte=today)
    return qs.order_by("follow_up_on", "id")


def ties_of(user, person: Person) -> QuerySet[Tie]:
    """Ties from or to a person, within what the user may see."""
    qs = Tie.objects.restrict(user).select_related("from_person", "to_person")
    return (qs.filter(from_person=person) | qs.filter(to_person=person)).order_by("kind", "id")


def mass_organizations_for(user, organization: Organization | None = None
                           ) -> QuerySet[MassOrganization]:
    qs = MassOrganization.objects.restrict(user)
    if organization is not None:
        qs = qs.filter(organization=organization)
    return qs.order_by("name")


def sees_records(user, field: Field) -> bool:
    """Whether pages may show the aliases of the field's contacts (else counts only)."""
    return scope_for(user).sees_records_of(field.unit)
