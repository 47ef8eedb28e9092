"""Activities: the rules on dates, units and people, sealed notes and key rotation."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from audit.models import AuditEvent
from fieldwork.actions import (
    do_create_activity,
    do_mark_follow_up_done,
    do_record_one_to_one,
    do_update_activity,
    reveal_activity_notes,
)
from fieldwork.helpers import access_activity
from fieldwork.models import Activity
from fieldwork.queries import activities_for, follow_ups_due
from fieldwork.tests.conftest import days_ago
from people.actions import do_create_person
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
    assert reveal_activity_notes(acting_user=fw.secretary, activity=activity) == (
        "Talked about the night-shift bonus.")
    event = AuditEvent.objects.get(model="fieldwork.Activity", object_id=activity.pk,
                                   action="create")
    assert "notes" in event.fields and "Talked" not in str(event.fields)


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
    assert activity.outcome == "joined" and not activity.members.exists()
    assert activity.unseal_notes() == "second"
    assert list(follow_ups_due(fw.secretary)) == [activity]
    do_mark_follow_up_done(acting_user=fw.secretary, activity=activity)
    assert not follow_ups_due(fw.secretary).exists()
    with pytest.raises(ValueError):
        do_update_activity(acting_user=fw.secretary, activity=activity,
                           data={"unit": fw.world.units["cell_b"]})
    assert list(activities_for(fw.secretary, person=contact)) == [activity]


def test_it_shows_activities_and_notes_only_to_the_records_holders(fw):
    activity = _one_to_one(fw, fw.contact("c-acc"), notes="private")
    assert access_activity(fw.world.user("overseer"), activity.pk) == activity
    for name in ("committee_member", "sibling_secretary", "outsider", "anonymous"):
        with pytest.raises(Http404):
            access_activity(fw.world.user(name), activity.pk)
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
    assert Activity.objects.get(pk=empty.pk).notes_sealed == ""


def test_it_counts_every_row_in_the_rekey_progress(fw):
    _one_to_one(fw, fw.contact("c-p1"), notes="x")
    _one_to_one(fw, fw.contact("c-p2"))
    ticks = []
    assert Activity.rekey_all(get_keyring().with_new_key(), ticks.append) == 1
    assert sum(ticks) == 2
