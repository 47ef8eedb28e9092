"""Every write of the periodic reviews: prepare, edit, conclude and send up a review; write
its findings and their measures; follow the measures up.

Callers load what they pass through the access layer (``access_object(Review, user, uid,
"change")`` and so on); the actions check what the records must be (a draft to be written
in, a member of the unit to be responsible, no overlapping period) and refuse with a message
and nothing written. Each runs in one transaction and leaves audit rows.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from nucleus.calendars import format_date
from organizations.models import Unit
from reviews import figures
from reviews.models import Finding, Measure, Review
from reviews.queries import overlapping

REVIEW_FIELDS = ("kind", "starts_on", "ends_on", "summary")
FINDING_FIELDS = ("kind", "text", "reasons", "conditions")
MEASURE_FIELDS = ("text", "responsible", "due_on")


def _draft(review: Review) -> None:
    if not review.is_draft:
        raise ValidationError(_("This review is concluded: its findings and measures are kept "
                                "as they were."), code="concluded")


def _locked(review: Review) -> Review:
    return Review.objects.select_for_update().select_related("unit").get(pk=review.pk)


def _check_period(review: Review) -> None:
    review.full_clean()
    # Locked: two reviews of the same unit prepared at once are checked one after the other.
    Unit.objects.select_for_update().filter(pk=review.unit_id).first()
    other = overlapping(review).first()
    if other is not None:
        raise ValidationError({"starts_on": _(
            "This period overlaps the unit's review from %(start)s to %(end)s: a unit reviews "
            "each day of its work once.") % {"start": format_date(other.starts_on),
                                            "end": format_date(other.ends_on)}},
            code="overlap")


def _figures(acting_user: Any, review: Review) -> dict[str, Any]:
    return figures.prepare(acting_user, review.unit,
                           figures.Period(review.starts_on, review.ends_on))


@transaction.atomic
def do_prepare_review(*, acting_user: Any, unit: Unit, data: dict[str, Any]) -> Review:
    """A draft review of ``unit`` for the period in ``data`` (kind, starts_on, ends_on,
    summary), with its figures computed from the unit's data as ``acting_user`` sees it."""
    review = Review(unit=unit, prepared_by=acting_user if _is_user(acting_user) else None,
                    **{k: v for k, v in data.items() if k in REVIEW_FIELDS})
    _check_period(review)
    review.figures = _figures(acting_user, review)
    review.save()
    record(actor=acting_user, action="create", obj=review)
    return review


@transaction.atomic
def do_update_review(*, acting_user: Any, review: Review, data: dict[str, Any]) -> Review:
    """Change a draft's period or summary; a new period is prepared again."""
    review = _locked(review)
    _draft(review)
    before, period = snapshot(review), (review.starts_on, review.ends_on)
    for key, value in data.items():
        if key not in REVIEW_FIELDS:
            raise ValueError(f"{key} cannot be changed here")
        setattr(review, key, value)
    _check_period(review)
    if (review.starts_on, review.ends_on) != period:
        review.figures = _figures(acting_user, review)
    if snapshot(review) != before:
        review.save()
        record(actor=acting_user, action="update", obj=review, before=before)
    return review


@transaction.atomic
def do_prepare_figures_again(*, acting_user: Any, review: Review) -> Review:
    """Compute a draft's figures again (work recorded late, a figure added since)."""
    review = _locked(review)
    _draft(review)
    before = snapshot(review)
    review.figures = _figures(acting_user, review)
    review.prepared_by = acting_user if _is_user(acting_user) else None
    review.save(update_fields=["figures", "prepared_by"])
    record(actor=acting_user, action="update", obj=review, before=before)
    return review


@transaction.atomic
def do_conclude_review(*, acting_user: Any, review: Review) -> Review:
    """Close the discussion: the findings, measures and figures are kept as they are; the
    measures are followed up from now on."""
    review = _locked(review)
    _draft(review)
    findings = list(review.findings.prefetch_related("measures"))
    if not findings:
        raise ValidationError(_("Write at least one finding before concluding the review."),
                              code="empty")
    unrectified = [f for f in findings if f.needs_measure and not f.measures.all()]
    if unrectified:
        raise ValidationError(_(
            "Every mistake and weakness needs a measure to rectify it: %(n)s have none.")
            % {"n": len(unrectified)}, code="no_measure")
    before = snapshot(review)
    review.status, review.concluded_on = Review.Status.CONCLUDED, timezone.localdate()
    review.save(update_fields=["status", "concluded_on"])
    record(actor=acting_user, action="update", obj=review, before=before)
    return review


