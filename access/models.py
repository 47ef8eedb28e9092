from __future__ import annotations

import datetime
from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.querysets import RestrictedQuerySet
from access.records import Record
from access.scope import MEMBER, OBSERVER, ORGANIZER, SECRETARY


class RoleQuerySet(RestrictedQuerySet["Role"]):
    def active(self, on: datetime.date | None = None) -> Self:
        """Roles in force on a day (today by default): begun, and not yet ended. With a past
        day: who held which role then (revoking ends a role, it does not delete it)."""
        on = on or timezone.localdate()
        return self.filter(Q(since__isnull=True) | Q(since__lte=on)).filter(
            Q(until__isnull=True) | Q(until__gt=on))


# A named manager class: managers are class variables, and this one's type is named.
RoleManager = models.Manager.from_queryset(RoleQuerySet)


class Role(Record):
    """A user's role on a unit: access to its records (with oversight, to its subtree).

    Roles keep their history: a role runs from ``since`` to ``until`` (exclusive); revoking
    sets ``until`` instead of deleting the row, so who held which role when stays answerable.
    """

    class Kind(models.TextChoices):
        SECRETARY = SECRETARY, _("Secretary")
        ORGANIZER = ORGANIZER, _("Organizer")
        MEMBER = MEMBER, _("Member")
        OBSERVER = OBSERVER, _("Observer")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="roles", verbose_name=_("user"))
    unit = models.ForeignKey("organizations.Unit", on_delete=models.CASCADE, related_name="roles",
                             verbose_name=_("unit"))
    kind = models.CharField(_("role"), max_length=12, choices=Kind.choices)
    oversight = models.BooleanField(
        _("oversight"), default=False,
        help_text=_("Extends access to the records of every unit below this one."))
    identity_access = models.BooleanField(
        _("may reveal identities"), default=False,
        help_text=_("Separate from seeing aliases; every reveal is recorded."))
    # Set by the unit's secretary: the holder drafts, sends and answers for the organization
    # toward its coalitions (coalitions/rights.py). Gives no access to any unit's records.
    international_work = models.BooleanField(
        _("international work"), default=False,
        help_text=_("Drafts, sends and answers for the organization toward its coalitions."))
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True,
                             help_text=_("The first day the role is no longer held."))

    objects: ClassVar[RoleManager[Role]] = RoleManager()
    # Who holds which role is itself need-to-know: seen where the unit's records are, changed
    # by its secretaries.
    anchor = Anchor(at.ROLE, "unit")

    class Meta:
        ordering = ["unit__path", "kind"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            # One open role per user and unit; ended ones stay as history.
            models.UniqueConstraint(fields=["user", "unit"], condition=Q(until__isnull=True),
                                    name="role_unique_open"),
            models.CheckConstraint(
                condition=(Q(until__isnull=True) | Q(since__isnull=True)
                           | Q(until__gte=F("since"))),
                name="role_until_after_since"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of {self.unit}"


class CoalitionOffice(Record):
    """A user working in a coalition's office: sees organizations, never their people."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="coalition_offices", verbose_name=_("user"))
    coalition = models.ForeignKey("organizations.Coalition", on_delete=models.CASCADE,
                                  related_name="office", verbose_name=_("coalition"))

    anchor = Anchor(at.COALITION, "coalition")

    class Meta:
        verbose_name = _("coalition office user")
        verbose_name_plural = _("coalition office users")
        constraints = [models.UniqueConstraint(fields=["user", "coalition"],
                                               name="coalition_office_unique")]

    def __str__(self) -> str:
        return f"office of {self.coalition_id}"
