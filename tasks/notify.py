"""In-app notifications: written here, read by their recipient only, never e-mailed.

``notify`` is the one writer; other apps call it (deployment when a plan run finishes; the
stopped-field alert). The text is the kind's message template (marked for the translators
here, translated when shown) filled with ``params``; the link is the kind's page of the subject.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from audit.log import record
from nucleus.calendars import format_date
from organizations.models import Unit
from tasks.models import Notification, Task

Kind = Notification.Kind

MESSAGES: dict[str, str] = {
    Kind.TASK_ASSIGNED: gettext_noop("You were given a task: %(title)s (due %(due)s)."),
    Kind.TASK_OVERDUE: gettext_noop("Your task is overdue: %(title)s (due %(due)s)."),
    Kind.PLAN_READY: gettext_noop("The deployment plan you started for %(unit)s has finished."),
    Kind.FIELD_STOPPED: gettext_noop("Work in the priority field %(field)s has stopped."),
    Kind.REASON_GIVEN: gettext_noop("The cell said why work in %(field)s stopped."),
}

# The page of a notification's subject, by kind (the subject's uid is its argument); tasks
# are shown on their unit's task list, which their owner may read.
LINKS: dict[str, str] = {
    Kind.PLAN_READY: "deployment:run_detail",
    Kind.FIELD_STOPPED: "fieldwork:field_detail",
    Kind.REASON_GIVEN: "fieldwork:field_detail",
}
# Alerts of other apps written when a user's own pages load, as "overdue" is (the stopped
# priority fields: stoppages registers its own in its AppConfig.ready), so that this app
# imports none of them.
PAGE_ALERTS: list[Callable[..., int]] = []

UNIT_LINKS: dict[str, str] = {
    Kind.TASK_ASSIGNED: "tasks:unit_tasks",
    Kind.TASK_OVERDUE: "tasks:unit_tasks",
}


def notify(*, recipients: Iterable[User], unit: Unit, kind: str, subject_uid: UUID,
           params: dict[str, Any]) -> list[Notification]:
    """One notification per recipient (each at most once), in the caller's transaction, so
    that a refused action leaves none behind. ``params`` fill the kind's message: strings,
    numbers and ISO dates only, and never an identity."""
    if kind not in MESSAGES:
        raise ValueError(f"unknown notification kind {kind!r}")
    written = []
    with transaction.atomic():
        for user in dict.fromkeys(recipients):
            notification = Notification.objects.create(
                recipient=user, unit=unit, kind=kind, subject_uid=subject_uid,
                params=dict(params))
            # No actor: the system tells; the row names the unit like every record's.
            record(actor=None, action="create", obj=notification)
            written.append(notification)
    return written


def text_of(notification: Notification) -> str:
    """The message in the reader's language and calendar. A missing parameter shows the
    template bare rather than failing the page."""
    template = _(MESSAGES.get(notification.kind, "%(title)s"))
    params = dict(notification.params)
    if not params.get("title") and params.get("kind") in Task.Kind.values:
        params["title"] = Task.Kind(params["kind"]).label  # a follow-up has no title
    if isinstance(params.get("due"), str):
        try:
            params["due"] = format_date(date.fromisoformat(params["due"]))
        except ValueError:
            pass
    try:
        return template % params
    except (KeyError, TypeError, ValueError):
        return template


def link_of(notification: Notification) -> str:
    if notification.kind in UNIT_LINKS:
        name, uid = UNIT_LINKS[notification.kind], notification.unit.uid
    elif notification.kind in LINKS:
        name, uid = LINKS[notification.kind], notification.subject_uid
    else:
        return ""
    try:
        return reverse(name, kwargs={"uid": uid})
    except NoReverseMatch:
        return ""


def of(user: Any) -> QuerySet[Notification]:
    """The user's own notifications: within their scope and addressed to them."""
    return Notification.objects.restrict(user).filter(recipient=user).select_related("unit")


def unread_count(user: Any) -> int:
    """One query: for the navigation's badge."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return of(user).filter(read_at__isnull=True).count()


@transaction.atomic
def mark_read(*, acting_user: Any, uids: Iterable[UUID] | None = None) -> int:
    """Mark the user's own unread notifications read (those named, or all). Returns how many."""
    unread = of(acting_user).filter(read_at__isnull=True)
    if uids is not None:
        unread = unread.filter(uid__in=list(uids))
    now = timezone.now()
    rows = list(unread.select_for_update())
    for notification in rows:
        notification.read_at = now
        notification.save(update_fields=["read_at"])
        record(actor=acting_user, action="update", obj=notification, fields=["read_at"])
    return len(rows)


def task_params(task: Task) -> dict[str, str]:
    # The title as written (a follow-up has none: its kind is said when shown), the date as
    # ISO (shown in the reader's calendar); no alias, which may later leave the reader's scope.
    return {"title": task.title, "kind": task.kind, "due": task.due_on.isoformat()}


def owner_user(task: Task) -> User | None:
    if not task.owner_id:
        return None
    return User.objects.filter(person_id=task.owner_id, is_active=True).first()


def notify_assigned(*, acting_user: Any, task: Task) -> None:
    """Tell the owner's login that someone else gave them the task."""
    user = owner_user(task)
    if user is None or user.pk == getattr(acting_user, "pk", None):
        return
    notify(recipients=[user], unit=task.unit, kind=Kind.TASK_ASSIGNED, subject_uid=task.uid,
           params=task_params(task))


def alert_for(user: Any, today: date | None = None) -> None:
    """What the user's home, notifications or dashboard page writes before it is shown."""
    notify_overdue(user=user, today=today)
    for alert in PAGE_ALERTS:
        alert(user=user, today=today)


def notify_overdue(*, user: Any = None, today: date | None = None) -> int:
    """Write "overdue" once per open task past its due date and its owner's login: for
    ``user``'s own tasks (their home or notifications page) or, without a user, for every
    owner (``manage.py notify_overdue``). Idempotent: a task already told is skipped, and a
    database constraint keeps a second writer from telling it twice."""
    today = today or timezone.localdate()
    told = Notification.objects.filter(kind=Kind.TASK_OVERDUE, subject_uid=OuterRef("uid"),
                                       recipient__person_id=OuterRef("owner_id"))
    tasks = Task.objects.all()
    if user is not None:
        person_id = getattr(user, "person_id", None)
        if person_id is None:
            return 0
        tasks = Task.objects.restrict(user).filter(owner_id=person_id)
    due = (tasks.filter(state=Task.State.OPEN, due_on__lt=today, owner__isnull=False)
           .exclude(Exists(told)))
    written = 0
    for task in due.select_related("unit").order_by("due_on", "id"):
        recipient = user if user is not None else owner_user(task)
        if recipient is None:
            continue
        try:
            with transaction.atomic():
                notify(recipients=[recipient], unit=task.unit, kind=Kind.TASK_OVERDUE,
                       subject_uid=task.uid, params=task_params(task))
        except IntegrityError:  # the constraint: told meanwhile by another writer
            continue
        written += 1
    return written
