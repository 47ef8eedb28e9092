"""URL patterns of the audit log (see tests/url_walk.py)."""

from organizations.models import Unit
from tests.url_walk import Case

CASES = {
    # A unit's log is read by its secretaries (with oversight: those above), the rule of
    # changing the unit (audit.querysets.READ_ACTION).
    "audit:unit_log": Case(model=Unit, action="change"),
}
