from __future__ import annotations

from django.db import transaction

from access.models import CoalitionOffice, Role
from access.scope import forget_scope
from audit.log import record


@transaction.atomic
def do_grant_role(*, acting_user, user, unit, kind: str, oversight: bool = False,
                  identity_access: bool = False, since=None) -> Role:
    role, _ = Role.objects.update_or_create(
        user=user, unit=unit,
        defaults={"kind": kind, "oversight": oversight, "identity_access": identity_access,
                  "since": since})
    role.full_clean()
    record(actor=acting_user, action="update", obj=role,
           fields=["kind", "oversight", "identity_access"], unit_id=unit.pk)
    forget_scope(user)
    return role


@transaction.atomic
def do_revoke_role(*, acting_user, role: Role) -> None:
    record(actor=acting_user, action="delete", obj=role, unit_id=role.unit_id)
    forget_scope(role.user)
    role.delete()


@transaction.atomic
def do_add_office_user(*, acting_user, coalition, user) -> CoalitionOffice:
    office, _ = CoalitionOffice.objects.get_or_create(user=user, coalition=coalition)
    record(actor=acting_user, action="create", obj=office)
    forget_scope(user)
    return office
