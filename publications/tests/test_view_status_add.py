"""Recording a status and schedule: the latest is the current one, the earlier ones its
history; an impossible schedule is refused and nothing is saved."""

import pytest

from publications.models import StatusPeriod
from publications.tests.helpers import founder, periodical, url

pytestmark = pytest.mark.django_db

WEEKLY_FRIDAY = {"status": "current", "since_precision": "day", "frequency": "weekly",
                 "weekday": "4"}


def test_it_records_a_schedule_and_then_its_end(world, login):
    star = periodical(world.orgs["rp"])
    client = login(founder())
    assert client.post(url("status_add", star), WEEKLY_FRIDAY).status_code == 302
    assert client.post(url("status_add", star), {
        "status": "ceased", "since": "2025-02-01", "since_precision": "day",
        "frequency": ""}).status_code == 302
    periods = list(star.status_periods.all())
    assert [(p.status, p.frequency, p.weekday) for p in periods] == [
        ("current", "weekly", 4), ("ceased", "", None)]
    page = client.get(url("periodical_detail", star))
    assert page.context["report"].status == periods[-1]


def test_it_refuses_an_eighth_weekday(world, login):
    star = periodical(world.orgs["rp"])
    response = login(founder()).post(url("status_add", star), {**WEEKLY_FRIDAY,
                                                                "weekday": "7"})
    assert response.status_code == 200
    assert "weekday" in response.context["form"].errors
    assert not StatusPeriod.objects.exists()


def test_it_refuses_a_monthly_day_beyond_any_month(world, login):
    star = periodical(world.orgs["rp"])
    response = login(founder()).post(url("status_add", star), {
        **WEEKLY_FRIDAY, "frequency": "monthly", "weekday": "", "day_of_month": "32"})
    assert "at most 31 days" in str(response.context["form"].errors["day_of_month"])
    assert not StatusPeriod.objects.exists()


def test_it_404s_for_who_may_not_change_it(world, login):
    star = periodical(world.orgs["rp"])
    assert login(world.user("cell_member")).post(url("status_add", star),
                                                 WEEKLY_FRIDAY).status_code == 404
    assert not StatusPeriod.objects.exists()
