"""The number of queries of every computation is fixed: 5 or 50 fields (or contacts), the
same bound."""

import pytest

from fieldwork.actions import (
    do_create_structure_test,
    do_create_struggle,
    do_raise_demand,
    do_record_mood,
    do_record_participation,
)
from fieldwork.continuity import continuity, stopped_fields
from fieldwork.metrics import (
    organization_dashboard,
    pulse,
    structure_test,
    unit_dashboard,
    wall_chart,
)
from fieldwork.models import Demand
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


def _populate(fw, n: int) -> None:
    """n fields (with Steelworks) each with a contact and activities, and n contacts in
    Steelworks spread over its parts, assessed and contacted."""
    parts = list(fw.parts)
    for i in range(n):
        person = fw.contact(f"c-q{i}", part=parts[i % 2] if i % 3 else None, leader=i % 4 == 0)
        fw.assess(person, 1 + i % 5, days_ago(i % 7))
        fw.activity(days_ago(i % 30), contacts=[person] if i % 2 else [],
                    follow_up_on=days_ago(0) if i % 3 == 0 else None)
    wages = Demand.objects.filter(organization=fw.world.orgs["rp"]).first()
    assert wages is not None
    test = do_create_structure_test(acting_user=None, field=fw.field, data={
        "kind": "petition", "title": "Petition", "held_on": days_ago(1)})
    do_record_participation(acting_user=None, test=test,
                            persons=[p.person for p in fw.field.contacts.all()])
    for i in range(n):
        do_record_mood(acting_user=None, field=fw.field,
                       data={"taken_on": days_ago(i), "value": 1 + i % 5})
        do_raise_demand(acting_user=None, field=fw.field, demand=wages, raised_on=days_ago(i))
        do_create_struggle(acting_user=None, field=fw.field, demands=[wages], data={
            "kind": "strike", "started_on": days_ago(i), "participants": i})
    for i in range(n - 1):
        field = fw.new_field(f"Field {i}", unit_key=("cell_a", "cell_b", "cell_c")[i % 3])
        fw.contact(f"c-f{i}", field=field) if field.unit_id == fw.field.unit_id else None
        fw.activity(days_ago(i % 40), field=field)


CALLS = {
    "structure_test": lambda fw, user: structure_test(user, fw.field),
    "wall_chart": lambda fw, user: wall_chart(user, fw.field),
    "continuity": lambda fw, user: continuity(user),
    "stopped_fields": lambda fw, user: stopped_fields(user),
    "pulse": lambda fw, user: pulse(user, fw.field),
    "unit_dashboard": lambda fw, user: unit_dashboard(user, fw.world.units["cell_a"]),
    "organization_dashboard": lambda fw, user: organization_dashboard(user,
                                                                      fw.world.orgs["rp"]),
}
# Fixed upper bounds (scope and settings lookups included).
BOUNDS = {"structure_test": 10, "wall_chart": 6, "continuity": 7, "stopped_fields": 4,
          "pulse": 7, "unit_dashboard": 10, "organization_dashboard": 10}


@pytest.mark.parametrize("n", [5, 50])
def test_it_runs_a_fixed_number_of_queries(fw, django_assert_max_num_queries, n):
    _populate(fw, n)
    for who in ("cell_secretary", "overseer", "committee_member"):
        for name, call in CALLS.items():
            user = fw.world.user(who)
            user = type(user).objects.get(pk=user.pk)  # a fresh user: the scope is loaded too
            with django_assert_max_num_queries(BOUNDS[name], info=f"{name} as {who}"):
                call(fw, user)
