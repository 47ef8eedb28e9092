"""The contact's page: the conversations and activities with them newest first, open
follow-ups, assessments over time with who made them, ties (in touch first) and the last
contact; nobody the reader may not see; a fixed number of queries; pages of 50."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from fieldwork.actions import do_create_activity, do_create_tie
from fieldwork.tests.conftest import days_ago
from fieldwork.timeline import TIMELINE_PAGE
from people.actions import do_move_person

pytestmark = pytest.mark.django_db


def _url(person) -> str:
    return reverse("fieldwork:contact", kwargs={"uid": person.uid})


def _talk(fw, contact, on, kind="one_to_one", members=(), **data):
    return do_create_activity(acting_user=fw.secretary, unit=fw.field.unit,
                              data={"kind": kind, "date": on, "field": fw.field, **data},
                              members=list(members), contacts=[contact])


def _ids(page: str) -> list[str]:
    section = page.split('id="timeline-heading"')[1].split("</section>")[0]
    return re.findall(r'id="activity-([0-9a-f-]+)"', section)


def test_it_lists_the_work_with_the_contact_newest_first(fw, login):
    contact = fw.contact("c-time")
    old = _talk(fw, contact, days_ago(9), kind="home_visit", members=[fw.member])
    new = _talk(fw, contact, days_ago(2), outcome="will sign")
    middle = _talk(fw, contact, days_ago(5))
    _talk(fw, fw.contact("c-other"), days_ago(1))  # another contact's: not on this page
    page = login(fw.secretary).get(_url(contact)).content.decode()
    assert _ids(page) == [str(new.uid), str(middle.uid), str(old.uid)]
    assert "Home visit" in page and "alias-cella-1" in page
    # The outcome stays behind the audited reveal.
    assert "will sign" not in page
    assert reverse("fieldwork:activity_notes", kwargs={"uid": new.uid}) in page


def test_it_says_when_the_last_contact_was(fw, login):
    contact = fw.contact("c-last")
    page = login(fw.secretary).get(_url(contact)).content.decode()
    assert "Never contacted" in page
    _talk(fw, contact, days_ago(4))
    page = login(fw.secretary).get(_url(contact)).content.decode()
    assert "4 days ago" in page


def test_it_lists_open_follow_ups_only(fw, login):
    contact = fw.contact("c-follow")
    open_one = _talk(fw, contact, days_ago(3), follow_up_on=days_ago(0))
    _talk(fw, contact, days_ago(6), follow_up_on=days_ago(4), follow_up_done=True)
    page = login(fw.secretary).get(_url(contact)).content.decode()
    section = page.split('id="follow-ups-heading"')[1].split("</section>")[0]
    assert re.findall(r'id="activity-([0-9a-f-]+)"', section) == [str(open_one.uid)]


def test_it_shows_assessments_over_time_with_who_made_them(fw, login):
    User.objects.filter(pk=fw.secretary.pk).update(person=fw.member)
    contact = fw.contact("c-assessed")
    fw.assess(contact, 3, days_ago(10))
    fw.assess(contact, 1, days_ago(1))
    page = login(fw.secretary).get(_url(contact)).content.decode()
    section = page.split('id="history-heading"')[1].split("</section>")[0]
    assert section.index("Committed leader") < section.index("Undecided")
    assert section.count("alias-cella-1") == 2


def test_it_lists_who_is_in_touch_first(fw, login):
    contact = fw.contact("c-ties")
    workmate = fw.contact("c-workmate")
    do_create_tie(acting_user=fw.secretary, from_person=contact, to_person=workmate,
                  kind="knows")
    do_create_tie(acting_user=fw.secretary, from_person=fw.member, to_person=contact,
                  kind="in_touch")
    page = login(fw.secretary).get(_url(contact)).content.decode()
    section = page.split('id="ties-heading"')[1].split("</section>")[0]
    assert section.index("alias-cella-1") < section.index("c-workmate")


def test_it_shows_no_one_the_reader_may_not_see(fw, login):
    contact = fw.contact("c-moved-member")
    mover = fw.world.people["alias-cella-2"]
    _talk(fw, contact, days_ago(2), members=[mover, fw.member])
    do_move_person(acting_user=None, person=mover, unit=fw.world.units["cell_b"])
    page = login(fw.secretary).get(_url(contact)).content.decode()
    assert "alias-cella-1" in page and "alias-cella-2" not in page


def test_it_offers_corrections_only_to_who_may_make_them(fw, login):
    contact = fw.contact("c-rights")
    activity = _talk(fw, contact, days_ago(2))
    fw.assess(contact, 2)
    edit = reverse("fieldwork:activity_edit", kwargs={"uid": activity.uid})
    assert edit in login(fw.secretary).get(_url(contact)).content.decode()
    page = login(fw.world.user("cell_member")).get(_url(contact)).content.decode()
    assert "c-rights" in page and edit not in page
    assert "/assessments/" not in page


def test_it_pages_a_long_history(fw, login):
    contact = fw.contact("c-long")
    for i in range(TIMELINE_PAGE + 3):
        _talk(fw, contact, days_ago(i % 30))
    client = login(fw.secretary)
    first = client.get(_url(contact)).content.decode()
    assert len(_ids(first)) == TIMELINE_PAGE and "?page=2" in first
    second = client.get(_url(contact) + "?page=2").content.decode()
    assert len(_ids(second)) == 3


def test_it_asks_a_fixed_number_of_queries_whatever_the_history(fw, login):
    contact = fw.contact("c-count")
    client = login(fw.secretary)
    client.get(_url(contact))  # the session's first request stamps it

    def grow(n: int) -> None:
        for i in range(n):
            workmate = fw.contact(f"c-count-{n}-{i}")
            _talk(fw, contact, days_ago(i % 20), members=[fw.member],
                  follow_up_on=days_ago(0), outcome="seen")
            fw.assess(contact, 1 + i % 5, days_ago(i % 20))
            do_create_tie(acting_user=fw.secretary, from_person=contact, to_person=workmate,
                          kind="knows")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(contact)).status_code == 200
        return len(queries)

    grow(2)
    small = count()
    grow(8)
    assert count() == small
