"""Every fieldwork page: login required, 404 for a missing object and for one outside the
user's scope (or beyond the action they may do), and the page itself for someone allowed."""

from __future__ import annotations

from uuid import UUID

import pytest
from django.urls import reverse

from fieldwork.models import Activity, Assessment, Field, SavedList, StructureTest, Tie
from fieldwork.tasks import EXPORT_KIND
from fieldwork.tests.url_cases import CASES, extend_world
from jobs.models import Job

pytestmark = pytest.mark.django_db

MISSING = UUID("00000000-0000-4000-8000-000000000000")


def _objects(world) -> dict:
    extend_world(world)
    fields = {f.unit_id: f for f in Field.objects.all()}
    a, b, x = (world.units[k].pk for k in ("cell_a", "cell_b", "cell_x"))
    return {
        "org": world.orgs["rp"], "other_org": world.orgs["op"],
        "unit": world.units["cell_a"], "north": world.units["north"],
        "sibling_unit": world.units["cell_b"],
        "field": fields[a], "sibling_field": fields[b], "foreign_field": fields[x],
        "contact": world.people["alias-fw-cella"],
        "activity": Activity.objects.get(unit_id=a),
        "test": StructureTest.objects.get(field=fields[a]),
        "assessment": Assessment.objects.get(person=world.people["alias-fw-cella"]),
        "tie": Tie.objects.get(to_person=world.people["alias-fw-cella"]),
        "saved": SavedList.objects.get(unit_id=a),
        "sibling_saved": SavedList.objects.get(unit_id=b),
        "export": Job.objects.get(kind=EXPORT_KIND, unit_id=a),
        "sibling_export": Job.objects.get(kind=EXPORT_KIND, unit_id=b),
    }


# name -> (object, user allowed, [(object, user) answering 404])
SCENES = {
    "organization_dashboard": ("org", "cell_secretary", [("other_org", "cell_secretary")]),
    "mass_organization_create": ("org", "cell_member", [("other_org", "cell_secretary")]),
    "scale_edit": ("other_org", "outsider", [("org", "cell_secretary")]),
    "settings_edit": ("other_org", "outsider", [("org", "overseer")]),
    "unit_dashboard": ("north", "committee_member", [("sibling_unit", "cell_secretary")]),
    "continuity": ("north", "committee_member", [("sibling_unit", "cell_secretary")]),
    "field_create": ("unit", "cell_secretary", [("unit", "cell_member"),
                                                ("north", "overseer")]),
    # A member logs their own work in their unit only (never below it with oversight).
    "activity_create": ("unit", "cell_member", [("sibling_unit", "cell_member"),
                                                ("unit", "overseer")]),
    "export_contacts": ("unit", "cell_member", [("sibling_unit", "cell_secretary")]),
    "export_identities": ("unit", "cell_secretary", [("sibling_unit", "cell_secretary")]),
    # An export's file: who started it only (the overseer and the member see its job).
    "export_download": ("export", "cell_secretary", [("export", "overseer"),
                                                     ("export", "cell_member"),
                                                     ("sibling_export", "cell_secretary")]),
    "field_detail": ("field", "committee_member", [("sibling_field", "cell_secretary"),
                                                   ("foreign_field", "overseer")]),
    "wall_chart": ("field", "committee_member", [("sibling_field", "cell_secretary")]),
    "field_priority": ("field", "overseer", [("foreign_field", "overseer")]),
    "field_edit": ("field", "cell_secretary", [("field", "cell_member"),
                                               ("field", "overseer")]),
    "part_create": ("field", "cell_secretary", [("field", "committee_member")]),
    "contact_create": ("field", "cell_secretary", [("field", "cell_member")]),
    "import_contacts": ("field", "cell_secretary", [("field", "overseer")]),
    "one_to_one": ("field", "cell_member", [("field", "overseer"),
                                            ("sibling_field", "cell_member"),
                                            ("sibling_field", "cell_secretary")]),
    "structure_test_create": ("field", "cell_secretary", [("field", "cell_member")]),
    "mood_create": ("field", "cell_secretary", [("field", "committee_member")]),
    "demand_raise": ("field", "cell_secretary", [("field", "overseer")]),
    "struggle_create": ("field", "cell_secretary", [("sibling_field", "cell_secretary")]),
    "contact": ("contact", "cell_member", [("contact", "sibling_secretary")]),
    "contact_edit": ("contact", "cell_secretary", [("contact", "cell_member"),
                                                   ("contact", "overseer")]),
    "assess": ("contact", "cell_secretary", [("contact", "cell_member")]),
    "tie_create": ("contact", "cell_secretary", [("contact", "sibling_secretary")]),
    "follow_up_done": ("activity", "cell_secretary", [("activity", "cell_member")]),
    # Sealed notes: the reveal right (cell_member and overseer see the records without it).
    "activity_notes": ("activity", "cell_secretary", [("activity", "committee_member"),
                                                      ("activity", "cell_member"),
                                                      ("activity", "overseer")]),
    "assessment_notes": ("contact", "cell_secretary", [("contact", "cell_member"),
                                                       ("contact", "overseer")]),
    "participation": ("test", "cell_secretary", [("test", "cell_member")]),
    "activity_edit": ("activity", "cell_secretary", [("activity", "sibling_secretary")]),
    "activity_delete": ("activity", "cell_secretary", [("activity", "sibling_secretary")]),
    "assessment_edit": ("assessment", "cell_secretary", [("assessment", "overseer")]),
    "assessment_delete": ("assessment", "cell_secretary", [("assessment", "cell_member")]),
    "tie_edit": ("tie", "cell_secretary", [("tie", "committee_member")]),
    "tie_delete": ("tie", "cell_secretary", [("tie", "cell_member")]),
    # Contact lists: the page for whoever sees the unit or field (its rows for who sees the
    # records); saving and deleting a saved list need "add" and "delete".
    "unit_contacts": ("north", "committee_member", [("sibling_unit", "cell_secretary")]),
    "field_contacts": ("field", "committee_member", [("sibling_field", "cell_secretary"),
                                                     ("foreign_field", "overseer")]),
    "contacts_bulk": ("unit", "cell_member", [("sibling_unit", "cell_secretary")]),
    "saved_list_create": ("unit", "cell_secretary", [("unit", "cell_member"),
                                                     ("north", "overseer")]),
    "saved_list": ("saved", "cell_member", [("sibling_saved", "cell_secretary")]),
    "saved_list_delete": ("saved", "cell_secretary", [("saved", "cell_member"),
                                                      ("sibling_saved", "cell_secretary")]),
}


def test_every_page_has_a_scene():
    assert {f"fieldwork:{name}" for name in SCENES} == set(CASES)


def _call(client, name: str, uid):
    url = reverse(f"fieldwork:{name}", kwargs={"uid": uid})
    if CASES[f"fieldwork:{name}"].method == "POST":
        return client.post(url, {})
    return client.get(url)


@pytest.mark.parametrize("name", sorted(SCENES))
def test_it_requires_access(name, world, login):
    objects = _objects(world)
    key, allowed, outside = SCENES[name]
    obj = objects[key]

    response = _call(login(None), name, obj.uid)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))

    client = login(world.user(allowed))
    response = _call(client, name, obj.uid)
    assert response.status_code in (200, 302), (name, response.status_code)
    assert _call(client, name, MISSING).status_code == 404

    for other_key, user in outside:
        response = _call(login(world.user(user)), name, objects[other_key].uid)
        assert response.status_code == 404, (name, other_key, user, response.status_code)
