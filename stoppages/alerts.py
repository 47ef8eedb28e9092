"""The alert when a priority field stops: the secretaries of the committee directly above and
of the field's unit are told once per stop (``StoppedField.alerted_on``, set by a conditional
update on the stop's unique row). Written when their home, notifications or dashboard page is
loaded, or by ``manage.py notify_stopped``; the same pass closes the stops of fields whose
work resumed (kept as history)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from access import dbwall
from access.scope import SECRETARY, scope_for
from audit.log import record
from fieldwork.models import Activity, Field
from fieldwork.queries import settings_by_organization
from stoppages.actions import stop_record
from stoppages.models import StoppedField
from stoppages.stops import secretaries_of
from tasks.notify import Kind, notify


def _where(user: Any) -> Q | None:
    """The fields whose alert ``user`` receives: priority fields of units where they are
    secretary, or of the units directly below those. None: nothing to tell them."""
    if user is None:
        return Q()
    units = {g.unit_id for g in scope_for(user).grants if g.kind == SECRETARY}
    if not units:
        return None
    return Q(unit_id__in=units) | Q(unit__parent_id__in=units)


def close_resumed(today: date, fields: Q) -> int:
    """Close the open stops of fields with an activity after the stop began."""
    later = Activity.objects.filter(field=OuterRef("field"), date__gt=OuterRef("since"),
                                    date__lte=today)
    anything = Activity.objects.filter(field=OuterRef("field"), date__lte=today)
    resumed = (StoppedField.objects.filter(closed_on__isnull=True, field__in=Field.objects
                                           .filter(fields))
               .filter(Q(Exists(later), never_active=False)
                       | Q(Exists(anything), never_active=True)))
    closed = 0
    for row in resumed:
        row.closed_on = today
        row.save(update_fields=["closed_on"])
        record(actor=None, action="update", obj=row, fields=["closed_on"])
        closed += 1
    return closed


def alert_stopped(*, user: Any = None, today: date | None = None) -> int:
    """Tell of each priority field that stopped, once per stop: for ``user``'s fields (their
    pages) or, without a user, everywhere (the command). Returns how many stops were told."""
    today = today or timezone.localdate()
    where = _where(user)
    if where is None:
        return 0
    # The recipients sit on two units (the cell and the committee above it), and the page
    # that writes may be either's: beyond the reader's database wall, so the system scope,
    # for these stop rows and notifications only.
    with dbwall.system_scope():
        close_resumed(today, where)
        return _tell(where, today)


def _tell(where: Q, today: date) -> int:
    last = (Activity.objects.filter(field=OuterRef("pk"), date__lte=today)
            .order_by("-date").values("date")[:1])
    fields = list(Field.objects.filter(where, priority__gt=0).annotate(last_on=Subquery(last))
                  .select_related("unit", "unit__parent"))
    conf = settings_by_organization({f.unit.organization_id for f in fields})
    told = 0
    for field in fields:
        stale = conf[field.unit.organization_id].stale_days
        last_on = field.last_on  # type: ignore[attr-defined]
        if last_on is not None and (today - last_on).days < stale:
            continue
        never = last_on is None
        since = timezone.localdate(field.created_at) if never else last_on
        row = stop_record(field=field, since=since, never_active=never)
        if not StoppedField.objects.filter(pk=row.pk, alerted_on__isnull=True).update(
                alerted_on=today):
            continue  # told already, here or by another writer
        record(actor=None, action="update", obj=row, fields=["alerted_on"])
        params = {"field": field.name}
        for unit in filter(None, (field.unit.parent, field.unit)):
            notify(recipients=secretaries_of(unit, today), unit=unit, kind=Kind.FIELD_STOPPED,
                   subject_uid=field.uid, params=params)
        told += 1
    return told
