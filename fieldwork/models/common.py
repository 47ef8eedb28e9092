"""Shared by the fieldwork models: the priority scale, the date check and defaults."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PRIORITY_MAX = 5


def _not_in_future(value) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")


def _default_stale_days() -> int:
    return settings.NUCLEUS_STALE_DAYS
