"""A job's page (progress, followed by htmx or a plain refresh), its cancel confirmation,
and the list of one's own jobs. Every job is read through ``access_object``: outside the
unit's compartment it answers 404 like a missing one."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access.helpers import access_object
from jobs import registry
from jobs.actions import do_cancel_job, may_act_on, may_cancel
from jobs.models import Job
from nucleus.web import is_htmx

# Seconds between two looks at a running job: htmx polling, or the page's own refresh.
REFRESH_S = 2


def job_url(job: Job) -> str:
    return reverse("jobs:job_detail", kwargs={"uid": job.uid})


def _context(request: HttpRequest, job: Job) -> dict:
    kind = registry.known().get(job.kind)
    result_url = kind.result_url(job) if kind is not None and kind.result_url else None
    return {"job": job, "kind_label": registry.label(job.kind), "refresh_s": REFRESH_S,
            "result_url": result_url, "may_cancel": may_cancel(request.user, job)}


@login_required
@require_GET
def job_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    job = access_object(Job, request.user, uid)
    context = _context(request, job)
    if is_htmx(request):
        response = render(request, "jobs/_status.html", context)
        if job.finished:  # the whole page again: the result's link, no more polling
            response["HX-Refresh"] = "true"
        return response
    return render(request, "jobs/job_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def job_cancel(request: HttpRequest, uid: UUID) -> HttpResponse:
    """GET: what cancelling does, and the button; POST: cancel."""
    job = access_object(Job, request.user, uid)
    if not may_act_on(request.user, job):
        raise Http404("No job matches the given query.")
    if request.method == "GET":
        if job.finished:
            return redirect(job_url(job))
        return render(request, "jobs/cancel_confirm.html", _context(request, job))
    try:
        do_cancel_job(acting_user=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The job was cancelled.") if job.status ==
                         Job.Status.QUEUED else _("The job stops at its next step."))
    return redirect(job_url(job))


@login_required
@require_GET
def my_jobs(request: HttpRequest) -> HttpResponse:
    jobs = (Job.objects.restrict(request.user).filter(created_by_id=request.user.pk)
            .select_related("unit"))
    page = Paginator(jobs, 50).get_page(request.GET.get("page"))
    return render(request, "jobs/my_jobs.html", {"page": page, "jobs": page.object_list,
                                                 "base": reverse("jobs:my_jobs")})
