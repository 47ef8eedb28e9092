"""Contacts in and out as CSV: upload → column mapping → preview with row errors → confirm
(all rows or none, through fieldwork.csv_io); and the export of what the user may see (with
identities only after a confirmation page): a job (fieldwork/tasks.py) whose file only its
starter downloads.

The uploaded text is never written to disk: it travels back and forth in a hidden field of
the mapping form until the import is confirmed.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from access.helpers import access_object
from audit.log import record
from fieldwork import tasks
from fieldwork.csv_duplicates import on_file, record_lookups
from fieldwork.csv_io import preview_contacts_import
from fieldwork.forms import ImportMappingForm, ImportUploadForm
from fieldwork.models import Field
from fieldwork.tasks import enqueue_export, enqueue_import
from fieldwork.views.common import field_crumbs, unit_crumbs
from jobs.models import Job
from jobs.templatetags.jobs_tags import SHOWN
from jobs.views import job_url
from organizations.models import Unit
from people.models import Person

PREVIEW_ROWS = 200


def _header(text: str) -> list[str]:
    return [c.strip() for c in next(csv.reader(io.StringIO(text.lstrip("\ufeff"))), [])]


def _page(request: HttpRequest, field: Field, step: str, **context) -> HttpResponse:
    return render(request, "fieldwork/import_contacts.html", {
        "field": field, "crumbs": field_crumbs(field), "step": step, **context})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def import_contacts_view(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    field = access_object(Field, user, uid, "add")
    step = request.POST.get("step", "upload") if request.method == "POST" else "upload"
    if step == "upload":
        upload = ImportUploadForm(request.POST if request.method == "POST" else None,
                                  request.FILES if request.method == "POST" else None)
        if not (upload.is_bound and upload.is_valid()):
            return _page(request, field, "upload", upload=upload)
        text = upload.cleaned_data["file"]
        header = _header(text)
        if not header or not any(header):
            upload.add_error("file", _("The file is empty: the first row must name the "
                                       "columns."))
            return _page(request, field, "upload", upload=upload)
        mapping = ImportMappingForm(initial={"text": text}, header=header)
        return _page(request, field, "mapping", mapping=mapping)

    text = request.POST.get("text", "")
    mapping = ImportMappingForm(request.POST, header=_header(text))
    if not mapping.is_valid():
        return _page(request, field, "mapping", mapping=mapping)
    columns = mapping.mapping()
    if step == "confirm":
        # Written by a worker, which checks the whole file again first (all or nothing):
        # the job's page follows it and names the rows refused (fieldwork/tasks.py).
        job = enqueue_import(acting_user=user, field=field, text=mapping.cleaned_data["text"],
                             mapping=columns)
        return redirect(job_url(job))
    preview = preview_contacts_import(user, field, mapping.cleaned_data["text"], columns)
    # People already on file, found by phone or email: shown, so audited (csv_duplicates).
    record_lookups(acting_user=user, rows=preview.rows)
    return _page(request, field, "preview", mapping=mapping, errors=preview.errors,
                 rows=preview.rows[:PREVIEW_ROWS], more=len(preview.rows) - PREVIEW_ROWS,
                 total=len(preview.rows), ok=preview.ok and bool(preview.rows),
                 on_file=on_file(user, preview.rows))


def _file_name(unit: Unit, kind: str, on: date) -> str:
    # The unit's name as far as it goes into ASCII (the unit's row id would tell counts).
    name = slugify(unit.name) or "unit"
    return f"{name}-{kind}-{on.isoformat()}.csv"


def _export_page(request: HttpRequest, unit: Unit, template: str, **context) -> HttpResponse:
    """The page, with the user's own exports of this unit (each one's page: progress, file)."""
    exports = (Job.objects.restrict(request.user)
               .filter(kind=tasks.EXPORT_KIND, unit=unit, created_by_id=request.user.pk)
               .select_related("unit")[:SHOWN])
    return render(request, template, {
        "unit": unit, "crumbs": unit_crumbs(unit), "exports": exports,
        "keep_hours": settings.NUCLEUS_EXPORT_KEEP_HOURS, **context})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def export_contacts_view(request: HttpRequest, uid: UUID) -> HttpResponseBase:
    """GET: what the file holds, and a button; POST: its job (the contacts the user may see
    in the unit's subtree, without identities), whose page follows it."""
    unit = access_object(Unit, request.user, uid)
    if request.method == "POST":
        return redirect(job_url(enqueue_export(acting_user=request.user, unit=unit)))
    return _export_page(request, unit, "fieldwork/export_contacts.html")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def export_identities_view(request: HttpRequest, uid: UUID) -> HttpResponseBase:
    """GET: what the file with identities holds, that it is audited, and a button; POST: its
    job, the file with the identities of the contacts the user may reveal (each one audited
    as a reveal by csv_export). Never at the first click: the file names and locates people."""
    user = request.user
    unit = access_object(Unit, user, uid)
    revealable = Person.objects.restrict(user, "reveal").filter(
        unit__path__startswith=unit.path, contact_profile__isnull=False).count()
    if request.method == "POST" and revealable:
        return redirect(job_url(enqueue_export(acting_user=user, unit=unit, identities=True)))
    return _export_page(request, unit, "fieldwork/export_identities.html",
                        revealable=revealable)


@login_required
@never_cache
@require_GET
def export_download_view(request: HttpRequest, uid: UUID) -> HttpResponseBase:
    """The file of a done export, to who started it only (anyone else: 404, like a missing
    one), until it expires; before, or after, its job's page. Each download is audited as an
    export: the file leaves again."""
    job = access_object(Job, request.user, uid)
    if job.kind != tasks.EXPORT_KIND or job.created_by_id != request.user.pk:
        raise Http404("No export matches the given query.")
    if job.status != Job.Status.DONE:
        return redirect(job_url(job))
    path = tasks.export_path(job)
    if tasks.export_expired(job, timezone.now()):
        path.unlink(missing_ok=True)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        messages.info(request, _("The file of this export is no longer kept: prepare it "
                                 "again."))
        return redirect(job_url(job))
    identities = job.params.get("variant") == tasks.IDENTITIES
    record(actor=request.user, action="export", obj=job,
           fields=["contacts", *(["identities"] if identities else [])])
    name = _file_name(job.unit, "contacts-identities" if identities else "contacts",
                      timezone.localdate(job.finished_at))
    response = FileResponse(handle, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
