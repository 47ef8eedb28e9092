"""The organs on other apps' pages: the link from a unit's page, and the published
resolutions on an organization's profile."""

from __future__ import annotations

from typing import Any

from django import template

from access.scope import scope_for
from organizations.models import Organization, Unit
from organs.models import PublishedResolution

register = template.Library()


@register.inclusion_tag("organs/_unit_links.html", takes_context=True)
def organ_links(context: Any, unit: Unit) -> dict[str, Any]:
    user = context["request"].user
    return {"unit": unit, "sees_records": scope_for(user).sees_records_of(unit)}


@register.inclusion_tag("organs/_organization_resolutions.html", takes_context=True)
def organization_resolutions(context: Any, org: Organization) -> dict[str, Any]:
    user = context["request"].user
    return {"resolutions": PublishedResolution.objects.restrict(user).filter(
        organization=org)}
