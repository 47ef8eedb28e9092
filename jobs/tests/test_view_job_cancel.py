"""Cancel: a confirmation page, then POST; who started the job or may change the unit's
records; others 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobs.models import Job

pytestmark = pytest.mark.django_db


def _url(job):
    return reverse("jobs:job_cancel", kwargs={"uid": job.uid})


def test_it_asks_then_cancels(enqueue, queued, login, world):
    job = enqueue(steps=2)
    client = login(world.user("cell_secretary"))
    page = client.get(_url(job)).content.decode()
    assert "Cancel the job?" in page and 'method="post"' in page
    assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED  # GET changes nothing
    response = client.post(_url(job), follow=True)
    assert "The job was cancelled." in response.content.decode()
    assert Job.objects.get(pk=job.pk).status == Job.Status.CANCELLED


def test_a_running_job_is_asked_to_stop(enqueue, queued, login, world):
    job = enqueue(steps=2)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    login(world.user("cell_secretary")).post(_url(job))
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING and job.cancel_requested


def test_others_get_404(enqueue, queued, login, world):
    job = enqueue(steps=2)
    for name in ("sibling_secretary", "outsider", "cell_member"):
        client = login(world.user(name))
        assert client.get(_url(job)).status_code == 404
        assert client.post(_url(job)).status_code == 404
    assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED
