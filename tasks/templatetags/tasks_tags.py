"""``{% open_tasks_for contact as open_tasks %}``: the open tasks about a contact that the
reader may see (one query), for the contact's page. Follow-ups are left out: the page lists
them with their activities."""

from __future__ import annotations

from typing import Any

from django import template

from tasks.models import Task

register = template.Library()


@register.simple_tag(takes_context=True)
def open_tasks_for(context: dict[str, Any], contact: Any) -> list[Task]:
    request = context.get("request")
    if request is None or contact is None:
        return []
    return list(Task.objects.restrict(request.user).filter(
        contact=contact, state=Task.State.OPEN).exclude(kind=Task.Kind.FOLLOW_UP)
        .order_by("due_on", "id")[:20])
