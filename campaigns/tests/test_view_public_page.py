"""The public campaign page: no login, only what is published or public, its languages with
right to left where needed, light, no third-party request."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

from campaigns import actions
from campaigns.tests.helpers import announce, campaign, url

pytestmark = pytest.mark.django_db

MISSING = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def test_it_shows_a_published_campaign_to_anyone(world, client, data_dir):
    made = campaign(world)
    actions.do_set_day_of_action(acting_user=None, campaign=made, starts_on=made.starts_on,
                                 ends_on=made.starts_on.replace(day=10),
                                 window_text="beginning of December")
    actions.do_set_day_of_action(acting_user=None, campaign=made,
                                 starts_on=made.starts_on.replace(day=10))
    announce(world, made, what="Fictional: rally at the harbour", published=True)
    announce(world, made, what="Fictional: secret meeting")  # not published
    actions.do_add_material(acting_user=None, campaign=made, title="Slogans", kind="slogan",
                            language="en", content=b"Down with the regime!\n", public=True)
    actions.do_add_material(acting_user=None, campaign=made, title="Office notes",
                            kind="document", language="en", content=b"internal\n")
    response = client.get(url("campaigns_public:page", made))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Solidarity with Iran" in text and "Educational work" in text
    assert "Fictional: rally at the harbour" in text and "Red City" in text
    assert "secret meeting" not in text
    assert "Slogans" in text and "Office notes" not in text
    assert "beginning of December" in text  # the window stays in the history
    assert 'dir="ltr"' in text and "<script" not in text


def test_it_never_shows_an_alias_an_identity_or_a_unit(world, client, data_dir):
    made = campaign(world)
    announce(world, made, published=True)
    text = client.get(url("campaigns_public:page", made)).content.decode()
    for person in world.people.values():
        assert person.alias not in text
    assert "Legal " not in text and "+98" not in text and "@example.org" not in text
    for unit in world.units.values():
        assert f">{unit.name}<" not in text and unit.name not in text
    assert "cell_secretary" not in text and "coalition_office" not in text


def test_it_answers_404_for_an_unpublished_or_missing_campaign(world, client):
    draft = campaign(world, published=False)
    assert client.get(url("campaigns_public:page", draft)).status_code == 404
    assert client.get(url("campaigns_public:feed", draft)).status_code == 404
    assert client.get(f"/public/campaigns/{MISSING}/").status_code == 404


def test_it_shows_the_office_a_preview_before_publishing(world, login):
    draft = campaign(world, published=False)
    text = login(world.user("coalition_office")).get(
        url("campaigns_public:page", draft)).content.decode()
    assert "Preview: this campaign is not published" in text
    outsider = login(world.user("outsider"))
    assert outsider.get(url("campaigns_public:page", draft)).status_code == 404


def test_it_is_right_to_left_in_persian_and_names_each_language_in_its_own(world, client):
    made = campaign(world)
    text = client.get(url("campaigns_public:page", made) + "?lang=fa").content.decode()
    assert '<html lang="fa" dir="rtl">' in text
    assert "فارسی" in text and "English" in text and "العربيّة" in text
    # The campaign's own English text keeps its direction inside the Persian page.
    assert 'lang="en" dir="ltr">Solidarity with Iran' in text
    english = client.get(url("campaigns_public:page", made) + "?lang=xx").content.decode()
    assert '<html lang="en" dir="ltr">' in english


def test_it_weighs_less_than_150_kib_with_its_stylesheet(world, client):
    made = campaign(world)
    for n in range(60):
        announce(world, made, what=f"Fictional: rally number {n} in solidarity", published=True)
    html = client.get(url("campaigns_public:page", made) + "?lang=fa").content
    css = open(finders.find("campaigns/public.css"), "rb").read()
    assert len(html) + len(css) <= 150 * 1024
    # Nothing from another host: every link and source is on this site.
    assert not re.findall(rb'(?:href|src)="(?:https?:)?//', html)


def test_its_feed_is_atom_with_the_published_actions_only(world, client):
    made = campaign(world)
    announce(world, made, what="Fictional: rally at the harbour", published=True)
    announce(world, made, what="Fictional: secret meeting")
    response = client.get(url("campaigns_public:feed", made))
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert 'xmlns="http://www.w3.org/2005/Atom"' in body and body.startswith("<?xml")
    assert body.count("<entry>") == 1 and "rally at the harbour" in body
    assert "secret meeting" not in body


def test_it_gives_a_public_file_to_anyone_and_an_internal_one_to_members(world, client, login,
                                                                         data_dir):
    made = campaign(world)
    public = actions.do_add_material(acting_user=None, campaign=made, title="Slogans",
                                     kind="slogan", language="en", content=b"Slogans\n",
                                     public=True)
    internal = actions.do_add_material(acting_user=None, campaign=made, title="Notes",
                                       kind="document", language="en", content=b"Notes\n")
    response = client.get(url("campaigns_public:material", public))
    assert response.status_code == 200 and response.content == b"Slogans\n"
    assert response["Content-Disposition"] == 'attachment; filename="Slogans.txt"'
    assert client.get(url("campaigns_public:material", internal)).status_code == 404
    member = login(world.user("cell_member"))  # the Red Party is a member of the coalition
    assert member.get(url("campaigns_public:material", internal)).content == b"Notes\n"
    assert login(world.user("outsider")).get(
        url("campaigns_public:material", internal)).status_code == 404
