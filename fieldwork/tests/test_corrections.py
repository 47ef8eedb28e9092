"""Correcting and removing what was recorded (the actions): old and new values in the audit
row, the contact's current level and last contact kept in step, tombstones."""

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent, Tombstone
from fieldwork.actions import (
    do_create_tie,
    do_delete,
    do_delete_assessment,
    do_update_activity,
    do_update_assessment,
    do_update_tie,
)
from fieldwork.models import Assessment, ContactProfile, Tie
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


def _last(model: str, obj, action: str, pk: int | None = None) -> AuditEvent:
    # A deleted object has lost its pk: the caller keeps it.
    return AuditEvent.objects.filter(model=model, object_id=pk or obj.pk,
                                     action=action).latest("seq")


def _profile(person) -> ContactProfile:
    return ContactProfile.objects.get(person=person)


def test_it_corrects_an_assessment_with_old_and_new_values(fw):
    person = fw.contact("c-corr")
    assessment = fw.assess(person, 2, days_ago(3))
    do_update_assessment(acting_user=fw.secretary, assessment=assessment, level_value=4,
                         assessed_on=days_ago(2), note="in a hurry")
    event = _last("fieldwork.Assessment", assessment, "update")
    assert event.actor == fw.secretary
    assert event.changes["assessed_on"] == [days_ago(3).isoformat(), days_ago(2).isoformat()]
    old, new = event.changes["level"]
    assert (old, new) != (None, None) and old != new
    assert "note" in event.fields and "in a hurry" not in str(event.changes)
    assessment.refresh_from_db()
    assert assessment.unseal_note() == "in a hurry" and assessment.version == 2
    profile = _profile(person)
    assert (profile.current_level.value, profile.current_assessed_on) == (4, days_ago(2))


def test_it_refreshes_the_current_level_when_a_correction_reorders_the_history(fw):
    person = fw.contact("c-order")
    older = fw.assess(person, 1, days_ago(5))
    fw.assess(person, 3, days_ago(2))
    do_update_assessment(acting_user=fw.secretary, assessment=older, assessed_on=days_ago(1))
    profile = _profile(person)
    assert (profile.current_level.value, profile.current_assessed_on) == (1, days_ago(1))


def test_it_keeps_a_note_when_none_is_typed(fw):
    person = fw.contact("c-note")
    assessment = fw.assess(person, 2)
    assessment.seal_note("first")
    assessment.save()
    do_update_assessment(acting_user=fw.secretary, assessment=assessment, note="")
    assessment.refresh_from_db()
    assert assessment.unseal_note() == "first"


def test_it_refuses_a_level_outside_the_scale(fw):
    assessment = fw.assess(fw.contact("c-scale"), 2)
    with pytest.raises(ValidationError) as exc:
        do_update_assessment(acting_user=fw.secretary, assessment=assessment, level_value=9)
    assert "level" in exc.value.message_dict


def test_it_removes_the_latest_assessment_and_the_one_before_becomes_current(fw):
    person = fw.contact("c-remove")
    fw.assess(person, 3, days_ago(4))
    latest = fw.assess(person, 1, days_ago(1))
    pk = latest.pk
    do_delete_assessment(acting_user=fw.secretary, assessment=latest)
    assert not Assessment.objects.filter(pk=pk).exists()
    assert Tombstone.objects.filter(uid=latest.uid).exists()
    event = _last("fieldwork.Assessment", latest, "delete", pk)
    assert event.changes["assessed_on"] == [days_ago(1).isoformat(), None]
    profile = _profile(person)
    assert (profile.current_level.value, profile.current_assessed_on) == (3, days_ago(4))


def test_it_empties_the_current_level_when_the_only_assessment_goes(fw):
    person = fw.contact("c-only")
    only = fw.assess(person, 2)
    do_delete(acting_user=fw.secretary, obj=only)
    profile = _profile(person)
    assert profile.current_level is None and profile.current_assessed_on is None


def test_it_corrects_an_activity_and_its_contacts_last_contact(fw):
    first, second = fw.contact("c-a1"), fw.contact("c-a2")
    activity = fw.activity(days_ago(6), contacts=[first])
    do_update_activity(acting_user=fw.secretary, activity=activity,
                       data={"date": days_ago(2), "kind": "one_to_one"},
                       contacts=[second])
    event = _last("fieldwork.Activity", activity, "update")
    assert event.changes["date"] == [days_ago(6).isoformat(), days_ago(2).isoformat()]
    assert event.changes["kind"] == ["agitation_meeting", "one_to_one"]
    assert "contacts" in event.fields
    assert _profile(first).last_contact_on is None
    assert _profile(second).last_contact_on == days_ago(2)


def test_it_removes_an_activity_with_the_values_that_went(fw):
    person = fw.contact("c-gone")
    activity = fw.activity(days_ago(3), contacts=[person])
    pk = activity.pk
    do_delete(acting_user=fw.secretary, obj=activity)
    event = _last("fieldwork.Activity", activity, "delete", pk)
    assert event.changes["date"] == [days_ago(3).isoformat(), None]
    assert Tombstone.objects.filter(uid=activity.uid).exists()
    assert _profile(person).last_contact_on is None


def test_it_corrects_and_removes_a_tie(fw):
    contact = fw.contact("c-tie")
    tie = do_create_tie(acting_user=fw.secretary, from_person=fw.member, to_person=contact,
                        kind="knows")
    do_update_tie(acting_user=fw.secretary, tie=tie, data={"kind": "in_touch",
                                                           "note": "same shift"})
    event = _last("fieldwork.Tie", tie, "update")
    assert event.changes["kind"] == ["knows", "in_touch"]
    assert event.changes["note"] == ["", "same shift"]
    pk = tie.pk
    do_delete(acting_user=fw.secretary, obj=tie)
    assert not Tie.objects.filter(pk=pk).exists()
    assert _last("fieldwork.Tie", tie, "delete", pk).changes["kind"] == ["in_touch", None]
