"""Writes of circles of allies: circles, their criteria and the classifications with their
assessments. Keyword-only arguments, one transaction, an audit row for every row written.

The caller has loaded the organ (or the circle, the classification) through the access layer
for ``add`` or ``change``; these actions check what holds whoever calls them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from alliances.models import Circle, Classification, Criterion, CriterionAssessment
from audit.log import record, snapshot
from organizations.models import Organization, Unit
from organs.decisions import require_decision
from organs.models import Decision


@dataclass(frozen=True)
class Assessment:
    """Whether a criterion of the circle holds for the organization, and why."""

    criterion: Criterion
    holds: bool
    why: str = ""


def _created(acting_user: Any, obj: Any) -> Any:
    obj.full_clean()
    obj.save()
    record(actor=acting_user, action="create", obj=obj)
    return obj


def _next_position(rows: Any) -> int:
    return int(rows.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def do_add_circle(*, acting_user: Any, unit: Unit, name: str, description: str = "",
                  requires_decision: bool = False) -> Circle:
    """A new circle, nearer than every circle the organ has (the list runs from the
    furthest to the nearest)."""
    if not name.strip():
        raise ValidationError({"name": _("Name the circle.")}, code="required")
    # Locked: two circles added at once do not take the same position.
    Unit.objects.select_for_update().get(pk=unit.pk)
    circle = Circle(unit=unit, name=name.strip(), description=description.strip(),
                    requires_decision=requires_decision,
                    position=_next_position(Circle.objects.filter(unit=unit)))
    return _created(acting_user, circle)


@transaction.atomic
def do_add_criterion(*, acting_user: Any, circle: Circle, text: str) -> Criterion:
    if not text.strip():
        raise ValidationError({"text": _("Write the criterion.")}, code="required")
    circle = Circle.objects.select_for_update().get(pk=circle.pk)
    criterion = Criterion(circle=circle, text=text.strip(),
                          position=_next_position(circle.criteria.all()))
    return _created(acting_user, criterion)


def _check_assessments(circle: Circle, assessments: Sequence[Assessment]) -> None:
    criteria = {c.pk for c in circle.criteria.all()}
    named = [a.criterion.pk for a in assessments]
    if len(set(named)) != len(named) or not set(named) <= criteria:
        raise ValidationError(_("Assess each criterion of this circle once."), code="criteria")


def _check_classifiable(circle: Circle, organization: Organization, since: date) -> None:
    errors: dict[str, str] = {}
    if organization.pk == circle.unit.organization_id:
        errors["organization"] = _("An organization is not its own ally: choose another one.")
    if since > timezone.localdate():
        errors["since"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)


def _check_decision(circle: Circle, decision: Decision | None) -> None:
    if circle.requires_decision and decision is None:
        raise ValidationError({"decision": _(
            "This circle requires a decision of the organ: cite it.")}, code="required")
    try:
        require_decision(decision, organization=circle.unit.organization_id)
    except ValidationError as error:
        raise ValidationError({"decision": error.messages}, code="foreign_decision") from None


def _end_open(*, acting_user: Any, circle: Circle, organization: Organization,
              since: date) -> None:
    """End the organization's open classification by this organ, if it has one, the day
    the new one begins; refuse a second one in the same circle."""
    current = (Classification.objects.select_for_update(of=("self",))
               .filter(unit_id=circle.unit_id, organization=organization, until__isnull=True)
               .select_related("circle").first())
    if current is None:
        return
    if current.circle_id == circle.pk:
        raise ValidationError({"circle": _(
            "This organization is already in this circle (since %(since)s).") % {
            "since": current.since.isoformat()}}, code="open")
    if since < current.since:
        raise ValidationError({"since": _(
            "This organization is in “%(circle)s” since %(since)s: the new classification "
            "cannot begin before that.") % {"circle": current.circle.name,
                                              "since": current.since.isoformat()}},
            code="before")
    _end(acting_user=acting_user, classification=current, until=since)


def _end(*, acting_user: Any, classification: Classification, until: date) -> None:
    before = snapshot(classification)
    classification.until = until
    classification.save(update_fields=["until"])
    record(actor=acting_user, action="update", obj=classification, before=before)


@transaction.atomic
def do_classify(*, acting_user: Any, circle: Circle, organization: Organization,
                since: date, assessments: Sequence[Assessment] = (),
                decision: Decision | None = None, note: str = "") -> Classification:
    """Put ``organization`` into ``circle`` from ``since``, with an assessment of the
    circle's criteria and, where the circle requires one, the organ's ``decision``. An open
    classification in another circle of the same organ ends
    that day (the rows are the history); one in the same circle is refused."""
    circle = Circle.objects.select_for_update(of=("self",)).select_related("unit").get(pk=circle.pk)
    _check_classifiable(circle, organization, since)
    _check_assessments(circle, assessments)
    _check_decision(circle, decision)
    _end_open(acting_user=acting_user, circle=circle, organization=organization, since=since)
    classification = _created(acting_user, Classification(
        unit=circle.unit, circle=circle, organization=organization, since=since,
        decision=decision, note=note.strip()))
    for item in assessments:
        _created(acting_user, CriterionAssessment(
            classification=classification, criterion=item.criterion, holds=item.holds,
            why=item.why.strip()))
    return classification


@transaction.atomic
def do_end_classification(*, acting_user: Any, classification: Classification,
                          until: date) -> Classification:
    """Take the organization out of the organ's circles from ``until``."""
    classification = Classification.objects.select_for_update().get(pk=classification.pk)
    if not classification.is_open:
        raise ValidationError(_("This classification has already ended."), code="ended")
    if until < classification.since or until > timezone.localdate():
        raise ValidationError({"until": _(
            "The end lies between the classification's beginning and today.")},
            code="until")
    _end(acting_user=acting_user, classification=classification, until=until)
    return classification
