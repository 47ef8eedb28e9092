"""Activity notes and outcomes and assessment notes are sealed: stored as ciphertext bound to
the row, named but never copied in audit rows, shown only to users with the reveal right on
the record's unit, and each showing is an audited reveal (issue #9)."""

import pytest
from django.db import connection
from django.http import Http404
from django.urls import reverse

from access.actions import do_grant_role
from accounts.models import User
from audit.models import AuditEvent
from fieldwork.actions import (
    do_assess,
    do_record_one_to_one,
    reveal_activity_notes,
    reveal_assessment_notes,
)
from fieldwork.models import Activity, Assessment
from fieldwork.tests.conftest import days_ago
from tests.cast import PASSWORD
from vault.crypto import DecryptionError

pytestmark = pytest.mark.django_db

NOTES, OUTCOME, NOTE = "afraid of the foreman", "will come to the meeting", "lives by the depot"


@pytest.fixture
def talk(fw):
    return do_record_one_to_one(acting_user=fw.secretary, unit=fw.field.unit,
                                contact=fw.contact("c-talk"), member=fw.member,
                                date=days_ago(2), outcome=OUTCOME, notes=NOTES)


@pytest.fixture
def organizer(fw):
    """May add and change Cell A's records, without the identity (reveal) right."""
    user = User.objects.create_user("organizer-no-identity", password=PASSWORD)
    do_grant_role(acting_user=None, user=user, unit=fw.field.unit, kind="organizer",
                  oversight=False, identity_access=False)
    return user


@pytest.fixture
def assessed(fw):
    contact = fw.contact("c-assessed")
    do_assess(acting_user=fw.secretary, person=contact, level_value=2,
              assessed_on=days_ago(1), note=NOTE)
    return contact


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def _reveals(model: str, pk: int) -> int:
    return AuditEvent.objects.filter(action="reveal", model=model, object_id=pk).count()


def test_it_stores_the_outcome_and_the_assessment_note_as_ciphertext(fw, talk, assessed):
    outcome = _raw("fieldwork_activity", "outcome_sealed", talk.pk)
    assert outcome and OUTCOME not in outcome
    assessment = Assessment.objects.get(person=assessed)
    note = _raw("fieldwork_assessment", "note_sealed", assessment.pk)
    assert note and NOTE not in note
    assert assessment.unseal_note() == NOTE
    columns = {c.name for c in connection.introspection.get_table_description(
        connection.cursor(), "fieldwork_assessment")}
    assert "note" not in columns
    assert "outcome" not in {c.name for c in connection.introspection.get_table_description(
        connection.cursor(), "fieldwork_activity")}


def test_it_binds_a_sealed_outcome_to_its_row_and_column(fw, talk):
    other = do_record_one_to_one(acting_user=fw.secretary, unit=fw.field.unit,
                                 contact=fw.contact("c-other"), member=None, date=days_ago(1))
    # Copied into another row, or into the notes column of the same row: it fails.
    Activity.objects.filter(pk=other.pk).update(outcome_sealed=talk.outcome_sealed)
    with pytest.raises(DecryptionError):
        Activity.objects.get(pk=other.pk).unseal_outcome()
    Activity.objects.filter(pk=talk.pk).update(notes_sealed=talk.outcome_sealed)
    with pytest.raises(DecryptionError):
        Activity.objects.get(pk=talk.pk).unseal_notes()


def test_it_names_sealed_texts_in_the_audit_row_without_their_values(fw, talk, assessed):
    rows = AuditEvent.objects.filter(model__in=["fieldwork.Activity", "fieldwork.Assessment"])
    created = rows.get(model="fieldwork.Activity", object_id=talk.pk, action="create")
    assert {"notes", "outcome"} <= set(created.fields)
    noted = rows.get(model="fieldwork.Assessment", action="create")
    assert "note" in noted.fields
    text = " ".join(str(r.changes) + str(r.fields) for r in rows)
    for secret in (NOTES, OUTCOME, NOTE, talk.outcome_sealed, talk.notes_sealed):
        assert secret not in text


