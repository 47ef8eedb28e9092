"""The new-contact page says so when the phone or email is already on file, before saving;
only for people whose identity the user may reveal (no oracle for a sibling cell's)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from organizations.actions import do_update_organization
from people.models import Identity, Person

pytestmark = pytest.mark.django_db

NOTICE = "This phone is already on file for c-known."


@pytest.fixture
def known(fw):
    do_update_organization(acting_user=None, org=fw.world.orgs["rp"],
                           data={"phone_region": "IR"})
    return fw.contact("c-known", identity=Identity(phone="0918 123 4567",
                                                   email="known@example.org"))


def _create(client, field, **data):
    return client.post(reverse("fieldwork:contact_create", kwargs={"uid": field.uid}),
                       {"alias": "c-new", **data})


def _lookups_of(person):
    return AuditEvent.objects.filter(model="people.Person", object_id=person.pk,
                                     action="reveal")


@pytest.mark.parametrize("spelling", ["+98 918 123 4567", "۰۹۱۸۱۲۳۴۵۶۷", "00989181234567",
                                      "0918-123-4567"])
def test_it_says_the_phone_is_on_file_and_saves_nothing(fw, known, login, spelling):
    response = _create(login(fw.secretary), fw.field, phone=spelling)
    page = response.content.decode()
    assert response.status_code == 200 and NOTICE in page
    assert reverse("people:person_detail", kwargs={"uid": known.uid}) in page
    assert "Save anyway" in page and "Save, then merge" in page
    assert not Person.objects.filter(alias="c-new").exists()
    # The match is a reveal, audited like a lookup: by what, never the value.
    assert _lookups_of(known).get().fields == ["lookup", "phone"]


def test_it_says_the_email_is_on_file(fw, known, login):
    response = _create(login(fw.secretary), fw.field, email=" Known@Example.org")
    assert "This email is already on file for c-known." in response.content.decode()


def test_it_names_both_when_phone_and_email_match(fw, known, login):
    response = _create(login(fw.secretary), fw.field, phone="09181234567",
                       email="known@example.org")
    assert "This phone and email are already on file for c-known." in response.content.decode()


def test_save_anyway_adds_the_contact(fw, known, login):
    response = _create(login(fw.secretary), fw.field, phone="09181234567",
                       duplicate="save", duplicates_shown=str(known.uid))
    assert response.status_code == 302
    assert Person.objects.get(alias="c-new").unseal_identity().phone == "09181234567"


def test_save_anyway_holds_only_for_the_people_it_was_shown_for(fw, known, login):
    other = fw.contact("c-other")
    response = _create(login(fw.secretary), fw.field, phone="09181234567",
                       duplicate="save", duplicates_shown=str(other.uid))
    assert NOTICE in response.content.decode()
    assert not Person.objects.filter(alias="c-new").exists()


def test_save_then_merge_opens_the_merge_page_with_the_new_record(fw, known, login):
    client = login(fw.secretary)
    response = _create(client, fw.field, phone="09181234567", duplicate=f"merge:{known.uid}",
                       duplicates_shown=str(known.uid))
    new = Person.objects.get(alias="c-new")
    merge = reverse("people:person_merge", kwargs={"uid": known.uid})
    assert response["Location"] == f"{merge}?duplicate={new.uid}"
    page = client.get(response["Location"]).content.decode()
    assert f'<option value="{new.uid}" selected>' in page


def test_it_adds_a_contact_whose_phone_is_new_without_a_word(fw, known, login):
    response = _create(login(fw.secretary), fw.field, phone="0912 000 9999")
    assert response.status_code == 302
    assert Person.objects.filter(alias="c-new").exists()


def test_it_says_nothing_of_a_person_in_another_cell(fw, known, login):
    # The sibling secretary may reveal identities in Cell B only: Cell A's contact is never
    # named, and the absence of a notice is all they get.
    school = fw.new_field("School 7", unit_key="cell_b")
    response = _create(login(fw.world.user("sibling_secretary")), school, phone="09181234567")
    assert response.status_code == 302
    assert Person.objects.filter(alias="c-new", unit=school.unit).exists()
    assert not _lookups_of(known).exists()


def test_it_does_not_look_up_for_a_user_without_identity_access(fw, known, login, world):
    from access.actions import do_grant_role

    member = world.user("cell_member")
    do_grant_role(acting_user=None, user=member, unit=world.units["cell_a"], kind="organizer")
    response = _create(login(member), fw.field, phone="09181234567")
    assert response.status_code == 302
    assert not _lookups_of(known).exists()
