"""manage.py jobs: list, show, cancel; with --user, restricted like the pages."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from jobs.models import Job

pytestmark = pytest.mark.django_db


def _jobs(*args):
    out = io.StringIO()
    call_command("jobs", *args, stdout=out)
    return out.getvalue()


def test_it_lists_shows_and_cancels_as_the_user(enqueue, queued):
    job = enqueue(steps=2)
    assert str(job.uid) in _jobs("list", "--user", "cell_secretary")
    assert str(job.uid) in _jobs()  # the administrator: everything
    assert "test_steps" in _jobs("show", str(job.uid), "--user", "cell_secretary")
    for verb in ("show", "cancel"):
        with pytest.raises(CommandError, match=f"Unknown job {job.uid}"):
            _jobs(verb, str(job.uid), "--user", "outsider")
    assert str(job.uid) not in _jobs("list", "--user", "outsider")
    with pytest.raises(CommandError, match="needs --user"):
        _jobs("cancel", str(job.uid))
    assert "cancelled" in _jobs("cancel", str(job.uid), "--user", "cell_secretary")
    assert Job.objects.get(pk=job.pk).status == Job.Status.CANCELLED
