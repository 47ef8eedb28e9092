"""The contacts a user may see in a unit's subtree, as CSV: a page with a button, whose POST
prepares the file as a job (fieldwork/tasks.py) and follows it on the job's page."""

import csv
import io

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def contacts(fw):
    from people.models import Identity

    fw.contact("c-exp1", part="Rolling mill", identity=Identity(phone="+98 912 777 8899"))
    fw.contact("c-exp2", field=fw.new_field("School 7", unit_key="cell_b"))


def _url(fw, key):
    return reverse("fieldwork:export_contacts", kwargs={"uid": fw.world.units[key].uid})


def _rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode())))


def _export(client, url, data=None):
    """The POST, the job it started (run inline: the tests' immediate backend), its file."""
    response = client.post(url, data or {})
    job = Job.objects.filter(kind="contacts_export").latest("created_at")
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:job_detail", kwargs={"uid": job.uid})
    return job, client.get(reverse("fieldwork:export_download", kwargs={"uid": job.uid}))


def test_it_shows_a_button_and_changes_nothing_on_get(fw, contacts, login):
    client = login(fw.secretary)
    before = AuditEvent.objects.count()
    response = client.get(_url(fw, "cell_a"))
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "Prepare the export" in page and "without identities" in page
    assert "c-exp1" not in page
    assert AuditEvent.objects.count() == before and not Job.objects.exists()


def test_it_prepares_the_contacts_of_the_cell_as_a_job(fw, contacts, login):
    client = login(fw.secretary)
    job, download = _export(client, _url(fw, "cell_a"))
    assert job.status == Job.Status.DONE and job.created_by == fw.secretary
    assert job.unit == fw.world.units["cell_a"]
    assert job.params == {"unit": fw.world.units["cell_a"].pk, "variant": "contacts"}
    page = client.get(reverse("jobs:job_detail", kwargs={"uid": job.uid})).content.decode()
    assert reverse("fieldwork:export_download", kwargs={"uid": job.uid}) in page
    assert download["Content-Type"].startswith("text/csv")
    rows = _rows(download)
    assert [(r["alias"], r["field"], r["part"]) for r in rows] == [
        ("c-exp1", "Steelworks", "Rolling mill")]
    assert "phone" not in rows[0]
    # Run as the secretary: the export audited in their name, as the streamed one was.
    assert AuditEvent.objects.filter(action="export", actor=fw.secretary,
                                     model="organizations.Unit").exists()


def test_it_gives_a_committee_member_only_what_they_may_see(fw, contacts, login):
    _job, response = _export(login(fw.world.user("committee_member")), _url(fw, "north"))
    assert _rows(response) == []
    _job, overseer = _export(login(fw.world.user("overseer")), _url(fw, "north"))
    assert sorted(r["alias"] for r in _rows(overseer)) == ["c-exp1", "c-exp2"]


def test_it_never_gives_identities_in_the_plain_export(fw, contacts, login):
    job, response = _export(login(fw.secretary), _url(fw, "cell_a"), {"identities": "yes"})
    assert job.params["variant"] == "contacts"
    assert "phone" not in _rows(response)[0]
    assert "-contacts-" in response["Content-Disposition"]
    assert "identities" not in response["Content-Disposition"]


def test_it_lists_the_users_own_exports_of_the_unit(fw, contacts, login):
    client = login(fw.secretary)
    job, _download = _export(client, _url(fw, "cell_a"))
    link = reverse("jobs:job_detail", kwargs={"uid": job.uid})
    assert link in client.get(_url(fw, "cell_a")).content.decode()
    # The overseer sees Cell A's jobs, but this list is of one's own exports only.
    assert link not in login(fw.world.user("overseer")).get(_url(fw, "cell_a")).content.decode()


def test_it_answers_404_outside_the_compartment(fw, contacts, login):
    client = login(fw.world.user("outsider"))
    assert client.get(_url(fw, "cell_a")).status_code == 404
    assert client.post(_url(fw, "cell_a")).status_code == 404
    assert not Job.objects.exists()
