"""The demo's circles of allies and splits: RMP's three circles from 002 with their criteria
and organizations, the nearest by decision; WPI's 2004 split with its counts per organ;
CIPOML's splits from 004 as lineage events. Built once for the module (rolled back)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from alliances.models import Circle, Classification, Split
from demo.builder import build_demo
from organizations.models import LineageEvent, Organization


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = build_demo()
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def built(demo, db):
    return demo


def _names(circle: Circle) -> set[str]:
    return set(Classification.objects.filter(circle=circle, until__isnull=True)
               .values_list("organization__name", flat=True))


def test_it_builds_rmps_three_circles_with_their_organizations(built):
    circles = list(Circle.objects.filter(unit__name="RMP Central Committee"))
    assert [c.position for c in circles] == [1, 2, 3]
    assert _names(circles[0]) == {"Marxist-Leninist Party of Germany"}
    assert _names(circles[1]) == {"Maoist Internationalist Movement", "RCP USA",
                                  "Canadian RCP", "Communist Party of Aotearoa"}
    # KSRD is the ICOR signatory of 003, under its full name.
    assert _names(circles[2]) == {"Group of Revolutionary Communists “Red Wedge”",
                                  "Coordination Council of the Workers Class Movement",
                                  "Maoist Anti-imperialist Club"}
    assert [c.criteria.count() for c in circles] == [3, 3, 3]
    assert circles[0].criteria.first().text == (
        "Groups that proclaim their goal to be a proletarian revolution")


def test_it_classifies_the_nearest_circle_by_one_decision_of_the_rmp(built):
    nearest = Circle.objects.get(unit__name="RMP Central Committee", position=3)
    assert nearest.requires_decision
    decisions = {c.decision for c in nearest.classifications.all()}
    (decision,) = decisions
    assert decision.unit == nearest.unit and decision.title.startswith("Entered into")
    others = Classification.objects.filter(unit=nearest.unit).exclude(circle=nearest)
    assert not others.filter(decision__isnull=False).exists()


def test_it_drops_the_allies_notes_from_the_public_profiles(built):
    # The circles are the RMP's internal records: no profile tells an ally its circle.
    for acronym in ("MLPD", "KSRD"):
        assert "circle" not in Organization.objects.get(acronym=acronym).description


def test_it_records_wpis_2004_split_with_counts_per_organ(built):
    split = Split.objects.get(organization__acronym="WPI")
    assert split.year == 2004 and split.new_organization.name.endswith("Hekmatist")
    assert {(c.unit.name, c.description) for c in split.counts.all()} == {
        ("Central Committee", "more than half"), ("Kurdistan Committee", "most")}
    assert not split.departures.exists()
    # The builder's lineage events are the split's: not written twice.
    assert LineageEvent.objects.filter(organization=split.organization,
                                       kind="split_off").count() == 1


def test_it_adds_cipomls_splits_as_lineage_events(built):
    colombia = Organization.objects.get(name="Communist Party of Colombia (Marxist-Leninist)")
    event = colombia.lineage.get(kind="split_from")
    assert (event.other_name, event.year) == ("Communist Party of Colombia", 1965)
    assert colombia.founded_year == 1965  # missing from its profile until the split said it
    spain = Organization.objects.get(name="Communist Party of Spain (Marxist-Leninist)")
    assert spain.lineage.get(kind="split_from").year == 1964
    assert LineageEvent.objects.filter(note="From the CIPOML directory.").count() == 4


def test_it_shows_the_circles_to_rmp_only(built, login):
    users = get_user_model().objects
    nearest = Circle.objects.get(unit__name="RMP Central Committee", position=3)
    url = reverse("alliances:circle", kwargs={"uid": nearest.uid})
    assert "KSRD" in login(users.get(username="rmp")).get(url).content.decode()
    for name in ("icor", "cc", "kurdistan"):
        assert login(users.get(username=name)).get(url).status_code == 404


def test_it_shows_the_split_counts_to_the_central_committee(built, login):
    split = Split.objects.get(organization__acronym="WPI")
    client = login(get_user_model().objects.get(username="cc"))
    text = client.get(reverse("alliances:split", kwargs={"uid": split.uid})).content.decode()
    assert ">more than half</td>" in text and ">most</td>" in text
    # The Kurdistan Committee sees its own count, not the one of the organ above it.
    client = login(get_user_model().objects.get(username="kurdistan"))
    text = client.get(reverse("alliances:split", kwargs={"uid": split.uid})).content.decode()
    assert ">most</td>" in text and ">more than half</td>" not in text


def test_loading_twice_creates_nothing(built):
    assert build_demo().created == 0
