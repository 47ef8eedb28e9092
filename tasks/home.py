"""What the home page shows of tasks, assignments and notifications, and the next step of a
user who has none: a constant number of queries whatever the numbers of rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from access.scope import SECRETARY
from fieldwork.models import Field
from organizations.models import Unit
from people.models import Person
from tasks import notify
from tasks.models import Assignment, Notification, Task
from tasks.progress import listed

UPCOMING = 10


@dataclass
class MyTasks:
    overdue: list[Task] = field(default_factory=list)
    today: list[Task] = field(default_factory=list)
    this_week: list[Task] = field(default_factory=list)
    upcoming: list[Task] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.overdue or self.today or self.this_week or self.upcoming)


def named(user: Any, tasks: list[Task]) -> list[Task]:
    """Owner and contact as the reader may see them (one query): someone who moved away is
    not named to the old unit."""
    ids = {t.owner_id for t in tasks} | {t.contact_id for t in tasks}
    people = {p.pk: p for p in Person.objects.restrict(user).filter(pk__in=ids - {None})}
    for task in tasks:
        task.shown_owner = people.get(task.owner_id or 0)  # type: ignore[attr-defined]
        task.shown_contact = people.get(task.contact_id or 0)  # type: ignore[attr-defined]
    return tasks


def my_tasks(user: Any, roles: list[Any], today: date) -> MyTasks:
    """Open tasks the user owns, and the unowned ones of units where they are secretary
    (those belong to "the unit's secretaries")."""
    mine = Q(owner_id=user.person_id) if user.person_id else Q(pk__in=[])
    secretary_of = [r.unit_id for r in roles if r.kind == SECRETARY]
    rows = (Task.objects.restrict(user).filter(state=Task.State.OPEN)
            .filter(mine | Q(owner__isnull=True, unit_id__in=secretary_of))
            .select_related("unit", "field").order_by("due_on", "id"))
    sunday = today + timedelta(days=6 - today.weekday())
    found = MyTasks()
    for task in named(user, list(rows[:200])):
        # Each is the user's own or their unit's as secretary: they may mark it done.
        task.completable = True  # type: ignore[attr-defined]
        if task.due_on < today:
            found.overdue.append(task)
        elif task.due_on == today:
            found.today.append(task)
        elif task.due_on <= sunday:
            found.this_week.append(task)
        elif len(found.upcoming) < UPCOMING:
            found.upcoming.append(task)
    return found


def my_assignments(user: Any, today: date) -> list[Assignment]:
    if not user.person_id:
        return []
    return listed(user, Assignment.objects.restrict(user).filter(
        member_id=user.person_id, ends_on__gte=today).order_by("starts_on", "id")[:20])


def unread(user: Any) -> list[Notification]:
    rows = list(notify.of(user).filter(read_at__isnull=True)[:5])
    for row in rows:
        row.text = notify.text_of(row)  # type: ignore[attr-defined]
        row.link = notify.link_of(row)  # type: ignore[attr-defined]
    return rows


def next_step(user: Any, roles: list[Any]) -> dict[str, Any]:
    """The one thing to do next for a user with nothing on their list."""
    if not roles:
        return {"kind": "no_roles"}
    unit_ids = [r.unit_id for r in roles]
    first = Field.objects.restrict(user, "add").filter(unit_id__in=unit_ids).order_by(
        "name").first()
    if first is not None:
        return {"kind": "record", "field": first}
    adding = Unit.objects.holding_records(user, "add").filter(pk__in=unit_ids).order_by(
        "path").first()
    if adding is not None:
        return {"kind": "map", "unit": adding}
    return {"kind": "ask", "unit": roles[0].unit}


def home_context(user: Any, roles: list[Any]) -> dict[str, Any]:
    today = timezone.localdate()
    notify.alert_for(user, today)  # written once per task or stop (tasks.notify)
    tasks, assignments = my_tasks(user, roles, today), my_assignments(user, today)
    context: dict[str, Any] = {"my_tasks": tasks, "my_assignments": assignments,
                               "unread": unread(user), "today": today}
    if not tasks and not assignments:
        context["next_step"] = next_step(user, roles)
    return context
