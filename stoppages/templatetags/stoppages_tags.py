"""The stopped mark of a field's pages and the stop's note next to a stopped field in the
committee's lists. The lists' notes share two queries per page (kept on the request)."""

from __future__ import annotations

from typing import Any

from django import template

from fieldwork.continuity import FieldContinuity
from fieldwork.models import Field
from stoppages.models import StoppedField
from stoppages.stops import askable_unit_ids, is_current, may_ask, stop_of

register = template.Library()


def _asked_or_answered(record: StoppedField | None) -> bool:
    """The button is offered once per stop: asked, the answer is awaited; answered, it is
    shown (asking again stays possible from the address, when a plan is not followed)."""
    return record is not None and bool(record.asked_on or record.answered_on)


@register.inclusion_tag("stoppages/_mark.html", takes_context=True)
def stopped_mark(context: template.Context, field: Field) -> dict[str, Any]:
    user = context["request"].user
    stop = stop_of(user, field)
    if stop is None:
        return {"stop": None}
    return {"stop": stop, "field": field, "record": stop.record,
            "may_ask": may_ask(user, field) and not _asked_or_answered(stop.record),
            "may_answer": Field.objects.restrict(user, "change").filter(pk=field.pk).exists()}


def _lookups(context: template.Context) -> dict[str, Any]:
    # Kept on the request: each include renders with a render context of its own.
    request = context["request"]
    found = getattr(request, "_stoppages", None)
    if found is None:
        user = request.user
        found = {"open": {r.field_id: r for r in StoppedField.objects.restrict(user)
                          .filter(closed_on__isnull=True).order_by("since")},
                 "askable": askable_unit_ids(user)}
        request._stoppages = found
    return found


@register.inclusion_tag("stoppages/_note.html", takes_context=True)
def stop_note(context: template.Context, row: FieldContinuity) -> dict[str, Any]:
    if not row.stopped:
        return {"row": None}
    found = _lookups(context)
    record = found["open"].get(row.field_id)
    if record is not None and not is_current(record, row):
        record = None
    return {"row": row, "record": record,
            "may_ask": row.unit_id in found["askable"] and not _asked_or_answered(record)}
