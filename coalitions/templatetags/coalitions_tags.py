"""``{% coalition_reminders %}``: the circulated resolutions an organization the user acts for
has not answered, with their deadline (on the home page)."""

from __future__ import annotations

from typing import Any

from django import template

from coalitions.queries import reminders

register = template.Library()


@register.inclusion_tag("coalitions/_reminders.html", takes_context=True)
def coalition_reminders(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"reminders": reminders(user) if user is not None else []}
