"""Writes to roles and coalition offices: one transaction, audited, scope caches dropped.

Roles keep their history. A change to an open role ends it and opens a new one from the day
of the change (unless it began that same day, when it is changed in place); revoking ends it.
Who held which role on a day is ``Role.objects.active(day)``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from access.models import CoalitionOffice, Role
from access.scope import forget_scope
from audit.log import record, snapshot


@transaction.atomic
def do_grant_role(*, acting_user: Any, user: Any, unit: Any, kind: str, oversight: bool = False,
                  identity_access: bool = False, international_work: bool = False,
                  since: datetime.date | None = None) -> Role:
    today = timezone.localdate()
    wanted = {"kind": kind, "oversight": oversight, "identity_access": identity_access,
              "international_work": international_work}
    current = (Role.objects.select_for_update().filter(user=user, unit=unit, until__isnull=True)
               .first())
    if current is not None:
        if all(getattr(current, k) == v for k, v in wanted.items()) and (
                since is None or since == current.since):
            return current
        began = current.since or timezone.localtime(current.created_at).date()
        if began >= today:
            # Begun today: nothing of it is history yet.
            before = snapshot(current)
            for key, value in wanted.items():
                setattr(current, key, value)
            if since is not None:
                current.since = since
            current.full_clean()
            current.save()
            record(actor=acting_user, action="update", obj=current, before=before)
            forget_scope(user)
            return current
        before = snapshot(current)
        current.until = today
        current.save(update_fields=["until"])
        record(actor=acting_user, action="update", obj=current, before=before)
        since = today if since is None or since < today else since
    role = Role(user=user, unit=unit, since=since or today, **wanted)
    role.full_clean()
    role.save()
    record(actor=acting_user, action="create", obj=role)
    forget_scope(user)
    return role


@transaction.atomic
def do_revoke_role(*, acting_user: Any, role: Role) -> Role:
    """End the role today; the row stays as history."""
    role = Role.objects.select_for_update().get(pk=role.pk)
    if role.until is None:
        before = snapshot(role)
        role.until = max(timezone.localdate(), role.since) if role.since else timezone.localdate()
        role.save(update_fields=["until"])
        record(actor=acting_user, action="update", obj=role, before=before)
    forget_scope(role.user)
    return role


@transaction.atomic
def do_add_office_user(*, acting_user: Any, coalition: Any, user: Any) -> CoalitionOffice:
    office, created = CoalitionOffice.objects.get_or_create(user=user, coalition=coalition)
    if created:
        record(actor=acting_user, action="create", obj=office)
    forget_scope(user)
    return office
