"""Writing a resolution (numbered points, the organizations it is about, the adopting
decision), editing it, and publishing it on the profile."""

import pytest
from django.urls import reverse

from organs.models import PublishedResolution, Resolution

pytestmark = pytest.mark.django_db


def test_it_writes_the_points_in_order(world, organs, login):
    client = login(world.user("cell_secretary"))
    decision = organs.motions["cell_a"].decision
    client.post(reverse("organs:resolution_create", kwargs={"uid": world.units["cell_a"].uid}),
                {"title": "On the Profile Org", "points": "1. First.\n\n2) Second.\n\nThird.",
                 "about": [str(world.orgs["rp"].uid)], "decision": str(decision.uid)})
    resolution = Resolution.objects.get(title="On the Profile Org")
    assert [(p.number, p.text) for p in resolution.points.all()] == [
        (1, "First."), (2, "Second."), (3, "Third.")]
    assert resolution.decision == decision


def test_it_refuses_a_decision_of_another_organization(world, organs, login):
    # Cell X's decision is outside the choices: "not one of the available choices".
    page = login(world.user("cell_secretary")).post(
        reverse("organs:resolution_create", kwargs={"uid": world.units["cell_a"].uid}),
        {"title": "T", "points": "P", "decision": str(organs.motions["cell_x"].decision.uid)})
    assert page.status_code == 200 and "decision" in page.context["form"].errors


def test_it_edits_and_publishes_again(world, organs, login):
    resolution = organs.resolutions["cell_a"]
    client = login(world.user("cell_secretary"))
    client.post(reverse("organs:resolution_edit", kwargs={"uid": resolution.uid}), {
        "title": "On the fund", "points": "Only one.", "version": resolution.version,
        "decision": str(resolution.decision.uid)})
    client.post(reverse("organs:resolution_publish", kwargs={"uid": resolution.uid}))
    resolution.refresh_from_db()
    copy = PublishedResolution.objects.get(pk=resolution.published_id)
    assert (copy.title, [p.text for p in copy.points.all()]) == ("On the fund", ["Only one."])


def test_it_refuses_to_publish_an_unadopted_unsigned_resolution(world, login):
    client = login(world.user("cell_secretary"))
    client.post(reverse("organs:resolution_create", kwargs={"uid": world.units["cell_a"].uid}),
                {"title": "Draft", "points": "One."})
    draft = Resolution.objects.get(title="Draft")
    page = client.post(reverse("organs:resolution_publish", kwargs={"uid": draft.uid}),
                       follow=True)
    assert "Only an adopted or signed resolution is published" in page.content.decode()
    assert Resolution.objects.get(pk=draft.pk).published_id is None
