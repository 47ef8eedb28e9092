"""One direction for every scale (issue #13, point 10): assessment levels run from 1, the
strongest, on every page and chart that shows them; the mood is told in words, the strongest
first, never as a number running the other way."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from fieldwork.actions import do_record_mood
from fieldwork.actions.contacts import DEFAULT_SCALE
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db

LABELS = ["Committed leader", "Supporter", "Undecided", "Unfriendly", "Opposed"]


@pytest.fixture
def assessed(fw):
    people = []
    for n, value in enumerate((1, 2, 3, 4, 5)):
        person = fw.contact(f"c-so{n}", part="Rolling mill")
        fw.assess(person, value)
        people.append(person)
    return people


def _in_order(text: str, words: list[str]) -> bool:
    places = [text.find(w) for w in words]
    return -1 not in places and places == sorted(places)


def test_it_starts_the_default_scale_with_the_strongest():
    assert [(v, label) for v, label, _c in DEFAULT_SCALE] == list(enumerate(LABELS, 1))
    assert DEFAULT_SCALE[0][2] == "#1b7837"  # green: with us


@pytest.mark.parametrize("page", ["wall_chart", "field_detail", "assess", "scale_edit"])
def test_it_shows_the_levels_strongest_first(fw, assessed, login, page):
    uid = {"wall_chart": fw.field.uid, "field_detail": fw.field.uid,
           "assess": assessed[0].uid, "scale_edit": fw.world.orgs["rp"].uid}[page]
    # The scale is the top unit's secretaries' (the founder's in the cast).
    user = (User.objects.get(username="founder") if page == "scale_edit" else fw.secretary)
    body = login(user).get(reverse(f"fieldwork:{page}", kwargs={"uid": uid})).content.decode()
    assert _in_order(body, LABELS), page


def test_it_draws_the_levels_strongest_first_in_the_charts(fw, assessed, login):
    body = login(fw.secretary).get(reverse("fieldwork:wall_chart", kwargs={"uid": fw.field.uid})
                                   ).content.decode()
    grid = body[body.index('class="chart grid"'):]
    headers = re.findall(r'<text [^>]*font-weight="600"[^>]*>([^<]+)</text>', grid)
    assert headers[:7] == ["1", "2", "3", "4", "5", "?", "∅"]
    page = login(fw.secretary).get(reverse("fieldwork:field_detail",
                                           kwargs={"uid": fw.field.uid})).content.decode()
    bar = page[page.index('class="chart share"'):]
    segments = re.findall(r"<title>(\d) [^<:]+: \d+</title>", bar)
    assert segments == ["1", "2", "3", "4", "5"]


def test_it_offers_the_mood_in_words_strongest_first(fw, login):
    body = login(fw.secretary).get(reverse("fieldwork:mood_create", kwargs={"uid": fw.field.uid})
                                   ).content.decode()
    words = ["Ready to act", "Angry", "Restless", "Discontented", "Demoralized"]
    assert _in_order(body, words)
    assert not re.search(r"\d —", body)
    do_record_mood(acting_user=fw.secretary, field=fw.field,
                   data={"value": 5, "taken_on": days_ago(1)})
    page = login(fw.secretary).get(reverse("fieldwork:field_detail",
                                           kwargs={"uid": fw.field.uid})).content.decode()
    assert ": Ready to act." in page and "of 5" not in page
