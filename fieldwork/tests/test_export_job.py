"""The contacts export as a job, through the real worker (``manage.py run_jobs --batch``):
the file the streamed download gave, private; cancelled or failed, no file; a run again
overwrites it; the housekeeping's sweep removes files past their time."""

import os
import stat
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from fieldwork import csv_export
from fieldwork.csv_export import export_contacts
from fieldwork.tasks import enqueue_export, export_path
from jobs import housekeeping, runner
from jobs.models import Job
from jobs.runner import JobContext, execute
from jobs.tests.inprocess import run_worker
from people.models import Identity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def contacts(fw):
    for n in range(3):
        fw.contact(f"c-job{n}", part="Rolling mill",
                   identity=Identity(phone=f"+98 912 777 88{n:02}"))
    fw.contact("c-job-b", field=fw.new_field("School 7", unit_key="cell_b"))


def _files(tmp_path):
    return sorted(p.name for p in (tmp_path / "jobs").iterdir())


@pytest.mark.parametrize("identities", [False, True])
def test_the_worker_writes_the_file_the_streamed_download_gave(fw, contacts, queued,
                                                               monkeypatch, identities):
    overseer, unit = fw.world.user("overseer"), fw.world.units["north"]
    job = enqueue_export(acting_user=overseer, unit=unit, identities=identities)
    assert job.status == Job.Status.QUEUED and not export_path(job).exists()
    run_worker(monkeypatch)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.percent == 100
    path = export_path(job)
    assert path.read_bytes().decode() == export_contacts(overseer, unit, identities=identities)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert _files(path.parent.parent) == [path.name]  # no partial file left
    exports = AuditEvent.objects.filter(action="export", actor=overseer,
                                        model="organizations.Unit")
    assert exports.count() == 2  # the job's, then the streamed one's


def test_a_cancel_midway_stops_the_reveals_and_leaves_no_file(fw, contacts, queued,
                                                             monkeypatch, tmp_path):
    monkeypatch.setattr(csv_export, "CHUNK_ROWS", 1)
    monkeypatch.setattr(runner, "CANCEL_CHECK_EVERY_S", 0)
    job = enqueue_export(acting_user=fw.secretary, unit=fw.world.units["cell_a"],
                         identities=True)
    seen = []
    progress = JobContext.progress

    def cancel_after_the_first_chunk(ctx, done, total=None, message=None):
        progress(ctx, done, total, message)
        if done and not seen:  # the first chunk is written: cancel, as the page does
            seen.append(export_path(job).with_suffix(".part").exists())
            Job.objects.filter(pk=job.pk).update(cancel_requested=True)

    monkeypatch.setattr(JobContext, "progress", cancel_after_the_first_chunk)
    run_worker(monkeypatch)
    job.refresh_from_db()
    assert seen == [True]  # there was a partial file
    assert job.status == Job.Status.CANCELLED and job.done < 100
    assert _files(tmp_path) == []
    assert AuditEvent.objects.filter(action="reveal", model="people.Person").count() == 1


def test_a_failed_export_leaves_no_file_and_says_why(fw, contacts, queued, monkeypatch,
                                                     tmp_path):
    job = enqueue_export(acting_user=fw.secretary, unit=fw.world.units["cell_a"])
    type(fw.secretary).objects.filter(pk=fw.secretary.pk).update(is_active=False)
    run_worker(monkeypatch)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "may no longer see" in job.error
    assert _files(tmp_path) == []


def test_a_run_again_overwrites_the_file(fw, contacts, tmp_path):
    job = enqueue_export(acting_user=fw.secretary, unit=fw.world.units["cell_a"])
    path = export_path(job)
    good = path.read_bytes()
    path.write_text("stale\n")
    path.with_suffix(".part").write_text("from a worker that died\n")
    # As the housekeeping does for a job whose worker died: queued again, run again.
    Job.objects.filter(pk=job.pk).update(status=Job.Status.QUEUED)
    assert execute(job.pk) == Job.Status.DONE
    assert path.read_bytes() == good and _files(tmp_path) == [path.name]


def test_the_sweep_removes_the_files_past_their_time(fw, contacts, settings, tmp_path):
    settings.NUCLEUS_EXPORT_KEEP_HOURS = 24
    old = enqueue_export(acting_user=fw.secretary, unit=fw.world.units["cell_a"])
    new = enqueue_export(acting_user=fw.secretary, unit=fw.world.units["cell_a"])
    then = time.time() - 25 * 3600
    os.utime(export_path(old), (then, then))
    housekeeping.sweep(timezone.now())
    assert _files(tmp_path) == [export_path(new).name]
    housekeeping.sweep(timezone.now() + timedelta(hours=25))
    assert _files(tmp_path) == []


def test_an_export_given_up_after_its_worker_died_leaves_no_file(
        fw, contacts, settings, tmp_path, django_capture_on_commit_callbacks):
    job = enqueue_export(acting_user=fw.secretary, unit=fw.world.units["cell_a"])
    assert _files(tmp_path) == [export_path(job).name]
    # Its worker died after writing the file, before the job's end; no attempts are left.
    stale = timezone.now() - timedelta(seconds=settings.NUCLEUS_JOBS_STALE_AFTER_S + 60)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, heartbeat_at=stale,
                                         attempts=job.max_attempts, finished_at=None,
                                         task_id="")
    with django_capture_on_commit_callbacks(execute=True):
        assert housekeeping.reap() == (0, 1)
    assert Job.objects.get(pk=job.pk).status == Job.Status.FAILED
    assert _files(tmp_path) == []
