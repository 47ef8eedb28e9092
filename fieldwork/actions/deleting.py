"""Deleting fieldwork records, with an audit row for everything a deletion takes along."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils.translation import gettext as _

from access.records import Record
from audit.log import record, snapshot
from fieldwork.actions.contacts import _refresh_current_level
from fieldwork.contact_dates import refresh_last_contact
from fieldwork.models import (
    Activity,
    Assessment,
    ContactProfile,
    Demand,
    DemandRaised,
    Field,
    FieldPart,
    MassOrganization,
    MoodReading,
    Participation,
    StructureTest,
    Struggle,
    Tie,
    UnionPresence,
)

# --- deleting ---

# Levels are retired, never deleted. An assessment is removed only as a correction (one made
# in error), by who may delete it: the contact's current level follows.
DELETABLE = (Field, FieldPart, MassOrganization, UnionPresence, ContactProfile, Tie,
             StructureTest, Participation, Activity, MoodReading, Demand, DemandRaised,
             Struggle, Assessment)


def _delete(acting_user, obj: models.Model) -> None:
    """Delete with an audit row for the record and each record the deletion takes along
    (cascades) or changes (emptied references, many-to-many rows); tombstones as always."""
    collector = Collector(using=router.db_for_write(type(obj), instance=obj), origin=obj)
    collector.collect([obj])  # raises ProtectedError before anything is written
    gone = [obj, *(o for batch in collector.data.values() for o in batch if o != obj),
            *(o for qs in collector.fast_deletes for o in qs)]
    for other in filter(lambda o: isinstance(o, Record), gone):
        # With the values that went: a removal made in error can be told and set right.
        record(actor=acting_user, action="delete", obj=other, before=snapshot(other))
    deleted = {(o._meta.label, o.pk) for o in gone}
    for qs in collector.fast_deletes:
        # A many-to-many row: its owner's relation changes, unless the owner goes too.
        owner: Any = qs.model._meta.auto_created  # the model that declares the relation
        if not owner:
            continue
        m2m = next(f for f in owner._meta.many_to_many if f.remote_field.through is qs.model)
        ids = {getattr(row, f"{m2m.m2m_field_name()}_id") for row in qs}
        for other in owner._base_manager.filter(pk__in=ids).order_by("pk"):
            if (other._meta.label, other.pk) not in deleted:
                record(actor=acting_user, action="update", obj=other, fields=[m2m.name])
    for (field, value), batches in collector.field_updates.items():
        # Each batch is a queryset of the rows whose reference is emptied.
        for other in (o for b in cast(Any, batches) for o in b if isinstance(o, Record)):
            before = snapshot(other)
            setattr(other, field.attname, value)
            record(actor=acting_user, action="update", obj=other, before=before)
    obj.delete()


@transaction.atomic
def do_delete(*, acting_user, obj: models.Model) -> None:
    """Delete a fieldwork record (callers check the 'delete' action). Deleting a field that
    still has contacts or activities fails: move or delete those first."""
    if not isinstance(obj, DELETABLE):
        raise ValueError(f"{obj._meta.label} records are not deleted")
    contacts = (list(obj.contacts.values_list("pk", flat=True))
                if isinstance(obj, Activity) else [])
    try:
        _delete(acting_user, obj)
    except models.ProtectedError:
        raise ValidationError(_("Still in use: move or delete what refers to it first.")) \
            from None
    refresh_last_contact(contacts)
    if isinstance(obj, Assessment):
        # The removed one may have been the latest: the profile takes the one before it.
        _refresh_current_level(obj.person, acting_user=acting_user)
