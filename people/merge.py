"""Merging two records of the same person (the same worker entered twice).

Every reference of the duplicate (``people.references``) is handed to the person kept; where
the kept person already has the same row (the same activity, a second contact profile ...)
the duplicate's row is dropped, with a tombstone where the record keeps one. Blank parts of
the kept identity are filled from the duplicate's. The duplicate is deleted (a tombstone
remains). Refused, with the reason, when the two are in different units, of different kinds,
or not both within what the acting user may delete.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from audit.log import record
from people import headcounts
from people.models import Identity, Person
from people.references import Reference, references


def _unique_groups(model: type[models.Model], field: models.Field) -> list[tuple[str, ...]]:
    groups: list[tuple[str, ...]] = []
    if field.unique:
        groups.append((field.name,))
    for constraint in model._meta.constraints:
        if (isinstance(constraint, models.UniqueConstraint) and constraint.condition is None
                and field.name in constraint.fields):
            groups.append(tuple(constraint.fields))
    groups += [tuple(g) for g in model._meta.unique_together if field.name in g]
    return groups


def _hand_over(ref: Reference, duplicate: Person, keep: Person) -> int:
    """Point the duplicate's rows of one reference at ``keep``; return how many changed."""
    if ref.many:
        through = ref.through
        owner, person_field = ref.through_owner_field, ref.through_person_field
        rows = ref.rows_of(duplicate)
        taken = set(through._base_manager.filter(**{person_field: keep}).values_list(
            f"{owner}_id", flat=True))
        rows.filter(**{f"{owner}_id__in": taken}).delete()
        return rows.update(**{person_field: keep})
    manager = ref.model._default_manager
    groups = _unique_groups(ref.model, ref.field)
    changed = 0
    for row in list(manager.filter(**{ref.field.name: duplicate})):
        clash = any(manager.filter(**{name: keep if name == ref.field.name
                                      else getattr(row, name) for name in group}).exists()
                    for group in groups)
        if clash:
            if ref.policy.reason and ref.policy.name == "follows":
                raise ValidationError(ref.policy.reason)
            row.delete()
        else:
            manager.filter(pk=row.pk).update(**{ref.field.name: keep})
        changed += 1
    return changed


def _self_links(ref_models: set[type[models.Model]], keep: Person) -> None:
    """A row linking the duplicate with the kept person now links the person with
    themselves (a tie): it goes."""
    by_model: dict[type[models.Model], list[str]] = {}
    for ref in references():
        if ref.model in ref_models and not ref.many:
            by_model.setdefault(ref.model, []).append(ref.field.name)
    for model, names in by_model.items():
        if len(names) > 1:
            model._default_manager.filter(**dict.fromkeys(names, keep)).delete()


@transaction.atomic
def do_merge_people(*, acting_user: Any, keep: Person, duplicate: Person) -> Person:
    allowed = Person.objects.restrict(acting_user, "delete").select_for_update()
    pair = {p.pk: p for p in allowed.select_related("unit__organization").filter(
        pk__in=[keep.pk, duplicate.pk])}
    if keep.pk == duplicate.pk:
        raise ValidationError({"duplicate": _("Choose another person: a record is not merged "
                                              "with itself.")})
    if len(pair) != 2:
        raise ValidationError({"duplicate": _(
            "You can only merge people whose records you may delete.")})
    keep, duplicate = pair[keep.pk], pair[duplicate.pk]
    if keep.unit_id != duplicate.unit_id:
        raise ValidationError({"duplicate": _(
            "The two records are in different units. A unit's people stay in its compartment: "
            "move one of them first, if nothing of the old unit comes along.")})
    if keep.kind != duplicate.kind:
        raise ValidationError({"duplicate": _(
            "One record is a member and the other a contact: change the kind of one first.")})

    kept_identity, other = keep.unseal_identity(), duplicate.unseal_identity()
    revealable = Person.objects.restrict(acting_user, "reveal").filter(
        pk__in=[keep.pk, duplicate.pk]).count() == 2
    if not revealable and any(getattr(other, n) for n in Identity.FIELDS):
        # Taking parts of one identity into another writes identities: it needs the right.
        raise ValidationError({"duplicate": _(
            "The duplicate has an identity on file; merging it needs identity access to both "
            "records. Nothing was changed.")})
    filled = [n for n in Identity.FIELDS if not getattr(kept_identity, n) and getattr(other, n)]
    for name in filled:
        setattr(kept_identity, name, getattr(other, name))
    handed: list[str] = []
    touched: set[type[models.Model]] = set()
    for ref in references():
        if _hand_over(ref, duplicate, keep):
            handed.append(ref.label)
            touched.add(ref.model)
    _self_links(touched, keep)
    for model in touched:
        hook = getattr(model, "after_person_merge", None)
        if hook is not None:
            hook(keep)
    if filled:
        keep.seal_identity(kept_identity)
    if keep.joined_on is None or (duplicate.joined_on and duplicate.joined_on < keep.joined_on):
        keep.joined_on = duplicate.joined_on
    keep.save()
    # The identity parts taken over by name only; the relations handed over by name.
    record(actor=acting_user, action="merge", obj=keep, fields=[*filled, *handed])
    record(actor=acting_user, action="delete", obj=duplicate)
    duplicate.delete()
    headcounts.adjust(keep.unit_id, -1)  # the duplicate's unit: the same (checked above)
    return keep
