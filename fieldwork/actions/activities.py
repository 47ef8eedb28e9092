"""Activities: the work log, one-to-ones, follow-ups and the audited reveal of their sealed
notes and outcomes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from access.scope import scope_for
from audit.log import record, snapshot
from fieldwork.actions.common import (
    _assign,
    _is_user,
    _save_changes,
)
from fieldwork.contact_dates import refresh_last_contact
from fieldwork.models import (
    Activity,
    Assessment,
    ContactProfile,
)
from organizations.models import Unit
from people.models import Person
from tasks.follow_ups import keep_in_step

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


def _check_own_name(acting_user, unit: Unit, members: list[Person]) -> None:
    """A member logging their own work (not holding the unit's records) records it in their
    own name only."""
    if not _is_user(acting_user) or scope_for(acting_user).sees_records_of(unit, "add"):
        return
    if any(p.pk != getattr(acting_user, "person_id", None) for p in members):
        raise ValidationError({"members": _("You record your own conversations: choose "
                                            "yourself as the member, or no one.")})


OUTCOME_MAX = 300


def _outcome_of(data: dict) -> tuple[dict, str | None]:
    """``data`` without its "outcome" (a sealed value, not a column), and that outcome."""
    data = dict(data)
    outcome = data.pop("outcome", None)
    if outcome is not None and len(outcome) > OUTCOME_MAX:
        raise ValidationError({"outcome": _("Too long (at most %(n)s characters).")
                               % {"n": OUTCOME_MAX}})
    return data, outcome


@transaction.atomic
def do_create_activity(*, acting_user, unit: Unit, data: dict,
                       members: Iterable[Person] = (), contacts: Iterable[Person] = (),
                       notes: str = "") -> Activity:
    """A new activity; ``data`` may carry its "outcome", sealed like the notes."""
    members, contacts = list(members), list(contacts)
    data, outcome = _outcome_of(data)
    activity = Activity(unit=unit, created_by=acting_user if _is_user(acting_user) else None,
                        **data)
    activity.full_clean()
    _check_people(acting_user, unit, members, contacts)
    _check_own_name(acting_user, unit, members)
    activity.seal_notes(notes)
    activity.seal_outcome(outcome or "")
    activity.save()
    activity.members.set(members)
    activity.contacts.set(contacts)
    refresh_last_contact(p.pk for p in contacts)
    if activity.follow_up_on is not None:  # a follow-up is a task (tasks.follow_ups)
        keep_in_step(acting_user=acting_user, activity=activity)
    # Relations and the sealed texts by name only; the columns' values are in the row.
    names = [n for n, v in (("members", members), ("contacts", contacts), ("notes", notes),
                            ("outcome", outcome)) if v]
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
    contacts_before = set(activity.contacts.values_list("pk", flat=True))
    date_before = activity.date
    follow_up_before = (activity.follow_up_on, activity.follow_up_done)
    data, outcome = _outcome_of(data)
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
    _check_own_name(acting_user, activity.unit, added["members"])
    sealed = []
    if notes is not None and notes != activity.unseal_notes():
        activity.seal_notes(notes)
        sealed.append("notes")
    if outcome is not None and outcome != activity.unseal_outcome():
        activity.seal_outcome(outcome)
        sealed.append("outcome")
    _save_changes(acting_user, activity, before, wanted, sealed)
    if "contacts" in wanted or activity.date != date_before:
        refresh_last_contact(contacts_before | set(activity.contacts.values_list("pk",
                                                                                 flat=True)))
    if (activity.follow_up_on, activity.follow_up_done) != follow_up_before:
        keep_in_step(acting_user=acting_user, activity=activity)
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


@dataclass(frozen=True)
class ActivityText:
    notes: str
    outcome: str


@transaction.atomic
def reveal_activity_notes(*, acting_user, activity: Activity) -> ActivityText:
    """The decrypted notes and outcome of an activity, for a user with the reveal right on
    its unit (404 otherwise, as for a missing activity). Protected like identities: every
    read leaves an audit row (who, which, when) naming what was shown, never its text."""
    if not Activity.objects.restrict(acting_user, "reveal").filter(pk=activity.pk).exists():
        raise Http404("No activity matches the given query.")
    text = ActivityText(notes=activity.unseal_notes(), outcome=activity.unseal_outcome())
    record(actor=acting_user, action="reveal", obj=activity,
           fields=[n for n in ("notes", "outcome") if getattr(text, n)])
    return text


@transaction.atomic
def reveal_assessment_notes(*, acting_user, assessments: Iterable[Assessment]
                            ) -> dict[int, str]:
    """The decrypted notes of assessments, by id, for a user with the reveal right on the
    person's unit (the others are left out). One audit row per note shown."""
    items = [a for a in assessments if a.note_sealed]
    allowed = set(Assessment.objects.restrict(acting_user, "reveal")
                  .filter(pk__in=[a.pk for a in items]).values_list("pk", flat=True))
    notes = {}
    for assessment in (a for a in items if a.pk in allowed):
        notes[assessment.pk] = assessment.unseal_note()
        record(actor=acting_user, action="reveal", obj=assessment, fields=["note"])
    return notes
