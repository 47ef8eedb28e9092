import io

import pytest

from memberreports.tests.images import face_picture, plain_photo, with_gps_exif


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def campaign(world):
    from campaigns.actions import do_add_component, do_create_campaign

    office = world.user("coalition_office")
    made = do_create_campaign(acting_user=office, coalition=world.coalition, data={
        "title": "Test campaign", "starts_on": "2022-12-01"})
    do_add_component(acting_user=office, campaign=made, title="Educational work")
    return made


@pytest.fixture
def sender(world):
    """The secretary of RP's top unit (the founder), who acts for RP toward the coalition."""
    from accounts.models import User

    user = User.objects.get(username="founder")
    if hasattr(user.roles.first(), "international_work"):
        user.roles.update(international_work=True)
    return user


def face_png() -> bytes:
    out = io.BytesIO()
    face_picture().save(out, format="PNG")
    return out.getvalue()


def gps_jpeg() -> bytes:
    return with_gps_exif(plain_photo())


@pytest.fixture
def sent_report(world, campaign, sender):
    from memberreports.actions import Upload, do_send_report

    return do_send_report(
        acting_user=sender, organization=world.orgs["rp"], campaign=campaign,
        component=campaign.components.first(),
        data={"text": "Leaflets at the gate", "date": "2022-12-02", "city": "Nowhere City",
              "country": "Nowhere"},
        uploads=[Upload(gps_jpeg(), "the gate"), Upload(face_png(), "the crowd")])


@pytest.fixture
def send(world, campaign, sender):
    """``send(*uploads)``: a report from RP, as its founder sends it."""
    from memberreports.actions import do_send_report

    def _send(*uploads):
        return do_send_report(
            acting_user=sender, organization=world.orgs["rp"], campaign=campaign,
            component=None, data={"text": "Leaflets at the gate", "date": "2022-12-02",
                                  "city": "Nowhere City", "country": "Nowhere"},
            uploads=list(uploads))
    return _send
