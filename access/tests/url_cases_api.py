"""Access cases for the REST API (names from the router in nucleus/api_urls.py)."""

from organizations.models import Coalition, Organization, Unit
from people.models import Person
from tests.url_walk import Case

CASES = {
    "api-root": Case(model=None),
    "api-schema": Case(model=None),
    "api-changes": Case(model=None, query="since=2000-01-01T00:00:00Z"),
    "coalition-list": Case(model=None),
    "coalition-detail": Case(model=Coalition),
    "organization-list": Case(model=None),
    "organization-detail": Case(model=Organization),
    "unit-list": Case(model=None),
    "unit-detail": Case(model=Unit),
    "unit-counts": Case(model=Unit),
    "unit-move": Case(model=Unit, action="change", method="POST"),
    "person-list": Case(model=None),
    "person-detail": Case(model=Person),
    "person-reveal": Case(model=Person, action="reveal", method="POST", shows_identity=True),
}
