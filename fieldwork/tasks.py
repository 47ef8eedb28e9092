"""The contacts import and export as jobs (jobs.registry). Import: the page checks and
previews the file, the confirmation enqueues it, a worker writes it
(``csv_io.import_contacts``, all or nothing). Export: the page's button enqueues it, a worker
writes ``csv_export.iter_export_contacts`` as the user who started it to a private file that
only they download (``views/csv_pages.export_download_view``), for
``NUCLEUS_EXPORT_KEEP_HOURS``.

The uploaded text waits in a private file of its own (``DATA_DIR/jobs/``, 0600 in a 0700
directory), named in the job's parameters, and is removed when the job ends. The import
undoes a half-written run before it starts again, so the kind is idempotent: a job whose
worker died is run again.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fieldwork import csv_io
from fieldwork.csv_export import iter_export_contacts
from fieldwork.models import Field
from fieldwork.queries import contacts_in
from jobs.actions import do_enqueue_job
from jobs.models import Job
from jobs.registry import Kind, register
from jobs.runner import JobCancelled, JobContext, JobFailed
from nucleus.files import ensure_private_dir, open_private_text, write_private_text
from organizations.models import Unit

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


EXPORT_KIND = "contacts_export"
# The export's variants (``params["variant"]``), also in the file's name.
CONTACTS, IDENTITIES = "contacts", "identities"


def export_path(job: Job) -> Path:
    # Named by the job alone: a run again overwrites it, and the name tells nothing.
    return _uploads() / f"export-{job.uid.hex}.csv"


def enqueue_export(*, acting_user: Any, unit: Unit, identities: bool = False) -> Job:
    """The export of the contacts ``acting_user`` may see in the unit's subtree (the caller
    has checked the unit; with identities, that the user may reveal some)."""
    return do_enqueue_job(acting_user=acting_user, kind=EXPORT_KIND, unit=unit,
                          params={"unit": unit.pk,
                                  "variant": IDENTITIES if identities else CONTACTS})


def run_export(job: Job, ctx: JobContext) -> str:
    ctx.stop_if_asked()
    user = job.created_by
    unit = Unit.objects.filter(pk=job.params.get("unit")).first()
    gone = _("The user who started this export may no longer see these contacts.")
    if user is None or not user.is_active or unit is None:
        raise JobFailed(gone)
    rows = 0

    def count(added: int) -> None:
        nonlocal rows
        rows += added

    try:  # as the streamed download did: access checked, the export audited, then the rows
        chunks = iter_export_contacts(user, unit, identities=job.params.get("variant") ==
                                      IDENTITIES, progress=count)
    except Http404:
        raise JobFailed(gone) from None
    total = contacts_in(user, unit=unit).count()
    path = export_path(job)
    part = path.with_suffix(".part")
    try:
        with open_private_text(part) as out:
            for chunk in chunks:
                out.write(chunk)
                # In hundredths, never the count: the job's page is seen by the unit's
                # roles, who may see fewer of these contacts than the user exporting them.
                ctx.progress(min(100, rows * 100 // total) if total else 100, 100)
                ctx.stop_if_asked()
        part.replace(path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return _("The file is ready.")


def drop_export(job: Job) -> None:
    """After any end: the partial file; the whole one too unless the export is done."""
    path = export_path(job)
    path.with_suffix(".part").unlink(missing_ok=True)
    # The runner hands over the job as it was read at the start: its end is in the row.
    status = Job.objects.filter(pk=job.pk).values_list("status", flat=True).first()
    if status != Job.Status.DONE:
        path.unlink(missing_ok=True)


def export_expired(job: Job, now: datetime) -> bool:
    keep = timedelta(hours=settings.NUCLEUS_EXPORT_KEEP_HOURS)
    return job.finished_at is None or job.finished_at + keep < now


def sweep_exports(now: datetime) -> int:
    """The export files (and partial ones of dead workers) past their time: removed."""
    limit = (now - timedelta(hours=settings.NUCLEUS_EXPORT_KEEP_HOURS)).timestamp()
    removed = 0
    for path in _uploads().glob("export-*"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed meanwhile (a download past its time)
            continue
    return removed


def _export_download(job: Job) -> str | None:
    if (job.status != Job.Status.DONE or export_expired(job, timezone.now())
            or not export_path(job).exists()):
        return None
    return reverse("fieldwork:export_download", kwargs={"uid": job.uid})


CONTACTS_EXPORT = register(Kind(EXPORT_KIND, gettext_lazy("Contacts export"), run=run_export,
                                idempotent=True, max_attempts=3, finished=drop_export,
                                result_url=_export_download, sweep=sweep_exports))
