"""URL patterns of stopped fields (see tests/url_walk.py). Both name the field: a stop may
have no row yet. Asking is for roles on a unit above the field's unit; the cell's own people
are sent to the answer page (a redirect, not a 404: they see the field)."""

from __future__ import annotations

from fieldwork.models import Field
from tests.url_walk import Case

CASES = {
    "stoppages:ask": Case(model=Field),
    "stoppages:reason": Case(model=Field, action="change"),
}
