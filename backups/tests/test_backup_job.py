"""A backup as a job, run by the real worker: a verifiable archive in the backup directory,
none left behind by a cancel or a failure, audited; ``manage.py backup --job``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from backups import reading, tasks, writing
from backups.contents import backup_dir
from backups.tests.helpers import PASSPHRASE, install
from jobs import runner
from jobs.models import Job
from jobs.tests.inprocess import run_worker
from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(settings, tmp_path):
    return install(settings, tmp_path)


def _archives() -> list[Path]:
    return sorted(backup_dir().glob("*"))


def test_the_worker_writes_a_verifiable_archive(setup, queued, admin, world, monkeypatch):
    job = tasks.enqueue_backup(acting_user=admin, unit=world.units["rp_congress"])
    assert job.status == Job.Status.QUEUED and job.max_attempts == 2
    run_worker(monkeypatch)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    [path] = _archives()
    assert path.name.endswith(".nucleus-backup") and path.stat().st_mode & 0o777 == 0o600
    assert backup_dir().stat().st_mode & 0o777 == 0o700
    with path.open("rb") as source:
        manifest = reading.verify(source, PASSPHRASE)
    assert manifest["models"]["people.person"]["count"] == Person.objects.count()
    assert "uploads/leaflet.txt" in manifest["files"]
    assert path.name in job.message and job.done == job.total > 0
    assert AuditEvent.objects.filter(detail__operation="backup_written").exists()
    # A second run writes a new archive, and leaves the first one out of it.
    again = tasks.enqueue_backup(acting_user=admin, unit=world.units["rp_congress"])
    run_worker(monkeypatch)
    again.refresh_from_db()
    assert again.status == Job.Status.DONE
    second = next(p for p in _archives() if p != path)
    with second.open("rb") as source:
        assert not [n for n in reading.verify(source, PASSPHRASE)["files"]
                    if n.startswith("backups/")]


def test_a_cancel_removes_the_partial_archive(setup, queued, admin, world, monkeypatch):
    job = tasks.enqueue_backup(acting_user=admin, unit=world.units["rp_congress"])
    monkeypatch.setattr(runner, "CANCEL_CHECK_EVERY_S", 0)
    real = writing._write_file
    seen = []

    def cancel_after_a_file(writer, name, path):
        seen.append(sorted(p.name for p in backup_dir().glob("*.partial")))
        Job.objects.filter(pk=job.pk).update(cancel_requested=True)
        return real(writer, name, path)

    monkeypatch.setattr(writing, "_write_file", cancel_after_a_file)
    run_worker(monkeypatch)
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED
    assert len(seen) == 1 and len(seen[0]) == 1  # it was being written
    assert _archives() == []


def test_a_failure_removes_the_partial_archive(setup, queued, admin, world, monkeypatch):
    job = tasks.enqueue_backup(acting_user=admin, unit=world.units["rp_congress"])

    def disk_full(writer, name, path):
        raise OSError("No space left on device")

    monkeypatch.setattr(writing, "_write_file", disk_full)
    run_worker(monkeypatch)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "No space left" in job.error
    assert _archives() == []


def test_it_fails_clearly_without_a_passphrase(setup, settings, queued, admin, world,
                                               monkeypatch):
    settings.NUCLEUS_BACKUP_PASSPHRASE = None
    job = tasks.enqueue_backup(acting_user=admin, unit=world.units["rp_congress"])
    run_worker(monkeypatch)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "no backup passphrase" in job.error


def test_the_command_queues_a_job_for_an_administrator_only(setup, queued, admin, world):
    out = io.StringIO()
    call_command("backup", "--job", "--user", "admin", stdout=out)
    job = Job.objects.get(uid=out.getvalue().strip())
    assert job.kind == tasks.KIND and job.unit == world.units["rp_congress"]
    assert job.created_by == admin and job.status == Job.Status.QUEUED
    with pytest.raises(CommandError, match="may not start system work"):
        call_command("backup", "--job", "--user", "outsider", stdout=io.StringIO())
    listed = io.StringIO()
    call_command("jobs", stdout=listed)
    assert str(job.uid) in listed.getvalue()


def test_the_command_still_writes_an_archive_inline_with_its_progress(setup, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    path = tmp_path / "inline.nucleus-backup"
    call_command("backup", str(path), stdout=out, stderr=err)
    assert "Wrote" in out.getvalue() and "backup" in err.getvalue()
    with path.open("rb") as source:
        assert reading.verify(source, PASSPHRASE)["models"]
    assert not list(tmp_path.glob("*.partial"))
