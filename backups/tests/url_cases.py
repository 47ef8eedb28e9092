"""URL patterns of backups (see tests/url_walk.py): the "System work" page of a top unit and
its two buttons, only for the install's administrator who is a secretary there
(accounts/system_work.py). Nobody of the cast is: every unit answers 404 to all of them."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.system_work import system_units
from organizations.models import Unit
from tests.url_walk import Case


@dataclass(frozen=True)
class SystemWork(Case):
    def allowed(self, user):
        return system_units(user)


CASES = {
    "backups:system_work": SystemWork(model=Unit),
    "backups:start_backup": SystemWork(model=Unit, method="POST"),
    "backups:start_key_rotation": SystemWork(model=Unit, method="POST"),
}
