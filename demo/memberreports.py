"""A fictional member report for ICOR's campaign: the Russian Maoist Party reports leaflets
at a factory gate, with a photo drawn here (not a real one: a gate, a banner and a drawn face)
that carries a fake EXIF GPS position and device before it is sent, so the demo shows both
gone and the face blurred. Built through the actions: sent, accepted and published by the
office. Finds before creating: loading twice creates nothing."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

from PIL import Image, ImageDraw, ImageFilter

from access import dbwall
from campaigns.models import Campaign
from jobs.models import Job
from jobs.runner import execute
from memberreports import tasks
from memberreports.actions import (
    Upload,
    do_review_report,
    do_send_report,
    do_set_report_published,
)
from memberreports.models import SentReport
from organizations.models import Coalition, Organization

REPORT_TEXT = ("Fictional: leaflets at a factory gate in Moscow. Members of the party handed "
               "out the campaign's leaflet at the morning shift change and talked with workers "
               "about the uprising in Iran.")
CITY, COUNTRY, DAY, COMPONENT = "Moscow", "Russia", date(2022, 12, 5), 1
CAPTION = "Fictional: the factory gate at the shift change (a drawing)"
#: A made-up position (the Kremlin's square, not a gate) and a made-up phone.
FAKE_GPS = {1: "N", 2: (55.0, 45.0, 21.0), 3: "E", 4: (37.0, 37.0, 4.0)}


def generated_photo() -> bytes:
    """A drawing of a gate with a banner and a face beside it, saved as a phone would: with
    EXIF GPS, device and time."""
    image = Image.new("RGB", (640, 420), (150, 170, 190))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 300, 640, 420], fill=(90, 90, 90))  # the street
    draw.rectangle([330, 80, 620, 300], fill=(110, 80, 60))  # the gate
    for x in range(345, 620, 30):
        draw.rectangle([x, 80, x + 8, 300], fill=(60, 40, 30))
    draw.rectangle([350, 40, 600, 75], fill=(190, 30, 30))  # the banner
    draw.text((370, 50), "SOLIDARITY", fill=(255, 255, 255))
    cx, cy = 170, 200  # the drawn face
    draw.ellipse([cx - 75, cy - 95, cx + 75, cy + 95], fill=(225, 190, 160))
    for side in (-1, 1):
        x = cx + side * 35
        draw.rectangle([x - 22, cy - 52, x + 22, cy - 44], fill=(60, 40, 30))
        draw.ellipse([x - 16, cy - 35, x + 16, cy - 17], fill=(250, 250, 250))
        draw.ellipse([x - 8, cy - 34, x + 8, cy - 18], fill=(30, 20, 20))
    draw.polygon([(cx, cy - 15), (cx - 12, cy + 25), (cx + 12, cy + 25)], fill=(200, 160, 130))
    draw.ellipse([cx - 35, cy + 45, cx + 35, cy + 62], fill=(150, 60, 60))
    image = image.filter(ImageFilter.GaussianBlur(2))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "DemoPhone", "Fictional Model 1"
    exif[0x0132] = "2022:12:05 07:45:00"
    gps = exif.get_ifd(0x8825)
    for key, value in FAKE_GPS.items():
        gps[key] = value
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, quality=88)
    return out.getvalue()


def build_member_reports(icor: Coalition, say: Callable[[str], None]) -> int:
    """The report, sent, accepted and published; returns how many records were created."""
    campaign = Campaign.objects.filter(coalition=icor).order_by("starts_on").first()
    rmp = Organization.objects.filter(acronym="RMP").first()
    if campaign is None or rmp is None:
        say("Member reports: no ICOR campaign or no RMP, nothing built.")
        return 0
    if SentReport.objects.filter(campaign=campaign, organization=rmp,
                                 text=REPORT_TEXT).exists():
        return 0
    report = do_send_report(
        acting_user=None, organization=rmp, campaign=campaign,
        component=campaign.components.filter(number=COMPONENT).first(),
        data={"text": REPORT_TEXT, "date": DAY, "city": CITY, "country": COUNTRY,
              "signed_as": ""},
        uploads=[Upload(generated_photo(), CAPTION)])
    if report.media_processing:  # queued for a worker: the demo runs its photo's job here
        job = Job.objects.get(kind=tasks.KIND, subject_uid=report.uid)
        with dbwall.system_scope():
            execute(job.pk)
        report.refresh_from_db()
    do_review_report(acting_user=None, report=report, status=SentReport.Status.ACCEPTED)
    do_set_report_published(acting_user=None, report=report, published=True)
    faces = sum(item.faces for item in report.media.all())
    say(f"Member reports: 1 published report from RMP, {faces} face(s) blurred.")
    return 3  # the unit's record, the coalition's copy, its photo
