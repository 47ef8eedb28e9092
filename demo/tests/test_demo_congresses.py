"""The demo's congresses: WPI's 4th Congress, the Kurdistan conference with its delegates,
and the composition reports (refused for the conference, shown for the Central Committee's
subtree), as the demo logins see them."""

from __future__ import annotations

import pytest
from django.db import transaction

from accounts.models import User
from congresses.ballot_voters import confirmed_delegate_keys
from congresses.composition import congress_report, unit_report
from congresses.models import Congress, Delegate
from demo.builder import build_demo
from organizations.models import Unit


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = build_demo()
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def built(demo, db):
    return demo


def _conference() -> Congress:
    return Congress.objects.get(kind="conference", unit__name="Kurdistan Committee")


def test_it_records_the_fourth_congress_closed_without_delegates(built):
    fourth = Congress.objects.get(kind="congress", number=4)
    assert (fourth.unit.name, fourth.status, fourth.name) == ("Congress", "closed",
                                                              "4th Congress")
    assert not fourth.delegates.exists()


def test_it_holds_the_conference_with_confirmed_delegates(built):
    conference = _conference()
    credentials = list(conference.delegates.order_by("number"))
    assert [(d.sending_unit.name[:14], d.status, d.attendance) for d in credentials] == [
        ("Cell – Sananda", "confirmed", "present"), ("Cell – Sananda", "confirmed", "present"),
        ("Cell – Mahabad", "confirmed", "present"), ("Cell – Mahabad", "confirmed", "excused")]
    assert len(confirmed_delegate_keys(conference)) == 4


def test_it_refuses_the_conference_report_and_shows_the_central_committees(built):
    kurdistan = User.objects.get(username="kurdistan")
    report = congress_report(kurdistan, _conference())
    assert not report.shown and report.total is None
    assert not unit_report(kurdistan, Unit.objects.get(name="Kurdistan Committee"),
                           below=True).shown
    cc = User.objects.get(username="cc")
    shown = unit_report(cc, Unit.objects.get(name="Central Committee",
                                             organization__acronym="WPI"), below=True)
    assert shown.shown and shown.total == 15
    assert sorted(g.count for g in shown.groups) == [5, 5, 5]


def test_it_shows_the_conference_page_without_an_alias(built, client):
    client.force_login(User.objects.get(username="kurdistan"))
    from accounts.tests.second_factor import pass_second_factor

    pass_second_factor(client, User.objects.get(username="kurdistan"))
    page = client.get(f"/congresses/{_conference().uid}/").content.decode()
    assert "Cell – Sanandaj textile mill: 4 voting members → 2 seats" in page
    assert "who could be identified by elimination" in page
    assert "Cell-Sara" not in page and "Cell-Rojin" not in page


def test_it_creates_nothing_the_second_time(built):
    assert build_demo().created == 0
    assert Delegate.objects.count() == 4
