"""Recording a split: departures with their status, counts per organ seen as counts only,
the lineage events on both organizations, and refusals that leave nothing behind."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from alliances.models import Departure, Split, SplitCount
from alliances.splits import OrganCount, do_record_split
from organizations.actions import do_create_organization
from organizations.models import LineageEvent
from people.models import Person, StatusChange

pytestmark = pytest.mark.django_db

DAY = date(2004, 8, 15)


@pytest.fixture
def new_party():
    return do_create_organization(acting_user=None, data={"name": "Red Party – Hekmatist"})


def _rows() -> tuple[int, int, int, int]:
    return (Split.objects.count(), SplitCount.objects.count(), Departure.objects.count(),
            LineageEvent.objects.count())


def test_it_records_who_left_and_the_counts(allied, new_party):
    leaving = [allied.people["alias-cella-1"], allied.people["alias-rpcc-1"]]
    split = do_record_split(
        acting_user=allied.user("cell_secretary"), organization=allied.orgs["rp"],
        new_organization=new_party, date=DAY, departures=leaving,
        counts=[OrganCount(unit=allied.units["rp_cc"], left=4, of=7,
                           description="more than half")])
    for person in leaving:
        person.refresh_from_db()
        assert (person.status, person.status_since) == (Person.Status.LEFT, DAY)
        assert StatusChange.objects.filter(person=person, status="left", on=DAY).exists()
        departure = Departure.objects.get(person=person)
        assert (departure.reason, departure.split, departure.date) == ("split", split, DAY)
    count = split.counts.get()
    assert (count.left, count.of, count.description) == (4, 7, "more than half")
    assert LineageEvent.objects.filter(organization=allied.orgs["rp"], kind="split_off",
                                       other=new_party, date=DAY).exists()
    assert LineageEvent.objects.filter(organization=new_party, kind="split_from",
                                       other=allied.orgs["rp"], year=2004).exists()


def test_it_records_a_historical_split_with_counts_only(allied, new_party):
    split = do_record_split(acting_user=None, organization=allied.orgs["rp"],
                            new_organization=new_party, year=2004,
                            counts=[OrganCount(unit=allied.units["north"],
                                               description="most")])
    assert (split.date, split.year) == (None, 2004)
    assert split.counts.get().left is None
    assert not split.departures.exists()


def test_it_adds_no_second_lineage_event(allied, new_party):
    do_record_split(acting_user=None, organization=allied.orgs["rp"],
                    new_organization=new_party, year=2004)
    do_record_split(acting_user=None, organization=allied.orgs["rp"],
                    new_organization=new_party, year=2004)
    assert LineageEvent.objects.filter(organization=allied.orgs["rp"], kind="split_off",
                                       other=new_party).count() == 1


@pytest.mark.parametrize("bad", ["itself", "no date", "foreign organ", "too many", "no count",
                                 "twice", "contact", "left already", "foreign member",
                                 "members without a day"])
def test_it_refuses_bad_input_and_saves_nothing(allied, new_party, bad):
    rp, person = allied.orgs["rp"], allied.people["alias-cella-2"]
    kwargs = {"organization": rp, "new_organization": new_party, "date": DAY}
    if bad == "itself":
        kwargs["new_organization"] = rp
    elif bad == "no date":
        kwargs["date"] = None
    elif bad == "foreign organ":
        kwargs["counts"] = [OrganCount(unit=allied.units["cell_x"], left=1)]
    elif bad == "too many":
        kwargs["counts"] = [OrganCount(unit=allied.units["north"], left=8, of=7)]
    elif bad == "no count":
        kwargs["counts"] = [OrganCount(unit=allied.units["north"])]
    elif bad == "twice":
        kwargs["departures"] = [person, person]
    elif bad == "contact":
        person.kind = Person.Kind.CONTACT
        person.save()
        kwargs["departures"] = [person]
    elif bad == "left already":
        person.status = Person.Status.LEFT
        person.save()
        kwargs["departures"] = [person]
    elif bad == "foreign member":
        kwargs["departures"] = [allied.people["alias-cellx-1"]]
    elif bad == "members without a day":
        kwargs.update(date=None, year=2004, departures=[person])
    before = _rows()
    status = Person.objects.get(pk=person.pk).status
    with pytest.raises(ValidationError):
        do_record_split(acting_user=None, **kwargs)
    assert _rows() == before
    assert Person.objects.get(pk=person.pk).status == status


def test_it_shows_the_counts_at_and_above_the_organ_only(allied, new_party):
    do_record_split(acting_user=None, organization=allied.orgs["rp"],
                    new_organization=new_party, date=DAY,
                    counts=[OrganCount(unit=allied.units["cell_a"], left=2, of=5)])
    seen = {name: SplitCount.objects.restrict(allied.user(name))
            .filter(unit=allied.units["cell_a"]).exists()
            for name in ("cell_secretary", "cell_member", "overseer", "committee_member",
                         "sibling_secretary", "coalition_office", "outsider")}
    assert seen == {"cell_secretary": True, "cell_member": True, "overseer": True,
                    "committee_member": True, "sibling_secretary": False,
                    "coalition_office": False, "outsider": False}


def test_it_shows_departures_to_the_units_people_only(allied, new_party):
    do_record_split(acting_user=None, organization=allied.orgs["rp"],
                    new_organization=new_party, date=DAY,
                    departures=[allied.people["alias-cella-1"]])
    seen = {name for name in ("cell_secretary", "cell_member", "overseer", "committee_member",
                              "sibling_secretary", "coalition_office", "outsider")
            if Departure.objects.restrict(allied.user(name)).exists()}
    assert seen == {"cell_secretary", "cell_member", "overseer"}


def test_it_names_a_new_organization_out_of_the_directory(allied):
    split = do_record_split(acting_user=None, organization=allied.orgs["rp"],
                            new_organization_name="Red Party (Renewal)", year=2010)
    assert (split.new_organization, split.new_name) == (None, "Red Party (Renewal)")
    assert LineageEvent.objects.filter(organization=allied.orgs["rp"], kind="split_off",
                                       other_name="Red Party (Renewal)").exists()


def test_it_refuses_a_split_into_nothing(allied):
    with pytest.raises(ValidationError) as refused:
        do_record_split(acting_user=None, organization=allied.orgs["rp"], year=2010)
    assert refused.value.message_dict["new_organization"] == ["Name the new organization."]
