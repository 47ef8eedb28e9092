"""Which object each organs URL is about, for tests/test_url_access.py.

``extend_world`` adds organs/tests/world.py: in Cell A, Cell B, the North Committee and the
Other Party's Cell X a held meeting with sealed minutes, attendance, an adopted motion (and
its decision), an open named-vote motion and a published resolution.
"""

from organizations.models import Unit
from organs.models import AgendaItem, Decision, Meeting, Motion, PublishedResolution, Resolution
from tests.url_walk import Case

CASES = {
    # The organ's page is about a unit seen as structure; what it lists is restricted.
    "organs:organ": Case(model=Unit, action="view"),
    # Writing on the organ needs the right to add records to the unit itself (as reviews).
    "organs:rules": Case(model=Unit, action="add"),
    "organs:meeting_create": Case(model=Unit, action="add"),
    "organs:decision_create": Case(model=Unit, action="add"),
    "organs:resolution_create": Case(model=Unit, action="add"),
    "organs:meeting_detail": Case(model=Meeting, action="view"),
    "organs:meeting_edit": Case(model=Meeting, action="change"),
    "organs:meeting_minutes": Case(model=Meeting, action="reveal", method="POST"),
    "organs:agenda_item_create": Case(model=Meeting, action="change"),
    "organs:attendance": Case(model=Meeting, action="change"),
    "organs:motion_create": Case(model=AgendaItem, action="change"),
    "organs:motion_detail": Case(model=Motion, action="view"),
    "organs:amendment_create": Case(model=Motion, action="change"),
    "organs:motion_count": Case(model=Motion, action="change"),
    "organs:motion_named_votes": Case(model=Motion, action="change"),
    "organs:motion_withdraw": Case(model=Motion, action="change", method="POST"),
    "organs:decision_detail": Case(model=Decision, action="view"),
    "organs:resolution_detail": Case(model=Resolution, action="view"),
    "organs:resolution_edit": Case(model=Resolution, action="change"),
    "organs:resolution_publish": Case(model=Resolution, action="change", method="POST"),
    "organs:published_detail": Case(model=PublishedResolution, action="view"),
}


def extend_world(world) -> None:
    from organs.tests.world import add_organ_world

    world.organs = add_organ_world(world)
