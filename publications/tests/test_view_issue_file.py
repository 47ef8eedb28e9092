"""An issue's file, downloaded through the access layer; an issue without one sends its
reader back to the issue."""

from datetime import date

import pytest

from publications.actions import do_add_issue
from publications.tests.helpers import periodical, url
from publications.tests.images import png_with_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    star = periodical(world.orgs["rp"])
    return do_add_issue(acting_user=None, edition=star.editions.get(),
                        data={"number": 5, "published_on": date(2025, 1, 3)},
                        upload=png_with_text())


def test_it_gives_the_stored_file_as_a_download(world, login, issue):
    response = login(world.user("cell_member")).get(url("issue_file", issue))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="issue-5.png"'
    assert response.content.startswith(b"\x89PNG") and b"Someone Real" not in response.content


def test_it_404s_outside(world, login, issue):
    assert login(world.user("outsider")).get(url("issue_file", issue)).status_code == 404


def test_it_sends_back_to_the_issue_without_a_file(world, login):
    star = periodical(world.orgs["rp"])
    bare = do_add_issue(acting_user=None, edition=star.editions.get(),
                        data={"number": 6, "published_on": date(2025, 1, 10)})
    response = login(world.user("cell_member")).get(url("issue_file", bare))
    assert response.status_code == 302 and response.url == url("issue_detail", bare)
