"""Which object each deployment URL is about, for tests/test_url_access.py.

The cast has no fields or plans of its own: ``extend_world`` adds them (fields inside and
outside each user's scope, capacities, an assignment in force, a finished plan for Cell A and
one for the Other Party's Cell X). The URL walk must call it after building the world.
"""

from deployment.models import Area, PlanRun
from fieldwork.models import Field
from organizations.models import Organization, Unit
from people.models import Person
from tests.url_walk import Case

CASES = {
    # The planning pages are about a unit the user sees; what they list is scoped further
    # (fields as structure, members as records) and planning needs 'change' on records.
    "deployment:planning": Case(model=Unit, action="view"),
    "deployment:run_start": Case(model=Unit, action="view", method="POST"),
    "deployment:team_create": Case(model=Unit, action="view"),
    "deployment:run_detail": Case(model=PlanRun, action="view"),
    "deployment:run_edit": Case(model=PlanRun, action="change", method="POST"),
    # GET: what applying starts and ends, to confirm; POST applies.
    "deployment:run_apply": Case(model=PlanRun, action="change"),
    "deployment:capacity_edit": Case(model=Person, action="change"),
    # Where a member lives and the notes about them: the reveal right, by POST.
    "deployment:capacity_reveal": Case(model=Person, action="reveal", method="POST"),
    "deployment:need_edit": Case(model=Field, action="change"),
    # The organization's areas: seen by its users, changed with its catalogue.
    "deployment:areas": Case(model=Organization, action="view"),
    "deployment:area_edit": Case(model=Area, action="change"),
}


def extend_world(world) -> None:
    from deployment.tests.world import add_deployment_world

    world.deployment = add_deployment_world(world)
