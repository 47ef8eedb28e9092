"""The public page and the campaign's resolution: nothing before adoption; then the original
and the checked translations (a draft translation is not published), in their direction, and
the dated signatory list with the later signatory."""

from __future__ import annotations

import datetime

import pytest

from campaigns import actions
from campaigns.tests.helpers import campaign, url
from coalitions.actions import do_add_text, do_enter_written_answer, do_sign_later
from coalitions.tests.world import circulation, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted_campaign(world):
    office = world.user("coalition_office")
    circulated = circulation(world, needed=2)
    resolution = circulated.resolution
    do_add_text(acting_user=office, resolution=resolution, language="fa",
                title="فراخوان همبستگی", body="متن فارسی", translation_status="checked")
    do_add_text(acting_user=office, resolution=resolution, language="de",
                title="Solidaritätsaufruf", body="Entwurf", translation_status="draft")
    made = campaign(world)
    actions.do_update_campaign(acting_user=office, campaign=made, data={"resolution": resolution})
    return made, circulated


def _approve(world, circulated) -> None:
    office = world.user("coalition_office")
    today = datetime.date.today()
    for n in (1, 2):
        do_enter_written_answer(acting_user=office, circulation=circulated,
                                organization=member(n), vote="approve", received_on=today)


def test_it_shows_no_resolution_before_adoption(world, client, adopted_campaign):
    made, _circulated = adopted_campaign
    text = client.get(url("campaigns_public:page", made)).content.decode()
    assert "Solidarity call" not in text and "Signatories as of" not in text


def test_it_shows_the_adopted_text_its_checked_translation_and_the_signatories(
        world, client, adopted_campaign):
    made, circulated = adopted_campaign
    _approve(world, circulated)
    do_sign_later(acting_user=world.user("coalition_office"), resolution=circulated.resolution,
                  organization=member(3))
    text = client.get(url("campaigns_public:page", made)).content.decode()
    assert "Solidarity call" in text and "Signatories as of" in text
    assert "M1 — Member 1" in text and "later signatory" in text
    persian = client.get(url("campaigns_public:page", made) + "?lang=fa").content.decode()
    assert '<article lang="fa" dir="rtl">' in persian and "متن فارسی" in persian
    german = client.get(url("campaigns_public:page", made) + "?lang=de").content.decode()
    assert "Entwurf" not in german and "1. First." in german  # the original, not the draft
