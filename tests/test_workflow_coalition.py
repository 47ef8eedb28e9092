"""A coalition's campaign from circulation to the published report, across the pages and
the REST API: the office drafts a resolution and circulates it under an adoption rule; two
member organizations answer (one on the page, one through ``POST /api/answers/``) and the
resolution is adopted exactly at the rule; a third, registered by the office, signs later;
the office makes a campaign for it (a component, a day of action) and publishes it; a
member announces an action and sends a report with a GPS-tagged photo, which the office
accepts and publishes; the public page then shows all of it, the photo without EXIF, and
nothing of the test world's units, aliases or usernames."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from access.actions import do_grant_role
from accounts.models import User
from campaigns.models import ActionAnnouncement, Campaign
from campaigns.tests.helpers import url
from coalitions.models import CoalitionResolution
from memberreports.models import SentReport
from memberreports.tests.images import plain_photo, with_gps_exif
from nucleus.templatetags.nucleus_dates import ndate
from organizations.actions import do_set_membership
from tests.cast import PASSWORD

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def _body(response) -> str:
    return response.content.decode()


def _acting_user(world, name: str, unit) -> User:
    """A user acting for the unit's organization toward its coalitions (international work)."""
    user = User.objects.create_user(name, password=PASSWORD)
    do_grant_role(acting_user=None, user=user, unit=unit, kind="member",
                  international_work=True)
    return user


