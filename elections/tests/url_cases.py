"""Which object each election URL is about, for tests/test_url_access.py.

``extend_world`` adds elections/tests/world.py: a chair election of Cell A with two
nominations and a published term, and one of the Other Party's Cell X.
"""

from elections.models import Election, Nomination
from organizations.models import Unit
from tests.url_walk import Case

CASES = {
    "elections:unit_elections": Case(model=Unit, action="view"),
    # Calling an election needs the right to add records to the unit itself (Unit's "add").
    "elections:election_create": Case(model=Unit, action="add"),
    "elections:election_detail": Case(model=Election, action="view"),
    # Any reader of the election may open the form; the action lets only full members
    # nominate, in their own name.
    "elections:nominate": Case(model=Election, action="view"),
    "elections:appoint_sole": Case(model=Election, action="change", method="POST"),
    "elections:outcome": Case(model=Election, action="change"),
    "elections:open_vote": Case(model=Election, action="change", method="POST"),
    "elections:close_vote": Case(model=Election, action="change", method="POST"),
    "elections:publish": Case(model=Election, action="change", method="POST"),
    # The candidate answers (the action checks who): loaded for "view".
    "elections:nomination_accept": Case(model=Nomination, action="view", method="POST"),
    "elections:nomination_withdraw": Case(model=Nomination, action="view"),
}


def extend_world(world) -> None:
    from elections.tests.world import add_election_world

    world.elections = add_election_world(world)
