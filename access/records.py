"""The common base of every domain model: a stable identifier, times, a version for
optimistic concurrency, the anchor declaration, and deletion that leaves tombstones.

``uid`` is what APIs, exports, sync and other servers use; it is never reused. ``version``
grows by one on every save: a form or an API update carries the version it was read at and
is refused when the record changed since (``check_unchanged``). Records that other systems
may hold a copy of (``keeps_tombstone``) leave a ``audit.Tombstone`` with their uid, unit and
deletion time when deleted, however the deletion comes about (directly, through a queryset,
or cascading from a parent), so a client can learn that they are gone.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.querysets import RestrictedQuerySet

if TYPE_CHECKING:
    from access.anchor import Anchor


class Record(models.Model):
    uid = models.UUIDField(gettext_lazy("identifier"), default=uuid.uuid4, unique=True,
                           editable=False)
    created_at = models.DateTimeField(gettext_lazy("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("updated at"), auto_now=True)
    version = models.PositiveIntegerField(gettext_lazy("version"), default=1, editable=False)

    anchor: ClassVar[Anchor]
    # Others may hold a copy (API clients, offline devices, other servers): leave a tombstone.
    keeps_tombstone: ClassVar[bool] = False
    # Concrete fields whose values never go into an audit row (ciphertexts, blind indexes).
    sealed_fields: ClassVar[tuple[str, ...]] = ()

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version", "updated_at"}
        super().save(*args, **kwargs)

    @property
    def short_uid(self) -> str:
        """The uid's first eight hex digits: enough to tell a user's few records apart on a
        page (a plan, say) without a sequential number that counts the install's rows."""
        return self.uid.hex[:8]

    def delete(self, using: str | None = None,
               keep_parents: bool = False) -> tuple[int, dict[str, int]]:
        using = using or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            collector = Collector(using=using, origin=self)
            collector.collect([self], keep_parents=keep_parents)
            _bury(collector)
            return collector.delete()


def delete_with_tombstones(queryset: models.QuerySet[Any]) -> tuple[int, dict[str, int]]:
    """``QuerySet.delete`` with tombstones for every tombstoned row it removes, including
    rows removed by cascade."""
    with transaction.atomic(using=queryset.db):
        collector = Collector(using=queryset.db, origin=queryset)
        # Django's own QuerySet.delete hands the collector a queryset; the stubs want a list.
        collector.collect(queryset.order_by())  # type: ignore[arg-type]
        _bury(collector)
        return collector.delete()


def _bury(collector: Collector) -> None:
    from audit.models import Tombstone

    stones: list[Tombstone] = []

    def add(model: type[models.Model], pks: Iterable[Any]) -> None:
        if not (issubclass(model, Record) and model.keeps_tombstone):
            return
        anchor = model.anchor
        columns = ["uid"]
        if anchor.has_unit:
            columns += [anchor.unit_lookup(), f"{anchor.prefix}path"]
        for row in model._base_manager.filter(pk__in=list(pks)).values_list(*columns):
            uid, unit_id, path = (*row, None, "") if len(row) == 1 else row
            stones.append(Tombstone(model=model._meta.label, uid=uid, unit_id=unit_id,
                                    unit_path=path or ""))

    for model, instances in collector.data.items():
        add(model, [obj.pk for obj in instances])
    for qs in collector.fast_deletes:
        add(qs.model, qs.values_list("pk", flat=True))
    if stones:
        Tombstone.objects.bulk_create(stones)


def check_unchanged(obj: Record, version: int | None) -> None:
    """Refuse to save over a record that changed since it was read at ``version``: the
    message names the fields that changed (from the audit rows written since)."""
    if version is None:
        return
    current = type(obj)._base_manager.select_for_update().filter(pk=obj.pk).values_list(
        "version", flat=True).first()
    if current is None or current == version:
        return
    from audit.models import AuditEvent

    events = AuditEvent.objects.filter(model=obj._meta.label, object_id=obj.pk).order_by(
        "-id")[:max(current - version, 1)]
    names = sorted({name for event in events for name in event.fields})
    labels = []
    for name in names:
        try:
            field = obj._meta.get_field(name)
            labels.append(str(getattr(field, "verbose_name", name)))
        except FieldDoesNotExist:  # a sealed part of an identity is not a model field
            labels.append(name.replace("_", " "))
    if labels:
        message = _("This record was changed since you opened it (%(fields)s). Nothing was "
                    "saved: reload the page to see the changes, then enter yours again.") % {
            "fields": ", ".join(labels)}
    else:
        message = _("This record was changed since you opened it. Nothing was saved: reload "
                    "the page to see the changes, then enter yours again.")
    raise ValidationError(message, code="stale")
