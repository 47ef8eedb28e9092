"""URL patterns of the people pages (see tests/url_walk.py)."""

from organizations.models import Organization, Unit
from people.models import Person
from tests.url_walk import Case

CASES = {
    "people:person_detail": Case(model=Person, action="view"),
    "people:person_reveal": Case(model=Person, action="reveal", method="POST",
                                  shows_identity=True),
    "people:person_create": Case(model=Unit, action="add"),
    "people:person_edit": Case(model=Person, action="change"),
    # Needs "change" too; every role with identity access in the cast may change records.
    "people:person_identity_edit": Case(model=Person, action="reveal", method="POST",
                                        shows_identity=True),
    "people:person_move": Case(model=Person, action="change"),
    "people:person_delete": Case(model=Person, action="delete", method="POST"),
    "people:person_lookup": Case(model=Organization, action="view"),
    "people:person_search": Case(model=None, action="view", query="q=alias"),
}
