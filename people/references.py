"""Every relation that points at a person, declared once on the model that holds it, and
what moving, deleting and merging people does with it.

A model lists its person relations in ``person_references``::

    person_references = {"person": Held(_("A contact stays with ..."))}

* ``FOLLOWS``: the row hangs on the person (status history, capacity, assessments, a login)
  and goes wherever the person goes.
* ``Held(reason)``: what the unit knows through the person (a contact's place in a field, a
  tie between two of its people): the person cannot move while such a row exists, and the
  reason says why.
* ``FollowsAlone(reason)``: follows, and there is at most one per person (a login): merging
  two people who both have one is refused.
* ``STAYS``: the row hangs elsewhere (an activity on its unit) and stays there; pages load
  the people it names through the access layer, so a person who moved away is no longer
  shown to the old unit.

On a merge every reference of the duplicate is handed to the person kept. ``references()``
reads the declarations and fails when a relation to ``Person`` is not declared, so a new
domain cannot forget one (tested).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.db import models


@dataclass(frozen=True)
class Policy:
    name: str
    reason: Any = ""


FOLLOWS = Policy("follows")
STAYS = Policy("stays")


def Held(reason: Any) -> Policy:  # noqa: N802 - reads as a declaration
    return Policy("held", reason)


def FollowsAlone(reason: Any) -> Policy:  # noqa: N802 - reads as a declaration
    """Follows the person, and a person has at most one (a login): a merge of two people who
    both have one is refused with ``reason`` instead of dropping one."""
    return Policy("follows", reason)


@dataclass(frozen=True)
class Reference:
    model: type[models.Model]
    field: models.Field[Any, Any]
    policy: Policy

    @property
    def many(self) -> bool:
        return bool(self.field.many_to_many)

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field.name}"

    def rows_of(self, person: models.Model) -> models.QuerySet[Any]:
        """The rows pointing at ``person`` (for a many-to-many: the link rows)."""
        if self.many:
            return self.through._base_manager.filter(**{self.through_person_field: person})
        return self.model._base_manager.filter(**{self.field.name: person})

    @property
    def m2m(self) -> models.ManyToManyField[Any, Any]:
        """The field of a many-to-many reference."""
        if not isinstance(self.field, models.ManyToManyField):
            raise TypeError(f"{self.label} is not a many-to-many relation")
        return self.field

    @property
    def through(self) -> type[models.Model]:
        """The model of a many-to-many reference's link rows."""
        through = self.m2m.remote_field.through
        assert through is not None  # set once the models are loaded
        return through

    @property
    def through_person_field(self) -> str:
        return self.m2m.m2m_reverse_field_name()

    @property
    def through_owner_field(self) -> str:
        return self.m2m.m2m_field_name()


class UndeclaredReference(LookupError):
    pass


@cache
def references() -> tuple[Reference, ...]:
    person_model = apps.get_model("people", "Person")
    found: list[Reference] = []
    missing: list[str] = []
    for model in apps.get_models():
        declared: dict[str, Policy] = getattr(model, "person_references", {})
        for field in model._meta.get_fields(include_hidden=False):
            if not (isinstance(field, models.Field) and field.is_relation and field.concrete
                    and field.related_model is person_model):
                continue
            if field.name not in declared:
                missing.append(f"{model._meta.label}.{field.name}")
                continue
            found.append(Reference(model, field, declared[field.name]))
    if missing:
        raise UndeclaredReference(
            f"relations to Person without a person_references declaration: {missing}")
    return tuple(found)
