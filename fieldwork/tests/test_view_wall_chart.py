"""The wall chart: parts by levels in the levels' colours, the unassessed and the never
contacted; aliases only for those who see the field's records."""

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve, reverse

from fieldwork.actions import do_create_contact, do_create_field_part
from fieldwork.models import AssessmentLevel, ContactProfile
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
    assert count == "0"
    count, cell = _cell(body, mill, "never")
    assert count == "1" and "c-w2" in cell and "c-w1" not in cell
    assert reverse("fieldwork:one_to_one", kwargs={"uid": fw.field.uid}) in cell
    assert _cell(body, fw.parts["Night shift"].pk, 2)[0] == "1"
    assert _cell(body, "none", "never")[0] == "1"
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


def _links(cell: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'<a href="([^"]*/contacts/\?[^"]*)"', cell)]


def _people_of(fw, query: dict) -> set[str]:
    """The contacts of the field that the list behind a count holds, read from the
    parameters the contact list page takes (part, level, contact)."""
    profiles = ContactProfile.objects.filter(field=fw.field)
    part = query["part"][0]
    profiles = (profiles.filter(part__isnull=True) if part == "none"
                else profiles.filter(part__uid=part))
    level = query["level"][0]
    if level == "none":
        profiles = profiles.filter(current_level__isnull=True)
    else:
        profiles = profiles.filter(current_level=AssessmentLevel.objects.get(uid=level))
    contact = query.get("contact", [""])[0]
    if contact:
        profiles = profiles.filter(last_contact_on__isnull=(contact == "never"))
    return set(profiles.values_list("person__alias", flat=True))


def test_it_links_each_count_to_the_list_of_exactly_its_people(fw, mapped, login):
    fw.contact("c-w5", part="Rolling mill")
    fw.activity(days_ago(2), contacts=[fw.contact("c-w6", part="Rolling mill")])
    client = login(fw.secretary)
    body = client.get(_url(fw)).content.decode()
    base = reverse("fieldwork:field_detail", kwargs={"uid": fw.field.uid}) + "contacts/"
    cases = [(fw.parts["Rolling mill"].pk, 1, {"c-w1"}),
             (fw.parts["Rolling mill"].pk, "unassessed", {"c-w6"}),
             (fw.parts["Rolling mill"].pk, "never", {"c-w2", "c-w5"}),
             (fw.parts["Night shift"].pk, 2, {"c-w3"}), ("none", "never", {"c-w4"})]
    for part, level, expected in cases:
        count, cell = _cell(body, part, level)
        links = _links(cell)
        assert count == str(len(expected)) and len(links) == 1, (part, level)
        url = urlsplit(links[0])
        assert url.path == base
        assert _people_of(fw, parse_qs(url.query)) == expected, (part, level)
        try:
            resolve(url.path)
        except Resolver404:
            continue  # the contact list page (issue #13, point 4) is another change's
        page = client.get(links[0]).content.decode()
        others = {f"c-w{n}" for n in range(1, 7)} - expected
        assert all(a in page for a in expected) and not any(
            re.search(rf"\b{a}\b", page) for a in others), (part, level)
    # An empty cell is no link; the same links in the coloured grid.
    assert not _links(_cell(body, fw.parts["Night shift"].pk, 1)[1])
    grid = body[body.index("<svg"):body.index("</svg>")]
    assert len(_links(grid)) == len(cases)


def test_it_gives_no_list_to_who_sees_counts_only(fw, mapped, login):
    body = login(fw.world.user("committee_member")).get(_url(fw)).content.decode()
    assert "/contacts/?" not in body


def test_it_writes_part_names_in_full(fw, mapped, login):
    long_name = "Maintenance and repair workshop of the cold rolling line"
    part = do_create_field_part(acting_user=fw.secretary, field=fw.field,
                                data={"name": long_name, "headcount": 4})
    do_create_contact(acting_user=fw.secretary, field=fw.field, alias="c-w7",
                      profile={"part": part})
    body = login(fw.secretary).get(_url(fw)).content.decode()
    grid = body[body.index("<svg"):body.index("</svg>")]
    # Every word of the name in the chart's labels (wrapped over lines), no ellipsis.
    labels = " ".join(re.findall(r">([^<>]+)</text>", grid))
    assert labels.count(long_name.split()[0]) == 1
    assert all(word in labels.split() for word in long_name.split()) and "…" not in grid
    assert f"<h3>{long_name}" in body
    assert _cell(body, part.pk, "never")[0] == "1"


def test_it_prints_the_chart_alone_with_its_legend(fw, mapped, login):
    body = login(fw.secretary).get(_url(fw)).content.decode()
    assert 'class="wall-sheet"' in body
    for text in ("1 Committed leader", "5 Opposed", "? contacted, not assessed yet",
                 "∅ never contacted"):
        assert text in re.sub(r"<[^>]+>", "", body).replace("  ", " "), text
    css = (Path(settings.BASE_DIR) / "static/nucleus/nucleus.css").read_text()
    printed = " ".join(block for block in css.split("@media print")[1:])
    for rule in (".topbar", "nav", ".actions", ".breadcrumbs", ".wall-sheet",
                 "break-after: page", ".legend"):
        assert rule in printed, rule
