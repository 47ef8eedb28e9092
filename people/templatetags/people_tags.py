"""``{% unit_people unit %}``: a unit's people and roles, for the unit page.

The unit page only includes ``people/_unit_people.html``; what to fetch and who may see it
stays here, behind the access layer.
"""

from __future__ import annotations

from django import template

from access.helpers import can
from access.queries import role_list_context
from access.scope import scope_for
from organizations.models import Organization, Unit
from people.models import Person

register = template.Library()


@register.inclusion_tag("people/_unit_people_list.html", takes_context=True)
def unit_people(context, unit: Unit) -> dict:
    request = context.get("request")
    user = request.user if request is not None else context.get("user")
    return {
        "unit": unit,
        # A list: the template's "if" and "for" run no query of their own.
        "people": list(Person.objects.restrict(user).filter(unit=unit)),
        "can_add": scope_for(user).sees_records_of(unit, "add"),
        # The lookup by phone or email is an identity read: offered only with the right.
        "can_lookup": Organization.objects.restrict(user, "reveal").filter(
            pk=unit.organization_id).exists(),
        **role_list_context(user, unit),
        "can_manage_roles": can(user, Unit, unit, "change"),
        "next": request.get_full_path() if request is not None else "",
    }
