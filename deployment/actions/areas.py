"""The organization's areas (districts, towns, industrial zones): a catalogue, changed by
those who may change the organization's catalogue (the callers fetch the organization or the
area with the 'change' action first)."""

from __future__ import annotations

from django.db import transaction

from audit.log import record, snapshot
from deployment.actions.common import AREA_FIELDS, _set
from deployment.models import Area
from organizations.models import Organization


@transaction.atomic
def do_create_area(*, acting_user, organization: Organization, data: dict) -> Area:
    area = Area(organization=organization)
    _set(area, data, AREA_FIELDS)
    area.save()
    record(actor=acting_user, action="create", obj=area)
    return area


@transaction.atomic
def do_update_area(*, acting_user, area: Area, data: dict) -> Area:
    """Rename an area or move its reference point: every capacity and field need that names
    it follows (they hold the area, not its point)."""
    before = snapshot(area)
    _set(area, data, AREA_FIELDS)
    if snapshot(area) != before:
        area.save()
        record(actor=acting_user, action="update", obj=area, before=before)
    return area
