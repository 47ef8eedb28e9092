"""/api/periodicals/: list, detail and create under restrict; 404 outside; a unit or an
original the caller cannot see is not named."""

import pytest
from django.urls import reverse

from publications.actions import do_add_status
from publications.models import Periodical
from publications.tests.helpers import founder, periodical

pytestmark = pytest.mark.django_db

LIST = reverse("periodical-list")


def _rows(body):
    return body["results"] if isinstance(body, dict) and "results" in body else body


def _detail(obj) -> str:
    return reverse("periodical-detail", kwargs={"uid": obj.uid})


def test_it_lists_only_visible_periodicals(world, login):
    red = periodical(world.orgs["rp"], "Red Star")
    periodical(world.orgs["op"], "Other Voice")
    rows = _rows(login(world.user("cell_member")).get(LIST).json())
    assert [p["title"] for p in rows] == ["Red Star"]
    assert login(world.user("outsider")).get(_detail(red)).status_code == 404
    filtered = login(world.user("coalition_office")).get(
        LIST, {"organization": str(world.orgs["rp"].uid)}).json()
    assert [p["title"] for p in _rows(filtered)] == ["Red Star"]


def test_it_shows_the_schedule_and_hides_an_invisible_unit(world, login):
    red = periodical(world.orgs["rp"], publishing_unit=world.units["north"])
    do_add_status(acting_user=None, periodical=red, data={"frequency": "weekly",
                                                          "weekday": 4})
    body = login(world.user("cell_member")).get(_detail(red)).json()
    assert body["publishing_unit"] is None and "id" not in body
    assert body["status_history"][0]["weekday"] == 4
    assert body["editions"][0]["language"] == "fa"
    seen = login(world.user("overseer")).get(_detail(red)).json()
    assert seen["publishing_unit"] == str(world.units["north"].uid)


def test_it_creates_a_periodical_for_whoever_may_change_the_profile(world, login):
    payload = {"organization": str(world.orgs["rp"].uid), "title": "API Star",
               "kind": "magazine", "languages": ["fa", "en"]}
    response = login(founder()).post(LIST, payload, content_type="application/json")
    assert response.status_code == 201, response.content
    star = Periodical.objects.get(title="API Star")
    assert response.json()["uid"] == str(star.uid)
    assert list(star.editions.values_list("language", flat=True)) == ["fa"]


def test_it_refuses_creating_outside_and_bad_languages(world, login):
    payload = {"organization": str(world.orgs["rp"].uid), "title": "API Star"}
    response = login(world.user("cell_secretary")).post(LIST, payload,
                                                        content_type="application/json")
    assert response.status_code == 400 and "organization" in response.json()
    response = login(founder()).post(LIST, {**payload, "languages": ["Persian"]},
                                     content_type="application/json")
    assert response.status_code == 400 and "languages" in response.json()
    assert not Periodical.objects.filter(title="API Star").exists()


def test_it_updates_and_refuses_a_stale_version(world, login):
    red = periodical(world.orgs["rp"])
    client = login(founder())
    response = client.patch(_detail(red), {"pages": 12, "version": red.version},
                            content_type="application/json")
    assert response.status_code == 200 and response.json()["pages"] == 12
    stale = client.patch(_detail(red), {"pages": 4, "version": red.version},
                         content_type="application/json")
    assert stale.status_code == 409
    assert login(world.user("cell_member")).patch(
        _detail(red), {"pages": 1}, content_type="application/json").status_code == 404
