"""The audit log of a unit, for its secretaries (with oversight: of its subtree too).

Rows come through ``AuditEvent.objects.restrict`` (``audit/querysets.py``); the unit through
``access_object(Unit, user, uid, "change")``, so a unit whose log the user may not read
answers 404 like a missing one. What the rows name is shown only as far as the reader may
see it now: a person's alias when the person is in the reader's scope, a login name when its
holder has a role the reader sees, else "someone outside your units". Old and new values are
not shown (a person who moved away or was deleted would show through them): only which
fields changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from access.helpers import access_object
from access.models import Role
from audit.forms import AuditFilterForm
from audit.models import AuditEvent
from audit.querysets import READ_ACTION, account_label
from organizations.models import Unit
from people.models import Person

PAGE_SIZE = 50


@dataclass(frozen=True)
class Line:
    event: AuditEvent
    who: str
    record: str
    unit: str
    fields: list[str]


def unit_rows(user: Any, unit: Unit) -> QuerySet[AuditEvent]:
    """The rows of ``unit`` and below that ``user`` may read, and those about the logins of
    the people holding roles there."""
    holders = Role.objects.filter(unit__path__startswith=unit.path).values("user_id")
    here = (Q(unit__path__startswith=unit.path)
            | Q(unit__isnull=True, model=account_label(), object_id__in=holders))
    return AuditEvent.objects.restrict(user).filter(here)


class _Names:
    """What the page may call the users, people and units its rows name (a few queries per
    page, each through the access layer)."""

    def __init__(self, user: Any, events: list[AuditEvent]) -> None:
        from accounts.models import User

        account = account_label()
        user_ids = {e.actor_id for e in events if e.actor_id} | {
            e.object_id for e in events if e.model == account}
        person_ids = {e.object_id for e in events if e.model == "people.Person"}
        logins = dict(User.objects.filter(pk__in=user_ids).values_list("pk", "person_id"))
        self.aliases = dict(Person.objects.restrict(user).filter(
            pk__in=person_ids | {p for p in logins.values() if p}).values_list("pk", "alias"))
        self.usernames = dict(Role.objects.restrict(user).filter(user_id__in=user_ids)
                              .values_list("user_id", "user__username"))
        self.logins = logins
        self.units = dict(Unit.objects.restrict(user).filter(
            pk__in={e.unit_id for e in events if e.unit_id}).values_list("pk", "name"))

    def user(self, user_id: int | None) -> str:
        if not user_id:
            return ""
        alias = self.aliases.get(self.logins.get(user_id) or 0)
        return alias or self.usernames.get(user_id) or _("someone outside your units")

    def record(self, event: AuditEvent) -> str:
        if event.model == account_label():
            return _("login of %(name)s") % {"name": self.user(event.object_id)}
        if event.model == "people.Person":
            return self.aliases.get(event.object_id, "") or _kind(event.model)
        if event.model == "organizations.Unit":
            return self.units.get(event.object_id, "") or _kind(event.model)
        return _kind(event.model)


def _kind(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def _field_names(event: AuditEvent) -> list[str]:
    try:
        meta = apps.get_model(event.model)._meta
    except (LookupError, ValueError):
        return list(event.fields)
    labels = []
    for name in event.fields:
        try:
            labels.append(str(getattr(meta.get_field(name), "verbose_name", name)))
        except Exception:  # a sealed identity part or a relation: no model field of that name
            labels.append(name.replace("_", " "))
    return labels


def _lines(user: Any, events: list[AuditEvent]) -> list[Line]:
    names = _Names(user, events)
    return [Line(event=e, who=names.user(e.actor_id), record=names.record(e),
                 unit=names.units.get(e.unit_id or 0, ""), fields=_field_names(e))
            for e in events]


@login_required
def unit_log(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = access_object(Unit, user, uid, READ_ACTION)
    form = AuditFilterForm(request.GET or None, user=user, unit=unit)
    rows = form.apply(unit_rows(user, unit)).order_by("-seq")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/unit_log.html", {
        "unit": unit, "form": form, "page": page, "lines": _lines(user, list(page.object_list)),
    })
