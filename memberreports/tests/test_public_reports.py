"""The published reports on the public campaign page: without login, blurred photos only,
nothing unpublished, no alias, identity or writer."""

import io

from django.urls import reverse
from PIL import Image, ImageStat

from memberreports.actions import do_review_report, do_send_report, do_set_report_published
from memberreports.models import MemberReport
from memberreports.tests.images import FACE_BOX


def _publish(world, report):
    office = world.user("coalition_office")
    from campaigns.actions import do_set_campaign_published

    do_review_report(acting_user=office, report=report, status="accepted")
    do_set_report_published(acting_user=office, report=report, published=True)
    do_set_campaign_published(acting_user=office, campaign=report.campaign, published=True)


def test_it_shows_the_published_report_without_login_with_blurred_photos(client, world,
                                                                         sent_report):
    _publish(world, sent_report)
    do_send_report(acting_user=None, organization=world.orgs["rp"],
                   campaign=sent_report.campaign, component=None,
                   data={"text": "Unpublished secret meeting", "date": "2022-12-03",
                         "city": "Hidden Town", "country": "Nowhere"})

    page = client.get(reverse("campaigns_public:page", kwargs={"uid": sent_report.campaign.uid}))

    body = page.content.decode()
    assert page.status_code == 200 and "Leaflets at the gate" in body
    assert "Unpublished secret meeting" not in body and "Hidden Town" not in body
    assert 'loading="lazy"' in body and 'alt="the crowd"' in body
    assert not [alias for alias in world.people if alias in body]
    assert "Legal " not in body and "founder" not in body
    own = MemberReport.objects.get(sent_copy=sent_report)
    assert own.unit.name not in body
    crowd = sent_report.media.get(faces=1)
    small = client.get(reverse("memberreports:public_thumbnail", kwargs={"uid": crowd.uid}))
    assert small.status_code == 200 and f"{crowd.uid}/small.jpg" in body
    picture = Image.open(io.BytesIO(small.content)).convert("L")
    scale = picture.width / 600
    box = tuple(int(v * scale) for v in FACE_BOX)
    assert ImageStat.Stat(picture.crop(box)).var[0] < 300  # the drawn face, blurred flat
    assert not picture.getexif()


def test_it_gives_no_file_of_an_unpublished_report_to_anyone(client, world, sent_report):
    crowd = sent_report.media.get(faces=1)

    for name in ("memberreports:public_thumbnail", "memberreports:public_media"):
        assert client.get(reverse(name, kwargs={"uid": crowd.uid})).status_code == 404


def test_it_puts_the_published_report_into_the_campaigns_feed(client, world, sent_report):
    _publish(world, sent_report)

    feed = client.get(reverse("campaigns_public:feed", kwargs={"uid": sent_report.campaign.uid}))

    assert f"report-{sent_report.uid}" in feed.content.decode()
