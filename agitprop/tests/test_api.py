"""/api/materials/, /api/distributions/, /api/correspondence/ and
/api/received-correspondence/: lists inside the scope, writes through the actions."""

import pytest
from django.urls import reverse
from django.utils import timezone

from access.actions import do_grant_role
from accounts.models import User
from agitprop.actions import do_record_distribution, do_send_correspondence
from agitprop.models import Correspondence, Distribution, Material, SentCorrespondence
from agitprop.tests.helpers import contact, field, leaflet, letter, paper
from fieldwork.models import Activity

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _rows(body):
    return body["results"] if isinstance(body, dict) and "results" in body else body


def _post(client, name, payload):
    return client.post(reverse(name), payload, content_type="application/json")


def _detail(name, obj):
    return reverse(name, kwargs={"uid": obj.uid})


def _editor(world):
    editor = User.objects.create_user("editor")
    do_grant_role(acting_user=None, user=editor, unit=world.units["rp_congress"],
                  kind="secretary")
    return editor


def test_the_lists_hold_only_what_is_inside_the_scope(world, login):
    mill, theirs = field(world), field(world, "cell_x", "Brickworks")
    mine, other = leaflet(world), leaflet(world, "cell_x")
    for the_field, material in ((mill, mine), (theirs, other)):
        do_record_distribution(acting_user=None, unit=the_field.unit, field=the_field,
                               distributed_on=TODAY(), quantity=5, material=material)
    periodical, _ = paper(world)
    own_letter = letter(world, mill, periodical)
    client = login(world.user("cell_member"))
    assert [r["uid"] for r in _rows(client.get(reverse("material-list")).json())] == [
        str(mine.uid)]
    [row] = _rows(client.get(reverse("distribution-list")).json())
    assert (row["field"], row["material"], row["issue"], row["copies"], row["unit"]) == (
        str(mill.uid), str(mine.uid), None, 5, str(world.units["cell_a"].uid))
    assert "members" not in row and "contacts" not in row
    assert [r["uid"] for r in _rows(client.get(reverse("correspondence-list")).json())] == [
        str(own_letter.uid)]
    assert client.get(_detail("material-detail", other)).status_code == 404
    hidden = Distribution.objects.get(material=other)
    assert client.get(_detail("distribution-detail", hidden)).status_code == 404


def test_it_adds_a_material_only_to_a_unit_it_may_add_to(world, login):
    client = login(world.user("cell_secretary"))
    ok = _post(client, "material-list", {"unit": str(world.units["cell_a"].uid),
                                         "kind": "poster", "title": "Strike!"})
    assert ok.status_code == 201, ok.content
    refused = _post(client, "material-list", {"unit": str(world.units["cell_x"].uid),
                                              "kind": "poster", "title": "Strike!"})
    assert refused.status_code == 400 and refused.json()["unit"] == ["Unknown unit."]
    assert list(Material.objects.values_list("title", "unit")) == [
        ("Strike!", world.units["cell_a"].pk)]


def test_a_distribution_appears_in_the_fields_work_log(world, login):
    mill, (_, issue) = field(world), paper(world)
    reader = contact(mill)
    part = mill.parts.create(name="Gate")
    client = login(world.user("cell_secretary"))
    response = _post(client, "distribution-list", {
        "field": str(mill.uid), "date": TODAY().isoformat(), "copies": 40,
        "issue": str(issue.uid), "part": str(part.uid), "contacts": [str(reader.uid)]})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["field"], body["issue"], body["material"], body["part"], body["copies"],
            body["date"]) == (str(mill.uid), str(issue.uid), None, str(part.uid), 40,
                              TODAY().isoformat())
    activity = Activity.objects.get(field=mill)
    assert (activity.kind, activity.quantity, activity.unit) == (
        Activity.Kind.DISTRIBUTION, 40, world.units["cell_a"])
    assert list(activity.contacts.all()) == [reader]
    assert Distribution.objects.get().activity == activity
    page = client.get(reverse("fieldwork:field_detail", kwargs={"uid": mill.uid}))
    assert "Distribution" in page.content.decode()


