"""Areas: the districts, towns and industrial zones an organization plans in, each with a
public reference point.

Nobody types where a member lives or works any more: a member's capacity names an area (sealed
with the capacity, because it locates a person) and how far the member can travel; a field's
needs name the area the field sits in. The planner measures distances between the areas'
reference points. A reference point is a public fact about a place (the centre of a town, the
gate of an industrial zone), not about a person, so the areas are a catalogue of the
organization: seen by its users, changed by the secretaries of its top unit.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from organizations.models import Organization


class Area(Record):
    class Kind(models.TextChoices):
        DISTRICT = "district", _("District")
        TOWN = "town", _("Town")
        INDUSTRIAL_ZONE = "industrial_zone", _("Industrial zone")
        OTHER = "other", _("Other")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="areas", verbose_name=_("organization"))
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.TOWN)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)])

    anchor = Anchor(at.CATALOGUE, "organization")

    class Meta:
        app_label = "deployment"
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["organization", "name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"],
                                               name="area_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def point(self) -> tuple[float, float]:
        return (float(self.latitude), float(self.longitude))
