"""``.restrict(user, action)`` and ``.countable(user)`` for every model: the queryset side of
the access layer, derived from the model's ``anchor`` declaration (``access/anchor.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self, TypeVar

from django.db import models

from access.scope import scope_for

if TYPE_CHECKING:
    from access.anchor import Anchor

_M = TypeVar("_M", bound=models.Model, covariant=True)


class RestrictedQuerySet(models.QuerySet[_M]):
    """What a user may see or do, from ``model.anchor``. Deleting through the queryset
    leaves tombstones for records that other systems may hold a copy of."""

    @property
    def anchor(self) -> Anchor:
        anchor: Anchor | None = getattr(self.model, "anchor", None)
        if anchor is None:
            raise TypeError(f"{self.model.__name__} declares no anchor")
        return anchor

    def restrict(self, user: Any, action: str = "view") -> Self:
        anchor = self.anchor
        q = scope_for(user).q_for(anchor, action)
        return self.filter(q).distinct() if anchor.many_valued else self.filter(q)

    def countable(self, user: Any) -> Self:
        """For aggregates only: never render these rows, only count them."""
        return self.filter(scope_for(user).countable_q(self.anchor))

    def with_related(self, user: Any, *names: str) -> Self:
        """Prefetch these relations through the access layer: a row that hangs elsewhere (an
        activity naming people) shows only the related rows the user may see, so a person
        who moved to another unit is no longer shown to the old one."""
        from access.records import Record

        lookups = []
        for name in names:
            related = self.model._meta.get_field(name).related_model
            if not (isinstance(related, type) and issubclass(related, Record)):
                raise TypeError(f"{self.model.__name__}.{name} is not a relation to a record")
            lookups.append(models.Prefetch(name, queryset=related.objects.restrict(user)))
        return self.prefetch_related(*lookups)

    def delete(self) -> tuple[int, dict[str, int]]:
        from access.records import delete_with_tombstones

        return delete_with_tombstones(self)
