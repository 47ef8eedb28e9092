"""Who may start the install's system work (a backup, the identity key's rotation).

That work reads or rewrites every organization's rows, so a role in one organization is not
enough: it takes the install's administrator (``is_superuser``, who already may found
organizations without an invitation and read the key verdict on /healthz) who is also a
secretary of a top unit, the unit the job then hangs on (``jobs.Job.unit``): its page and
list are seen through the access layer by that unit's roles, like any job. Everyone else
gets 404 from the pages and the commands' ``--job``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management.base import CommandError
from django.db.models import QuerySet

from organizations.models import Unit


def system_units(user: Any) -> QuerySet[Unit]:
    """The top units the user may start system work on (none for most users)."""
    if not (getattr(user, "is_authenticated", False) and user.is_active
            and user.is_superuser):
        return Unit.objects.none()
    return (Unit.objects.restrict(user, "change").filter(parent__isnull=True)
            .select_related("organization").order_by("pk"))


def may_run_system_work(user: Any, unit: Unit) -> bool:
    return system_units(user).filter(pk=unit.pk).exists()


def enqueue_from_command(username: str | None, enqueue: Callable[..., Any]) -> Any:
    """A command's ``--job --user NAME``: ``enqueue(acting_user=, unit=)`` on the user's
    first top unit of system work, or a CommandError saying why not."""
    from access import dbwall
    from fieldwork.management.commands._common import acting_user

    if not username:
        raise CommandError("--job needs --user (who starts it).")
    with dbwall.system_scope():
        user = acting_user(username)
        unit = system_units(user).first()
        if unit is None:
            raise CommandError(f"{username} may not start system work.")
        return enqueue(acting_user=user, unit=unit)
