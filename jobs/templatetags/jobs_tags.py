"""The jobs one started, on the home page (``{% my_recent_jobs %}``), and their rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.db.models import Q
from django.utils import timezone

from jobs import registry
from jobs.models import Job

register = template.Library()

# Finished jobs stay on the home page this long; running and queued ones until they end.
RECENT = timedelta(days=2)
SHOWN = 5


def _labelled(jobs: Any) -> list[Job]:
    rows = list(jobs)
    for job in rows:
        job.kind_label = registry.label(job.kind)  # type: ignore[attr-defined]  # for the rows
    return rows


@register.inclusion_tag("jobs/_job_rows.html")
def job_rows(jobs: Any) -> dict[str, Any]:
    return {"jobs": _labelled(jobs)}


@register.inclusion_tag("jobs/_my_recent.html", takes_context=True)
def my_recent_jobs(context: Any) -> dict[str, Any]:
    user = context["request"].user
    if not user.is_authenticated:
        return {"jobs": []}
    since = timezone.now() - RECENT
    jobs = (Job.objects.restrict(user).filter(created_by=user)
            .filter(Q(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
                    | Q(created_at__gte=since))
            .select_related("unit")[:SHOWN])
    return {"jobs": _labelled(jobs)}
