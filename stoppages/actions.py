"""Every write of stopped fields: the committee asks, the cell answers, the alert goes out
(``stoppages.alerts``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from access import dbwall
from audit.log import record, snapshot
from fieldwork.models import Field
from stoppages.models import StoppedField
from stoppages.stops import asking_unit, may_ask, secretaries_of, since_of, stop_of
from tasks.actions import do_complete_task, do_create_reason_task
from tasks.notify import Kind, notify

ANSWER_FIELDS = ("reason", "reason_text", "restart_plan", "restart_on")
ANSWER_WITHIN_DAYS = 7


def stop_record(*, field: Field, since: date, never_active: bool) -> StoppedField:
    """The row of this stop, written once (the unique key holds against a second writer)."""
    found = StoppedField.objects.filter(field=field, since=since).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            created = StoppedField.objects.create(field=field, since=since,
                                                  never_active=never_active)
    except IntegrityError:  # written meanwhile by another request
        return StoppedField.objects.get(field=field, since=since)
    record(actor=None, action="create", obj=created)
    return created


@transaction.atomic
def do_ask_reason(*, acting_user: Any, field: Field, due_on: date | None = None
                  ) -> StoppedField:
    """The committee above asks the cell why the work in ``field`` stopped: a task of the
    cell for its secretaries (``reason_asked``) and a notification to them."""
    if not may_ask(acting_user, field):
        raise Http404("No field matches the given query.")
    stop = stop_of(acting_user, field)
    if stop is None:
        raise ValidationError(_("Work in this field has not stopped."))
    since, never = since_of(stop.row, field)
    row = stop_record(field=field, since=since, never_active=never)
    row = StoppedField.objects.select_for_update().get(pk=row.pk)
    if row.pending:
        raise ValidationError(_("The cell was already asked; its answer is awaited."))
    today = timezone.localdate()
    task = do_create_reason_task(
        acting_user=acting_user, field=field, due_on=due_on or today + timedelta(
            days=ANSWER_WITHIN_DAYS),
        title=_("Why has work in %(field)s stopped?") % {"field": field.name},
        recipients=secretaries_of(field.unit))
    before = snapshot(row)
    row.asked_on, row.asked_by, row.asked_from, row.task = (
        today, acting_user, asking_unit(acting_user, field), task)
    row.answered_on = None
    row.save()
    record(actor=acting_user, action="update", obj=row, before=before)
    return row


@transaction.atomic
def do_record_reason(*, acting_user: Any, field: Field, data: dict[str, Any]
                     ) -> StoppedField:
    """The cell says why the work stopped and how it restarts. Completes the committee's
    task, and tells who asked."""
    unknown = set(data) - set(ANSWER_FIELDS)
    if unknown:
        raise ValueError(f"not answer fields: {sorted(unknown)}")
    if not Field.objects.restrict(acting_user, "change").filter(pk=field.pk).exists():
        raise Http404("No field matches the given query.")
    stop = stop_of(acting_user, field)
    if stop is None:
        raise ValidationError(_("Work in this field has not stopped."))
    since, never = since_of(stop.row, field)
    row = StoppedField.objects.select_for_update().get(
        pk=stop_record(field=field, since=since, never_active=never).pk)
    before = snapshot(row)
    for name, value in data.items():
        setattr(row, name, value)
    if not row.reason:
        raise ValidationError({"reason": _("Choose a reason.")})
    row.answered_on = timezone.localdate()
    row.full_clean()
    row.save()
    record(actor=acting_user, action="update", obj=row, before=before)
    if row.task is not None and row.task.is_open:
        do_complete_task(acting_user=acting_user, task=row.task)
    asker, committee = row.asked_by, row.asked_from
    if asker is not None and committee is not None and asker.is_active:
        # The asker's notification hangs on the committee that asked, beyond the cell's
        # database wall: this insert only, under the system scope.
        with dbwall.system_scope():
            notify(recipients=[asker], unit=committee, kind=Kind.REASON_GIVEN,
                   subject_uid=field.uid, params={"field": field.name})
    return row
