"""Mass organizations (unions, associations) and their presence in fields."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from fieldwork.models.fields import Field
from organizations.models import Organization

# --- mass organizations ---

class MassOrganization(Record):
    class Kind(models.TextChoices):
        TRADE_UNION = "trade_union", _("Trade union")
        ASSOCIATION = "association", _("Association")
        FEDERATION = "federation", _("Federation")

    class Orientation(models.TextChoices):
        CLASS = "class", _("Class union")
        REFORMIST = "reformist", _("Reformist")
        BUREAUCRATIC = "bureaucratic", _("Controlled by the bureaucracy")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="mass_organizations",
                                     verbose_name=_("tracked by"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices,
                            default=Kind.TRADE_UNION)
    orientation = models.CharField(_("orientation"), max_length=12,
                                   choices=Orientation.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    anchor = Anchor(at.ORGANIZATION_WIDE, "organization")

    class Meta:
        verbose_name = _("mass organization")
        verbose_name_plural = _("mass organizations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"],
                                               name="mass_organization_unique_name")]

    def __str__(self) -> str:
        return self.name


class UnionPresence(Record):
    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="union_presences",
                              verbose_name=_("field"))
    mass_organization = models.ForeignKey(MassOrganization, on_delete=models.CASCADE,
                                          related_name="presences", verbose_name=_("union"))
    members_approx = models.PositiveIntegerField(_("members (approximate)"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)

    anchor = Anchor(at.STRUCTURE, "field__unit")

    class Meta:
        verbose_name = _("union presence")
        verbose_name_plural = _("union presences")
        ordering = ["field", "-members_approx"]
        constraints = [models.UniqueConstraint(fields=["field", "mass_organization"],
                                               name="union_presence_unique")]

    def __str__(self) -> str:
        return f"{self.mass_organization} in {self.field}"

    def clean(self) -> None:
        if (self.field_id and self.mass_organization_id and
                self.mass_organization.organization_id != self.field.unit.organization_id):
            raise ValidationError({"mass_organization": _(
                "This mass organization is tracked by another organization.")})
