"""The pulse of a field: mood readings, demands raised and struggles."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from fieldwork.defaults import shown
from fieldwork.models.common import _not_in_future
from fieldwork.models.fields import Field
from organizations.models import Organization

# --- the pulse of a field ---

class MoodReading(Record):
    class Value(models.IntegerChoices):
        # A temperature: the higher, the closer the workers are to acting together. Pages
        # show the words only (the assessment scale's numbers run the other way, 1 the
        # strongest), the strongest first as on that scale.
        READY = 5, _("Ready to act")
        ANGRY = 4, _("Angry")
        RESTLESS = 3, _("Restless")
        DISCONTENTED = 2, _("Discontented")
        DEMORALIZED = 1, _("Demoralized")

    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="mood_readings",
                              verbose_name=_("field"))
    taken_on = models.DateField(_("taken on"), validators=[_not_in_future])
    value = models.PositiveSmallIntegerField(
        _("mood"), choices=Value.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)])
    note = models.CharField(_("note"), max_length=500, blank=True)

    # Notes may name people: records of the unit; the trend is counted (see metrics.pulse).
    anchor = Anchor(at.RECORD, "field__unit")

    class Meta:
        verbose_name = _("mood reading")
        verbose_name_plural = _("mood readings")
        ordering = ["taken_on", "id"]
        indexes = [models.Index(fields=["field", "taken_on"], name="mood_field_taken_on")]

    def __str__(self) -> str:
        return f"{self.get_value_display()} on {self.taken_on}"


class Demand(Record):
    class Kind(models.TextChoices):
        WAGES = "wages", _("Wages")
        HOURS = "hours", _("Working hours")
        SAFETY = "safety", _("Health and safety")
        DISMISSALS = "dismissals", _("Dismissals")
        UNION_RIGHTS = "union_rights", _("Union rights")
        HOUSING = "housing", _("Housing")
        OTHER = "other", _("Other")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="demands", verbose_name=_("organization"))
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    retired = models.BooleanField(_("retired"), default=False)

    anchor = Anchor(at.CATALOGUE, "organization")

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        ordering = ["organization", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"],
                                               name="demand_unique_name")]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        """The name in the reader's language while it is a default's (fieldwork/defaults.py)."""
        return shown(self.name)


def _check_demand_organization(demand: Demand, field: Field) -> None:
    if demand.organization_id != field.unit.organization_id:
        raise ValidationError({"demand": _("This demand is in another organization's "
                                           "catalogue.")})


class DemandRaised(Record):
    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="demands_raised",
                              verbose_name=_("field"))
    demand = models.ForeignKey(Demand, on_delete=models.PROTECT, related_name="raised",
                               verbose_name=_("demand"))
    raised_on = models.DateField(_("raised on"), validators=[_not_in_future])
    note = models.CharField(_("note"), max_length=300, blank=True)

    anchor = Anchor(at.STRUCTURE, "field__unit")

    class Meta:
        verbose_name = _("demand raised")
        verbose_name_plural = _("demands raised")
        ordering = ["-raised_on", "-id"]
        indexes = [models.Index(fields=["field", "raised_on"], name="demand_raised_field_date")]

    def __str__(self) -> str:
        return f"{self.demand} on {self.raised_on}"

    def clean(self) -> None:
        if self.field_id and self.demand_id:
            _check_demand_organization(self.demand, self.field)


class Struggle(Record):
    class Kind(models.TextChoices):
        STRIKE = "strike", _("Strike")
        PROTEST = "protest", _("Protest")
        RESISTANCE = "resistance", _("Resistance")

    class Involvement(models.TextChoices):
        NONE = "none", _("None")
        SUPPORT = "support", _("Support")
        PARTICIPATION = "participation", _("Participation")
        LEADERSHIP = "leadership", _("Leadership")

    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="struggles",
                              verbose_name=_("field"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    started_on = models.DateField(_("started on"), validators=[_not_in_future])
    ended_on = models.DateField(_("ended on"), null=True, blank=True,
                                validators=[_not_in_future])
    demands = models.ManyToManyField(Demand, blank=True, related_name="struggles",
                                     verbose_name=_("demands"))
    participants = models.PositiveIntegerField(_("participants"), default=0)
    outcome = models.TextField(_("outcome"), blank=True)
    involvement = models.CharField(_("our involvement"), max_length=14,
                                   choices=Involvement.choices, default=Involvement.NONE)

    anchor = Anchor(at.STRUCTURE, "field__unit")

    class Meta:
        verbose_name = _("struggle")
        verbose_name_plural = _("struggles")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}"

    def clean(self) -> None:
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("A struggle cannot end before it starts.")})
