"""The demo's resolutions (demo/coalitions.py): ICOR's call adopted on 28 November 2022 by
its 28th approval, TKP-ML as later signatory, a fresh circulation ``rmp`` is reminded of and
may answer, CIPOML's three joint statements; building twice creates nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coalitions.models import CoalitionResolution, Signatory
from coalitions.queries import reminders
from demo.builder import build_demo
from demo.coalitions import FICTIONAL_TITLE, build_coalitions
from demo.seeds import load_seeds


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_demo()
        transaction.set_rollback(True)


@pytest.fixture
def built(demo, db):
    return demo


def _icor_call() -> CoalitionResolution:
    return CoalitionResolution.objects.get(coalition__acronym="ICOR",
                                           title__startswith="ICOR Solidarity Campaign")


def test_it_adopts_icors_call_on_the_day_of_the_28th_approval(built):
    call = _icor_call()
    assert (call.status, call.adopted_on) == ("adopted", date(2022, 11, 28))
    answers = call.circulation.answers.filter(vote="approve", replaced_at__isnull=True)
    assert answers.count() == 28 and all(a.received_in_writing for a in answers)
    assert max(a.answered_on for a in answers) == date(2022, 11, 28)
    assert call.original.points.count() == 6
    assert "worldwide day of action" in call.original.points.last().body


def test_it_lists_tkp_ml_as_the_later_signatory(built):
    call = _icor_call()
    assert Signatory.objects.filter(resolution=call, later=False).count() == 28
    later = Signatory.objects.get(resolution=call, later=True)
    assert later.organization.acronym == "TKP-ML"


def test_it_reminds_rmp_of_the_fresh_circulation_and_lets_it_answer(built, client):
    rmp = User.objects.get(username="rmp")
    assert [r.resolution.title for r in reminders(rmp)] == [FICTIONAL_TITLE]
    from accounts.tests.second_factor import pass_second_factor

    client.force_login(rmp)
    pass_second_factor(client, rmp)
    assert FICTIONAL_TITLE in client.get(reverse("accounts:home")).content.decode()
    draft = CoalitionResolution.objects.get(title=FICTIONAL_TITLE)
    page = client.get(reverse("coalitions:answer", kwargs={"uid": draft.uid}))
    assert "Russian Maoist Party" in page.content.decode()


def test_it_records_cipomls_three_joint_statements(built):
    titles = list(CoalitionResolution.objects.filter(coalition__acronym="CIPOML")
                  .order_by("title").values_list("kind", "title"))
    assert len(titles) == 3 and {k for k, _t in titles} == {"joint_statement"}
    assert any(t.startswith("May 1st Manifesto") for _k, t in titles)


def test_it_creates_nothing_the_second_time(built):
    seeds = load_seeds(settings.NUCLEUS_SEEDS_DIR)
    assert build_coalitions(seeds, settings.NUCLEUS_SEEDS_DIR, timezone.localdate()) == 0
