"""A frozen account: what was ended when a member was arrested, and what it could see.

A ``Freeze`` is written by ``safety.actions.do_freeze_account`` and closed by
``do_unfreeze_account``. It hangs on the unit of the secretary who froze the account (a
``ROLE`` anchor: seen with the unit's records, changed — unfrozen, and its exposure report
read — by the unit's secretaries and overseeing secretaries above), so that the report of
what the account saw stays within that secretary's compartment.
"""

from __future__ import annotations

from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.querysets import RestrictedQuerySet
from access.records import Record


class FreezeQuerySet(RestrictedQuerySet["Freeze"]):
    def in_force(self) -> Self:
        return self.filter(unfrozen_at__isnull=True)


FreezeManager = models.Manager.from_queryset(FreezeQuerySet)


class Freeze(Record):
    """One freeze of an account, from ``frozen_at`` until ``unfrozen_at``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="freezes", verbose_name=_("frozen account"))
    # The unit of the freezing secretary's role: where the freeze and its report belong.
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("unit"))
    reason = models.TextField(_("reason"), max_length=2000)
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("frozen by"))
    frozen_at = models.DateTimeField(_("frozen at"))
    # The roles this freeze ended: given back by an unfreeze.
    suspended_roles = models.ManyToManyField("access.Role", blank=True, related_name="+",
                                             verbose_name=_("suspended roles"))
    sessions_ended = models.PositiveIntegerField(_("sessions ended"), default=0)
    tokens_ended = models.PositiveIntegerField(_("API tokens ended"), default=0)
    devices_removed = models.PositiveIntegerField(_("second factors removed"), default=0)
    # What the account could see when it was frozen: [{"unit": id, "people": [ids],
    # "identities": bool}], so that the report still answers after its roles ended.
    exposure = models.JSONField(_("scope at the freeze"), default=list, blank=True)
    unfrozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("unfrozen by"))
    unfrozen_at = models.DateTimeField(_("unfrozen at"), null=True, blank=True)

    objects: ClassVar[FreezeManager[Freeze]] = FreezeManager()
    anchor = Anchor(at.ROLE, "unit")

    class Meta:
        ordering = ["-frozen_at", "-id"]
        verbose_name = _("frozen account")
        verbose_name_plural = _("frozen accounts")
        constraints = [
            # An account is frozen once at a time; ended freezes stay as history.
            models.UniqueConstraint(fields=["user"], condition=Q(unfrozen_at__isnull=True),
                                    name="freeze_one_open_per_user"),
        ]

    def __str__(self) -> str:
        return f"freeze of user {self.user_id}"

    @property
    def in_force(self) -> bool:
        return self.unfrozen_at is None
