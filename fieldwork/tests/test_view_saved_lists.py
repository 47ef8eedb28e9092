"""Saved lists: a unit's filters under a name, opened again (re-checked), deleted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from fieldwork.actions.lists import do_save_list
from fieldwork.models import SavedList

pytestmark = pytest.mark.django_db


def url(name: str, obj) -> str:
    return reverse(f"fieldwork:{name}", kwargs={"uid": obj.uid})


def audited(action: str, pk: int) -> bool:
    return AuditEvent.objects.filter(action=action, model="fieldwork.SavedList",
                                     object_id=pk).exists()


def test_it_saves_the_filters_and_opens_them_again(fw, login):
    fw.contact("ana", leader=True)
    fw.contact("bo")
    client = login(fw.secretary)
    cell_a = fw.world.units["cell_a"]
    # From the field's list: the field goes into the saved filters.
    response = client.post(url("saved_list_create", cell_a),
                           {"name": "Leaders", "query": "leader=true&page=2"})
    saved = SavedList.objects.get(unit=cell_a, name="Leaders")
    assert response["Location"] == url("saved_list", saved)
    assert saved.query == "leader=true" and saved.created_by == fw.secretary
    assert audited("create", saved.pk)
    opened = client.get(url("saved_list", saved))
    assert opened["Location"] == f"{url('unit_contacts', cell_a)}?leader=true"
    body = client.get(opened["Location"]).content.decode()
    assert "ana" in body and ">bo<" not in body
    assert url("saved_list", saved) in body  # the unit's saved lists, on its list page


def test_it_carries_the_field_of_a_field_list(fw, login):
    body = login(fw.secretary).get(url("field_contacts", fw.field),
                                   {"leader": "true"}).content.decode()
    assert f"leader=true&amp;field={fw.field.uid}" in body


def test_it_drops_what_the_reader_no_longer_sees_when_opened(fw, login):
    cell_a = fw.world.units["cell_a"]
    other = fw.new_field("School yard", unit_key="cell_b")
    saved = do_save_list(acting_user=fw.secretary, unit=cell_a, name="Old",
                         query=f"field={other.uid}&leader=true&level=2&level=7")
    response = login(fw.secretary).get(url("saved_list", saved))
    assert response.status_code == 302
    assert response["Location"].endswith("?leader=true&level=2")


def test_it_refuses_a_second_list_of_the_same_name(fw, login):
    cell_a = fw.world.units["cell_a"]
    do_save_list(acting_user=fw.secretary, unit=cell_a, name="Leaders", query="")
    response = login(fw.secretary).post(url("saved_list_create", cell_a),
                                        {"name": "Leaders", "query": "leader=false"})
    assert response.status_code == 200
    assert "This unit has a saved list of that name." in response.content.decode()


def test_it_deletes_a_saved_list(fw, login):
    cell_a = fw.world.units["cell_a"]
    saved = do_save_list(acting_user=fw.secretary, unit=cell_a, name="Leaders", query="")
    client = login(fw.secretary)
    assert client.post(url("saved_list_delete", saved)).status_code == 302
    assert SavedList.objects.filter(pk=saved.pk).exists()  # the button sends a confirmation
    pk = saved.pk
    response = client.post(url("saved_list_delete", saved), {"confirm": "yes"})
    assert response["Location"] == url("unit_contacts", cell_a)
    assert not SavedList.objects.filter(pk=saved.pk).exists()
    assert audited("delete", pk)


def test_it_lets_a_member_open_but_not_save_or_delete(fw, login):
    cell_a = fw.world.units["cell_a"]
    saved = do_save_list(acting_user=fw.secretary, unit=cell_a, name="Leaders", query="")
    client = login(fw.world.user("cell_member"))
    body = client.get(url("unit_contacts", cell_a)).content.decode()
    assert url("saved_list", saved) in body
    assert url("saved_list_delete", saved) not in body
    assert url("saved_list_create", cell_a) not in body
    assert client.post(url("saved_list_delete", saved), {"confirm": "yes"}).status_code == 404
