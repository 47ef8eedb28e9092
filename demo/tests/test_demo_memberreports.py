"""The demo's member report: RMP's fictional report for ICOR's campaign, with a generated
photo whose fake GPS is gone and whose drawn face is blurred, accepted and published; loading
twice creates nothing."""

from __future__ import annotations

import io

import pytest
from django.db import transaction
from django.urls import reverse
from PIL import Image

from demo.builder import ICOR_NAME, build_demo
from demo.memberreports import REPORT_TEXT, build_member_reports, generated_photo
from memberreports import media
from memberreports.models import ReportMedia, SentReport
from organizations.models import Coalition

DATA = "demo-memberreports-data"


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path_factory):
    settings.DATA_DIR = tmp_path_factory.getbasetemp() / DATA


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.test import override_settings

    data = tmp_path_factory.getbasetemp() / DATA
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DATA_DIR=data):
        yield build_demo()
        transaction.set_rollback(True)


@pytest.fixture
def built(demo, db):
    return demo


def test_it_generates_a_photo_with_a_fake_gps_position():
    photo = Image.open(io.BytesIO(generated_photo()))
    assert photo.getexif().get_ifd(0x8825)


def test_it_builds_the_published_report_with_its_face_blurred(built):
    report = SentReport.objects.get(text=REPORT_TEXT)
    assert report.organization.acronym == "RMP" and report.is_published
    assert report.campaign.coalition.name == ICOR_NAME and report.component.number == 1
    photo = report.media.get()
    assert (photo.faces, photo.face_decision) == (1, ReportMedia.Faces.BLURRED)
    stored = Image.open(io.BytesIO(media.read(photo.file_sha256, photo.file_type)))
    assert not stored.getexif() and b"DemoPhone" not in media.read(photo.file_sha256,
                                                                   photo.file_type)


def test_loading_twice_creates_nothing(built):
    assert build_member_reports(Coalition.objects.get(name=ICOR_NAME), print) == 0


def test_it_publishes_the_report_also_where_jobs_wait_for_a_worker(built, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    SentReport.objects.filter(text=REPORT_TEXT).update(text="An earlier load")

    assert build_member_reports(Coalition.objects.get(name=ICOR_NAME), print) == 3

    report = SentReport.objects.get(text=REPORT_TEXT)
    assert report.is_published and report.media_state == SentReport.MediaState.READY
    assert report.media.get().face_decision == ReportMedia.Faces.BLURRED


def test_its_public_page_shows_the_report(built, client):
    report = SentReport.objects.get(text=REPORT_TEXT)
    body = client.get(reverse("campaigns_public:page", kwargs={"uid": report.campaign.uid})
                      ).content.decode()
    assert "Fictional: leaflets at a factory gate in Moscow" in body and "small.jpg" in body
    thumbnail = client.get(reverse("memberreports:public_thumbnail",
                                   kwargs={"uid": report.media.get().uid}))
    weight = len(body.encode()) + len(thumbnail.content)
    print(f"public page {len(body.encode())} B + report thumbnail {len(thumbnail.content)} B")
    assert weight <= 150 * 1024


def test_the_rmp_login_may_send_a_report_for_the_rmp(built):
    from accounts.models import User
    from memberreports.rights import organizations_acting_for

    acting = organizations_acting_for(User.objects.get(username="rmp"))
    assert acting.filter(acronym="RMP").exists()
