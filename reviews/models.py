"""Periodic reviews: a unit looks back over a period of its own work, names its mistakes,
weaknesses and successes with their reasons and conditions, and decides how to rectify them.

"Frankly acknowledging a mistake, ascertaining the reasons for it, analysing the conditions
that have led up to it, and thrashing out the means of its rectification" (004 §12): a
``Review`` of a period keeps the figures prepared from the unit's data, its ``Finding``s and
their ``Measure``s, each with a responsible member, a due date and a follow-up status. The
next review opens with the measures of the last one.

A review is the unit's record (``RECORD`` on the unit). Sending it up sets ``sent_up_at``,
which the anchors declare (``sent_up``): from then on the roles of the committee directly
above read the review, its findings and measures; before that the committee only counts
them, like every record below it (``reviews.queries.counts_below``).

The texts are not sealed: they are the unit's account of its work, written to be read by all
its members and, once sent, by the committee above — a text only identity holders could
open would defeat both. The forms ask for aliases and field names only (docs/architecture.md,
"Periodic reviews").
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from organizations.models import Unit
from people.models import Person
from people.references import STAYS

TEXT_MAX = 4000


class Review(Record):
    class Kind(models.TextChoices):
        MONTH = "month", _("Month")
        QUARTER = "quarter", _("Quarter")
        CONGRESS_PERIOD = "congress_period", _("Congress period")
        OTHER = "other", _("Other period")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONCLUDED = "concluded", _("Concluded")
        SENT_UP = "sent_up", _("Sent up")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reviews",
                             verbose_name=_("unit"))
    kind = models.CharField(_("period"), max_length=16, choices=Kind.choices,
                            default=Kind.QUARTER)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT, editable=False)
    summary = models.TextField(_("summary"), max_length=TEXT_MAX, blank=True)
    # The figures as prepared (reviews.figures): {"computed_at", "today", "figures": {key:
    # data}}; recomputed on demand while the review is a draft, kept as they were after.
    figures = models.JSONField(_("prepared figures"), default=dict, blank=True,
                               editable=False)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    editable=False, verbose_name=_("prepared by"))
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True, editable=False)
    # Set once, when the unit sends the review to the committee above (see the anchor).
    sent_up_at = models.DateTimeField(_("sent up at"), null=True, blank=True, editable=False)

    anchor = Anchor(at.RECORD, "unit", sent_up="sent_up_at")

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                   name="review_ends_after_start"),
            # Sent up exactly when it has the time it was sent.
            models.CheckConstraint(
                condition=Q(status="sent_up", sent_up_at__isnull=False)
                | (~Q(status="sent_up") & Q(sent_up_at__isnull=True)),
                name="review_sent_up_has_time"),
        ]
        indexes = [models.Index(fields=["unit", "starts_on"], name="review_unit_start")]

    def __str__(self) -> str:
        return f"review of {self.unit_id} from {self.starts_on} to {self.ends_on}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    def clean(self) -> None:
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": _("The period cannot end before it starts.")})
            if self.ends_on > timezone.localdate():
                raise ValidationError({"ends_on": _(
                    "A review looks back: the period cannot end after today.")})


class Finding(Record):
    class Kind(models.TextChoices):
        MISTAKE = "mistake", _("Mistake")
        WEAKNESS = "weakness", _("Weakness")
        SUCCESS = "success", _("Success")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="findings",
                               verbose_name=_("review"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("finding"), max_length=TEXT_MAX)
    reasons = models.TextField(_("reasons"), max_length=TEXT_MAX, blank=True)
    conditions = models.TextField(_("conditions that led to it"), max_length=TEXT_MAX,
                                  blank=True)

    anchor = Anchor(at.RECORD, "review__unit", sent_up="review__sent_up_at")

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["review", "id"]

    def __str__(self) -> str:
        return f"{self.kind} of review {self.review_id}"

    @property
    def needs_measure(self) -> bool:
        """Mistakes and weaknesses are rectified; a success is kept up without one."""
        return self.kind != self.Kind.SUCCESS


class Measure(Record):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="measures",
                                verbose_name=_("finding"))
    text = models.TextField(_("measure"), max_length=TEXT_MAX)
    # Empty only after the member was deleted: a measure is always given a responsible
    # (Measure.clean says so with its own message, hence blank).
    responsible = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("responsible member"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("follow-up"), max_length=8, choices=Status.choices,
                              default=Status.OPEN)
    status_on = models.DateField(_("follow-up on"), null=True, blank=True)

    anchor = Anchor(at.RECORD, "finding__review__unit",
                    sent_up="finding__review__sent_up_at")
    # The measure stays with the review's unit; pages load the responsible member through
    # the access layer, so one who moved away is no longer named to the old unit.
    person_references = {"responsible": STAYS}

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["finding", "due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="measure_status_due")]

    def __str__(self) -> str:
        return f"measure of finding {self.finding_id}"

    def is_overdue(self, today: date | None = None) -> bool:
        return self.status == self.Status.OPEN and self.due_on < (today or timezone.localdate())

    def clean(self) -> None:
        errors = {**self.responsible_errors(), **self.due_errors(), **self.follow_up_errors()}
        if errors:
            raise ValidationError(errors)

    def responsible_errors(self) -> dict[str, Any]:
        person = self.responsible
        if person is None:
            return {"responsible": _("Name the member responsible for this measure.")}
        review = self.finding.review
        if person.unit_id != review.unit_id or person.kind != Person.Kind.MEMBER:
            return {"responsible": _("The responsible member must be a member of %(unit)s.")
                    % {"unit": review.unit.name}}
        return {}

    def due_errors(self) -> dict[str, Any]:
        if self.due_on and self.due_on < self.finding.review.ends_on:
            return {"due_on": _("A measure is due after the period it rectifies.")}
        return {}

    def follow_up_errors(self) -> dict[str, Any]:
        """The follow-up alone: checked again whenever it changes, even when the responsible
        member has since been deleted."""
        if self.status == self.Status.OPEN:
            self.status_on = None
        elif self.status_on is None:
            return {"status_on": _("Give the date of the follow-up.")}
        elif self.status_on > timezone.localdate():
            return {"status_on": _("The date cannot be in the future.")}
        return {}
