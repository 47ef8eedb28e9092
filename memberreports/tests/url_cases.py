"""URL patterns of the member reports (see tests/url_walk.py), and the records the walk
needs: a campaign of the Test Coalition with a report from RP (a photo without a face and
one with a drawn face, waiting for the office), so that RP's users and the office have one
inside their scope and the Other Party's secretary has it outside."""

from __future__ import annotations

from campaigns.models import Campaign
from memberreports.models import ReportMedia, SentReport
from tests.url_walk import Case

CASES = {
    "memberreports:campaign_reports": Case(model=Campaign),
    "memberreports:send": Case(model=Campaign),
    "memberreports:detail": Case(model=SentReport),
    "memberreports:review": Case(model=SentReport, action="change", method="POST"),
    "memberreports:publish": Case(model=SentReport, action="change", method="POST"),
    "memberreports:media": Case(model=ReportMedia),
    "memberreports:held": Case(model=ReportMedia, action="change"),
    "memberreports:faces": Case(model=ReportMedia, action="change", method="POST"),
    "memberreports:public_media": Case(model=ReportMedia, public=True),
    "memberreports:public_thumbnail": Case(model=ReportMedia, public=True),
    "member-report-list": Case(model=None),
    "member-report-detail": Case(model=SentReport),
    "member-report-review": Case(model=SentReport, action="change", method="POST"),
    "member-report-publish": Case(model=SentReport, action="change", method="POST"),
    "report-media-list": Case(model=None),
    "report-media-detail": Case(model=ReportMedia),
    "report-media-faces": Case(model=ReportMedia, action="change", method="POST"),
}


def extend_world(world) -> None:
    from campaigns.actions import do_add_component, do_create_campaign
    from memberreports.actions import Upload, do_send_report
    from memberreports.tests.conftest import face_png, gps_jpeg

    office = world.user("coalition_office")
    campaign = do_create_campaign(acting_user=office, coalition=world.coalition, data={
        "title": "Walk campaign", "starts_on": "2022-12-01"})
    component = do_add_component(acting_user=office, campaign=campaign, title="Day of action")
    do_send_report(acting_user=None, organization=world.orgs["rp"], campaign=campaign,
                   component=component,
                   data={"text": "Leaflets at the gate", "date": "2022-12-02",
                         "city": "Nowhere City", "country": "Nowhere"},
                   uploads=[Upload(gps_jpeg()), Upload(face_png(), "crowd")])