def test_a_field_the_unit_does_not_work_is_refused_and_nothing_saved(world, login):
    mill, material = field(world), leaflet(world, "cell_b")
    both = User.objects.create_user("both_cells")  # may add to Cell A's and Cell B's records
    for key in ("cell_a", "cell_b"):
        do_grant_role(acting_user=None, user=both, unit=world.units[key], kind="secretary")
    client = login(both)
    response = _post(client, "distribution-list", {
        "unit": str(world.units["cell_b"].uid), "field": str(mill.uid),
        "date": TODAY().isoformat(), "copies": 10, "material": str(material.uid)})
    assert response.status_code == 400, response.content
    assert response.json()["field"] == ["This field is worked by another unit."]
    neither = _post(client, "distribution-list", {
        "field": str(mill.uid), "date": TODAY().isoformat(), "copies": 10})
    assert neither.status_code == 400
    assert "Choose an issue or a material of the unit, one of them." in str(neither.json())
    assert not Activity.objects.exists() and not Distribution.objects.exists()


def test_send_makes_one_received_copy_and_refuses_a_second(world, login):
    mill, (periodical, _) = field(world), paper(world)
    client = login(world.user("cell_secretary"))
    written = _post(client, "correspondence-list", {
        "field": str(mill.uid), "periodical": str(periodical.uid),
        "pen_name": "A steelworker", "text": "The furnace crew has not been paid.",
        "written_on": TODAY().isoformat()})
    assert written.status_code == 201, written.content
    assert written.json()["sent_on"] is None
    uid = written.json()["uid"]
    send = reverse("correspondence-send", kwargs={"uid": uid})
    first = client.post(send)
    assert first.status_code == 200 and first.json()["sent_on"] == TODAY().isoformat()
    again = client.post(send)
    assert again.status_code == 400, again.content
    assert again.json()["non_field_errors"] == ["This correspondence was already sent."]
    assert SentCorrespondence.objects.count() == 1


def test_the_editorial_side_lists_the_copy_without_the_writer(world, login):
    mill, (periodical, _) = field(world), paper(world)
    sent = do_send_correspondence(acting_user=world.user("cell_secretary"),
                                  correspondence=letter(world, mill, periodical))
    client = login(_editor(world))
    [row] = _rows(client.get(reverse("received-correspondence-list"),
                             {"periodical": str(periodical.uid)}).json())
    assert row == {"uid": str(sent.uid), "periodical": str(periodical.uid),
                   "field_name": "Steel mill", "pen_name": "A steelworker",
                   "text": "The furnace crew has not been paid.",
                   "written_on": TODAY().isoformat(), "sent_on": TODAY().isoformat()}
    body = client.get(_detail("received-correspondence-detail", sent)).content.decode()
    assert "Cell A" not in body and str(world.units["cell_a"].uid) not in body
    assert str(mill.uid) not in body and "cell_secretary" not in body
    # The writing cell sees no received copy, the editor none of the cell's own.
    writer = login(world.user("cell_member"))
    assert _rows(writer.get(reverse("received-correspondence-list")).json()) == []
    assert writer.get(_detail("received-correspondence-detail", sent)).status_code == 404


def test_someone_outside_gets_404(world, login):
    mill, (periodical, _) = field(world), paper(world)
    own = letter(world, mill, periodical)
    client = login(world.user("sibling_secretary"))
    assert client.get(_detail("correspondence-detail", own)).status_code == 404
    assert client.post(reverse("correspondence-send", kwargs={"uid": own.uid})
                       ).status_code == 404
    assert Correspondence.objects.get().sent_on is None
    assert not SentCorrespondence.objects.exists()
    refused = _post(client, "distribution-list", {
        "field": str(mill.uid), "date": TODAY().isoformat(), "copies": 3,
        "material": str(leaflet(world).uid)})
    assert refused.status_code == 400 and refused.json()["field"] == ["Unknown field."]
    assert not Activity.objects.exists()