def test_it_reveals_activity_notes_only_with_the_reveal_right(fw, talk, login):
    url = reverse("fieldwork:activity_notes", kwargs={"uid": talk.uid})
    # cell_member and overseer see Cell A's activities but hold no identity right.
    for name in ("cell_member", "overseer", "committee_member", "sibling_secretary",
                 "outsider"):
        user = fw.world.user(name)
        response = login(user).post(url)
        assert response.status_code == 404, name
        assert NOTES not in response.content.decode()
        with pytest.raises(Http404):
            reveal_activity_notes(acting_user=user, activity=talk)
    assert _reveals("fieldwork.Activity", talk.pk) == 0
    response = login(fw.secretary).post(url)
    body = response.content.decode()
    assert response.status_code == 200 and NOTES in body and OUTCOME in body
    event = AuditEvent.objects.get(action="reveal", model="fieldwork.Activity",
                                   object_id=talk.pk)
    assert event.actor == fw.secretary and event.fields == ["notes", "outcome"]


def test_it_keeps_the_outcome_out_of_list_pages(fw, talk, login):
    field_page = reverse("fieldwork:field_detail", kwargs={"uid": fw.field.uid})
    notes_url = reverse("fieldwork:activity_notes", kwargs={"uid": talk.uid})
    secretary = login(fw.secretary).get(field_page).content.decode()
    assert OUTCOME not in secretary and NOTES not in secretary and notes_url in secretary
    member = login(fw.world.user("cell_member")).get(field_page).content.decode()
    # Without the reveal right: no button that could only answer 404, and no text.
    assert OUTCOME not in member and notes_url not in member and "Notes sealed" in member
    assert _reveals("fieldwork.Activity", talk.pk) == 0


def test_it_still_lets_a_user_without_the_reveal_right_write_notes(fw, organizer, login):
    contact = fw.contact("c-write")
    response = login(organizer).post(
        reverse("fieldwork:one_to_one", kwargs={"uid": fw.field.uid}),
        {"contact": contact.uid, "member": "", "date": days_ago(1).isoformat(),
         "outcome": "o-written", "follow_up_on": "", "notes": "n-written"})
    assert response.status_code == 302
    activity = Activity.objects.get(contacts=contact)
    assert activity.unseal_notes() == "n-written" and activity.unseal_outcome() == "o-written"
    # Written, but not read back: the page lists it without the text or a reveal button.
    page = login(organizer).get(
        reverse("fieldwork:field_detail", kwargs={"uid": fw.field.uid})).content.decode()
    assert "o-written" not in page and "n-written" not in page
    assert login(organizer).post(reverse("fieldwork:activity_notes",
                                         kwargs={"uid": activity.uid})).status_code == 404


def test_it_hides_assessment_notes_until_an_audited_reveal(fw, assessed, login):
    profile_url = reverse("fieldwork:contact", kwargs={"uid": assessed.uid})
    reveal_url = reverse("fieldwork:assessment_notes", kwargs={"uid": assessed.uid})
    assessment = Assessment.objects.get(person=assessed)
    page = login(fw.secretary).get(profile_url).content.decode()
    assert NOTE not in page and reveal_url in page
    assert _reveals("fieldwork.Assessment", assessment.pk) == 0
    client = login(fw.secretary)
    assert client.get(reveal_url).status_code == 405
    response = client.post(reveal_url)
    assert response.status_code == 200 and NOTE in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action="reveal", model="fieldwork.Assessment",
                                   object_id=assessment.pk)
    assert event.actor == fw.secretary and event.fields == ["note"]
    fragment = client.post(reveal_url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and NOTE in fragment


def test_it_refuses_assessment_notes_without_the_reveal_right(fw, assessed, organizer,
                                                             login):
    reveal_url = reverse("fieldwork:assessment_notes", kwargs={"uid": assessed.uid})
    assessment = Assessment.objects.get(person=assessed)
    users = [fw.world.user(n) for n in ("cell_member", "overseer", "sibling_secretary",
                                         "outsider")]
    for user in [*users, organizer]:
        assert login(user).post(reveal_url).status_code == 404, user
        assert reveal_assessment_notes(acting_user=user, assessments=[assessment]) == {}
    assert _reveals("fieldwork.Assessment", assessment.pk) == 0
    # The organizer may assess (write a note) but is shown no note and no reveal button.
    page = login(organizer).get(
        reverse("fieldwork:assess", kwargs={"uid": assessed.uid})).content.decode()
    assert NOTE not in page and reveal_url not in page
