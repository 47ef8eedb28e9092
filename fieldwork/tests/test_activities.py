"""Activities: the rules on dates, units and people, sealed notes and key rotation."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from access.helpers import access_object
from audit.models import AuditEvent
from fieldwork.actions import (
    do_create_activity,
    do_mark_follow_up_done,
    do_record_one_to_one,
    do_update_activity,
    reveal_activity_notes,
)
from fieldwork.models import Activity
from fieldwork.queries import activities_for, follow_ups_due
from fieldwork.tests.conftest import days_ago
from people.actions import do_create_person, do_move_person
from vault import crypto
from vault.keyring import get_keyring, parse_keyring, write_keyring_file

pytestmark = pytest.mark.django_db


def _one_to_one(fw, contact, **kw):
    data = {"date": days_ago(1), "outcome": "interested", "follow_up_on": None, "notes": ""}
    data.update(kw)
    return do_record_one_to_one(acting_user=fw.secretary, unit=fw.field.unit, contact=contact,
                                member=fw.member, **data)


def test_it_records_a_one_to_one_in_one_short_form(fw):
    contact = fw.contact("c-phone")
    activity = _one_to_one(fw, contact, follow_up_on=timezone.localdate() + timedelta(days=3),
                           notes="Talked about the night-shift bonus.")
    assert activity.kind == "one_to_one" and activity.field == fw.field
    assert list(activity.members.all()) == [fw.member]
    assert list(activity.contacts.all()) == [contact]
    assert reveal_activity_notes(acting_user=fw.secretary, activity=activity).notes == (
        "Talked about the night-shift bonus.")
    event = AuditEvent.objects.get(model="fieldwork.Activity", object_id=activity.pk,
                                   action="create")
    assert "notes" in event.fields and "Talked" not in str(event.fields)
    assert {"members", "contacts"} <= set(event.fields)
    assert event.changes["kind"] == [None, "one_to_one"]
    assert event.changes["field"] == [None, fw.field.pk]
    assert "notes_sealed" not in event.changes and "notes_sealed" not in event.fields
    assert "Talked" not in str(event.changes) and event.unit_id == fw.field.unit_id


def test_it_seals_notes_bound_to_the_row(fw):
    a = _one_to_one(fw, fw.contact("c-1"), notes="secret words")
    b = _one_to_one(fw, fw.contact("c-2"), notes="other")
    raw = Activity.objects.get(pk=a.pk).notes_sealed
    assert "secret" not in raw and crypto.key_id_of(raw) == get_keyring().current
    b.notes_sealed = raw  # copied into another row: fails to decrypt
    with pytest.raises(crypto.DecryptionError):
        b.unseal_notes()
    assert Activity.objects.get(pk=_one_to_one(fw, fw.contact("c-3")).pk).notes_sealed == ""


def test_it_rejects_a_future_activity(fw):
    with pytest.raises(ValidationError) as exc:
        _one_to_one(fw, fw.contact("c-f"), date=timezone.localdate() + timedelta(days=1))
    assert "date" in exc.value.message_dict
    assert not Activity.objects.exists()


def test_it_rejects_a_follow_up_before_the_activity(fw):
    with pytest.raises(ValidationError) as exc:
        _one_to_one(fw, fw.contact("c-b"), date=days_ago(2), follow_up_on=days_ago(3))
    assert "follow_up_on" in exc.value.message_dict


def test_it_rejects_a_member_from_another_unit(fw):
    with pytest.raises(ValidationError) as exc:
        do_create_activity(acting_user=fw.secretary, unit=fw.field.unit,
                           data={"kind": "home_visit", "date": days_ago(1), "field": fw.field},
                           members=[fw.world.people["alias-cellb-1"]])
    assert "members" in exc.value.message_dict
    assert not Activity.objects.exists()


def test_it_rejects_a_contact_from_another_unit_or_a_member_as_contact(fw):
    stranger = do_create_person(acting_user=None, unit=fw.world.units["cell_b"],
                                data={"alias": "c-elsewhere", "kind": "contact"})
    for contacts in ([stranger], [fw.member]):
        with pytest.raises(ValidationError) as exc:
            do_create_activity(acting_user=fw.secretary, unit=fw.field.unit,
                               data={"kind": "home_visit", "date": days_ago(1)},
                               contacts=contacts)
        assert "contacts" in exc.value.message_dict


def test_it_rejects_a_field_of_another_unit(fw):
    school = fw.new_field("School 7", unit_key="cell_b", kind="school")
    with pytest.raises(ValidationError) as exc:
        do_create_activity(acting_user=fw.secretary, unit=fw.field.unit,
                           data={"kind": "distribution", "quantity": 50, "date": days_ago(1),
                                 "field": school})
    assert "field" in exc.value.message_dict


def test_it_wants_a_quantity_for_a_distribution_only(fw):
    with pytest.raises(ValidationError):
        fw.activity(days_ago(1), kind="distribution")
    with pytest.raises(ValidationError):
        fw.activity(days_ago(1), kind="home_visit", quantity=3)
    assert fw.activity(days_ago(1), kind="distribution", quantity=200).quantity == 200


def test_it_updates_people_notes_and_follow_ups(fw):
    contact = fw.contact("c-upd")
    activity = _one_to_one(fw, contact, follow_up_on=days_ago(0), notes="first")
    do_update_activity(acting_user=fw.secretary, activity=activity, data={"outcome": "joined"},
                       members=[], notes="second")
    activity.refresh_from_db()
    assert activity.unseal_outcome() == "joined" and not activity.members.exists()
    assert activity.unseal_notes() == "second"
    assert list(follow_ups_due(fw.secretary)) == [activity]
    do_mark_follow_up_done(acting_user=fw.secretary, activity=activity)
    assert not follow_ups_due(fw.secretary).exists()
    with pytest.raises(ValueError):
        do_update_activity(acting_user=fw.secretary, activity=activity,
                           data={"unit": fw.world.units["cell_b"]})
    assert list(activities_for(fw.secretary, person=contact)) == [activity]


def test_it_audits_old_and_new_values_but_never_the_notes(fw):
    activity = _one_to_one(fw, fw.contact("c-aud"), notes="the secret plan")
    sealed_before = Activity.objects.get(pk=activity.pk).notes_sealed
    do_update_activity(acting_user=fw.secretary, activity=activity, data={"outcome": "joined"},
                       members=[], notes="another secret")
    event = AuditEvent.objects.filter(model="fieldwork.Activity", object_id=activity.pk,
                                      action="update").get()
    assert event.actor == fw.secretary and event.unit_id == fw.field.unit_id
    assert event.fields == ["members", "notes", "outcome"]
    # The outcome is sealed too: named, never its old or new text.
    assert event.changes == {}
    row = str(event.fields) + str(event.changes)
    assert "secret" not in row and sealed_before not in row
    assert "joined" not in row and "interested" not in row
    assert activity.notes_sealed not in row and "notes_sealed" not in row
    # Nothing changed: no save, no row.
    version = Activity.objects.get(pk=activity.pk).version
    do_update_activity(acting_user=fw.secretary, activity=activity, data={"outcome": "joined"},
                       members=[], notes="another secret")
    assert Activity.objects.get(pk=activity.pk).version == version
    assert AuditEvent.objects.filter(model="fieldwork.Activity", object_id=activity.pk,
                                     action="update").count() == 1


def test_it_keeps_a_member_who_moved_and_checks_only_who_is_added(fw, login):
    cell_a, cell_b = fw.world.units["cell_a"], fw.world.units["cell_b"]
    mover = do_create_person(acting_user=None, unit=cell_a,
                             data={"alias": "m-mover", "kind": "member"})
    activity = do_create_activity(
        acting_user=fw.secretary, unit=cell_a, members=[mover, fw.member],
        data={"kind": "home_visit", "date": days_ago(3), "follow_up_on": days_ago(1),
              "field": fw.field})
    do_move_person(acting_user=None, person=mover, unit=cell_b)

    do_mark_follow_up_done(acting_user=fw.secretary, activity=activity)
    activity.refresh_from_db()
    assert activity.follow_up_done
    assert set(activity.members.all()) == {mover, fw.member}
    event = AuditEvent.objects.filter(model="fieldwork.Activity", object_id=activity.pk,
                                      action="update").get()
    assert event.changes == {"follow_up_done": [False, True]}
    # The unchanged list, as an edit form sends it, keeps the moved member too.
    do_update_activity(acting_user=fw.secretary, activity=activity,
                       data={"outcome": "came to the meeting"}, members=[mover, fw.member])
    assert set(activity.members.all()) == {mover, fw.member}

    stranger = fw.world.people["alias-cellb-1"]
    with pytest.raises(ValidationError) as exc:
        do_update_activity(acting_user=fw.secretary, activity=activity, data={},
                           members=[mover, fw.member, stranger])
    assert exc.value.message_dict == {
        "members": ["Every member taking part must be in the unit of the activity."]}
    assert set(activity.members.all()) == {mover, fw.member}
    # And the page answers: reopening the follow-up is a redirect, not a server error.
    response = login(fw.secretary).post(
        reverse("fieldwork:follow_up_done", kwargs={"uid": activity.uid}), {"done": "0"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert not activity.follow_up_done and set(activity.members.all()) == {mover, fw.member}


def test_it_refuses_to_add_a_person_the_user_may_not_see(fw):
    activity = fw.activity(days_ago(1))
    hidden = do_create_person(acting_user=None, unit=fw.field.unit,
                              data={"alias": "m-hidden", "kind": "member"})
    observer = fw.world.user("committee_member")  # counts Cell A, never sees its records
    with pytest.raises(ValidationError) as exc:
        do_update_activity(acting_user=observer, activity=activity, data={}, members=[hidden])
    assert "members" in exc.value.message_dict
    assert not activity.members.exists()


def test_it_shows_activities_and_notes_only_to_the_records_holders(fw):
    activity = _one_to_one(fw, fw.contact("c-acc"), notes="private")
    assert access_object(Activity, fw.world.user("overseer"), activity.pk) == activity
    for name in ("committee_member", "sibling_secretary", "outsider", "anonymous"):
        with pytest.raises(Http404):
            access_object(Activity, fw.world.user(name), activity.pk)
        with pytest.raises(Http404):
            reveal_activity_notes(acting_user=fw.world.user(name), activity=activity)
    assert Activity.objects.countable(fw.world.user("committee_member")).count() == 1


def test_it_re_encrypts_activity_notes_on_key_rotation(fw, settings, tmp_path: Path):
    activity = _one_to_one(fw, fw.contact("c-rot"), notes="keep me")
    empty = _one_to_one(fw, fw.contact("c-empty"))
    old = get_keyring()
    key_file = tmp_path / "identity.key"
    write_keyring_file(key_file, old)
    settings.NUCLEUS_IDENTITY_KEY = None
    settings.NUCLEUS_IDENTITY_KEY_FILE = key_file
    call_command("rotate_identity_keys", "--no-progress", stdout=StringIO())
    new = parse_keyring(key_file.read_text(), "test")
    assert new.current != old.current and set(new.keys) == {new.current}
    sealed = Activity.objects.get(pk=activity.pk).notes_sealed
    assert crypto.key_id_of(sealed) == new.current
    assert Activity.objects.get(pk=activity.pk).unseal_notes(keyring=new) == "keep me"
    assert Activity.objects.get(pk=activity.pk).unseal_outcome(keyring=new) == "interested"
    assert crypto.key_id_of(Activity.objects.get(pk=empty.pk).outcome_sealed) == new.current
    assert Activity.objects.get(pk=empty.pk).notes_sealed == ""


def test_it_counts_every_row_in_the_rekey_progress(fw):
    _one_to_one(fw, fw.contact("c-p1"), notes="x")
    _one_to_one(fw, fw.contact("c-p2"), outcome="")
    ticks = []
    assert Activity.rekey_all(get_keyring().with_new_key(), ticks.append) == 1
    assert sum(ticks) == 2
