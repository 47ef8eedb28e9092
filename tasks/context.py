"""The navigation's unread count: one COUNT query per page for a logged-in user, handed to
the template as a number (no queryset is left for the template to evaluate)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tasks.notify import unread_count


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}
