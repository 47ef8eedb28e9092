"""Big workplaces at full size: the field page names its first contacts and counts them all,
the wall chart names a dozen aliases per cell and links the rest, continuity pages its fields;
the number of queries does not grow with the contacts (issue #15, point 4)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fieldwork.views.dashboards import CONTINUITY_PAGE
from fieldwork.views.fields import FIELD_CONTACTS

pytestmark = pytest.mark.django_db


def _contacts(fw, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        fw.contact(f"big-{i:03d}", part="Rolling mill")


def _queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_field_page_names_the_first_contacts_and_counts_them_all(fw, login):
    client = login(fw.secretary)
    url = reverse("fieldwork:field_detail", kwargs={"uid": fw.field.uid})
    client.get(url)  # the session's first request stamps it
    _contacts(fw, 5)
    few, _body = _queries(client, url)
    _contacts(fw, FIELD_CONTACTS + 10, start=5)
    many, body = _queries(client, url)
    assert many == few
    assert f"{FIELD_CONTACTS + 15} contacts" in body
    assert body.count('class="fw-rows fw-contacts"') == 1
    assert "big-000" in body and f"big-{FIELD_CONTACTS - 1:03d}" in body
    assert f"big-{FIELD_CONTACTS:03d}" not in body  # on the contact list, one link away
    assert reverse("fieldwork:field_contacts", kwargs={"uid": fw.field.uid}) in body


def test_the_wall_chart_names_a_dozen_per_cell_and_links_the_rest(fw, login):
    client = login(fw.secretary)
    url = reverse("fieldwork:wall_chart", kwargs={"uid": fw.field.uid})
    client.get(url)
    _contacts(fw, 3)
    few, _body = _queries(client, url)
    _contacts(fw, 17, start=3)  # 20 never contacted in the rolling mill
    many, body = _queries(client, url)
    assert many == few
    assert "+8 more" in body
    assert "big-011" in body and "big-012" not in body
    # The rest is the cell's list: the rolling mill's contacts never contacted.
    assert "level=none&amp;contact=never" in body.split("+8 more")[0].rsplit("<a href=", 1)[1]


def test_continuity_pages_its_fields_with_plain_links(fw, login):
    for i in range(CONTINUITY_PAGE + 1):
        fw.new_field(f"Yard {i:02d}")
    client = login(fw.secretary)
    url = reverse("fieldwork:continuity", kwargs={"uid": fw.field.unit.uid})
    client.get(url)
    first, body = _queries(client, url)
    assert "?page=2" in body
    second, body2 = _queries(client, url + "?page=2")
    assert second == first
    assert "Page 2 of 2" in body2


def test_the_activity_form_of_a_big_cell_types_the_contact_instead_of_listing_all(
        fw, login, monkeypatch):
    from access import typed_choices

    monkeypatch.setattr(typed_choices, "TYPED_OVER", 10)
    client = login(fw.secretary)
    url = reverse("fieldwork:activity_create", kwargs={"uid": fw.field.unit.uid})
    _contacts(fw, 5)
    few = client.get(url).content.decode()
    assert "big-004" in few  # a short list is a select
    _contacts(fw, 30, start=5)
    many = client.get(url).content.decode()
    assert "big-004" not in many and "big-034" not in many
    assert len(many) < len(few)
