"""URL patterns of the people pages (see tests/url_walk.py)."""

from datetime import timedelta

from django.utils import timezone

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
    "people:person_merge": Case(model=Person, action="delete"),
    # Only where the user may reveal identities (organizations_q, "reveal").
    "people:person_lookup": Case(model=Organization, action="reveal"),
    "people:person_search": Case(model=None, action="view", query="q=alias"),
}

# Aliases of people deleted in the walk's world: no page may show them to anyone.
GONE_ALIASES = ("alias-deleted-member",)


def extend_world(world) -> None:
    """A member who took part in a Cell A activity and then moved to Cell B, and one who took
    part and was then deleted: Cell A's pages must show neither any more (the activity stays
    with Cell A; the people it names are loaded through the access layer)."""
    from fieldwork.actions import do_create_activity
    from fieldwork.models import Field
    from people.actions import do_create_person, do_delete_person, do_move_person

    cell_a = world.units["cell_a"]
    moved = do_create_person(acting_user=None, unit=cell_a,
                             data={"alias": "alias-moved-away", "status": "member"})
    deleted = do_create_person(acting_user=None, unit=cell_a,
                               data={"alias": GONE_ALIASES[0], "status": "member"})
    today = timezone.localdate()
    do_create_activity(acting_user=None, unit=cell_a, data={
        "kind": "home_visit", "date": today - timedelta(days=2),
        "field": Field.objects.filter(unit=cell_a).first(),
        "follow_up_on": today - timedelta(days=1)},
        members=[moved, deleted, world.people["alias-cella-2"]], contacts=[])
    world.people["alias-moved-away"] = do_move_person(acting_user=None, person=moved,
                                                      unit=world.units["cell_b"])
    do_delete_person(acting_user=None, person=deleted)
