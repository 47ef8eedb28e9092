"""The photos and videos of a sent report as a job (memberreports/tasks.py): kept private until
a worker processes them, attached all at once or none, cancelled between two files, run again
safely, and never reviewed, published or served before."""

from __future__ import annotations

import io
import json
import stat
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image

from audit.models import AuditEvent
from jobs import housekeeping, runner
from jobs.actions import do_cancel_job
from jobs.models import Job
from jobs.runner import execute
from jobs.tests.inprocess import run_worker
from memberreports import media, tasks
from memberreports.actions import Upload, do_review_report, do_set_report_published
from memberreports.models import ReportMedia, SentReport
from memberreports.tests.conftest import face_png, gps_jpeg
from memberreports.tests.test_media import _tagged_video, needs_ffmpeg

pytestmark = pytest.mark.django_db

BROKEN_JPEG = b"\xff\xd8\xff\xe0" + b"x" * 200  # a JPEG's first bytes, then no picture


@pytest.fixture
def work(monkeypatch):
    return lambda: run_worker(monkeypatch)


def _job(report: SentReport) -> Job:
    return Job.objects.get(kind=tasks.KIND, subject_uid=report.uid)


def _uploads_left(data_dir) -> list[str]:
    folder = data_dir / "jobs"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _stored_files() -> list[str]:
    return [str(p) for p in media.root().rglob("*") if p.is_file()] \
        if media.root().exists() else []