@transaction.atomic
def do_send_up_review(*, acting_user: Any, review: Review) -> Review:
    """Send a concluded review to the committee directly above the unit, which reads it from
    now on (the anchors' ``sent_up``); it cannot be taken back."""
    review = _locked(review)
    if review.status == Review.Status.SENT_UP:
        raise ValidationError(_("This review has already been sent up."), code="sent")
    if review.status != Review.Status.CONCLUDED:
        raise ValidationError(_("Conclude the review before sending it up."), code="draft")
    if review.unit.parent_id is None:
        raise ValidationError(_("This unit has no committee above it."), code="top")
    before = snapshot(review)
    review.status, review.sent_up_at = Review.Status.SENT_UP, timezone.now()
    review.save(update_fields=["status", "sent_up_at"])
    record(actor=acting_user, action="update", obj=review, before=before)
    return review


# --- findings and measures ---

def _set(obj: Finding | Measure, data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    for key, value in data.items():
        if key not in allowed:
            raise ValueError(f"{key} cannot be changed here")
        setattr(obj, key, value)


@transaction.atomic
def do_add_finding(*, acting_user: Any, review: Review, data: dict[str, Any]) -> Finding:
    review = _locked(review)
    _draft(review)
    finding = Finding(review=review)
    _set(finding, data, FINDING_FIELDS)
    finding.full_clean()
    finding.save()
    record(actor=acting_user, action="create", obj=finding)
    return finding


@transaction.atomic
def do_update_finding(*, acting_user: Any, finding: Finding, data: dict[str, Any]) -> Finding:
    _draft(_locked(finding.review))
    before = snapshot(finding)
    _set(finding, data, FINDING_FIELDS)
    finding.full_clean()
    if snapshot(finding) != before:
        finding.save()
        record(actor=acting_user, action="update", obj=finding, before=before)
    return finding


@transaction.atomic
def do_add_measure(*, acting_user: Any, finding: Finding, data: dict[str, Any]) -> Measure:
    """A measure to rectify ``finding``: its text, the member of the unit responsible for it
    (required) and its due date."""
    _draft(_locked(finding.review))
    measure = Measure(finding=finding)
    _set(measure, data, MEASURE_FIELDS)
    measure.full_clean()
    measure.save()
    record(actor=acting_user, action="create", obj=measure)
    return measure


@transaction.atomic
def do_update_measure(*, acting_user: Any, measure: Measure, data: dict[str, Any]) -> Measure:
    _draft(_locked(measure.finding.review))
    before = snapshot(measure)
    _set(measure, data, MEASURE_FIELDS)
    measure.full_clean()
    if snapshot(measure) != before:
        measure.save()
        record(actor=acting_user, action="update", obj=measure, before=before)
    return measure


@transaction.atomic
def do_follow_up_measure(*, acting_user: Any, measure: Measure, status: str,
                         on: date | None = None) -> Measure:
    """Record whether a measure was carried out (done), given up (dropped) or is open again,
    and on which day; at any time, also after the review was concluded or sent up."""
    if status not in Measure.Status.values:  # the forms and the API offer only these
        raise ValueError(f"unknown follow-up status {status!r}")
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    before = snapshot(measure)
    measure.status = status
    measure.status_on = on if status != Measure.Status.OPEN else None
    if status != Measure.Status.OPEN and measure.status_on is None:
        measure.status_on = timezone.localdate()
    errors = measure.follow_up_errors()
    if errors:
        raise ValidationError(errors)
    if snapshot(measure) != before:
        measure.save(update_fields=["status", "status_on"])
        record(actor=acting_user, action="update", obj=measure, before=before)
    return measure


def _is_user(user: Any) -> bool:
    return user is not None and user.is_authenticated
