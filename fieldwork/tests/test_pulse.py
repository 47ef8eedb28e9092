"""pulse(): mood trend, demands per month, struggles; and their validation."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from fieldwork.actions import (
    do_create_demand,
    do_create_struggle,
    do_raise_demand,
    do_record_mood,
    do_update_struggle,
    ensure_default_demands,
)
from fieldwork.metrics import pulse
from fieldwork.models import Demand
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


def _demand(fw, kind):
    return Demand.objects.get(organization=fw.world.orgs["rp"], kind=kind)


def test_it_seeds_the_demand_catalogue_once(fw):
    rp = fw.world.orgs["rp"]
    assert {d.kind for d in ensure_default_demands(rp)} == {
        "wages", "hours", "safety", "dismissals", "union_rights", "housing", "other"}
    do_create_demand(acting_user=None, organization=rp,
                     data={"kind": "other", "name": "Canteen"})
    assert len(ensure_default_demands(rp)) == 8


def test_it_shows_the_pulse_of_a_field(fw):
    today = timezone.localdate()
    first_of_month = today.replace(day=1)
    last_month = (first_of_month - timedelta(days=1)).replace(day=1)
    for on, value, note in [(days_ago(2), 4, "angry about the heat"),
                            (days_ago(40), 2, "quiet")]:
        do_record_mood(acting_user=fw.secretary, field=fw.field,
                       data={"taken_on": on, "value": value, "note": note})
    wages, safety = _demand(fw, "wages"), _demand(fw, "safety")
    for demand, on in [(wages, first_of_month), (wages, first_of_month), (safety, last_month),
                       (wages, last_month)]:
        do_raise_demand(acting_user=fw.secretary, field=fw.field, demand=demand, raised_on=on)
    strike = do_create_struggle(acting_user=fw.secretary, field=fw.field, data={
        "kind": "strike", "started_on": days_ago(10), "ended_on": days_ago(8),
        "participants": 300, "involvement": "participation", "outcome": "5 % raise"},
        demands=[wages])
    result = pulse(fw.secretary, fw.field)
    assert [(m.value, m.note) for m in result.mood] == [(2, "quiet"),
                                                        (4, "angry about the heat")]
    assert [(d.month, d.demand, d.count) for d in result.demands] == [
        (last_month, "Health and safety", 1), (last_month, "Wages", 1),
        (first_of_month, "Wages", 2)]
    assert [(s.struggle_id, s.participants, s.demands) for s in result.struggles] == [
        (strike.pk, 300, ["Wages"])]


def test_it_hides_mood_notes_from_the_committee(fw):
    do_record_mood(acting_user=fw.secretary, field=fw.field,
                   data={"taken_on": days_ago(1), "value": 3, "note": "c-someone wavers"})
    result = pulse(fw.world.user("committee_member"), fw.field)
    assert [(m.value, m.note) for m in result.mood] == [(3, "")]
    with pytest.raises(Http404):
        pulse(fw.world.user("sibling_secretary"), fw.field)


@pytest.mark.parametrize("data", [
    {"taken_on": days_ago(0) + timedelta(days=1), "value": 3},
    {"taken_on": days_ago(1), "value": 6},
    {"taken_on": days_ago(1), "value": 0},
])
def test_it_rejects_a_bad_mood_reading(fw, data):
    with pytest.raises(ValidationError):
        do_record_mood(acting_user=fw.secretary, field=fw.field, data=data)


def test_it_rejects_bad_struggles_and_foreign_demands(fw):
    with pytest.raises(ValidationError):
        do_create_struggle(acting_user=fw.secretary, field=fw.field, data={
            "kind": "strike", "started_on": days_ago(3), "ended_on": days_ago(5)})
    with pytest.raises(ValidationError):
        do_create_struggle(acting_user=fw.secretary, field=fw.field, data={
            "kind": "protest", "started_on": days_ago(0) + timedelta(days=1)})
    foreign = ensure_default_demands(fw.world.orgs["op"])[0]
    with pytest.raises(ValidationError):
        do_raise_demand(acting_user=fw.secretary, field=fw.field, demand=foreign,
                        raised_on=days_ago(1))
    struggle = do_create_struggle(acting_user=fw.secretary, field=fw.field, data={
        "kind": "resistance", "started_on": days_ago(3)})
    with pytest.raises(ValidationError):
        do_update_struggle(acting_user=fw.secretary, struggle=struggle, data={},
                           demands=[foreign])
    do_update_struggle(acting_user=fw.secretary, struggle=struggle,
                       data={"involvement": "leadership"}, demands=[_demand(fw, "hours")])
    struggle.refresh_from_db()
    assert struggle.involvement == "leadership"
    assert [d.kind for d in struggle.demands.all()] == ["hours"]
