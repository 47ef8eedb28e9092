"""The photos and videos of a sent report, made safe by a job (jobs.registry).

Sending a report checks the files' sizes, count and types at once (``actions.do_send_report``)
and keeps them as they came in private files of their own (``DATA_DIR/jobs/``, 0600 in a 0700
directory), named in the job's parameters with the report's id. The worker processes them one
by one (``media.process``: metadata stripped, faces blurred), a cancel seen between two, and
attaches them all in one transaction at the end (``do_attach_report_media``). A file refused
fails the job with ``media.py``'s message and leaves the report without any of its files
(``do_drop_report_media``), as does a cancel or a worker given up. The uploads are removed when
the job ends, whatever the end. A run again starts over from them, and attaches nothing to a
report that has its files already: the kind is idempotent.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.actions import do_enqueue_job
from jobs.models import Job
from jobs.registry import Kind, register
from jobs.runner import JobCancelled, JobContext, JobFailed
from memberreports import actions, media
from memberreports.models import SentReport
from nucleus.files import ensure_private_dir, write_private_bytes, write_private_text
from organizations.models import Unit

KIND = "report_media"


def _uploads() -> Path:
    return ensure_private_dir(Path(settings.DATA_DIR) / "jobs")


def enqueue_media(*, acting_user: Any, report: SentReport, unit: Unit,
                  uploads: Sequence[actions.Upload]) -> Job:
    """The uploads, kept for the job, and the job (the files go if the job is not written).
    Captions are the sender's words: in a private file too, not in the job's parameters."""
    token = uuid.uuid4().hex
    params: dict[str, Any] = {"report": report.pk, "files": []}
    try:
        for number, upload in enumerate(uploads):
            name = f"report-{token}-{number}"
            write_private_bytes(_uploads() / name, upload.content)
            params["files"].append(name)
        if any(upload.caption for upload in uploads):
            params["captions"] = f"report-{token}-captions.json"
            write_private_text(_uploads() / params["captions"],
                               json.dumps([upload.caption for upload in uploads]))
        return do_enqueue_job(acting_user=acting_user, kind=KIND, unit=unit, params=params,
                              subject_uid=report.uid,
                              message=_("Waiting to process the photos and videos"))
    except BaseException:
        _remove(params)
        raise


def _captions(job: Job, count: int) -> list[str]:
    name = job.params.get("captions")
    if not name:
        return [""] * count
    captions = json.loads((_uploads() / str(name)).read_text(encoding="utf-8"))
    return [str(caption) for caption in captions][:count] + [""] * (count - len(captions))


def run_media(job: Job, ctx: JobContext) -> str | None:
    report = SentReport.objects.get(pk=job.params["report"])
    if not report.media_processing:  # run again after its files were attached (or dropped)
        return None
    names = [str(name) for name in job.params["files"]]
    captions = _captions(job, len(names))
    ctx.progress(0, len(names), _("Processing the photos and videos"))
    processed: list[tuple[media.Processed, str]] = []
    try:
        for number, name in enumerate(names):
            ctx.stop_if_asked()
            processed.append((media.process((_uploads() / name).read_bytes()),
                              captions[number]))
            ctx.progress(number + 1)
        ctx.stop_if_asked()
        actions.do_attach_report_media(acting_user=job.created_by, report=report,
                                       processed=processed)
    except JobCancelled:
        raise  # the runner tells ``lost``, which drops the report's files
    except ValidationError as refused:
        actions.do_drop_report_media(acting_user=job.created_by, report=report)
        raise JobFailed(" ".join(refused.messages)) from None
    except Exception:
        # The runner fails the job without a run again: the report must not wait forever.
        actions.do_drop_report_media(acting_user=job.created_by, report=report)
        raise
    return _("Photos and videos attached: %(count)s") % {"count": len(processed)}


def drop_media(job: Job, reason: str) -> None:
    """Cancelled, or given up after its worker died: the report stays without its files."""
    report = SentReport.objects.filter(pk=job.params.get("report")).first()
    if report is not None:
        actions.do_drop_report_media(acting_user=job.created_by, report=report)


def _remove(params: dict[str, Any]) -> None:
    for name in [*params.get("files", []), params.get("captions")]:
        if name:
            (_uploads() / str(name)).unlink(missing_ok=True)


def remove_uploads(job: Job) -> None:
    _remove(job.params)


def _report_page(job: Job) -> str | None:
    return reverse("memberreports:detail", kwargs={"uid": job.subject_uid}) \
        if job.subject_uid else None


REPORT_MEDIA = register(Kind(KIND, gettext_lazy("Photos and videos of a report"),
                             run=run_media, idempotent=True, max_attempts=3, lost=drop_media,
                             finished=remove_uploads, result_url=_report_page))
