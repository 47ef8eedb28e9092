"""A decision of an organ: an adopted motion, or a decision recorded directly (a historical
one whose vote was not recorded). Numbered in sequence per organ when it is taken; other
features cite it (``organs.decisions.require_decision``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from organizations.models import Unit
from organs.models.motions import Motion
from publications.models import Precision


class Decision(Record):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="decisions",
                             verbose_name=_("organ"))
    number = models.PositiveIntegerField(_("number"), editable=False)
    # Empty when the source does not tell (a historical decision); known to the month or
    # the year only, it is the first day of that month or year.
    decided_on = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(_("date known to the"), max_length=5,
                                      choices=Precision.choices, default=Precision.DAY)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), max_length=20000, blank=True)
    # Empty: recorded directly, without a motion voted in the app.
    motion = models.OneToOneField(Motion, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="decision", editable=False,
                                  verbose_name=_("motion"))

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["unit", "-number"]
        constraints = [models.UniqueConstraint(fields=["unit", "number"],
                                               name="decision_unique_number_in_organ")]

    def __str__(self) -> str:
        return f"{self.unit} #{self.number}: {self.title}"

    @property
    def organization_id(self) -> int:
        return int(self.unit.organization_id)
