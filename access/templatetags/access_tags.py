"""``{% may action obj as allowed %}``: the one way a template asks whether to show a button.

It answers what ``restrict(user, action)`` would, from the grants loaded once per request
(``Scope.permits``), without a query per row for the records of a unit; for the rest (views,
organization-level records) it asks the database once per record, action and request.

    {% may "change" activity as may_correct %}{% if may_correct %}<form ...>{% endif %}
    {% may "add" field "fieldwork.Activity" as may_log %}    {# a new activity there #}

With a model (``app_label.Model``), ``obj`` is the place a new record would go: a unit, or a
record hanging on one (a field, a person). The view still checks on submit.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.apps import apps
from django.db import models

from access.scope import scope_for

register = template.Library()
_CACHE = "_nucleus_may"


def _unit_id(place: Any) -> int | None:
    if place._meta.label == "organizations.Unit":
        return int(place.pk)
    anchor = getattr(type(place), "anchor", None)
    return anchor.unit_id_of(place) if anchor is not None else None


def may(user: Any, action: str, obj: Any, model: str = "") -> bool:
    """What the template tag answers, for code that renders without a template context."""
    if obj is None or user is None or not user.is_authenticated:
        return False
    scope = scope_for(user)
    if model:
        record_model: Any = apps.get_model(model)
        permitted = scope.permits(record_model.anchor, action, _unit_id(obj))
        if permitted is None:
            raise ValueError(f"{model}: ask about a new record by its unit only")
        return permitted
    anchor = type(obj).anchor
    owner = (getattr(obj, obj._meta.get_field(anchor.own).attname, None)
             if anchor.own is not None else None)
    permitted = scope.permits(anchor, action, anchor.unit_id_of(obj), owner)
    if permitted is not None:
        return permitted
    cache: dict[tuple[str, int, str], bool] = scope.__dict__.setdefault(_CACHE, {})
    key = (obj._meta.label, obj.pk, action)
    if key not in cache:
        rows: models.QuerySet[Any] = type(obj).objects.restrict(user, action)
        cache[key] = rows.filter(pk=obj.pk).exists()
    return cache[key]


@register.simple_tag(takes_context=True, name="may")
def may_tag(context: template.Context, action: str, obj: Any, model: str = "") -> bool:
    request = context.get("request")
    user = getattr(request, "user", None) if request is not None else context.get("user")
    return may(user, action, obj, model)
