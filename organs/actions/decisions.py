"""Recording a decision of an organ: numbered in sequence per organ, under a lock on the
organ so that two decisions taken at once get two numbers."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from organizations.models import Unit
from organs.models import Decision, Motion
from publications.models import Precision

DECISION_FIELDS = ("decided_on", "date_precision", "title", "text")


def _next_number(unit: Unit) -> int:
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    last = Decision.objects.filter(unit=unit).aggregate(n=Max("number"))["n"]
    return int(last or 0) + 1


def _check_date(decided_on: date | None, *, may_be_unknown: bool) -> date | None:
    if decided_on is None:
        if may_be_unknown:
            return None
        raise ValidationError({"decided_on": _("Give the date of the decision.")})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("A decision is recorded once it is taken: "
                                               "its date cannot be in the future.")})
    return decided_on


def take_decision(*, acting_user: Any, unit: Unit, decided_on: date | None, title: str,
                  text: str, motion: Motion | None = None,
                  date_precision: str = Precision.DAY) -> Decision:
    """The next decision of ``unit`` (inside the caller's transaction). Only a decision
    recorded directly may have no date (the source does not tell it)."""
    when = _check_date(decided_on, may_be_unknown=motion is None)
    decision = Decision(unit=unit, number=_next_number(unit), decided_on=when,
                        date_precision=date_precision if when else Precision.DAY,
                        title=title, text=text, motion=motion)
    decision.full_clean()
    decision.save()
    record(actor=acting_user, action="create", obj=decision)
    return decision


@transaction.atomic
def do_record_decision(*, acting_user: Any, unit: Unit, data: dict[str, Any]) -> Decision:
    """A decision recorded directly, without a motion voted here (a historical decision
    whose vote counts were not recorded): ``data`` has decided_on (empty: not known),
    date_precision, title, text."""
    return take_decision(acting_user=acting_user, unit=unit, decided_on=data.get("decided_on"),
                         date_precision=data.get("date_precision") or Precision.DAY,
                         title=data.get("title", ""), text=data.get("text", ""))
