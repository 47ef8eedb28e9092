"""Every write of tasks and conversation assignments (notifications: ``tasks.notify``).

``do_create_task`` and ``do_create_assignment`` take a list of contacts, so that a bulk
action on a contact list hands its selection over as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from organizations.models import Unit
from people.models import Person
from tasks.models import Assignment, Task
from tasks.notify import notify_assigned

# What a task's form and API may set; the rest is the actions' bookkeeping.
TASK_FIELDS = ("title", "owner", "due_on", "field")


def _is_user(user: Any) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False))


def this_week(today: date | None = None) -> tuple[date, date]:
    """Monday to Sunday of the week of ``today``."""
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def _may_add(acting_user: Any, unit: Unit) -> None:
    if _is_user(acting_user) and not Unit.objects.holding_records(acting_user, "add").filter(
            pk=unit.pk).exists():
        raise Http404("No unit matches the given query.")


def _check_contacts(acting_user: Any, unit: Unit, contacts: list[Person]) -> None:
    """Contacts of the unit, visible to the acting user."""
    visible = (set(Person.objects.restrict(acting_user).filter(
        pk__in=[p.pk for p in contacts]).values_list("pk", flat=True))
        if _is_user(acting_user) else {p.pk for p in contacts})
    if any(p.unit_id != unit.pk or p.kind != Person.Kind.CONTACT or p.pk not in visible
           for p in contacts):
        raise ValidationError({"contacts": _("Choose contacts of the unit only.")})


def _check_owner(acting_user: Any, person: Person | None, name: str) -> None:
    if person is not None and _is_user(acting_user) and not Person.objects.restrict(
            acting_user).filter(pk=person.pk).exists():
        raise ValidationError({name: _("The owner must be a member of the unit.")})


@transaction.atomic
def do_create_task(*, acting_user: Any, unit: Unit, data: dict[str, Any],
                   contacts: Iterable[Person] = ()) -> list[Task]:
    """A task of ``unit`` (title, owner, due_on, field in ``data``), one per contact when
    contacts are given (a bulk task on a list), else one without a contact."""
    _may_add(acting_user, unit)
    unknown = set(data) - set(TASK_FIELDS)
    if unknown:
        raise ValueError(f"not task fields: {sorted(unknown)}")
    people = list(dict.fromkeys(contacts))
    _check_contacts(acting_user, unit, people)
    _check_owner(acting_user, data.get("owner"), "owner")
    created = []
    each: list[Person | None] = [*people] or [None]
    for contact in each:
        task = Task(unit=unit, kind=Task.Kind.TASK, contact=contact,
                    created_by=acting_user if _is_user(acting_user) else None, **data)
        task.full_clean(exclude=["source_activity"])
        task.save()
        record(actor=acting_user, action="create", obj=task)
        notify_assigned(acting_user=acting_user, task=task)
        created.append(task)
    return created


@transaction.atomic
def do_update_task(*, acting_user: Any, task: Task, data: dict[str, Any]) -> Task:
    """Change title, owner, due date or field; a new owner is told. A follow-up's due date
    is its activity's: changed there (``fieldwork``), so that both say the same."""
    unknown = set(data) - set(TASK_FIELDS)
    if unknown:
        raise ValueError(f"not task fields: {sorted(unknown)}")
    if task.source_activity_id and "due_on" in data and data["due_on"] != task.due_on:
        raise ValidationError({"due_on": _("A follow-up is due when its activity says: "
                                           "change the activity.")})
    before = snapshot(task)
    owner_before = task.owner_id
    if data.get("owner") is not None and data["owner"].pk != owner_before:
        _check_owner(acting_user, data["owner"], "owner")
    for name, value in data.items():
        setattr(task, name, value)
    task.full_clean(exclude=["source_activity"])
    task.save()
    record(actor=acting_user, action="update", obj=task, before=before)
    if task.owner_id and task.owner_id != owner_before and task.is_open:
        notify_assigned(acting_user=acting_user, task=task)
    return task


def may_complete(user: Any, task: Task) -> bool:
    """Who may mark a task done: who may change the unit's records, or its owner."""
    if task.owner_id and getattr(user, "person_id", None) == task.owner_id:
        return True
    return bool(Task.objects.restrict(user, "change").filter(pk=task.pk).exists())


def completable(user: Any):
    """The tasks ``user`` may mark done or reopen (a queryset, for ``access_object``)."""
    mine = Task.objects.restrict(user).filter(owner_id=getattr(user, "person_id", None)) \
        if getattr(user, "person_id", None) else Task.objects.none()
    return Task.objects.restrict(user, "change") | mine


@transaction.atomic
def do_complete_task(*, acting_user: Any, task: Task, done: bool = True) -> Task:
    """Mark a task done (or open again). A follow-up's activity is marked with it, through
    the fieldwork action, which finds its task already in step."""
    if _is_user(acting_user) and not may_complete(acting_user, task):
        raise Http404("No task matches the given query.")
    state = Task.State.DONE if done else Task.State.OPEN
    if task.state == state:
        return task
    before = snapshot(task)
    task.state = state
    task.done_on = timezone.localdate() if done else None
    task.done_by = acting_user if done and _is_user(acting_user) else None
    task.save()
    record(actor=acting_user, action="update", obj=task, before=before)
    if task.source_activity is not None:
        from fieldwork.actions import do_mark_follow_up_done

        do_mark_follow_up_done(acting_user=acting_user, activity=task.source_activity,
                               done=done)
    return task


@transaction.atomic
def do_create_assignment(*, acting_user: Any, unit: Unit, title: str, member: Person,
                         contacts: Iterable[Person], goal: int,
                         starts_on: date | None = None,
                         ends_on: date | None = None) -> Assignment:
    """Give ``member`` a list of the unit's contacts to talk to between ``starts_on`` and
    ``ends_on`` (default: this week, Monday to Sunday), aiming at ``goal`` conversations."""
    _may_add(acting_user, unit)
    people = list(dict.fromkeys(contacts))
    if not people:
        raise ValidationError({"contacts": _("Choose at least one contact.")})
    _check_contacts(acting_user, unit, people)
    _check_owner(acting_user, member, "member")
    monday, sunday = this_week()
    assignment = Assignment(unit=unit, title=title.strip(), member=member, goal=goal,
                            starts_on=starts_on or monday, ends_on=ends_on or sunday,
                            created_by=acting_user if _is_user(acting_user) else None)
    assignment.full_clean()
    assignment.save()
    assignment.contacts.set(people)
    record(actor=acting_user, action="create", obj=assignment, fields=["contacts"])
    return assignment


@transaction.atomic
def do_create_reason_task(*, acting_user: Any, field: Any, title: str, due_on: date,
                          recipients: Iterable[Any]) -> Task:
    """The committee's question why ``field`` stopped, as a task of the field's unit for its
    secretaries (no owner), and a notification to them. The right to ask is the caller's to
    check (``stoppages.actions.do_ask_reason``): a committee asks a cell whose records it may
    not add to."""
    from tasks.notify import Kind, notify, task_params

    task = Task(unit=field.unit, kind=Task.Kind.REASON_ASKED, field=field, title=title,
                due_on=due_on, created_by=acting_user if _is_user(acting_user) else None)
    task.full_clean(exclude=["source_activity"])
    task.save()
    record(actor=acting_user, action="create", obj=task)
    notify(recipients=recipients, unit=field.unit, kind=Kind.TASK_ASSIGNED,
           subject_uid=task.uid, params=task_params(task))
    return task
