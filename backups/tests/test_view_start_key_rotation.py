"""The "Rotate the identity key" button: a rotation job on the top unit, then its page;
404 otherwise."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobs.models import Job
from vault import tasks

pytestmark = pytest.mark.django_db


def _url(unit):
    return reverse("backups:start_key_rotation", kwargs={"uid": unit.uid})


def test_it_queues_a_rotation_and_shows_its_page(queued, admin, login, world):
    top = world.units["rp_congress"]
    response = login(admin).post(_url(top))
    job = Job.objects.get(kind=tasks.KIND)
    assert job.unit == top and job.created_by == admin and job.status == Job.Status.QUEUED
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:job_detail", kwargs={"uid": job.uid})


def test_it_requires_access(queued, admin, login, world):
    top = world.units["rp_congress"]
    for name in ("outsider", "cell_secretary"):
        assert login(world.user(name)).post(_url(top)).status_code == 404
    assert login(admin).post(_url(world.units["op_congress"])).status_code == 404
    assert login(admin).get(_url(top)).status_code == 405
    assert not Job.objects.filter(kind=tasks.KIND).exists()
