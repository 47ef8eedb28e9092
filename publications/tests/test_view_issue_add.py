"""Adding an issue with its contents and file: the number once per edition, the file
checked by its content and stored without metadata."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from publications import files
from publications.models import Article, Issue
from publications.tests.helpers import founder, periodical, url
from publications.tests.images import CAMERA, jpeg_with_gps, metadata_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def star(world):
    return periodical(world.orgs["rp"])


def _post(client, star, **data):
    form = {"edition": star.editions.get().uid, "number": "12", "published_on": "2025-01-03",
            "contents": "Wages at the mill | A. Kargar\nThe strike, day three\n"}
    return client.post(url("issue_add", star), {**form, **data})


def test_its_form_sends_files(world, login, star):
    page = login(founder()).get(url("issue_add", star)).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page


def test_it_adds_the_issue_with_its_contents(world, login, star):
    response = _post(login(founder()), star)
    issue = Issue.objects.get()
    assert response.status_code == 302 and response.url == url("issue_detail", issue)
    assert (issue.number, issue.published_on) == (12, date(2025, 1, 3))
    assert list(issue.articles.values_list("position", "title", "pen_name")) == [
        (1, "Wages at the mill", "A. Kargar"), (2, "The strike, day three", "")]


def test_it_stores_a_photo_without_its_position_or_camera(world, login, star, tmp_path):
    photo = SimpleUploadedFile("front page.jpg", jpeg_with_gps(), content_type="image/jpeg")
    assert _post(login(founder()), star, file=photo).status_code == 302
    issue = Issue.objects.get()
    stored = files.path_of(issue.file_sha256, issue.file_type).read_bytes()
    assert issue.file_type == files.JPEG and issue.file_size == len(stored)
    assert metadata_of(stored) == {"exif": {}, "gps": {}, "info": {}}
    assert CAMERA.encode() not in stored
    assert [p.name for p in (tmp_path / "uploads" / "issues").iterdir()] == [
        f"{issue.file_sha256}.jpg"]


def test_it_refuses_a_file_whose_content_is_no_pdf_or_image(world, login, star):
    fake = SimpleUploadedFile("issue.pdf", b"MZ\x90\x00 an executable", "application/pdf")
    response = _post(login(founder()), star, file=fake)
    assert "Only a PDF or an image" in str(response.context["form"].errors["file"])
    assert not Issue.objects.exists() and not Article.objects.exists()


def test_it_refuses_an_oversized_file(world, login, star, settings):
    settings.NUCLEUS_ISSUE_FILE_MAX_BYTES = 1024
    big = SimpleUploadedFile("issue.jpg", jpeg_with_gps((400, 400)), "image/jpeg")
    response = _post(login(founder()), star, file=big)
    assert "larger than" in str(response.context["form"].errors["file"])
    assert not Issue.objects.exists()


def test_it_refuses_a_number_used_in_the_edition_and_saves_nothing(world, login, star):
    client = login(founder())
    _post(client, star)
    photo = SimpleUploadedFile("p.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = _post(client, star, published_on="2025-01-10", file=photo)
    assert response.context["form"].errors["number"] == [
        "Issue number 12 of this edition is already recorded."]
    assert Issue.objects.count() == 1 and Article.objects.count() == 2


def test_it_offers_only_the_periodicals_editions(world, login, star):
    other = periodical(world.orgs["rp"], "Other Star")
    response = _post(login(founder()), star, edition=other.editions.get().uid)
    assert "Select a valid choice" in str(response.context["form"].errors["edition"])
    assert not Issue.objects.exists()


def test_it_404s_for_who_may_not_change_it(world, login, star):
    assert _post(login(world.user("cell_secretary")), star).status_code == 404
    assert not Issue.objects.exists()
