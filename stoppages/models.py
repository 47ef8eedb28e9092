"""A field whose work stopped, acted on (issue #13 point 6).

One ``StoppedField`` per stop of a field: the key is the field and the day the stop started
from (its last activity, or the day the field was mapped when it never had any), so a field
that resumes and stops again gets a new row and the old one stays as history (``closed_on``).
The row carries the committee's question (asked on, by which committee), the cell's answer
(reason, restart plan) and whether the priority alert went out.

A stop and its reason are structure of the field: ``Anchor(STRUCTURE, "field__unit")`` — seen
at and above the cell (the committee reads the reason next to the field), changed by those
holding the cell's records (the cell answers). The committee's question is written by
``stoppages.actions.do_ask_reason`` for any role on a unit above the cell
(``stoppages.stops.may_ask``), which the access layer's ``change`` would refuse to a
committee member. No person is named: the committee is a unit, the asker a login told of the
answer, never shown to the cell.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from fieldwork.models import Field
from organizations.models import Unit
from tasks.models import Task


class StoppedField(Record):
    class Reason(models.TextChoices):
        LOST_CONTACT = "lost_contact", _("Lost contact")
        MEMBER_MOVED = "member_moved", _("Member moved")
        REPRESSION = "repression", _("Repression")
        DISMISSAL = "dismissal", _("Dismissal")
        PAUSED = "paused", _("Paused by decision")
        OTHER = "other", _("Other")

    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="+",
                              verbose_name=_("field"))
    # The last activity before the stop (or the day the field was mapped, see never_active).
    since = models.DateField(_("stopped since"))
    never_active = models.BooleanField(default=False)
    asked_on = models.DateField(null=True, blank=True)
    # Told when the cell answers; never shown to the cell.
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    # The committee that asked: the answer's notification hangs on it.
    asked_from = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices, blank=True)
    reason_text = models.CharField(_("in a few words"), max_length=300, blank=True)
    restart_plan = models.TextField(_("restart plan"), max_length=1000, blank=True)
    restart_on = models.DateField(_("restart on"), null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    alerted_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    anchor = Anchor(at.STRUCTURE, "field__unit")

    class Meta:
        verbose_name = _("stopped field")
        verbose_name_plural = _("stopped fields")
        ordering = ["-since", "-id"]
        constraints = [
            # One row per stop: the priority alert and the question are written once.
            models.UniqueConstraint(fields=["field", "since"], name="stopped_field_once"),
        ]

    def __str__(self) -> str:
        return f"{self.field_id} {self.since}"

    @property
    def pending(self) -> bool:
        """Asked and not yet answered."""
        return self.asked_on is not None and self.answered_on is None
