"""Importing a signatory list: the preview saves nothing and names unreadable lines; confirming
twice changes nothing the second time."""

import pytest
from django.urls import reverse

from organizations.models import CoalitionMembership, Organization

pytestmark = pytest.mark.django_db

TEXT = ("Signatories (as of 28 November 2022):\n"
        "1. MLPD   Marxistisch-Leninistische Partei Deutschlands (Marxist-Leninist Party of "
        "Germany)\n2. RP   Red Party\nnot a signatory line\n"
        "Subsequent signatories:\nTKP-ML Türkiye Komünist Partisi (Communist Party of Turkey)\n")


def _url(world) -> str:
    return reverse("coalitions:signatory_import", kwargs={"uid": world.coalition.uid})


def test_it_previews_without_saving_and_names_the_unreadable_line(world, login):
    count = Organization.objects.count()
    body = login(world.user("coalition_office")).post(
        _url(world), {"text": TEXT, "preview": ""}).content.decode()
    assert "Preview: nothing is saved yet" in body and "line 4" in body
    assert "acronym and name" in body and "no match: registered as a new organization" in body
    assert Organization.objects.count() == count


def test_it_confirms_once(world, login):
    client = login(world.user("coalition_office"))
    assert client.post(_url(world), {"text": TEXT, "confirm": ""}).status_code == 302
    signatories = CoalitionMembership.objects.filter(coalition=world.coalition,
                                                     status="signatory")
    assert set(signatories.values_list("organization__acronym", flat=True)) == {"MLPD",
                                                                                "TKP-ML"}
    count = Organization.objects.count()
    assert client.post(_url(world), {"text": TEXT, "confirm": ""}).status_code == 302
    assert Organization.objects.count() == count and signatories.count() == 2


def test_it_answers_404_to_anyone_but_the_office(world, login):
    for name in ("cell_secretary", "outsider"):
        assert login(world.user(name)).get(_url(world)).status_code == 404
