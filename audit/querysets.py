"""Who may read which audit rows: the audit log's side of the access layer.

Reading a unit's log is a secretary's right, the same rule as changing the unit's roles
(``Anchor(ROLE, "unit")`` with ``change``): a secretary reads the rows of their unit, with
oversight those of its subtree; nobody else reads any. Rows without a unit that are about an
account (logins, failed logins, lockouts, freezes) are read by the secretaries of the units
where that account holds or held a role: they are the ones who freeze it when its holder is
arrested. Other rows without a unit (failed logins for unknown names, key operations,
organization-level records) are read by the install's administrators on the server
(``manage.py audit_log``), never in the app.
"""

from __future__ import annotations

from typing import Any, Self, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from access import anchor as kinds
from access.anchor import Anchor
from access.querysets import RestrictedQuerySet
from access.scope import NOTHING, scope_for

# Declared here rather than on the model: an audit row is not a record (no uid, no version).
AUDIT_ANCHOR = Anchor(kinds.ROLE, "unit")
# The action on ``AUDIT_ANCHOR`` that reading the log needs.
READ_ACTION = "change"

_E = TypeVar("_E", bound=models.Model, covariant=True)


def account_label() -> str:
    """The ``model`` value of rows about an account (``accounts.User``)."""
    return str(settings.AUTH_USER_MODEL)


class AuditQuerySet(RestrictedQuerySet[_E]):
    @property
    def anchor(self) -> Anchor:
        return AUDIT_ANCHOR

    def restrict(self, user: Any, action: str = "view") -> Self:
        """The rows ``user`` may read; audit rows are never changed, so any other action
        gives none."""
        if action != "view":
            return self.none()
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        return self.filter(scope.q_for(AUDIT_ANCHOR, READ_ACTION) | self._accounts_q(user))

    def _accounts_q(self, user: Any) -> Q:
        from access.models import Role

        # Every role, ended ones too: a frozen account's roles are suspended, and that is
        # when its secretaries need its logins most.
        holders = Role.objects.restrict(user, "change").values("user_id")
        if not scope_for(user).grants:
            return NOTHING
        return Q(unit__isnull=True, model=account_label(), object_id__in=holders)
