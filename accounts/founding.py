"""Who may found organizations and coalitions, and founding invitations.

``settings.NUCLEUS_FOUNDERS`` is "admins" (the default: install administrators, i.e.
superusers) or "anyone". Under "admins" an administrator gives others a one-time
invitation code (``manage.py founding_invitation``); its holder founds one organization or
coalition with it. The code is 20 random bytes; only its SHA-256 is stored, with an expiry.
Founding gives the founder the top secretary role, and with it the role form: keeping
founding to administrators is also what keeps strangers away from that form.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import FoundingInvitation
from audit.log import record


def hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().encode()).hexdigest()


def may_found(user: Any) -> bool:
    """Whether the user may found without an invitation."""
    if not getattr(user, "is_authenticated", False):
        return False
    return settings.NUCLEUS_FOUNDERS == "anyone" or bool(user.is_superuser)


@transaction.atomic
def do_issue_founding_invitation(*, acting_user: Any, note: str = "",
                                 days: int | None = None) -> tuple[FoundingInvitation, str]:
    """A new invitation; returns it with its code, which is shown once."""
    code = secrets.token_urlsafe(20)
    days = days or settings.NUCLEUS_FOUNDING_INVITATION_DAYS
    invitation = FoundingInvitation.objects.create(
        code_hash=hash_code(code), note=note,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        expires_at=timezone.now() + datetime.timedelta(days=days))
    record(actor=acting_user, action="create", obj=invitation)
    return invitation, code


def _invalid() -> ValidationError:
    # One message for unknown, used and expired codes.
    return ValidationError({"invitation": _("This invitation code is not valid.")},
                           code="invalid_invitation")


@transaction.atomic
def do_use_founding_invitation(*, acting_user: Any, code: str,
                               founded: models.Model) -> FoundingInvitation:
    """Spend an invitation on what ``acting_user`` just founded, in the founding's own
    transaction: if the code is not valid, the founding is undone with it."""
    invitation = (FoundingInvitation.objects.select_for_update()
                  .filter(code_hash=hash_code(code or ""), used_at__isnull=True,
                          expires_at__gt=timezone.now()).first())
    if not code or invitation is None:
        raise _invalid()
    invitation.used_at = timezone.now()
    invitation.used_by = acting_user
    invitation.used_for = f"{founded._meta.label}:{founded.pk}"
    invitation.save(update_fields=["used_at", "used_by", "used_for"])
    record(actor=acting_user, action="update", obj=invitation,
           fields=["used_at", "used_by", "used_for"])
    return invitation


def refuse_api_founding(user: Any) -> None:
    """For the API's create endpoints: 403 unless the user may found without an invitation
    (invitations are spent on the founding pages)."""
    from rest_framework.exceptions import PermissionDenied

    if not may_found(user):
        raise PermissionDenied(_("On this install only administrators found organizations and "
                                 "coalitions; with an invitation code, use the founding page."))
