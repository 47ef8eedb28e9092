"""Freezing an account when a member is arrested, and giving it back.

``do_freeze_account`` ends, in one transaction, everything that lets the account in (its
sessions, API tokens and second factors; its password becomes unusable and the account
inactive, so it cannot log in) and the person's roles (through ``access.actions``, so they
end with history), remembers which roles it ended and what the account could see, and
writes the audit rows. ``do_unfreeze_account`` gives the roles back with a new password set
by the secretary; the second factor is enrolled again by the member.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access import dbwall
from access.actions import do_grant_role, do_revoke_role
from access.models import Role
from access.scope import SECRETARY
from audit.log import record, record_security_event, snapshot
from audit.models import AuditEvent
from organizations.models import Unit
from safety import credentials
from safety.exposure import scope_snapshot
from safety.models import Freeze


def freezing_unit(acting_user: Any, role: Role) -> Unit | None:
    """The unit of the acting secretary's role that reaches ``role``: the secretary's own
    unit, or the nearest unit above it where they are a secretary with oversight."""
    unit = role.unit
    mine = Role.objects.restrict(acting_user).active().filter(
        user=acting_user, kind=SECRETARY).select_related("unit")
    reaching = [r.unit for r in mine
                if r.unit_id == unit.pk or (r.oversight and unit.path.startswith(r.unit.path))]
    # The deepest one: paths of ancestors are prefixes of each other.
    return max(reaching, key=lambda u: len(u.path), default=None)


def check_freezable(*, acting_user: Any, role: Role) -> None:
    """Why the account holding ``role`` cannot be frozen by ``acting_user``, if it cannot."""
    if role.user_id == getattr(acting_user, "pk", None):
        raise ValidationError(_("You cannot freeze your own account: ask another secretary."),
                              code="self")
    with dbwall.system_scope():  # a freeze filed in another compartment counts too
        frozen = Freeze.objects.in_force().filter(user_id=role.user_id).exists()
    if frozen:
        raise ValidationError(_("This account is already frozen."), code="frozen")
    if not Role.objects.active().filter(pk=role.pk).exists():
        raise ValidationError(_("This role has ended: freeze the account from a role it "
                                "still holds."), code="ended")


def _open_roles(user: Any) -> list[Role]:
    # Open roles, including ones that begin later: none may come into force while frozen.
    return list(Role.objects.select_for_update().filter(user=user, until__isnull=True))


@transaction.atomic
def do_freeze_account(*, acting_user: Any, role: Role, reason: str) -> Freeze:
    """Freeze the account that holds ``role``. The caller has loaded ``role`` through
    ``Role.objects.restrict(acting_user, "delete")``; ``freezing_unit`` asks the same again
    (a secretary reaching the role's unit), so a command cannot freeze past it either."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the account is frozen.")}, code="required")
    # Locked first: two secretaries freezing at once write one freeze.
    account = get_user_model().objects.select_for_update().get(pk=role.user_id)
    check_freezable(acting_user=acting_user, role=role)
    unit = freezing_unit(acting_user, role)
    if unit is None:
        raise ValidationError(_("Only a secretary of a unit where this account holds a role, "
                                "or a secretary with oversight above it, can freeze it."),
                              code="forbidden")
    # The account's roles and scope reach beyond the secretary's units, where the database
    # wall hides them; the freeze is the one write that must reach them all (the right to
    # make it was checked on the role the secretary may end).
    with dbwall.system_scope():
        # What it could see, taken before its roles end.
        exposure = scope_snapshot(get_user_model().objects.get(pk=account.pk))
        ended = [do_revoke_role(acting_user=acting_user, role=r) for r in _open_roles(account)]
    freeze = Freeze.objects.create(
        user=account, unit=unit, reason=reason, frozen_by=acting_user,
        frozen_at=timezone.now(), exposure=exposure,
        sessions_ended=credentials.end_sessions(account),
        tokens_ended=credentials.end_tokens(account, acting_user=acting_user),
        devices_removed=credentials.remove_second_factors(account))
    with dbwall.system_scope():  # the roles beyond the secretary's units too
        freeze.suspended_roles.set(ended)
    account.set_unusable_password()
    account.is_active = False
    account.save(update_fields=["password", "is_active"])
    # The password's hash is never audited: only that it changed.
    record(actor=acting_user, action="update", obj=account, fields=["password", "is_active"])
    record(actor=acting_user, action="create", obj=freeze, fields=["suspended_roles"])
    record_security_event(kind=AuditEvent.Action.FREEZE, actor=acting_user, subject=account,
                          detail={"freeze": str(freeze.uid), "roles": len(ended),
                                  "sessions": freeze.sessions_ended,
                                  "tokens": freeze.tokens_ended,
                                  "devices": freeze.devices_removed})
    return freeze


@transaction.atomic
def do_unfreeze_account(*, acting_user: Any, freeze: Freeze, password: str) -> Freeze:
    """End ``freeze`` (loaded through ``Freeze.objects.restrict(acting_user, "change")``):
    the account gets ``password`` and the roles the freeze ended, from today."""
    freeze = Freeze.objects.select_for_update().get(pk=freeze.pk)
    if not freeze.in_force:
        raise ValidationError(_("This account is no longer frozen."), code="unfrozen")
    account = get_user_model().objects.select_for_update().get(pk=freeze.user_id)
    validate_password(password, account)
    today = timezone.localdate()
    # The roles go back wherever the freeze ended them, beyond the secretary's units too.
    with dbwall.system_scope():
        for role in freeze.suspended_roles.select_related("unit").order_by("pk"):
            # A role that had not begun yet keeps its start.
            since = role.since if role.since and role.since > today else None
            do_grant_role(acting_user=acting_user, user=account, unit=role.unit,
                          kind=role.kind, oversight=role.oversight,
                          identity_access=role.identity_access,
                          international_work=role.international_work, since=since)
    account.set_password(password)
    account.is_active = True
    # The secretary knows this password: the member picks their own at the next login.
    account.must_change_password = True
    account.save(update_fields=["password", "is_active", "must_change_password"])
    record(actor=acting_user, action="update", obj=account,
           fields=["password", "is_active", "must_change_password"])
    before = snapshot(freeze)
    freeze.unfrozen_by, freeze.unfrozen_at = acting_user, timezone.now()
    freeze.save(update_fields=["unfrozen_by", "unfrozen_at"])
    record(actor=acting_user, action="update", obj=freeze, before=before)
    record_security_event(kind=AuditEvent.Action.UNFREEZE, actor=acting_user, subject=account,
                          detail={"freeze": str(freeze.uid)})
    return freeze