def _refusal(data: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        media.process(data)
    return " ".join(caught.value.messages)


def test_it_keeps_the_uploads_private_until_a_worker_attaches_them_clean(send, queued, work,
                                                                         data_dir):
    report = send(Upload(gps_jpeg(), "the gate"), Upload(face_png(), "the crowd"))
    job = _job(report)
    assert report.media_processing and not report.media.exists() and not _stored_files()
    assert job.status == Job.Status.QUEUED and job.params["report"] == report.pk
    assert job.max_attempts == 3 and "the gate" not in json.dumps(job.params)
    folder = data_dir / "jobs"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert len(job.params["files"]) == 2 and all(
        stat.S_IMODE((folder / name).stat().st_mode) == 0o600 for name in _uploads_left(data_dir))

    work()

    job.refresh_from_db()
    report.refresh_from_db()
    assert job.status == Job.Status.DONE and (job.done, job.total) == (2, 2)
    assert job.message == "Photos and videos attached: 2"
    assert report.media_state == SentReport.MediaState.READY
    gate, crowd = report.media.get(caption="the gate"), report.media.get(caption="the crowd")
    shown = media.read(gate.file_sha256, gate.file_type)
    assert not Image.open(io.BytesIO(shown)).getexif()
    for secret in (b"PhoneMaker", b"Model X", b"secret place", b"taken at the gate"):
        assert secret not in shown
    assert (crowd.faces, crowd.face_decision) == (1, ReportMedia.Faces.PENDING)
    assert media.path_of(crowd.held_sha256, crowd.file_type, held=True).exists()
    assert _uploads_left(data_dir) == []
    rows = AuditEvent.objects.filter(model="memberreports.ReportMedia", action="create")
    assert rows.count() == 2 and not rows.exclude(actor=None).exists()


def test_a_refused_file_fails_the_job_and_the_report_keeps_none(send, queued, work, data_dir):
    report = send(Upload(gps_jpeg()), Upload(BROKEN_JPEG))

    work()

    job = _job(report)
    report.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.error == _refusal(BROKEN_JPEG)
    assert report.media_state == SentReport.MediaState.FAILED
    assert not ReportMedia.objects.exists() and not _stored_files()  # the good one neither
    assert _uploads_left(data_dir) == []


@needs_ffmpeg
def test_a_video_whose_metadata_stays_fails_the_job_with_its_reason(send, queued, work,
                                                                    data_dir, tmp_path,
                                                                    monkeypatch):
    video = _tagged_video(tmp_path)
    keeps_metadata = media._strip_command

    def without_stripping(source, target, kind, codecs):
        command = keeps_metadata(source, target, kind, codecs)
        at = command.index("-map_metadata")
        return command[:at] + command[at + 2:]

    monkeypatch.setattr(media, "_strip_command", without_stripping)
    report = send(Upload(gps_jpeg()), Upload(video))

    work()

    job = _job(report)
    assert job.status == Job.Status.FAILED
    assert job.error == "The metadata of this video cannot be removed, so it was not stored."
    assert not ReportMedia.objects.exists() and not _stored_files()
    assert _uploads_left(data_dir) == []


def test_a_cancel_between_two_files_removes_the_uploads_and_attaches_nothing(
        send, queued, work, data_dir, monkeypatch):
    report = send(Upload(gps_jpeg()), Upload(face_png()))
    job = _job(report)
    process = media.process

    def then_cancel(data):  # asked while the first file is processed
        done = process(data)
        Job.objects.filter(pk=job.pk).update(cancel_requested=True)
        return done

    monkeypatch.setattr(media, "process", then_cancel)
    monkeypatch.setattr(runner, "CANCEL_CHECK_EVERY_S", 0)

    work()

    job.refresh_from_db()
    report.refresh_from_db()
    assert job.status == Job.Status.CANCELLED and job.done == 1
    assert report.media_state == SentReport.MediaState.FAILED
    assert not ReportMedia.objects.exists() and not _stored_files()
    assert _uploads_left(data_dir) == []


def test_a_cancel_before_it_starts_drops_the_media_too(send, queued, work, data_dir, sender,
                                                       django_capture_on_commit_callbacks):
    report = send(Upload(gps_jpeg()))

    with django_capture_on_commit_callbacks(execute=True):
        do_cancel_job(acting_user=sender, job=_job(report))
    work()

    report.refresh_from_db()
    assert _job(report).status == Job.Status.CANCELLED and _job(report).attempts == 0
    assert report.media_state == SentReport.MediaState.FAILED and not report.media.exists()
    assert _uploads_left(data_dir) == []


def test_a_cancel_on_the_jobs_page_drops_the_media_and_removes_the_uploads(
        send, queued, work, data_dir, client, login, sender, django_capture_on_commit_callbacks):
    from django.urls import reverse

    report = send(Upload(gps_jpeg()))
    login(sender)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:job_cancel", kwargs={"uid": _job(report).uid}))

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.media_state == SentReport.MediaState.FAILED
    assert _uploads_left(data_dir) == []
    work()
    assert not report.media.exists() and _job(report).attempts == 0


def test_a_run_again_redoes_the_work_from_the_uploads_and_attaches_once(send, queued, work,
                                                                        data_dir):
    report = send(Upload(gps_jpeg()), Upload(face_png()))
    job = _job(report)
    stale = timezone.now() - timedelta(hours=1)
    # A worker claimed it and was killed mid-way: the housekeeping queues it again.
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, heartbeat_at=stale,
                                         started_at=stale, worker_id="killed", attempts=1)
    assert housekeeping.reap() == (1, 0)
    assert len(_uploads_left(data_dir)) == 2  # kept for the next attempt

    work()

    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 2
    assert report.media.count() == 2 and _uploads_left(data_dir) == []
    # Delivered once more, its uploads gone: the report has its files, nothing is added.
    Job.objects.filter(pk=job.pk).update(status=Job.Status.QUEUED)
    assert execute(job.pk) == Job.Status.DONE and report.media.count() == 2


def test_a_report_being_processed_is_neither_reviewed_nor_published(send, queued, world):
    report = send(Upload(gps_jpeg()))
    office = world.user("coalition_office")

    for attempt in (lambda: do_review_report(acting_user=office, report=report,
                                             status="accepted"),
                    lambda: do_set_report_published(acting_user=office, report=report,
                                                    published=True)):
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert caught.value.code == "processing"
    report.refresh_from_db()
    assert report.status == SentReport.Status.SENT and not report.is_published


def test_a_report_without_files_is_ready_at_once_and_has_no_job(send, queued):
    report = send()

    assert report.media_state == SentReport.MediaState.READY
    assert not Job.objects.filter(kind=tasks.KIND).exists()
