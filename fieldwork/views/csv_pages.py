"""Contacts in and out as CSV: upload → column mapping → preview with row errors → confirm
(all rows or none, through fieldwork.csv_io); and the download of what the user may see
(with identities only after a confirmation page).

The uploaded text is never written to disk: it travels back and forth in a hidden field of
the mapping form until the import is confirmed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from access import dbwall
from access.helpers import access_object
from fieldwork.csv_duplicates import on_file, record_lookups
from fieldwork.csv_export import iter_export_contacts
from fieldwork.csv_io import preview_contacts_import
from fieldwork.forms import ImportMappingForm, ImportUploadForm
from fieldwork.models import Field
from fieldwork.tasks import enqueue_import
from fieldwork.views.common import field_crumbs, unit_crumbs
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


def _file_name(unit: Unit, kind: str) -> str:
    # The unit's name as far as it goes into ASCII (the unit's row id would tell counts).
    name = slugify(unit.name) or "unit"
    return f"{name}-{kind}-{timezone.localdate().isoformat()}.csv"


def _download(chunks: Iterator[str], name: str) -> StreamingHttpResponse:
    """Streamed: the file is written while it is sent (csv_export.iter_export_contacts). The
    chunks after the first are read after the view returned, outside the request's database
    scope: the scope is carried along (access.dbwall)."""
    response = StreamingHttpResponse(_scoped(chunks, dbwall.current()),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _scoped(chunks: Iterator[str], scope: str) -> Iterator[str]:
    with dbwall.scope(scope):
        yield from chunks


@login_required
@never_cache
@require_GET
def export_contacts_view(request: HttpRequest, uid: UUID) -> HttpResponseBase:
    """The contacts the user may see in the unit's subtree, without identities."""
    unit = access_object(Unit, request.user, uid)
    return _download(iter_export_contacts(request.user, unit), _file_name(unit, "contacts"))


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def export_identities_view(request: HttpRequest, uid: UUID) -> HttpResponseBase:
    """GET: what the file with identities holds, that it is audited, and a button; POST: the
    file, with the identities of the contacts the user may reveal (each one audited as a
    reveal by csv_export). Never at the first click: the file names and locates people."""
    user = request.user
    unit = access_object(Unit, user, uid)
    revealable = Person.objects.restrict(user, "reveal").filter(
        unit__path__startswith=unit.path, contact_profile__isnull=False).count()
    if request.method == "POST" and revealable:
        return _download(iter_export_contacts(user, unit, identities=True),
                         _file_name(unit, "contacts-identities"))
    return render(request, "fieldwork/export_identities.html", {
        "unit": unit, "crumbs": unit_crumbs(unit), "revealable": revealable})
