"""The fieldwork settings of an organization."""

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
from fieldwork.models.common import _default_stale_days
from organizations.models import Organization


class FieldworkSettings(Record):
    organization = models.OneToOneField(Organization, on_delete=models.CASCADE,
                                        related_name="fieldwork_settings",
                                        verbose_name=_("organization"))
    majority_percent = models.PositiveSmallIntegerField(
        _("majority threshold (%)"), default=50,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("Reached with MORE than this share: 50 means half plus one."))
    supermajority_percent = models.PositiveSmallIntegerField(
        _("supermajority (%)"), default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Reached with at least this share."))
    supportive_max_value = models.SmallIntegerField(
        _("supportive levels up to value"), default=2,
        help_text=_("Contacts currently at a level with this value or lower count as "
                    "supportive."))
    stale_days = models.PositiveSmallIntegerField(
        _("a field has stopped after (days)"), default=_default_stale_days,
        validators=[MinValueValidator(1), MaxValueValidator(3650)])

    anchor = Anchor(at.CATALOGUE, "organization")

    class Meta:
        verbose_name = _("fieldwork settings")
        verbose_name_plural = _("fieldwork settings")

    def __str__(self) -> str:
        return f"fieldwork settings of {self.organization_id}"

    def clean(self) -> None:
        if self.supermajority_percent < self.majority_percent:
            raise ValidationError({"supermajority_percent": _(
                "The supermajority cannot be below the majority threshold.")})
