"""URL patterns of tasks, assignments and notifications (see tests/url_walk.py), and the
records the walk needs. The fieldwork cases' world already gives each of Cell A, Cell B and
Cell X a one-to-one with a follow-up, hence a follow-up task; here each gets an assignment
and its secretary a notification."""

from __future__ import annotations

from organizations.models import Unit
from tasks.models import Assignment, Task
from tests.url_walk import Case

CASES = {
    "tasks:unit_tasks": Case(model=Unit),
    "tasks:task_create": Case(model=Unit, action="add"),
    "tasks:task_edit": Case(model=Task, action="change"),
    # Who may change the unit's records, or the task's owner (tasks.actions.completable).
    "tasks:task_complete": Case(model=Task, action="change", method="POST"),
    "tasks:assignments": Case(model=Unit),
    "tasks:assignment_create": Case(model=Unit, action="add"),
    "tasks:assignment_detail": Case(model=Assignment),
    # The user's own notifications: no record in the address (a notification of someone
    # else in the same unit is in the scope and still not the reader's).
    "tasks:notifications": Case(model=None),
}

SECRETARIES = (("cell_a", "cell_secretary"), ("cell_b", "sibling_secretary"),
               ("cell_x", "outsider"))


def extend_world(world) -> None:
    from tasks.actions import do_create_assignment
    from tasks.models import Notification
    from tasks.notify import notify

    for key, secretary in SECRETARIES:
        unit = world.units[key]
        member = world.people[f"alias-{key.replace('_', '')}-1"]
        contact = world.people[f"alias-fw-{key.replace('_', '')}"]
        assignment = do_create_assignment(acting_user=None, unit=unit, title=f"Talk {key}",
                                          member=member, contacts=[contact], goal=1)
        notify(recipients=[world.user(secretary)], unit=unit,
               kind=Notification.Kind.TASK_ASSIGNED, subject_uid=assignment.uid,
               params={"title": f"Walk task {key}", "due": "2026-01-01"})
