"""``{% unit_people unit %}``: a unit's people and roles, for the unit page.

The unit page only includes ``people/_unit_people.html``; what to fetch and who may see it
stays here, behind the access layer.
"""

from __future__ import annotations

from django import template
from django.core.paginator import Paginator

from access.helpers import can
from access.queries import role_list_context
from access.scope import scope_for
from organizations.models import Organization, Unit
from people.models import Person

register = template.Library()

# A cell that works a few big workplaces holds a thousand contacts: the page lists them 50 at
# a time (plain ?page= links; the search finds anyone).
PEOPLE_PAGE = 50


@register.inclusion_tag("people/_unit_people_list.html", takes_context=True)
def unit_people(context, unit: Unit) -> dict:
    request = context.get("request")
    user = request.user if request is not None else context.get("user")
    return {
        "unit": unit,
        "people": Paginator(Person.objects.restrict(user).filter(unit=unit)
                            .order_by("alias", "pk"), PEOPLE_PAGE).get_page(
            request.GET.get("page") if request is not None else None),
        "can_add": scope_for(user).sees_records_of(unit, "add"),
        # The lookup by phone or email is an identity read: offered only with the right.
        "can_lookup": Organization.objects.restrict(user, "reveal").filter(
            pk=unit.organization_id).exists(),
        **role_list_context(user, unit),
        "can_manage_roles": can(user, Unit, unit, "change"),
        "next": request.get_full_path() if request is not None else "",
    }
