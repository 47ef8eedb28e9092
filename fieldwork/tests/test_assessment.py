"""The per-organization assessment scale and assessments (corrections: test_corrections.py)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from fieldwork.actions import (
    do_create_assessment_level,
    do_update_assessment_level,
    ensure_default_scale,
)
from fieldwork.models import Assessment, AssessmentLevel
from fieldwork.queries import assessment_history, contacts_in, scale_for
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


def test_it_creates_the_default_scale_once(fw):
    rp = fw.world.orgs["rp"]
    levels = scale_for(rp)
    assert [(lv.value, lv.label) for lv in levels] == [
        (1, "Committed leader"), (2, "Supporter"), (3, "Undecided"), (4, "Unfriendly"),
        (5, "Opposed")]
    assert all(lv.colour.startswith("#") and len(lv.colour) == 7 for lv in levels)
    ensure_default_scale(rp)
    assert AssessmentLevel.objects.filter(organization=rp).count() == 5


def test_the_default_scale_is_stored_in_english_and_read_in_the_reader_s_language(fw):
    op = fw.world.orgs["op"]
    AssessmentLevel.objects.filter(organization=op).delete()
    with translation.override("de"):
        ensure_default_scale(op)
    assert [lv.label for lv in scale_for(op)][:2] == ["Committed leader", "Supporter"]
    with translation.override("de"):
        assert [lv.shown_label for lv in scale_for(op)][:2] == ["Engagierte Führungsperson",
                                                                "Unterstützend"]


def test_it_rejects_a_colour_that_is_not_rrggbb(fw):
    with pytest.raises(ValidationError):
        do_create_assessment_level(acting_user=None, organization=fw.world.orgs["rp"],
                                   data={"value": 6, "label": "Lost", "colour": "red"})


def test_it_takes_the_latest_assessment_by_date_then_id(fw):
    person = fw.contact("c-eve")
    fw.assess(person, 3, days_ago(10))
    fw.assess(person, 2, days_ago(2))
    fw.assess(person, 4, days_ago(5))  # backdated: not the current one
    profile = contacts_in(fw.secretary, field=fw.field).get()
    assert profile.current_level_value == 2
    fw.assess(person, 1, days_ago(2))  # same day, later id wins
    assert contacts_in(fw.secretary, field=fw.field).get().current_level_value == 1
    history = list(assessment_history(fw.secretary, person))
    assert [a.level.value for a in history] == [1, 2, 4, 3]
    assert history[0].assessed_by == fw.secretary


def test_it_rejects_a_value_outside_the_scale(fw):
    person = fw.contact("c-out")
    with pytest.raises(ValidationError) as exc:
        fw.assess(person, 9)
    assert "outside the scale" in str(exc.value)
    assert not Assessment.objects.exists()


def test_it_rejects_a_level_of_another_organization(fw):
    op = fw.world.orgs["op"]
    foreign = ensure_default_scale(op)[0]
    person = fw.contact("c-foreign")
    assessment = Assessment(person=person, level=foreign, assessed_on=timezone.localdate())
    with pytest.raises(ValidationError) as exc:
        assessment.full_clean()
    assert "outside the scale" in str(exc.value)


def test_it_retires_a_level_without_rewriting_history(fw):
    person = fw.contact("c-old")
    old = fw.assess(person, 4, days_ago(3))
    level = AssessmentLevel.objects.get(organization=fw.world.orgs["rp"], value=4)
    do_update_assessment_level(acting_user=None, level=level, data={"retired": True})
    with pytest.raises(ValidationError) as exc:
        fw.assess(person, 4)
    assert "outside the scale" in str(exc.value)
    old.refresh_from_db()
    assert old.level == level
    assert contacts_in(fw.secretary, field=fw.field).get().current_level_value == 4
    with pytest.raises(ValueError):
        do_update_assessment_level(acting_user=None, level=level, data={"value": 7})
    new = do_create_assessment_level(acting_user=None, organization=fw.world.orgs["rp"],
                                     data={"value": 6, "label": "Hostile", "colour": "#000000",
                                           "position": 6})
    assert fw.assess(person, 6).level == new


def test_it_rejects_a_future_assessment(fw):
    person = fw.contact("c-soon")
    with pytest.raises(ValidationError) as exc:
        fw.assess(person, 2, timezone.localdate() + timedelta(days=1))
    assert "assessed_on" in exc.value.message_dict


def test_it_shows_assessments_only_to_the_records_holders(fw):
    fw.assess(fw.contact("c-seen"), 2)
    assert Assessment.objects.restrict(fw.world.user("cell_member")).count() == 1
    assert not Assessment.objects.restrict(fw.world.user("committee_member")).exists()
    assert not AssessmentLevel.objects.restrict(fw.world.user("outsider")).exists()
    assert AssessmentLevel.objects.restrict(fw.world.user("committee_member")).count() == 5
    # The scale is the organization's policy: its top secretaries change it.
    assert not AssessmentLevel.objects.restrict(fw.secretary, "change").exists()


def test_it_keeps_the_profile_level_in_step_with_the_history(fw):
    """ContactProfile.current_level is a copy of the latest assessment (by date, then id),
    including backdated ones and assessments made before the contact had a profile."""
    from fieldwork.actions import do_assess, do_set_contact_profile
    from fieldwork.models import ContactProfile
    from fieldwork.queries import current_level
    from people.actions import do_create_person

    a, b = fw.contact("c-s1"), fw.contact("c-s2")
    fw.assess(a, 3, days_ago(9))
    fw.assess(a, 5, days_ago(20))  # backdated: a stays at 3
    fw.assess(b, 2, days_ago(4))
    fw.assess(b, 1, days_ago(4))
    late = do_create_person(acting_user=None, unit=fw.field.unit,
                            data={"alias": "c-late", "kind": "contact"})
    do_assess(acting_user=None, person=late, level_value=4, assessed_on=days_ago(1))
    do_set_contact_profile(acting_user=None, person=late, field=fw.field, data={})
    fw.contact("c-none")
    rows = ContactProfile.objects.annotate(history=current_level()).values_list(
        "person__alias", "current_level__value", "current_level_id", "history")
    assert {alias: value for alias, value, _copy, _history in rows} == {
        "c-s1": 3, "c-s2": 1, "c-late": 4, "c-none": None}
    assert all(copy == history for _alias, _value, copy, history in rows)


def test_it_audits_the_profile_level_copied_from_an_assessment(fw):
    from audit.models import AuditEvent
    from fieldwork.models import ContactProfile

    contact = fw.contact("c-audited")
    profile = ContactProfile.objects.get(person=contact)
    assessment = fw.assess(contact, 2, days_ago(1))
    created = AuditEvent.objects.get(model="fieldwork.Assessment", object_id=assessment.pk)
    assert created.action == "create" and created.unit_id == fw.field.unit_id
    assert created.changes["level"] == [None, assessment.level_id]
    copied = AuditEvent.objects.get(model="fieldwork.ContactProfile", object_id=profile.pk,
                                    action="update")
    assert copied.changes == {
        "current_level": [None, assessment.level_id],
        "current_assessed_on": [None, days_ago(1).isoformat()]}
    assert ContactProfile.objects.get(pk=profile.pk).version == profile.version + 1
    fw.assess(contact, 2, days_ago(5))  # older: the copy stays, no row
    assert AuditEvent.objects.filter(model="fieldwork.ContactProfile", object_id=profile.pk,
                                     action="update").count() == 1
