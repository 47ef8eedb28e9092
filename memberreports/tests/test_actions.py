"""Sending, reviewing, deciding on faces and publishing member reports."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from memberreports import media
from memberreports.actions import (
    Upload,
    do_decide_faces,
    do_review_report,
    do_send_report,
    do_set_report_published,
)
from memberreports.models import MemberReport, ReportMedia, SentReport
from memberreports.tests.conftest import gps_jpeg


def _rows(obj):
    return AuditEvent.objects.filter(model=obj._meta.label, object_id=obj.pk)


DATA = {"text": "Leaflets", "date": "2022-12-02", "city": "Nowhere City", "country": "Nowhere"}


def test_it_sends_a_copy_that_names_the_organization_and_not_the_writer(world, sent_report,
                                                                        sender):
    own = MemberReport.objects.get(sent_copy=sent_report)

    assert sent_report.organization == world.orgs["rp"]
    assert own.unit == world.units["rp_congress"] and own.sent_at is not None
    assert not any(f.name in ("unit", "user", "author") for f in SentReport._meta.fields)
    copy_rows = _rows(sent_report)
    assert copy_rows.exists() and not copy_rows.exclude(actor=None).exists()
    assert _rows(own).filter(actor=sender).exists()


def test_it_stores_the_photos_without_metadata_and_the_faces_blurred(sent_report):
    crowd, gate = sent_report.media.order_by("caption")  # "the crowd", "the gate"
    assert (crowd.faces, crowd.face_decision) == (1, ReportMedia.Faces.PENDING)
    assert crowd.held_sha256 and crowd.held_sha256 != crowd.file_sha256
    assert media.path_of(crowd.held_sha256, crowd.file_type, held=True).exists()
    assert (gate.face_decision, gate.held_sha256) == (ReportMedia.Faces.NONE, "")
    assert b"PhoneMaker" not in media.read(gate.file_sha256, gate.file_type)


def test_it_saves_nothing_when_one_file_is_refused(world, campaign, sender):
    with pytest.raises(ValidationError):
        do_send_report(acting_user=sender, organization=world.orgs["rp"], campaign=campaign,
                       component=None, data=DATA,
                       uploads=[Upload(gps_jpeg()), Upload(b"MZ not a photo at all")])

    assert not SentReport.objects.exists() and not MemberReport.objects.exists()
    assert not ReportMedia.objects.exists()


def test_it_refuses_a_report_over_the_limit(world, campaign, sender, settings):
    settings.NUCLEUS_REPORT_MAX_BYTES = len(gps_jpeg()) + 10

    with pytest.raises(ValidationError) as caught:
        do_send_report(acting_user=sender, organization=world.orgs["rp"], campaign=campaign,
                       component=None, data=DATA, uploads=[Upload(gps_jpeg())] * 2)

    assert caught.value.code == "report_too_large" and not SentReport.objects.exists()


def test_it_refuses_a_sender_who_does_not_act_for_the_organization(world, campaign):
    with pytest.raises(PermissionDenied):
        do_send_report(acting_user=world.user("cell_member"), organization=world.orgs["rp"],
                       campaign=campaign, component=None, data=DATA)


def test_it_refuses_a_report_from_a_non_member(world, campaign):
    from accounts.models import User

    with pytest.raises(ValidationError) as caught:
        do_send_report(acting_user=User.objects.get(username="outsider"),
                       organization=world.orgs["op"], campaign=campaign, component=None,
                       data=DATA)

    assert caught.value.code == "not_a_member"


def test_it_asks_for_changes_only_with_a_note(world, sent_report):
    office = world.user("coalition_office")
    with pytest.raises(ValidationError):
        do_review_report(acting_user=office, report=sent_report, status="changes")

    report = do_review_report(acting_user=office, report=sent_report, status="changes",
                              note="Please add the date of the second action.")

    assert report.status == "changes" and report.office_note.startswith("Please")


def test_it_publishes_only_an_accepted_report_and_settles_pending_faces(world, sent_report):
    office = world.user("coalition_office")
    with pytest.raises(ValidationError):
        do_set_report_published(acting_user=office, report=sent_report, published=True)
    do_review_report(acting_user=office, report=sent_report, status="accepted")
    crowd = sent_report.media.get(faces=1)

    with pytest.raises(ValidationError):  # nor reviewed again once published
        do_set_report_published(acting_user=office, report=sent_report, published=True)
        do_review_report(acting_user=office, report=sent_report, status="rejected")

    crowd.refresh_from_db()
    assert crowd.face_decision == ReportMedia.Faces.BLURRED and crowd.held_sha256 == ""
    assert SentReport.objects.get(pk=sent_report.pk).is_published


@pytest.mark.django_db(transaction=True)
def test_it_keeps_a_face_only_by_the_offices_audited_choice(world, sent_report):
    office = world.user("coalition_office")
    crowd = sent_report.media.get(faces=1)
    blurred, held = crowd.file_sha256, crowd.held_sha256

    kept = do_decide_faces(acting_user=office, item=crowd, keep=True)

    assert kept.face_decision == ReportMedia.Faces.KEPT and kept.file_sha256 == held
    assert not media.path_of(held, kept.file_type, held=True).exists()
    row = _rows(kept).filter(actor=office).latest("seq")
    assert "face_decision" in row.fields
    assert blurred != kept.file_sha256
    with pytest.raises(ValidationError):
        do_decide_faces(acting_user=office, item=kept, keep=False)
