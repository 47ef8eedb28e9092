"""Fields (workplaces, institutions, schools, localities, villages) and their parts: structure
of the unit that works them, seen by every unit above."""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.querysets import RestrictedQuerySet
from access.records import Record
from access.scope import scope_for
from fieldwork.models.common import PRIORITY_MAX
from organizations.models import Unit

# --- querysets: extra questions beyond restrict(); access itself comes from each anchor ---

class FieldQuerySet(RestrictedQuerySet["Field"]):
    def prioritizable(self, user: Any) -> Self:
        """Fields whose priority the user may set: a 'change' role with oversight on a unit
        strictly above the unit that works the field (the responsible committee)."""
        return self.filter(scope_for(user).strictly_below_q("unit__", "change"))


FieldManager = models.Manager.from_queryset(FieldQuerySet)


# --- fields and their parts ---

class Field(Record):
    class Kind(models.TextChoices):
        WORKPLACE = "workplace", _("Workplace")
        INSTITUTION = "institution", _("Institution")
        SCHOOL = "school", _("School")
        LOCALITY = "locality", _("Locality or neighbourhood")
        VILLAGE = "village", _("Village")

    class Sector(models.TextChoices):
        NONE = "", _("—")
        ENERGY = "energy", _("Energy production and distribution")
        TRANSPORT = "transport", _("Transport")
        COMMUNICATION = "communication", _("Communication")
        HEALTH = "health", _("Health")
        EDUCATION = "education", _("Education")
        OTHER = "other", _("Other")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="fields",
                             verbose_name=_("unit working it"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices,
                            default=Kind.WORKPLACE)
    name = models.CharField(_("name"), max_length=200)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    sub_sector = models.CharField(_("sub-sector"), max_length=100, blank=True)
    headcount = models.PositiveIntegerField(_("headcount"), default=0)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)])
    strategic = models.BooleanField(_("strategic"), default=False)
    strategic_sector = models.CharField(_("strategic sector"), max_length=14, blank=True,
                                        choices=Sector.choices, default=Sector.NONE)
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=0, validators=[MaxValueValidator(PRIORITY_MAX)],
        help_text=_("Set by the responsible committee: 0 (none) to 5 (highest)."))
    objects: ClassVar[FieldManager[Field]] = FieldManager()

    anchor = Anchor(at.STRUCTURE, "unit")
    # Chosen in forms by typing the name when there are too many to list (a founder's
    # contact list filters over a thousand fields: access/typed_choices).
    typed_choice_attribute = "name"

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["-priority", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"],
                                               name="field_unique_name_in_unit")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.strategic and not self.strategic_sector:
            errors["strategic_sector"] = _("A strategic field needs its strategic sector.")
        if self.strategic_sector and not self.strategic:
            errors["strategic"] = _("Only a strategic field has a strategic sector.")
        if errors:
            raise ValidationError(errors)


class FieldPart(Record):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        SHIFT = "shift", _("Shift")
        LINE = "line", _("Production line")
        OTHER = "other", _("Other")

    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="parts",
                              verbose_name=_("field"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices,
                            default=Kind.DEPARTMENT)
    headcount = models.PositiveIntegerField(_("headcount"), default=0)

    anchor = Anchor(at.STRUCTURE, "field__unit")

    class Meta:
        verbose_name = _("part of a field")
        verbose_name_plural = _("parts of fields")
        ordering = ["field", "name"]
        constraints = [models.UniqueConstraint(fields=["field", "name"],
                                               name="field_part_unique_name")]

    def __str__(self) -> str:
        return self.name
