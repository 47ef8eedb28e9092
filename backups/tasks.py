"""A backup as a job (jobs.registry): ``backups.writing.write_archive`` into the backup
directory (``contents.backup_dir``, 0700), with a step per model and data file on the job's
page and a cancel seen between them (while the database's snapshot is read, the progress
shows when it ends, and on PostgreSQL a cancel is seen from the first data file on).

Each attempt writes a new archive named after the job and the attempt, so the kind is
idempotent (a job whose worker died runs once more, ``max_attempts`` 2); a partial archive
is removed when its attempt fails or stops, and any left by a killed worker when the job
ends.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backups import archive, writing
from backups.archive import ArchiveError
from backups.contents import backup_dir
from jobs.actions import do_enqueue_job
from jobs.models import Job
from jobs.registry import Kind, register
from jobs.runner import JobCancelled, JobContext, JobFailed
from nucleus.files import ensure_private_dir
from organizations.models import Unit
from vault import custody

KIND = "backup"
SUFFIX = ".nucleus-backup"


def enqueue_backup(*, acting_user: Any, unit: Unit) -> Job:
    """The caller checked ``accounts.system_work.may_run_system_work``."""
    return do_enqueue_job(acting_user=acting_user, kind=KIND, unit=unit)



def archive_path(job: Job) -> Path:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return backup_dir() / f"nucleus-{stamp}-{job.uid.hex[:12]}-{job.attempts}{SUFFIX}"


def run_backup(job: Job, ctx: JobContext) -> str:
    ctx.stop_if_asked()
    try:
        passphrase = archive.load_passphrase()
    except ArchiveError as exc:
        raise JobFailed(str(exc)) from None
    ensure_private_dir(backup_dir())
    remove_partials(job)  # of an earlier attempt whose worker died
    path = archive_path(job)
    total = writing.archive_steps()
    ctx.progress(0, total, _("Writing the archive"))
    steps = 0

    def progress(name: str, count: int) -> None:
        nonlocal steps
        steps += 1
        # Not inside the database snapshot: the job's row would stay locked, and the
        # worker's heartbeat of it wait, until the snapshot ends. Its steps show after it.
        if not writing.in_snapshot():
            ctx.progress(min(steps, total), total)

    try:
        manifest = writing.write_archive(path, passphrase, progress=progress,
                                         should_stop=ctx.should_stop)
    except writing.BackupStopped:
        raise JobCancelled from None
    except (ArchiveError, OSError) as exc:
        raise JobFailed(str(exc)) from None
    custody.record_key_event("backup_written", {"file": str(path)}, kind="security")
    return _("Wrote %(file)s: %(rows)s rows, %(files)s data files.") % {
        "file": path.name, "rows": sum(m["count"] for m in manifest["models"].values()),
        "files": len(manifest["files"])}


def remove_partials(job: Job) -> None:
    for partial in backup_dir().glob(f"*-{job.uid.hex[:12]}-*{SUFFIX}.partial"):
        partial.unlink(missing_ok=True)


BACKUP = register(Kind(KIND, gettext_lazy("Backup"), run=run_backup, idempotent=True,
                       max_attempts=2, finished=remove_partials))