def test_it_runs_a_campaign_from_circulation_to_the_published_report(world, login, settings,
                                                                    tmp_path):
    settings.DATA_DIR = tmp_path
    office = world.user("coalition_office")
    coalition = world.coalition
    rp, op, profile = world.orgs["rp"], world.orgs["op"], world.orgs["profile"]
    do_set_membership(acting_user=office, coalition=coalition, organization=op,
                      data={"status": "member"})
    for_rp = _acting_user(world, "rp-international", world.units["cell_a"])
    for_op = _acting_user(world, "op-international", world.units["cell_x"])

    # The office drafts, sets the rule (two approvals) and circulates to every member.
    client = login(office)
    response = client.post(reverse("coalitions:draft", kwargs={"uid": coalition.uid}), {
        "kind": "joint_statement", "title": "Hands off the strikers", "language": "en",
        "body": "The coalition stands with the strikers.", "points": "Solidarity\nFunds"})
    assert response.status_code == 302
    resolution = CoalitionResolution.objects.get(title="Hands off the strikers")
    detail_url = reverse("coalitions:resolution_detail", kwargs={"uid": resolution.uid})
    assert login(for_rp).get(detail_url).status_code == 404  # a draft is the office's
    client = login(office)
    assert client.post(reverse("coalitions:adoption_rule", kwargs={"uid": coalition.uid}), {
        "kind": "approvals", "approvals": "2"}).status_code == 302
    response = client.post(reverse("coalitions:circulate", kwargs={"uid": resolution.uid}), {
        "deadline": (TODAY + datetime.timedelta(days=9)).isoformat()})
    assert response.status_code == 302
    resolution.refresh_from_db()
    circulation = resolution.circulation
    assert resolution.status == "circulated"
    assert set(circulation.organizations.all()) == {rp, op, profile}

    # RP answers on the page: one approval of two, not adopted.
    client = login(for_rp)
    assert client.get(detail_url).status_code == 200
    response = client.post(reverse("coalitions:answer", kwargs={"uid": resolution.uid}), {
        "organization": rp.uid, "vote": "approve", "comment": "We stand with them."})
    assert response.status_code == 302
    resolution.refresh_from_db()
    assert resolution.status == "circulated" and resolution.adopted_on is None
    assert not resolution.signatories.exists()
    assert "We stand with them." in _body(client.get(detail_url))

    # OP answers through the API: the second approval adopts it.
    response = login(for_op).post("/api/answers/", {
        "circulation": str(circulation.uid), "organization": str(op.uid), "vote": "approve"},
        content_type="application/json")
    assert response.status_code == 201, response.content
    resolution.refresh_from_db()
    assert resolution.status == "adopted" and resolution.adopted_on == TODAY
    assert set(resolution.signatories.values_list("organization", flat=True)) == {rp.pk, op.pk}

    # The Profile Org (registered by the office, no users) signs after the adoption: its
    # signature, received in writing, entered by the office on the sign page.
    response = login(office).post(reverse("coalitions:sign", kwargs={"uid": resolution.uid}),
                                  {"organization": profile.uid, "signed_on": TODAY.isoformat()})
    assert response.status_code == 302
    later = resolution.signatories.get(organization=profile)
    assert later.later and later.signed_on == TODAY

    # The office's campaign for the resolution: a component, a day of action, published.
    client = login(office)
    response = client.post(reverse("campaigns:create", kwargs={"uid": coalition.uid}), {
        "title": "Strike solidarity week", "resolution": resolution.uid, "language": "en",
        "starts_on": TODAY.isoformat(), "description": "A week of solidarity."})
    assert response.status_code == 302
    made = Campaign.objects.get(title="Strike solidarity week")
    assert made.resolution == resolution
    assert client.get(url("campaigns_public:page", made)).status_code == 200  # the preview
    assert client.post(url("campaigns:component_add", made), {
        "title": "Factory gate meetings", "description": "At the shift change."}
    ).status_code == 302
    day = TODAY + datetime.timedelta(days=3)
    assert client.post(url("campaigns:day_of_action", made), {
        "starts_on": day.isoformat()}).status_code == 302
    assert login(None).get(url("campaigns_public:page", made)).status_code == 404
    response = login(office).post(url("campaigns:publish", made), follow=True)
    assert "The public page is online." in _body(response)
    component = made.components.get()

    # RP announces an action; the office publishes it.
    response = login(for_rp).post(url("campaigns:announce", made), {
        "organization": rp.uid, "component": component.uid,
        "what": "Fictional: meeting at the north gate", "city": "Red City",
        "country": "Nowhere", "date": day.isoformat()})
    assert response.status_code == 302
    announcement = ActionAnnouncement.objects.get(campaign=made)
    assert "north gate" not in _body(login(None).get(url("campaigns_public:page", made)))
    assert login(office).post(url("campaigns:announcement_publish", announcement)
                              ).status_code == 302

    # RP sends a report with a photo carrying GPS EXIF; the office accepts and publishes it.
    photo = with_gps_exif(plain_photo())
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(0x8825)  # the phone's GPS
    response = login(for_rp).post(reverse("memberreports:send", kwargs={"uid": made.uid}), {
        "organization": rp.uid, "component": component.uid,
        "text": "Leaflets at the north gate", "date": TODAY.isoformat(),
        "city": "Red City", "country": "Nowhere",
        "uploads": [SimpleUploadedFile("gate.jpg", photo, content_type="image/jpeg")]})
    assert response.status_code == 302
    report = SentReport.objects.get(campaign=made)
    client = login(office)
    assert client.post(reverse("memberreports:review", kwargs={"uid": report.uid}),
                       {"status": "accepted"}).status_code == 302
    assert client.post(reverse("memberreports:publish", kwargs={"uid": report.uid}),
                       {"published": "1"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "accepted" and report.is_published

    # The public page, anonymous.
    anonymous = login(None)
    response = anonymous.get(f"/public/campaigns/{made.uid}/")
    assert response.status_code == 200
    page = _body(response)
    assert "Strike solidarity week" in page and "Hands off the strikers" in page
    assert "Solidarity" in page and "Funds" in page  # the points
    assert f"Signatories as of {ndate(TODAY)}" in page
    for org in (rp, op, profile):
        assert f"{org.acronym} — {org.name}" in page
    assert f"later signatory, {ndate(TODAY)}" in page
    assert "Factory gate meetings" in page and ndate(day) in page  # and the day of action
    assert "Fictional: meeting at the north gate" in page and "Red City" in page
    assert "Leaflets at the north gate" in page
    media = report.media.get()
    sources = re.findall(r'(?:src|href)="([^"]*' + str(media.uid) + r'[^"]*)"', page)
    assert sources
    for source in sources:
        served = anonymous.get(source)
        assert served.status_code == 200
        content = b"".join(served.streaming_content) if served.streaming else served.content
        picture = Image.open(io.BytesIO(content))
        assert not picture.getexif() and "exif" not in picture.info
        assert b"secret place" not in content and b"PhoneMaker" not in content
    for alias in world.people:
        assert alias not in page
    for unit in world.units.values():
        assert unit.name not in page
    for username in User.objects.values_list("username", flat=True):
        assert username not in page

    # The coalition office sees no unit of a member organization.
    unit_url = reverse("organizations:unit_detail", kwargs={"uid": world.units["cell_a"].uid})
    assert login(office).get(unit_url).status_code == 404
