"""The contacts import as a job (jobs.registry): the page checks and previews the file, the
confirmation enqueues it, a worker writes it (``csv_io.import_contacts``, all or nothing).

The uploaded text waits in a private file of its own (``DATA_DIR/jobs/``, 0600 in a 0700
directory), named in the job's parameters, and is removed when the job ends. The import
undoes a half-written run before it starts again, so the kind is idempotent: a job whose
worker died is run again.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fieldwork import csv_io
from fieldwork.models import Field
from jobs.actions import do_enqueue_job
from jobs.models import Job
from jobs.registry import Kind, register
from jobs.runner import JobCancelled, JobContext, JobFailed
from nucleus.files import ensure_private_dir, write_private_text

KIND = "contacts_import"
ERRORS_SHOWN = 5


def _uploads() -> Path:
    return ensure_private_dir(Path(settings.DATA_DIR) / "jobs")


def enqueue_import(*, acting_user: Any, field: Field, text: str, mapping: dict[str, str]
                   ) -> Job:
    """The checked file, kept for the job, and the job (the file goes if the job is not
    written)."""
    name = f"{uuid.uuid4().hex}.csv"
    path = _uploads() / name
    write_private_text(path, text)
    try:
        return do_enqueue_job(acting_user=acting_user, kind=KIND, unit=field.unit,
                              params={"field": field.pk, "file": name, "mapping": mapping},
                              message=_("Waiting to start the import"))
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def run_import(job: Job, ctx: JobContext) -> str:
    # Read as a stream, twice (fieldwork/csv_source.py): memory stays flat whatever its size.
    path = _uploads() / str(job.params["file"])
    total = csv_io.count_rows(path)
    ctx.progress(0, total, _("Writing the contacts"))
    written = 0

    def progress(rows: int) -> None:  # called after each batch with the rows it wrote
        nonlocal written
        written += rows
        ctx.progress(written, total)

    ctx.stop_if_asked()
    user = job.created_by
    if user is None or not user.is_active:
        raise JobFailed(_("The user who started this import can no longer import."))
    # A cancel is seen between batches: the run is undone and nothing stays.
    result = csv_io.import_contacts(user, int(job.params["field"]), path,
                                    dict(job.params["mapping"]), dry_run=False,
                                    progress=progress, should_stop=ctx.should_stop)
    if result.cancelled:
        raise JobCancelled
    if not result.saved:
        raise JobFailed(_("Nothing was imported: %(errors)s") % {"errors": "; ".join(
            f"{number}: {reason}" for number, reason in result.errors[:ERRORS_SHOWN])})
    return _("Imported: %(created)s new contacts, %(updated)s updated, %(assessed)s "
             "assessments.") % {"created": result.created, "updated": result.updated,
                                "assessed": result.assessed}


def remove_upload(job: Job) -> None:
    (_uploads() / str(job.params.get("file", "missing"))).unlink(missing_ok=True)


def _wall_chart(job: Job) -> str | None:
    field = Field.objects.filter(pk=job.params.get("field")).only("uid").first()
    return reverse("fieldwork:wall_chart", kwargs={"uid": field.uid}) if field else None


CONTACTS_IMPORT = register(Kind(KIND, gettext_lazy("Contacts import"), run=run_import,
                                idempotent=True, max_attempts=3, finished=remove_upload,
                                result_url=_wall_chart))
