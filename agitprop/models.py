"""Agitation and propaganda in the fields: what a unit distributes there (an issue of a
periodical or a material of its own) and the worker correspondence it writes from there.

Where they hang:

* ``Material`` (a leaflet, poster, wall newspaper or brochure the unit made) and
  ``Correspondence`` (the unit's copy of a report written from one of its fields) are the
  unit's records, ``Anchor(RECORD, "unit")``.
* A distribution *is* a fieldwork ``Activity`` of kind "distribution" (field, date, quantity,
  the members who went and the contacts who read or pass on the paper): the work log, the
  continuity of the field and the dashboards count it as they count any activity.
  ``Distribution`` only adds what was handed out and where in the field, and hangs where its
  activity hangs, ``Anchor(RECORD, "activity__unit")``.
* A correspondence that is sent leaves a separate ``SentCorrespondence`` on the periodical's
  editorial unit (the publishing unit, else the organization's top unit),
  ``Anchor(RECORD, "editorial_unit")``: it holds the text, the field's name and the pen name,
  and nothing that leads back to the writing unit or the writer, so that no access rule has
  to reach from one compartment into the other.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from fieldwork.models import Activity, Field, FieldPart
from organizations.models import Unit
from publications.models import Issue, Periodical


class Material(Record):
    """A piece of agitation or propaganda the unit made itself."""

    class Kind(models.TextChoices):
        LEAFLET = "leaflet", _("Leaflet")
        POSTER = "poster", _("Poster")
        WALL_NEWSPAPER = "wall_newspaper", _("Wall newspaper")
        BROCHURE = "brochure", _("Brochure")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="materials",
                             verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices,
                            default=Kind.LEAFLET)
    title = models.CharField(_("title"), max_length=200)

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        ordering = ["unit", "-created_at"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class Distribution(Record):
    """What a distribution activity handed out (an issue or a material, exactly one) and, when
    known, in which part of the field."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE,
                                    related_name="distributed", verbose_name=_("activity"))
    issue = models.ForeignKey(Issue, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="distributions", verbose_name=_("issue"))
    material = models.ForeignKey(Material, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="distributions", verbose_name=_("material"))
    part = models.ForeignKey(FieldPart, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("part of the field"))

    anchor = Anchor(at.RECORD, "activity__unit")

    class Meta:
        ordering = ["-activity__date", "-id"]
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")
        constraints = [models.CheckConstraint(
            condition=Q(issue__isnull=True, material__isnull=False)
            | Q(issue__isnull=False, material__isnull=True),
            name="distribution_issue_or_material")]

    def __str__(self) -> str:
        return str(self.issue or self.material)

    def clean(self) -> None:
        errors = {}
        if (self.issue_id is None) == (self.material_id is None):
            errors["issue"] = _("Choose an issue or a material of the unit, one of them.")
        activity = self.activity
        if self.material is not None and self.material.unit_id != activity.unit_id:
            errors["material"] = _("This material belongs to another unit.")
        if self.part is not None and self.part.field_id != activity.field_id:
            errors["part"] = _("This part belongs to another field.")
        if errors:
            raise ValidationError(errors)


class Correspondence(Record):
    """A worker correspondence as the unit wrote it: a report from one of its fields for a
    periodical, signed with a pen name. Written for publication, so not sealed: the form asks
    for no names of people. ``sent_on`` is set when the copy goes to the editorial unit."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="correspondence",
                             verbose_name=_("unit"))
    field = models.ForeignKey(Field, on_delete=models.PROTECT, related_name="correspondence",
                              verbose_name=_("field"))
    periodical = models.ForeignKey(Periodical, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("for the periodical"))
    pen_name = models.CharField(_("pen name"), max_length=120)
    text = models.TextField(_("text"), max_length=20000)
    written_on = models.DateField(_("written on"))
    sent_on = models.DateField(_("sent on"), null=True, blank=True, editable=False)

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        ordering = ["unit", "-written_on", "-id"]
        verbose_name = _("worker correspondence")
        verbose_name_plural = _("worker correspondence")

    def __str__(self) -> str:
        return f"{self.field.name} — {self.pen_name}"

    def clean(self) -> None:
        if self.unit_id and self.field_id and self.field.unit_id != self.unit_id:
            raise ValidationError({"field": _("This field is worked by another unit.")})


class SentCorrespondence(Record):
    """The copy the editorial unit receives: the text, the field's name and the pen name.
    No relation to the writing unit, its field, its people or its copy, by design."""

    periodical = models.ForeignKey(Periodical, on_delete=models.CASCADE,
                                   related_name="received_correspondence",
                                   verbose_name=_("periodical"))
    editorial_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("editorial unit"))
    field_name = models.CharField(_("field"), max_length=200)
    pen_name = models.CharField(_("pen name"), max_length=120)
    text = models.TextField(_("text"))
    written_on = models.DateField(_("written on"))

    anchor = Anchor(at.RECORD, "editorial_unit")

    class Meta:
        ordering = ["periodical", "-written_on", "-id"]
        verbose_name = _("received correspondence")
        verbose_name_plural = _("received correspondence")

    def __str__(self) -> str:
        return f"{self.field_name} — {self.pen_name}"
