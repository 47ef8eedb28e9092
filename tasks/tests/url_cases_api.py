"""API patterns of tasks, assignments and notifications (see tests/url_walk.py)."""

from __future__ import annotations

from tasks.models import Assignment, Task
from tests.url_walk import Case

CASES = {
    "task-list": Case(model=None),
    "task-detail": Case(model=Task),
    "task-complete": Case(model=Task, action="change", method="POST"),
    "assignment-list": Case(model=None),
    "assignment-detail": Case(model=Assignment),
    "notification-list": Case(model=None),
    "notification-read": Case(model=None, method="POST"),
}
