"""The office drafts, sets the rule and circulates through the pages; a draft is read by the
office alone until circulated; a refusal (no rule yet) comes back on the form."""

import datetime

import pytest
from django.urls import reverse

from coalitions.models import CoalitionResolution

pytestmark = pytest.mark.django_db


def test_it_drafts_sets_the_rule_and_circulates(world, login):
    client = login(world.user("coalition_office"))
    uid = world.coalition.uid
    response = client.post(reverse("coalitions:draft", kwargs={"uid": uid}), {
        "kind": "joint_statement", "title": "May Day", "language": "en", "body": "Text.",
        "points": "One\nTwo"})
    assert response.status_code == 302
    draft = CoalitionResolution.objects.get(title="May Day")
    assert list(draft.original.points.values_list("body", flat=True)) == ["One", "Two"]
    detail = reverse("coalitions:resolution_detail", kwargs={"uid": draft.uid})
    assert login(world.user("cell_member")).get(detail).status_code == 404
    client = login(world.user("coalition_office"))
    circulate = reverse("coalitions:circulate", kwargs={"uid": draft.uid})
    deadline = (datetime.date.today() + datetime.timedelta(days=9)).isoformat()
    response = client.post(circulate, {"deadline": deadline})
    assert "Set the coalition&#x27;s adoption rule first." in response.content.decode()
    assert client.post(reverse("coalitions:adoption_rule", kwargs={"uid": uid}), {
        "kind": "share", "share_percent": "50"}).status_code == 302
    assert client.post(circulate, {"deadline": deadline}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "circulated" and draft.circulation.organizations.count() == 2
    assert login(world.user("cell_member")).get(detail).status_code == 200
