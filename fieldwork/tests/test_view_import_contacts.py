"""Importing contacts: upload, map the columns, preview with row errors, confirm. The file
travels in a hidden field; nothing is saved before the confirmation, nor if any row fails."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fieldwork.models import ContactProfile
from jobs.models import Job
from people.models import Person

pytestmark = pytest.mark.django_db

GOOD = ("Name,Department,Phone,Level\n"
        "c-imp1,Rolling mill,+98 912 111 2233,2\n"
        "c-imp2,night shift,,\n")
BAD = ("Name,Department,Phone,Level\n"
       "c-imp1,Rolling mill,,2\n"
       "c-imp2,Paint shop,,\n"
       "c-imp3,Rolling mill,,9\n"
       "c-imp4,Rolling mill\n")
MAPPING = {"column_0": "alias", "column_1": "part", "column_2": "phone", "column_3": "assessment"}


def _url(fw):
    return reverse("fieldwork:import_contacts", kwargs={"uid": fw.field.uid})


def _upload(client, fw, text: bytes):
    return client.post(_url(fw), {"step": "upload",
                                  "file": SimpleUploadedFile("c.csv", text, "text/csv")})


def test_it_reads_the_header_and_guesses_the_columns(fw, login):
    response = _upload(login(fw.secretary), fw, GOOD.encode())
    mapping = response.context["mapping"]
    assert mapping.header == ["Name", "Department", "Phone", "Level"]
    assert [f.initial for f in mapping.column_fields()] == ["alias", "part", "phone",
                                                             "assessment"]
    body = response.content.decode()
    assert 'type="hidden" name="text"' in body and "c-imp1" in body  # the text, hidden
    assert not Person.objects.filter(alias__startswith="c-imp").exists()


def test_it_reports_each_bad_row_by_number_and_saves_nothing(fw, login, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client = login(fw.secretary)
    response = client.post(_url(fw), {"step": "preview", "text": BAD, **MAPPING})
    errors = response.context["errors"]
    assert [number for number, _reason in errors] == [3, 4, 5]
    body = response.content.decode()
    assert "Unknown part “Paint shop” in this field." in body
    assert "The assessment 9 is outside the scale." in body
    assert re.search(r'<td class="num">5</td><td>2 columns where the header has 4\.</td>', body)
    assert 'value="confirm"' not in body  # no Import button
    # Even a forced confirmation saves nothing: its job fails and names the rows.
    response = client.post(_url(fw), {"step": "confirm", "text": BAD, **MAPPING}, follow=True)
    job = response.context["job"]
    assert job.status == Job.Status.FAILED and "Nothing was imported" in job.error
    assert "outside the scale" in response.content.decode()
    assert not Person.objects.filter(alias__startswith="c-imp").exists()


def test_it_previews_then_imports_on_confirmation(fw, login, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client = login(fw.secretary)
    preview = client.post(_url(fw), {"step": "preview", "text": GOOD, **MAPPING})
    assert [(r.row_number, r.alias, r.action) for r in preview.context["rows"]] == [
        (2, "c-imp1", "create"), (3, "c-imp2", "create")]
    assert 'value="confirm"' in preview.content.decode()
    assert not Person.objects.filter(alias__startswith="c-imp").exists()
    response = client.post(_url(fw), {"step": "confirm", "text": GOOD, **MAPPING})
    # A job wrote it (inline here: the tests' immediate backend); its page links the chart.
    job = Job.objects.get(kind="contacts_import")
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:job_detail", kwargs={"uid": job.uid})
    assert job.status == Job.Status.DONE and (job.done, job.total) == (2, 2)
    assert job.created_by == fw.secretary and job.unit == fw.field.unit
    assert "2 new contacts" in job.message
    assert not list((tmp_path / "jobs").iterdir())  # the kept file is gone
    page = client.get(response["Location"]).content.decode()
    assert reverse("fieldwork:wall_chart", kwargs={"uid": fw.field.uid}) in page
    profiles = {p.person.alias: p for p in ContactProfile.objects.select_related("person", "part")}
    assert profiles["c-imp1"].part.name == "Rolling mill"
    assert profiles["c-imp1"].current_level.value == 2
    assert profiles["c-imp2"].part.name == "Night shift"


def test_it_asks_which_column_holds_the_alias(fw, login):
    response = login(fw.secretary).post(_url(fw), {"step": "preview", "text": GOOD,
                                                   "column_1": "part"})
    assert "Say which column holds the alias." in response.content.decode()


def test_it_refuses_a_file_that_is_not_utf8(fw, login):
    response = _upload(login(fw.secretary), fw, "Name\nJosé\n".encode("latin-1"))
    assert "The file is not UTF-8 text" in response.content.decode()


def test_it_refuses_an_empty_file(fw, login):
    response = _upload(login(fw.secretary), fw, b"")
    assert response.status_code == 200 and "errorlist" in response.content.decode()
