"""The pulse of a field: mood readings, demands and struggles."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import snapshot
from fieldwork import defaults
from fieldwork.actions.common import (
    _assign,
    _create,
    _save_changes,
    _update,
)
from fieldwork.models import (
    Demand,
    DemandRaised,
    Field,
    MoodReading,
    Struggle,
)
from organizations.models import Organization

# Like the default scale: stored in English, shown in each reader's language while unchanged.
DEFAULT_DEMANDS = tuple((Demand.Kind(kind), name) for kind, name in defaults.DEMANDS)


# --- the pulse of a field ---

@transaction.atomic
def do_record_mood(*, acting_user, field: Field, data: dict) -> MoodReading:
    return _create(acting_user, MoodReading(field=field, **data))


@transaction.atomic
def do_update_mood(*, acting_user, reading: MoodReading, data: dict) -> MoodReading:
    return _update(acting_user, reading, data, frozen=("field",))


@transaction.atomic
def ensure_default_demands(organization: Organization, *, acting_user=None) -> list[Demand]:
    """Seed the demand catalogue of an organization that has none yet."""
    existing = list(Demand.objects.filter(organization=organization))
    if existing:
        return existing
    return [_create(acting_user, Demand(organization=organization, kind=kind, name=name))
            for kind, name in DEFAULT_DEMANDS]


@transaction.atomic
def do_create_demand(*, acting_user, organization: Organization, data: dict) -> Demand:
    return _create(acting_user, Demand(organization=organization, **data))


@transaction.atomic
def do_update_demand(*, acting_user, demand: Demand, data: dict) -> Demand:
    return _update(acting_user, demand, data, frozen=("organization",))


@transaction.atomic
def do_raise_demand(*, acting_user, field: Field, demand: Demand, raised_on: date,
                    note: str = "") -> DemandRaised:
    return _create(acting_user, DemandRaised(field=field, demand=demand, raised_on=raised_on,
                                             note=note))


@transaction.atomic
def do_update_demand_raised(*, acting_user, raised: DemandRaised, data: dict) -> DemandRaised:
    return _update(acting_user, raised, data, frozen=("field",))


def _check_struggle_demands(field: Field, demands: list[Demand]) -> None:
    if any(d.organization_id != field.unit.organization_id for d in demands):
        raise ValidationError({"demands": _("A demand is in another organization's "
                                            "catalogue.")})


@transaction.atomic
def do_create_struggle(*, acting_user, field: Field, data: dict,
                       demands: Iterable[Demand] = ()) -> Struggle:
    demands = list(demands)
    _check_struggle_demands(field, demands)
    struggle = _create(acting_user, Struggle(field=field, **data),
                       ["demands"] if demands else [])
    struggle.demands.set(demands)
    return struggle


@transaction.atomic
def do_update_struggle(*, acting_user, struggle: Struggle, data: dict,
                       demands: Iterable[Demand] | None = None) -> Struggle:
    before = snapshot(struggle)
    if data:
        _assign(struggle, data, frozen=("field",))
        struggle.full_clean()
    relations = {}
    if demands is not None:
        demands = list(demands)
        _check_struggle_demands(struggle.field, demands)
        if set(struggle.demands.values_list("pk", flat=True)) != {d.pk for d in demands}:
            relations["demands"] = demands
    _save_changes(acting_user, struggle, before, relations)
    return struggle
