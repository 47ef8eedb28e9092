"""``.restrict(user, action)`` for every model: the queryset side of the access layer."""

from __future__ import annotations

from django.db import models

from access.scope import scope_for


class RestrictedQuerySet(models.QuerySet):
    """Subclasses define ``scope_q(scope, action)``; ``restrict`` applies it (with distinct,
    since some scopes follow many-valued relations)."""

    def restrict(self, user, action: str = "view"):
        q = self.scope_q(scope_for(user), action)
        return self.filter(q).distinct() if self._needs_distinct else self.filter(q)

    _needs_distinct = False


class UnitRecordQuerySet(RestrictedQuerySet):
    """Records that belong to exactly one unit through ``unit_lookup``."""

    unit_lookup = "unit__"

    def scope_q(self, scope, action):
        return scope.records_q(self.unit_lookup, action)

    def countable(self, user):
        """For aggregates only: never render these rows, only count them."""
        return self.filter(scope_for(user).counts_q(self.unit_lookup))
