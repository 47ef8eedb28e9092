"""The office's forms: a campaign, its components, the day of action (a window, then a fixed
date, with the history kept), the material package (a refused file saves nothing)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Campaign, Material
from campaigns.tests.helpers import campaign, url

pytestmark = pytest.mark.django_db


def test_the_office_creates_a_campaign(world, login):
    client = login(world.user("coalition_office"))
    response = client.post(reverse("campaigns:create", kwargs={"uid": world.coalition.uid}), {
        "title": "Solidarity with Iran", "language": "en", "starts_on": "2022-12-01"})
    assert response.status_code == 302
    made = Campaign.objects.get()
    assert (made.coalition, made.is_published) == (world.coalition, False)


def test_a_member_cannot_open_the_office_forms(world, login):
    made = campaign(world)
    client = login(world.user("cell_secretary"))
    for name in ("campaigns:edit", "campaigns:component_add", "campaigns:day_of_action",
                 "campaigns:material_add"):
        assert client.get(url(name, made)).status_code == 404, name


def test_the_day_of_action_goes_from_a_window_to_a_date(world, login):
    made = campaign(world)
    client = login(world.user("coalition_office"))
    client.post(url("campaigns:day_of_action", made), {
        "window_text": "end of November, beginning of December",
        "starts_on": "2022-11-26", "ends_on": "2022-12-10"})
    client.post(url("campaigns:day_of_action", made), {"starts_on": "2022-12-10"})
    days = list(made.days_of_action.order_by("created_at", "pk"))
    assert [(d.window_text, d.is_fixed) for d in days] == [
        ("end of November, beginning of December", False), ("", True)]
    assert made.day_of_action == days[-1]


def test_it_refuses_a_file_of_the_wrong_kind_with_a_clear_message(world, login, settings,
                                                                  tmp_path):
    settings.DATA_DIR = tmp_path
    made = campaign(world)
    client = login(world.user("coalition_office"))
    response = client.post(url("campaigns:material_add", made), {
        "title": "Leaflet", "kind": "document", "language": "en",
        "file": SimpleUploadedFile("leaflet.pdf", b"PK\x03\x04 a zip, not a PDF")})
    assert response.status_code == 200
    assert "This kind of file cannot be added" in response.content.decode()
    assert not Material.objects.exists() and not (tmp_path / "uploads").exists()
    response = client.post(url("campaigns:material_add", made), {
        "title": "Slogans", "kind": "slogan", "language": "fa", "public": "on",
        "file": SimpleUploadedFile("x.bin", "مرگ بر رژیم\n".encode())})
    assert response.status_code == 302
    assert Material.objects.get().file_type == "text/plain"
