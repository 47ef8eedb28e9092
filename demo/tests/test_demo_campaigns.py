"""ICOR's campaign in the demo: the six components parsed from 003, the day of action (the
window, then the fictional fixed date), the resolution's text in the material package, the
fictional published actions, the public page; loading twice creates nothing."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from campaigns.models import Campaign
from demo.builder import ICOR_NAME, build_demo
from demo.campaigns import FIXED_DAY, WINDOW_TEXT, build_campaigns, parse_components
from demo.seed_text import SeedError
from demo.seeds import load_seeds, read_seed
from organizations.models import Coalition


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path_factory):
    settings.DATA_DIR = tmp_path_factory.getbasetemp() / "demo-campaigns-data"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.test import override_settings

    data = tmp_path_factory.getbasetemp() / "demo-campaigns-data"
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DATA_DIR=data):
        yield build_demo()
        transaction.set_rollback(True)


@pytest.fixture
def built(demo, db):
    return demo


def _seed() -> str:
    return read_seed(settings.NUCLEUS_SEEDS_DIR, "003")[1]


def test_it_parses_the_six_components_of_003():
    components = parse_components(_seed())
    assert len(components) == 6
    assert components[0].title.startswith("Broad educational work about the revolutionary")
    assert components[0].description.startswith("For this purpose")
    assert components[5].title.startswith("A joint one-time worldwide day of action")
    assert WINDOW_TEXT in components[5].title


def test_it_refuses_a_text_without_the_list_or_with_a_stray_line():
    with pytest.raises(SeedError, match="no list of components"):
        parse_components("nothing here")
    with pytest.raises(SeedError, match="does not start with"):
        parse_components("with the following components:\n  - a dash\nSignatories (as of")


def test_it_builds_the_icor_campaign(built):
    campaign = Campaign.objects.get(coalition__name=ICOR_NAME)
    assert str(campaign.starts_on) == "2022-12-01" and campaign.is_published
    assert campaign.components.count() == 6
    days = list(campaign.days_of_action.order_by("created_at", "pk"))
    assert [d.window_text for d in days] == [WINDOW_TEXT, ""]
    assert campaign.day_of_action.starts_on == FIXED_DAY and "Fictional" in days[-1].note
    material = campaign.materials.get()
    assert (material.file_type, material.public, material.language) == ("text/plain", True, "en")
    actions = campaign.announcements.filter(published=True)
    assert actions.count() == 4 and all(a.what.startswith("Fictional:") for a in actions)


def test_loading_twice_creates_nothing(built):
    icor = Coalition.objects.get(name=ICOR_NAME)
    assert build_campaigns(icor, load_seeds(settings.NUCLEUS_SEEDS_DIR).icor, print) == 0


def test_its_public_page_shows_the_campaign_to_anyone(built, client):
    campaign = Campaign.objects.get(coalition__name=ICOR_NAME)
    text = client.get(reverse("campaigns_public:page", kwargs={"uid": campaign.uid})) \
        .content.decode()
    assert "Fictional: rally in solidarity with the uprising" in text
    assert "Gelsenkirchen" in text and "The resolution (text of the call)" in text


def test_a_long_first_sentence_is_shortened_and_kept_whole_in_the_description():
    second = parse_components(_seed())[1]
    assert second.title.endswith("…") and len(second.title) <= 150
    assert second.description.startswith("Deeper ideological-political discussion")
    assert second.description.endswith("socialist revolution.)")
