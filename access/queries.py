"""Read side of roles for pages: what the role list on a unit shows. Used by the role pages
(``access.views``) and by the unit page's people block (``people_tags.unit_people``), so it
lives here rather than in either one's views."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from access.models import Role

if TYPE_CHECKING:
    from organizations.models import Unit


def role_list_context(user: Any, unit: Unit) -> dict[str, Any]:
    """The roles in force on a unit that the user may see, which of them the user may revoke
    (one's own role is changed by another secretary, never by oneself), and the ended ones:
    who held which role when."""
    visible = Role.objects.restrict(user).filter(unit=unit).select_related("user")
    return {
        # Lists: evaluated here, not by the template that shows them.
        "roles": list(visible.active()),
        "past_roles": list(visible.filter(until__isnull=False).order_by("-until", "-id")[:50]),
        "revocable": set(Role.objects.restrict(user, "delete").active().filter(unit=unit)
                         .exclude(user=user).values_list("pk", flat=True)),
    }
