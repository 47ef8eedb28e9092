"""An export's file: to who started the export only (anyone else, 404 like a missing one),
under the name the streamed download had, audited at each download, gone past its time."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from fieldwork.tasks import enqueue_export, export_path
from jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def export(fw):
    fw.contact("c-dl1", part="Rolling mill")
    return enqueue_export(acting_user=fw.secretary, unit=fw.world.units["cell_a"])


def _url(job):
    return reverse("fieldwork:export_download", kwargs={"uid": job.uid})


def _page(job):
    return reverse("jobs:job_detail", kwargs={"uid": job.uid})


def test_it_gives_the_file_to_who_started_the_export(fw, export, login):
    assert export.status == Job.Status.DONE
    response = login(fw.secretary).get(_url(export))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    assert [r["alias"] for r in csv.DictReader(io.StringIO(text))] == ["c-dl1"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="cell-a-contacts-{timezone.localdate().isoformat()}.csv"')


def test_it_answers_404_to_anyone_else(fw, export, login):
    # The overseer sees Cell A's jobs (the export's page), not the secretary's file.
    overseer = login(fw.world.user("overseer"))
    assert overseer.get(_page(export)).status_code == 200
    assert overseer.get(_url(export)).status_code == 404
    for name in ("cell_member", "sibling_secretary", "outsider"):
        client = login(fw.world.user(name))
        assert client.get(_url(export)).status_code == 404
    outsider = login(fw.world.user("outsider"))
    assert outsider.get(_page(export)).status_code == 404
    missing = "00000000-0000-4000-8000-000000000000"
    assert outsider.get(reverse("fieldwork:export_download",
                                kwargs={"uid": missing})).status_code == 404


def test_it_answers_404_for_a_job_of_another_kind(fw, login):
    from jobs.actions import do_enqueue_job
    from jobs.tests import kinds

    job = do_enqueue_job(acting_user=fw.secretary, kind=kinds.KIND,
                         unit=fw.world.units["cell_a"], params={"steps": 1})
    assert login(fw.secretary).get(_url(job)).status_code == 404


def test_it_audits_each_download(fw, export, login):
    client = login(fw.secretary)
    for _ in range(2):
        b"".join(client.get(_url(export)).streaming_content)
    downloads = AuditEvent.objects.filter(action="export", model="jobs.Job",
                                          actor=fw.secretary)
    assert downloads.count() == 2 and downloads.first().fields == ["contacts"]


def test_it_removes_the_file_past_its_time(fw, export, login, settings):
    settings.NUCLEUS_EXPORT_KEEP_HOURS = 24
    client = login(fw.secretary)
    assert _url(export) in client.get(_page(export)).content.decode()
    Job.objects.filter(pk=export.pk).update(finished_at=timezone.now() - timedelta(hours=25))
    response = client.get(_url(export), follow=True)
    assert response.redirect_chain == [(_page(export), 302)]
    assert "no longer kept" in response.content.decode()
    assert not export_path(export).exists()
    assert _url(export) not in response.content.decode()  # the job's page links it no more
    assert not AuditEvent.objects.filter(action="export", model="jobs.Job").exists()


def test_it_sends_to_the_jobs_page_until_the_file_is_ready(fw, login, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = enqueue_export(acting_user=fw.secretary, unit=fw.world.units["cell_a"])
    assert job.status == Job.Status.QUEUED
    response = login(fw.secretary).get(_url(job))
    assert response.status_code == 302 and response["Location"] == _page(job)
