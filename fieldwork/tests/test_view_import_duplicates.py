"""The import preview lists duplicates before anything is saved: rows of the file that are
one person (phones compared once normalized in the field's country), and rows whose person is
already on file, found among the people the user may reveal (audited)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from fieldwork.csv_io import import_contacts
from organizations.actions import do_update_organization
from people.models import Identity, Person

pytestmark = pytest.mark.django_db

MAPPING = {"column_0": "alias", "column_1": "phone", "column_2": "email"}


@pytest.fixture
def iran(fw):
    do_update_organization(acting_user=None, org=fw.world.orgs["rp"],
                           data={"phone_region": "IR"})
    return fw


def _preview(client, fw, text: str):
    return client.post(reverse("fieldwork:import_contacts", kwargs={"uid": fw.field.uid}),
                       {"step": "preview", "text": text, **MAPPING})


def test_it_lists_rows_of_the_file_that_are_one_person(iran, login):
    text = ("Name,Phone,Email\n"
            "c-one,0918 123 4567,\n"
            "c-two,+98 918 123 4567,\n"
            "c-three,۰۹۱۸۱۲۳۴۵۶۷,\n"
            "c-four,,Sara@Example.org\n"
            "c-five,, sara@example.org\n")
    response = _preview(login(iran.secretary), iran, text)
    assert response.context["errors"] == [
        (3, "The same person as row 2."), (4, "The same person as row 2."),
        (6, "The same person as row 5.")]
    assert not Person.objects.filter(alias__startswith="c-").exists()


def test_it_lists_rows_already_on_file_and_audits_the_match(iran, login):
    known = iran.contact("c-known", identity=Identity(phone="0918 123 4567",
                                                      email="k@example.org"))
    text = ("Name,Phone,Email\n"
            "c-renamed,00989181234567,\n"
            "c-fresh,0912 555 0000,\n")
    response = _preview(login(iran.secretary), iran, text)
    entries = response.context["on_file"]
    assert [(e.row_number, e.alias, e.on_file_as, e.found_by) for e in entries] == [
        (2, "c-renamed", "c-known", "Phone")]
    page = response.content.decode()
    assert "Already on file" in page and 'data-label="On file as">c-known</td>' in page
    assert not Person.objects.filter(alias="c-fresh").exists()  # a preview saves nothing
    reveal = AuditEvent.objects.get(model="people.Person", object_id=known.pk, action="reveal")
    assert reveal.fields == ["lookup", "phone"]


def test_it_finds_no_one_the_user_may_not_reveal(iran, login, world):
    # A Cell B contact with the same number: the Cell A secretary's file adds a new contact.
    school = iran.new_field("School 7", unit_key="cell_b")
    iran.contact("c-b", field=school, identity=Identity(phone="09181234567"))
    response = _preview(login(iran.secretary), iran, "Name,Phone,Email\nc-a,09181234567,\n")
    assert response.context["errors"] == [] and response.context["on_file"] == []
    assert [r.action for r in response.context["rows"]] == ["create"]


def test_a_reimport_in_other_spellings_adds_nobody(iran):
    first = "Name,Phone,Email\nc-one,0918 123 4567,One@example.org\n"
    again = "Name,Phone,Email\nc-one,+98 918 123 4567, one@EXAMPLE.org\n"
    mapping = {"Name": "alias", "Phone": "phone", "Email": "email"}
    assert import_contacts(iran.secretary, iran.field, first, mapping).created == 1
    result = import_contacts(iran.secretary, iran.field, again, mapping)
    assert (result.saved, result.created, result.updated) == (True, 0, 1)
    assert Person.objects.filter(alias="c-one").count() == 1
