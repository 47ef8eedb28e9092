"""Circles of allies (issue #11, point 7) and departures and splits (point 8).

An organization's circles of foreign allies are the internal records of the organ that keeps
them (``Anchor(RECORD, "unit")``): never shown to the organizations classified in them, nor
to a coalition office. A ``Classification`` puts another organization of the directory into
a circle from ``since`` until it is reclassified (``until``): the rows are the history.

A ``Split`` is a lineage event of the organization (public, like its lineage); what it says
per organ (``SplitCount``) is structure of that organ, counted and never named; who left
(``Departure``) is the record of the person's unit.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from people.references import FOLLOWS


class Circle(Record):
    """One circle of an organization's allies; position 1 is the furthest."""

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("organ"))
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # The nearest circle of 002: "by a special decision of our party".
    requires_decision = models.BooleanField(_("requires a decision of the organ"),
                                            default=False)

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        ordering = ["unit", "position"]
        verbose_name = _("circle of allies")
        verbose_name_plural = _("circles of allies")
        constraints = [models.UniqueConstraint(fields=["unit", "position"],
                                               name="circle_unique_position")]

    def __str__(self) -> str:
        return self.name


class Criterion(Record):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="criteria",
                               verbose_name=_("circle"))
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("criterion"), max_length=2000)

    anchor = Anchor(at.RECORD, "circle__unit")

    class Meta:
        ordering = ["circle", "position"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [models.UniqueConstraint(fields=["circle", "position"],
                                               name="criterion_unique_position")]

    def __str__(self) -> str:
        return self.text


class Classification(Record):
    """An organization in a circle from ``since``; ``until`` is set when it is reclassified
    or taken out of the circles. ``unit`` repeats the circle's organ so that one open
    classification per organization and organ is a database constraint."""

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("organ"))
    circle = models.ForeignKey(Circle, on_delete=models.PROTECT,
                               related_name="classifications", verbose_name=_("circle"))
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("organization"))
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=4000)
    # Required where the circle requires a decision; always one of the organization's own.
    decision = models.ForeignKey("organs.Decision", on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+", verbose_name=_("decision"))

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        ordering = ["unit", "-since", "-id"]
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")
        constraints = [models.UniqueConstraint(
            fields=["unit", "organization"], condition=Q(until__isnull=True),
            name="classification_one_open_per_organization")]

    def __str__(self) -> str:
        return f"{self.organization_id} in {self.circle}"

    @property
    def is_open(self) -> bool:
        return self.until is None


class CriterionAssessment(Record):
    """Whether one criterion of the circle holds for the classified organization, and why."""

    classification = models.ForeignKey(Classification, on_delete=models.CASCADE,
                                       related_name="assessments",
                                       verbose_name=_("classification"))
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("criterion"))
    holds = models.BooleanField(_("holds"))
    why = models.TextField(_("why"), blank=True, max_length=2000)

    anchor = Anchor(at.RECORD, "classification__unit")

    class Meta:
        ordering = ["classification", "criterion__position"]
        verbose_name = _("criterion assessment")
        verbose_name_plural = _("criterion assessments")
        constraints = [models.UniqueConstraint(fields=["classification", "criterion"],
                                               name="assessment_unique_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.holds}"


class Split(Record):
    """Members of ``organization`` left to form ``new_organization``: public history, like
    the lineage events it comes with."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                     related_name="splits", verbose_name=_("organization"))
    # In the directory, or only named (like a lineage event's other organization).
    new_organization = models.ForeignKey("organizations.Organization", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+",
                                         verbose_name=_("new organization"))
    new_organization_name = models.CharField(_("new organization (name)"), max_length=200,
                                             blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.TextField(_("note"), blank=True)

    anchor = Anchor(at.ORGANIZATION, "organization")

    class Meta:
        ordering = ["organization", "-year", "-id"]
        verbose_name = _("split")
        verbose_name_plural = _("splits")

    def __str__(self) -> str:
        return f"split of {self.organization_id} in {self.year}"

    @property
    def new_name(self) -> str:
        return str(self.new_organization) if self.new_organization else self.new_organization_name


class SplitCount(Record):
    """What a split took from one organ, as numbers and words ("more than half"): structure
    of the organ, seen at and above it, naming no one."""

    split = models.ForeignKey(Split, on_delete=models.CASCADE, related_name="counts",
                              verbose_name=_("split"))
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("organ"))
    left = models.PositiveIntegerField(_("members who left"), null=True, blank=True)
    of = models.PositiveIntegerField(_("members before the split"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=200, blank=True)

    anchor = Anchor(at.STRUCTURE, "unit")

    class Meta:
        ordering = ["split", "unit__path"]
        verbose_name = _("count of a split")
        verbose_name_plural = _("counts of a split")
        constraints = [models.UniqueConstraint(fields=["split", "unit"],
                                               name="split_count_unique_organ")]

    def __str__(self) -> str:
        return f"{self.left}/{self.of} {self.description}"


class Departure(Record):
    """A member who left in a split: the person's status became "left" on ``date``; this
    says why (``reason``) and where to (the split's new organization)."""

    class Reason(models.TextChoices):
        SPLIT = "split", _("Split")

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="+", verbose_name=_("person"))
    split = models.ForeignKey(Split, on_delete=models.PROTECT, related_name="departures",
                              verbose_name=_("split"))
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices,
                              default=Reason.SPLIT)

    anchor = Anchor(at.RECORD, "person__unit")
    person_references = {"person": FOLLOWS}

    class Meta:
        ordering = ["split", "date", "id"]
        verbose_name = _("departure")
        verbose_name_plural = _("departures")
        constraints = [models.UniqueConstraint(fields=["split", "person"],
                                               name="departure_unique_person")]

    def __str__(self) -> str:
        return f"{self.person_id} left in {self.split_id}"
