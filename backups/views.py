"""The "System work" page of a top unit: the recent backups and key rotations (jobs of the
kinds ``backup`` and ``identity_key_rotation``) and a button to start each. Only for who may
start system work there (``accounts.system_work``); everyone else, and a unit that is not
a top unit, gets 404 like a missing one. Progress is the jobs app's: the running job's
status fragment (htmx) here, and the job's page the buttons lead to."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.system_work import system_units
from backups import tasks as backup_tasks
from backups.contents import backup_dir
from jobs.models import Job
from jobs.views import REFRESH_S, job_url
from organizations.models import Unit
from vault import tasks as rotation_tasks

KINDS = (backup_tasks.KIND, rotation_tasks.KIND)
SHOWN = 20


def access_system_unit(user: Any, uid: UUID) -> Unit:
    """The top unit, if the user may start system work on it; 404 otherwise."""
    unit = system_units(user).filter(uid=uid).first()
    if unit is None:
        raise Http404("No unit matches the given query.")
    return unit


@login_required
@require_GET
def system_work(request: HttpRequest, uid: UUID) -> HttpResponse:
    unit = access_system_unit(request.user, uid)
    jobs = list(Job.objects.restrict(request.user).filter(unit=unit, kind__in=KINDS)
                .select_related("unit")[:SHOWN])
    running = next((job for job in jobs if not job.finished), None)
    return render(request, "backups/system_work.html", {
        "unit": unit, "jobs": jobs, "job": running, "refresh_s": REFRESH_S,
        "backup_dir": backup_dir()})


@login_required
@require_POST
def start_backup(request: HttpRequest, uid: UUID) -> HttpResponse:
    unit = access_system_unit(request.user, uid)
    return redirect(job_url(backup_tasks.enqueue_backup(acting_user=request.user, unit=unit)))


@login_required
@require_POST
def start_key_rotation(request: HttpRequest, uid: UUID) -> HttpResponse:
    unit = access_system_unit(request.user, uid)
    return redirect(job_url(rotation_tasks.enqueue_rotation(acting_user=request.user,
                                                            unit=unit)))
