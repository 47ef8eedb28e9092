"""The planner's job kind (jobs.registry): a plan run, with the run's own progress shown on
the job's page too. Not idempotent: a run whose worker died is failed, planned again by
who needs it (deployment/jobs.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from deployment import jobs as plan_jobs
from deployment.models import PlanRun
from jobs.models import Job
from jobs.registry import Kind, register
from jobs.runner import JobContext, JobFailed


def run_plan(job: Job, ctx: JobContext) -> str | None:
    run = plan_jobs.execute_run(int(job.params["run"]), ticker=ctx.in_worker, ctx=ctx)
    if run is not None and run.status == PlanRun.Status.FAILED:
        raise JobFailed(run.error_message)  # the run's own reason, on the job's page too
    return run.message if run is not None else None


def _run_page(job: Job) -> str | None:
    return reverse("deployment:run_detail", kwargs={"uid": job.subject_uid}) \
        if job.subject_uid else None


PLAN_RUN = register(Kind(plan_jobs.KIND, _("Deployment plan"), run=run_plan,
                         lost=plan_jobs.fail_lost_run, result_url=_run_page))
