"""Editing a finding of a draft review."""

import pytest
from django.urls import reverse

from reviews.models import Finding

pytestmark = pytest.mark.django_db


def _url(finding) -> str:
    return reverse("reviews:finding_edit", kwargs={"uid": finding.uid})


def test_it_shows_and_changes_the_finding(world, reviews, login):
    finding = reviews.findings["a_draft"]
    client = login(world.user("cell_secretary"))
    assert client.get(_url(finding)).context["form"]["text"].value() == finding.text
    response = client.post(_url(finding), {
        "kind": "success", "text": "The petition was signed.", "reasons": "",
        "conditions": "", "version": finding.version})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.kind, finding.text) == ("success", "The petition was signed.")


def test_it_keeps_a_concluded_reviews_finding(world, reviews, login):
    finding = reviews.findings["a_sent"]
    page = login(world.user("cell_secretary")).post(_url(finding), {
        "kind": "success", "text": "Rewritten.", "version": finding.version})
    assert "This review is concluded" in page.content.decode()
    assert Finding.objects.get(pk=finding.pk).text == finding.text


@pytest.mark.parametrize("name", ["cell_member", "committee_member", "overseer"])
def test_it_answers_404_to_who_may_not_change_it(world, reviews, login, name):
    assert login(world.user(name)).get(_url(reviews.findings["a_sent"])).status_code == 404
