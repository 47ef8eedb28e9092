"""A job's page: progress followed by htmx or a plain refresh, 404 outside the compartment,
listed on its starter's home page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobs.models import Job

pytestmark = pytest.mark.django_db


def _url(job):
    return reverse("jobs:job_detail", kwargs={"uid": job.uid})


def test_it_follows_a_running_job_with_htmx_and_without_javascript(enqueue, queued, login,
                                                                   world):
    job = enqueue(steps=4)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, done=1, total=4,
                                         message="Writing")
    client = login(world.user("cell_secretary"))
    body = client.get(_url(job)).content.decode()
    assert f'hx-get="{_url(job)}"' in body and 'hx-trigger="every 2s"' in body
    assert '<meta http-equiv="refresh" content="2">' in body  # inside <noscript>
    assert f'href="{_url(job)}"' in body  # a plain reload link
    assert '<progress max="100" value="25">' in body and "1 of 4" in body
    partial = client.get(_url(job), HTTP_HX_REQUEST="true")
    assert partial.content.decode().startswith('<div id="job-status"')
    assert "HX-Refresh" not in partial
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, done=4)
    assert client.get(_url(job), HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    body = client.get(_url(job)).content.decode()
    assert "hx-trigger" not in body and "http-equiv" not in body


def test_it_answers_404_outside_the_compartment(enqueue, login, world):
    job = enqueue(steps=1)
    for name in ("sibling_secretary", "outsider"):
        assert login(world.user(name)).get(_url(job)).status_code == 404
    assert login(world.user("cell_secretary")).get(_url(job)).status_code == 200


def test_the_starter_finds_it_on_the_home_page_and_in_their_list(enqueue, login, world):
    job = enqueue(steps=1)
    client = login(world.user("cell_secretary"))
    assert _url(job) in client.get(reverse("accounts:home")).content.decode()
    assert _url(job) in client.get(reverse("jobs:my_jobs")).content.decode()
    other = login(world.user("overseer"))  # sees Cell A's records, started nothing
    assert _url(job) not in other.get(reverse("jobs:my_jobs")).content.decode()
