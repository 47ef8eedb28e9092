"""The contacts with identities: a confirmation page first (what the file holds, that it is
audited), the file's job only after its POST, the file under a name of its own."""

import csv
import io

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from jobs.models import Job
from people.models import Identity

pytestmark = pytest.mark.django_db

PHONE = "+98 912 777 8899"


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def contacts(fw):
    fw.contact("c-id1", part="Rolling mill", identity=Identity(phone=PHONE))


def _url(fw, key="cell_a"):
    return reverse("fieldwork:export_identities", kwargs={"uid": fw.world.units[key].uid})


def _rows(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode())))


def _download(client, response):
    job = Job.objects.filter(kind="contacts_export").latest("created_at")
    assert response["Location"] == reverse("jobs:job_detail", kwargs={"uid": job.uid})
    return client.get(reverse("fieldwork:export_download", kwargs={"uid": job.uid}))


def test_it_asks_for_confirmation_and_changes_nothing_on_get(fw, contacts, login):
    client = login(fw.secretary)
    before = AuditEvent.objects.count()
    response = client.get(_url(fw))
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "This download is audited" in page and "1 contact whose identity" in page
    assert "Prepare the export" in page and PHONE not in page
    assert AuditEvent.objects.count() == before and not Job.objects.exists()


def test_it_gives_the_identities_only_after_the_post(fw, contacts, login):
    client = login(fw.secretary)
    response = _download(client, client.post(_url(fw)))
    assert Job.objects.get().params["variant"] == "identities"
    assert response["Content-Type"].startswith("text/csv")
    disposition = response["Content-Disposition"]
    assert "attachment" in disposition and "-contacts-identities-" in disposition
    rows = _rows(response)
    assert rows[0]["alias"] == "c-id1" and rows[0]["phone"] == PHONE
    assert AuditEvent.objects.filter(action="reveal", model="people.Person").count() == 1
    assert AuditEvent.objects.filter(action="export", model="organizations.Unit",
                                     fields=["contacts", "identities"]).exists()


def test_it_names_the_file_apart_from_the_plain_export(fw, contacts, login):
    client = login(fw.secretary)
    plain = _download(client, client.post(reverse(
        "fieldwork:export_contacts", kwargs={"uid": fw.world.units["cell_a"].uid})))
    with_identities = _download(client, client.post(_url(fw)))
    assert plain["Content-Disposition"] != with_identities["Content-Disposition"]
    assert "identities" not in plain["Content-Disposition"]


def test_it_offers_no_export_to_who_may_reveal_no_one(fw, contacts, login):
    client = login(fw.world.user("cell_member"))
    page = client.get(_url(fw)).content.decode()
    assert "Prepare the export" not in page
    response = client.post(_url(fw))
    assert response["Content-Type"].startswith("text/html") and PHONE not in (
        response.content.decode())
    assert not Job.objects.exists()
    assert not AuditEvent.objects.filter(action="reveal", model="people.Person").exists()


def test_it_links_the_dashboard_to_the_confirmation_page(fw, contacts, login):
    page = login(fw.secretary).get(reverse(
        "fieldwork:unit_dashboard", kwargs={"uid": fw.world.units["cell_a"].uid})).content
    assert _url(fw).encode() in page
