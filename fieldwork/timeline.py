"""A contact's history for their page: the activities that name them (newest first, a page at
a time), their assessments over time, their ties (who is in touch with them first), open
follow-ups and the last contact. Everything through the access layer, in a fixed number of
queries however long the history is."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from fieldwork.models import Activity, Assessment, ContactProfile, Tie
from fieldwork.queries import activities_for, assessment_history, ties_of
from people.models import Person

#: Activities per page of the timeline.
TIMELINE_PAGE = 50
#: Assessments shown (the latest); an older one is corrected from the assessment list of
#: the person's data, which is rarely needed this far back.
ASSESSMENTS_SHOWN = 50


@dataclass
class Timeline:
    person: Person
    profile: ContactProfile | None
    page: Page
    follow_ups: list[Activity]
    assessments: list[Assessment]
    assessments_more: int
    ties: list[Tie]
    today: date
    #: The alias of who made each assessment, by assessment id (only when the reader may
    #: see that person).
    assessors: dict[int, str] = field(default_factory=dict)
    #: Ids of the activities, assessments and ties the reader may change or delete.
    changeable: dict[str, set[int]] = field(default_factory=dict)
    deletable: dict[str, set[int]] = field(default_factory=dict)

    @property
    def days_since_contact(self) -> int | None:
        last = self.profile.last_contact_on if self.profile else None
        return (self.today - last).days if last else None


def _naming(user, person: Person) -> QuerySet[Activity]:
    # As a contact: the conversations and activities with them (a member's own work is the
    # work log's, not this page's).
    return activities_for(user).filter(contacts=person)


def _ties(user, person: Person) -> list[Tie]:
    in_touch_first = Case(When(kind=Tie.Kind.IN_TOUCH, then=Value(0)), default=Value(1),
                          output_field=IntegerField())
    return list(ties_of(user, person).order_by(in_touch_first, "kind", "id"))


def assessors_of(user, assessments: list[Assessment]) -> dict[int, str]:
    people = {a.assessed_by.person_id for a in assessments
              if a.assessed_by is not None and a.assessed_by.person_id}
    visible = dict(Person.objects.restrict(user).filter(pk__in=people)
                   .values_list("pk", "alias")) if people else {}
    return {a.pk: visible[a.assessed_by.person_id] for a in assessments
            if a.assessed_by is not None and a.assessed_by.person_id in visible}


def allowed_ids(user, action: str, rows: dict[str, list]) -> dict[str, set[int]]:
    """Per kind of row, the ids the user may do ``action`` on (one query per kind)."""
    kinds = {"activity": Activity, "assessment": Assessment, "tie": Tie}
    return {kind: set(kinds[kind].objects.restrict(user, action)
                      .filter(pk__in=[r.pk for r in items]).values_list("pk", flat=True))
            if items else set() for kind, items in rows.items()}


def timeline_of(user, person: Person, *, page: str | int | None = None) -> Timeline:
    """The reader's view of a contact's history; ``page`` numbers the timeline's pages."""
    profile = (ContactProfile.objects.restrict(user).filter(person=person)
               .select_related("field__unit", "part", "current_level").first())
    paginator = Paginator(_naming(user, person), TIMELINE_PAGE)
    current = paginator.get_page(page)
    follow_ups = list(_naming(user, person).filter(follow_up_done=False,
                                                   follow_up_on__isnull=False)
                      .order_by("follow_up_on", "id"))
    history = assessment_history(user, person).select_related("assessed_by")
    assessments = list(history[:ASSESSMENTS_SHOWN + 1])
    more = 0
    if len(assessments) > ASSESSMENTS_SHOWN:
        assessments = assessments[:ASSESSMENTS_SHOWN]
        more = history.count() - ASSESSMENTS_SHOWN
    ties = _ties(user, person)
    activities = list({a.pk: a for a in [*current.object_list, *follow_ups]}.values())
    rows = {"activity": activities, "assessment": assessments, "tie": ties}
    return Timeline(person=person, profile=profile, page=current, follow_ups=follow_ups,
                    assessments=assessments, assessments_more=more, ties=ties,
                    today=timezone.localdate(), assessors=assessors_of(user, assessments),
                    changeable=allowed_ids(user, "change", rows),
                    deletable=allowed_ids(user, "delete", rows))
