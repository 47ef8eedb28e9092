"""The "task state" filter of the contact lists (issue #13, point 4), added to
``fieldwork.filters.ContactFilter`` from ``TasksConfig.ready()``: pages, saved lists and the
API get it from the one definition.

A contact's tasks are the open tasks naming it (``Task.contact``) and the follow-ups of the
activities naming it (a follow-up of a meeting with several contacts names none of them
itself), among the tasks the reader may see.
"""

from __future__ import annotations

from typing import Any

import django_filters  # type: ignore[import-untyped]  # ships no types
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fieldwork.filters import ANY
from fieldwork.models import ContactProfile
from tasks.models import Task

OPEN, OVERDUE, NO_OPEN = "open", "overdue", "none"


def open_tasks_of_contact(user: Any) -> QuerySet[Task]:
    """Open tasks the user sees that name the outer row's contact (``person_id``)."""
    return Task.objects.restrict(user).filter(state=Task.State.OPEN).filter(
        Q(contact=OuterRef("person_id")) | Q(source_activity__contacts=OuterRef("person_id")))


class TaskStateFilter(django_filters.ChoiceFilter):
    def filter(self, qs: QuerySet[ContactProfile], value: str) -> QuerySet[ContactProfile]:
        if value in ("", None):
            return qs
        tasks = open_tasks_of_contact(self.parent.user)  # the FilterSet, built for a reader
        if value == OVERDUE:
            tasks = tasks.filter(due_on__lt=timezone.localdate())
        has = Exists(tasks)
        return qs.filter(~has if value == NO_OPEN else has)


def task_state_filter() -> TaskStateFilter:
    return TaskStateFilter(label=_("Tasks"), empty_label=ANY, choices=(
        (OPEN, _("Has an open task")),
        (OVERDUE, _("Has an overdue task")),
        (NO_OPEN, _("No open task"))))
