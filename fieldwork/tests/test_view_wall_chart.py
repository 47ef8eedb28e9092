"""The wall chart: parts by levels in the levels' colours, the unassessed and the never
contacted; aliases only for those who see the field's records."""

import re

import pytest
from django.urls import reverse

from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def mapped(fw):
    people = {}
    for alias, part, value in [("c-w1", "Rolling mill", 1), ("c-w2", "Rolling mill", None),
                               ("c-w3", "Night shift", 2), ("c-w4", None, None)]:
        people[alias] = fw.contact(alias, part=part)
        if value:
            fw.assess(people[alias], value)
    fw.activity(days_ago(1), contacts=[people["c-w1"]])
    return people


def _url(fw):
    return reverse("fieldwork:wall_chart", kwargs={"uid": fw.field.uid})


def _cell(body: str, part, level) -> tuple[str, str]:
    """(count, the rest of the cell) of one part and level."""
    match = re.search(rf'<li data-part="{part}" data-level="{level}"[^>]*>(.*?)</li>\s*(?=<li '
                      rf'data-part|</ul>\s*</section>)', body, re.S)
    assert match, (part, level)
    count = re.search(r'<span class="count">(\d+)</span>', match.group(1))
    assert count, (part, level)
    return count.group(1), match.group(1)


def test_it_places_each_contact_in_its_part_and_level(fw, mapped, login):
    body = login(fw.secretary).get(_url(fw)).content.decode()
    mill = fw.parts["Rolling mill"].pk
    count, cell = _cell(body, mill, 1)
    assert count == "1" and "c-w1" in cell
    assert reverse("fieldwork:assess", kwargs={"uid": mapped["c-w1"].uid}) in cell
    count, cell = _cell(body, mill, "unassessed")
    assert count == "1" and "c-w2" in cell
    count, cell = _cell(body, mill, "never")
    assert count == "1" and "c-w2" in cell and "c-w1" not in cell
    assert reverse("fieldwork:one_to_one", kwargs={"uid": fw.field.uid}) in cell
    assert _cell(body, fw.parts["Night shift"].pk, 2)[0] == "1"
    assert _cell(body, "none", "unassessed")[0] == "1"
    # The coloured grid: the level colours as SVG fills, no inline style anywhere.
    assert 'fill="#1b7837"' in body and 'role="img"' in body
    assert "style=" not in body


def test_it_gives_a_committee_member_counts_without_aliases(fw, mapped, login):
    response = login(fw.world.user("committee_member")).get(_url(fw))
    body = response.content.decode()
    assert _cell(body, fw.parts["Rolling mill"].pk, 1)[0] == "1"
    assert "c-w" not in body
    assert "Counts only" in body


def test_it_refreshes_the_chart_alone_for_htmx(fw, mapped, login):
    response = login(fw.secretary).get(_url(fw), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="wall-chart"') and "<html" not in body


def test_it_says_when_no_contact_is_mapped(fw, login):
    body = login(fw.secretary).get(_url(fw)).content.decode()
    assert "No contacts mapped in this field yet." in body
