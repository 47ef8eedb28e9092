"""A follow-up is a task: the activity's ``follow_up_on`` / ``follow_up_done`` and its task are
one truth, kept in step by the actions only.

The fieldwork activity actions (``do_create_activity``, ``do_update_activity`` and so
``do_record_one_to_one`` and ``do_mark_follow_up_done``) call ``keep_in_step`` in their
transaction; completing or reopening a follow-up task (``tasks.actions.do_complete_task``)
writes the activity through ``do_mark_follow_up_done``, which finds its task already in step.
The hook sits in the actions rather than in the pages because the actions are the only
writers of those columns and the pages are many (the one-to-one and activity forms, the
"Done" button, the API, CSV import, distributions, the demo): one call site each would be
one to forget.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from audit.log import record, snapshot
from fieldwork.models import Activity
from people.models import Person
from tasks.models import Task


def _sole(people: list[Person], unit_id: int, kind: str) -> Person | None:
    # One member, one contact: the one-to-one's. With several, nobody in particular.
    return people[0] if len(people) == 1 and people[0].unit_id == unit_id \
        and people[0].kind == kind else None


def keep_in_step(*, acting_user: Any, activity: Activity) -> Task | None:
    """Create, update or remove the follow-up task of ``activity`` to match it."""
    from tasks.notify import notify_assigned

    task = Task.objects.filter(source_activity=activity).first()
    if activity.follow_up_on is None:
        if task is not None:
            record(actor=acting_user, action="delete", obj=task)
            task.delete()
        return None
    done = activity.follow_up_done
    state = Task.State.DONE if done else Task.State.OPEN
    if task is None:
        task = Task(unit_id=activity.unit_id, kind=Task.Kind.FOLLOW_UP,
                    due_on=activity.follow_up_on, source_activity=activity,
                    field_id=activity.field_id, state=state,
                    owner=_sole(list(activity.members.all()), activity.unit_id,
                                Person.Kind.MEMBER),
                    contact=_sole(list(activity.contacts.all()), activity.unit_id,
                                  Person.Kind.CONTACT),
                    created_by=acting_user if getattr(acting_user, "pk", None) else None)
        if done:
            task.done_on = timezone.localdate()
            task.done_by = task.created_by
        task.save()
        record(actor=acting_user, action="create", obj=task)
        if not done:
            notify_assigned(acting_user=acting_user, task=task)
        return task
    if task.due_on == activity.follow_up_on and task.state == state:
        return task
    before = snapshot(task)
    task.due_on = activity.follow_up_on
    if task.state != state:
        task.state = state
        task.done_on = timezone.localdate() if done else None
        task.done_by = (acting_user if done and getattr(acting_user, "pk", None) else None)
    task.save()
    record(actor=acting_user, action="update", obj=task, before=before)
    return task
